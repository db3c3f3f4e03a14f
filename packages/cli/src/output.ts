import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describeKind, isInsideDir, lstatPath } from '@privlint/core';

/** A report cannot be written where asked: said in one line, exit code 2. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * Where the writer refuses links: folders the scanned repository (or the working directory, often the same checkout)
 * may hold. Inside them, a folder on the way to the file that is a symbolic link is refused, since a repository can
 * commit `reports -> /etc`. Above them are the user's own folders (`/tmp` is a link on macOS): not second-guessed.
 */
export type Anchors = readonly string[];

// The file itself is never a link (`O_NOFOLLOW`), and a FIFO put in its place never blocks the write (`O_NONBLOCK`).
const writeFlags = constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Writes reports to `--output`: the file itself for one report, or fixed file names inside the folder for several
 * (or when the path is an existing folder). Nothing is written anywhere else, and never through a symbolic link:
 * not the file, and not a folder on the way to it inside the anchors. Missing folders are created.
 */
export function writeOutputs(
  output: string,
  reports: readonly { name: string; text: string }[],
  forceFolder: boolean,
  anchors: Anchors = [],
): string[] {
  return clearly(output, () => write(output, reports, forceFolder, anchors));
}

/** Any failure of the file system on the way (EACCES on a folder, ELOOP) is said as one line, never a stack trace. */
function clearly<T>(output: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${output}: ${reason(error)}`);
  }
}

function write(
  output: string,
  reports: readonly { name: string; text: string }[],
  forceFolder: boolean,
  anchors: Anchors,
): string[] {
  const target = path.resolve(output);
  const existing = lstatPath(target);
  const isFolder =
    forceFolder || output.endsWith(path.sep) || output.endsWith('/') || (existing?.isDirectory() ?? false);
  if (!isFolder) {
    writeFile(target, reports[0]!.text, anchors, 'replace');
    return [target];
  }
  ensureFolder(target, anchors, true);
  return reports.map(({ name, text }) => {
    const file = path.join(target, name);
    if (path.dirname(file) !== target) throw new OutputError(`refusing to write ${name} outside ${output}`);
    writeFile(file, text, anchors, 'replace');
    return file;
  });
}

/** Writes a file that must not exist yet (a starter privacy.yml), with the same care. */
export function writeNewFile(file: string, text: string, anchors: Anchors = []): void {
  clearly(file, () => writeFile(path.resolve(file), text, anchors, 'create'));
}

/** The deepest anchor holding `file`: below it every folder on the way is checked. */
function anchorOf(file: string, anchors: Anchors): string | undefined {
  let best: string | undefined;
  for (const anchor of anchors.map(dir => path.resolve(dir))) {
    if (isInsideDir(anchor, file) && (best === undefined || anchor.length > best.length)) best = anchor;
  }
  return best;
}

/**
 * Creates the folder and its missing parents one at a time (a folder privlint creates is never a link), refusing a
 * link or a file on the way below the anchor; `named` when the folder is the `--output` folder itself, which must not
 * be a link wherever it is.
 */
function ensureFolder(folder: string, anchors: Anchors, named = false): void {
  const anchor = anchorOf(folder, anchors);
  const chain: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if ((anchor !== undefined && dir === anchor) || path.dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const info = lstatPath(dir);
    const checked = anchor !== undefined && dir !== anchor && isInsideDir(anchor, dir);
    if (info?.isSymbolicLink()) {
      if (checked || (named && dir === folder)) {
        throw new OutputError(`refusing to write through the symbolic link ${dir}`);
      }
      continue;
    }
    if (info) {
      if (!info.isDirectory()) throw new OutputError(`cannot write into ${dir}: it is not a folder`);
      continue;
    }
    try {
      mkdirSync(dir);
    } catch (error) {
      throw new OutputError(`cannot create the folder ${dir}: ${reason(error)}`);
    }
  }
}

function writeFile(file: string, text: string, anchors: Anchors, mode: 'replace' | 'create'): void {
  ensureFolder(path.dirname(file), anchors);
  const existing = lstatPath(file);
  if (existing?.isSymbolicLink()) throw new OutputError(`refusing to write through the symbolic link ${file}`);
  if (existing && mode === 'create') throw new OutputError(`cannot create ${file}: it already exists`);
  if (existing?.isDirectory()) throw new OutputError(`cannot write ${file}: it is a folder`);
  // A FIFO would block the write until someone reads it, and a device is not a report: only regular files.
  if (existing && !existing.isFile()) {
    throw new OutputError(`cannot write ${file}: it is ${describeKind(existing)}, not a regular file`);
  }
  let fd: number;
  try {
    fd = openSync(file, writeFlags | (mode === 'create' ? constants.O_EXCL : 0), 0o644);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') throw new OutputError(`refusing to write through the symbolic link ${file}`);
    throw new OutputError(`cannot ${mode === 'create' ? 'create' : 'write'} ${file}: ${reason(error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      throw new OutputError(`cannot write ${file}: it is ${describeKind(stats)}, not a regular file`);
    // Truncated only now that it is known to be a regular file to replace.
    if (stats.size > 0) ftruncateSync(fd, 0);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${file}: ${reason(error)}`);
  } finally {
    closeSync(fd);
  }
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** `no space left on device (ENOSPC)`: the system's words, without the path it repeats. */
function reason(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const text = code && message.startsWith(`${code}: `) ? message.slice(code.length + 2).split(',')[0]! : message;
  return code && !text.includes(code) ? `${text} (${code})` : text;
}
