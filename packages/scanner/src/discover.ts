import type { Dirent, Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeKind, type FileReader } from '@privlint/core';
import { GitignoreChain, maxRulesPerFile } from './gitignore.js';
import { compareStrings, isDeclarationFile, isInside, isJsFile, isSourceFile } from './paths.js';
import { decode, HEAD_BYTES, reasonFromHead, reasonFromName } from './sniff.js';
import type { ProgressEvent, ProjectProblem, SkippedFile, SkipReason } from './types.js';

/** Folders of build output wherever they are. */
const BUILD_FOLDERS_ANYWHERE = new Set(['.next', 'coverage']);
/**
 * Folders that are build output when they sit at a package root (next to a package.json or tsconfig.json, or at the
 * scan root). Deeper down, `build/` or `out/` is as likely a source folder (`src/build/`), so it is kept.
 */
const BUILD_FOLDERS_AT_PACKAGE_ROOT = new Set(['dist', 'build', 'out']);
const PACKAGE_MARKERS = ['package.json', 'tsconfig.json', 'jsconfig.json'];
/**
 * Files read as data besides sources, whose refusal the walk reports (a FIFO or a device under one of these names is
 * never opened). `.gitignore`, the manifest and the workspace files are reported by their readers instead.
 */
const DATA_FILES = new Set(['tsconfig.json', 'jsconfig.json', 'package.json']);
/** A `.gitignore` is a page of patterns. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;
// A file judged regular a moment ago is opened without following a link and without waiting on a FIFO.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface DiscoveredFile {
  /** Absolute, native separators. */
  readonly path: string;
  readonly relPath: string;
  /** The file's real path (symbolic links resolved), to keep each file once. */
  readonly realPath: string;
}

export interface Discovery {
  /** Source files to scan, with their text; sorted by relPath. */
  readonly files: DiscoveredFile[];
  readonly texts: Map<string, string>;
  /** Declaration files inside the root: not scanned, but their types are part of the programs. */
  readonly declarations: DiscoveredFile[];
  /** Files skipped as generated: not scanned, but other files may import their types. */
  readonly generated: DiscoveredFile[];
  /** Absolute paths of files no program may load (binary, minified, too large, unreadable). */
  readonly unloadable: Set<string>;
  readonly skipped: SkippedFile[];
  /** Relative paths of the folders skipped whole. */
  readonly skippedDirs: Set<string>;
  /** Absolute paths of every tsconfig.json and jsconfig.json found. */
  readonly configs: string[];
  /** Absolute paths of every folder holding a package.json. */
  readonly packageDirs: string[];
  /** Prisma schemas (`*.prisma`) not ignored: read as data for the inventory's fields, never executed. */
  readonly prismaSchemas: { path: string; relPath: string }[];
  /** Files read as data that could not be (a `.gitignore` that is a FIFO). */
  readonly problems: ProjectProblem[];
}

export interface DiscoverOptions {
  readonly root: string;
  readonly isIgnored: (relPath: string, isDirectory: boolean) => boolean;
  readonly maxFileBytes: number;
  /** The boundary of the walk: a symbolic link whose target is outside it is skipped (unless it allows outside). */
  readonly reader: FileReader;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
}

interface Found extends DiscoveredFile {
  readonly declaration: boolean;
}

interface PendingLink {
  readonly path: string;
  readonly relPath: string;
  readonly chain: GitignoreChain | undefined;
}

/**
 * Walks the root once: applies the skip rules (node_modules, build output, .gitignore, `ignore` globs), follows each
 * symlinked folder at most once by real path, then reads each candidate file once, judging it from its first bytes
 * before keeping its text for the parser.
 */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const { root, isIgnored, onProgress, reader } = options;
  const rootReal = await realpath(root);
  const skipped: SkippedFile[] = [];
  const problems: ProjectProblem[] = [];
  const found: Found[] = [];
  const configs: string[] = [];
  const packageDirs: string[] = [];
  const prismaSchemas: { path: string; relPath: string }[] = [];
  const visited = new Set<string>([rootReal]);
  const links: PendingLink[] = [];
  const skippedDirs = new Set<string>();
  const skip = (relPath: string, reason: SkipReason, detail?: string): void => {
    skipped.push(detail === undefined ? { relPath, reason } : { relPath, reason, detail });
  };
  const skipDir = (relPath: string, reason: SkipReason, detail?: string): void => {
    skippedDirs.add(relPath);
    skip(relPath, reason, detail);
  };

  const walk = async (dir: string, relDir: string, realDir: string, parentChain: GitignoreChain | undefined) => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skip(relDir === '' ? '.' : relDir, 'unreadable', errorCode(error));
      return;
    }
    entries.sort((a, b) => compareStrings(a.name, b.name));
    let chain = parentChain;
    if (entries.some(entry => entry.name === '.gitignore' && !entry.isDirectory())) {
      const read = reader.readText(path.join(dir, '.gitignore'), { maxBytes: MAX_GITIGNORE_BYTES, refuseBinary: true });
      const relFile = relDir === '' ? '.gitignore' : `${relDir}/.gitignore`;
      if (read.ok) {
        const extended = GitignoreChain.extend(parentChain, relDir, read.text);
        chain = extended.chain;
        if (extended.dropped > 0) {
          problems.push({
            file: relFile,
            message: `${extended.dropped} of its rules not applied (invalid, or past the first ${maxRulesPerFile} of a file or 2,000 of a folder's chain); the files they name are scanned`,
          });
        }
      } else if (read.reason !== 'missing') problems.push({ file: relFile, message: `not read: it ${read.message}` });
    }
    const isPackageRoot = relDir === '' || entries.some(entry => PACKAGE_MARKERS.includes(entry.name));
    const subfolders: Promise<void>[] = [];
    for (const entry of entries) {
      const name = entry.name;
      const relPath = relDir === '' ? name : `${relDir}/${name}`;
      const absolute = path.join(dir, name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      let special: Stats | undefined;
      if (isLink) {
        let target: Stats;
        let real: string;
        try {
          target = await stat(absolute);
          real = await realpath(absolute);
        } catch (error) {
          if (isSourceFile(name)) skip(relPath, 'unreadable', `broken symbolic link (${errorCode(error)})`);
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
        if (!reader.contains(real)) {
          // Never followed: `usr -> /usr` or `r -> /` would scan, and report, the machine privlint runs on.
          if (isDirectory) skipDir(relPath, 'outside-root', outsideDetail(real));
          else if (isReported(name, relDir)) skip(relPath, 'outside-root', outsideDetail(real));
          continue;
        }
        if (!isDirectory && !isFile) special = target;
      } else if (!isDirectory && !isFile) {
        special = await stat(absolute).catch(() => undefined);
      }
      if (special) {
        // A FIFO would block the read for ever and a device never ends: neither is opened, whatever its name.
        if (isReported(name, relDir)) skip(relPath, 'not-a-file', `${describeKind(special)}, not a regular file`);
        continue;
      }
      if (isDirectory) {
        if (name === '.git') skipDir(relPath, 'ignored', 'version control folder');
        else if (name === 'node_modules') skipDir(relPath, 'node-modules');
        else if (BUILD_FOLDERS_ANYWHERE.has(name) || (isPackageRoot && BUILD_FOLDERS_AT_PACKAGE_ROOT.has(name))) {
          skipDir(relPath, 'build-output');
        } else if (chain?.ignores(relPath, true)) skipDir(relPath, 'gitignored');
        else if (isIgnored(relPath, true)) skipDir(relPath, 'ignored', 'matches an `ignore` glob');
        else if (isLink) links.push({ path: absolute, relPath, chain });
        else {
          const real = path.join(realDir, name);
          visited.add(real);
          subfolders.push(walk(absolute, relPath, real, chain));
        }
        continue;
      }
      if (!isFile) continue;
      if (name === 'tsconfig.json' || name === 'jsconfig.json') configs.push(absolute);
      if (name === 'package.json') packageDirs.push(dir);
      if (name.endsWith('.prisma') && !chain?.ignores(relPath, false) && !isIgnored(relPath, false)) {
        prismaSchemas.push({ path: absolute, relPath });
      }
      if (!isSourceFile(name)) continue;
      if (chain?.ignores(relPath, false)) skip(relPath, 'gitignored');
      else if (isIgnored(relPath, false)) skip(relPath, 'ignored', 'matches an `ignore` glob');
      else {
        const real = isLink ? await realpath(absolute).catch(() => absolute) : path.join(realDir, name);
        found.push({ path: absolute, relPath, realPath: real, declaration: isDeclarationFile(name) });
        if (onProgress && found.length % 500 === 0)
          onProgress({ phase: 'discover', done: found.length, total: found.length });
      }
    }
    await Promise.all(subfolders);
  };

  await walk(root, '', rootReal, undefined);

  // Symlinked folders last and one at a time, in path order: a folder reachable both directly and through a link is
  // then always scanned at its real place, and the outcome does not depend on which readdir finished first.
  while (links.length > 0) {
    links.sort((a, b) => compareStrings(b.relPath, a.relPath));
    const link = links.pop()!;
    let real: string;
    try {
      real = await realpath(link.path);
    } catch (error) {
      skipDir(link.relPath, 'unreadable', `broken symbolic link (${errorCode(error)})`);
      continue;
    }
    if (!reader.contains(real)) {
      skipDir(link.relPath, 'outside-root', outsideDetail(real));
      continue;
    }
    if (visited.has(real) || isInside(real, rootReal)) {
      skipDir(link.relPath, 'symlink-loop', `links to ${describeTarget(rootReal, real)}, already scanned`);
      continue;
    }
    visited.add(real);
    await walk(link.path, link.relPath, real, link.chain);
  }

  found.sort((a, b) => compareStrings(a.relPath, b.relPath));
  const files: DiscoveredFile[] = [];
  const declarations: DiscoveredFile[] = [];
  const byReal = new Map<string, string>();
  const toRead: Found[] = [];
  for (const file of found) {
    const first = byReal.get(file.realPath);
    if (first !== undefined) {
      skip(file.relPath, 'symlink-loop', `same file as ${first}`);
      continue;
    }
    byReal.set(file.realPath, file.relPath);
    if (file.declaration) {
      skip(file.relPath, 'declaration');
      declarations.push(file);
    } else toRead.push(file);
  }

  const texts = new Map<string, string>();
  const unloadable = new Set<string>();
  const generated: DiscoveredFile[] = [];
  toRead.forEach((file, index) => {
    const outcome = readCandidate(file.path, file.realPath, options.maxFileBytes);
    onProgress?.({ phase: 'discover', done: index + 1, total: toRead.length, file: file.relPath });
    if ('text' in outcome) {
      texts.set(file.path, outcome.text);
      files.push(file);
      return;
    }
    skip(file.relPath, outcome.reason, outcome.detail);
    if (outcome.reason === 'generated') generated.push(file);
    else unloadable.add(file.path);
  });

  skipped.sort((a, b) => compareStrings(a.relPath, b.relPath));
  configs.sort(compareStrings);
  packageDirs.sort(compareStrings);
  prismaSchemas.sort((a, b) => compareStrings(a.relPath, b.relPath));
  return {
    files,
    texts,
    declarations,
    generated,
    unloadable,
    skipped,
    skippedDirs,
    configs,
    packageDirs,
    prismaSchemas,
    problems,
  };
}

/** Whether a file the walk does not read is still worth a line among the skipped ones. */
function isReported(name: string, relDir: string): boolean {
  if (name === 'package.json') return relDir !== '';
  return isSourceFile(name) || DATA_FILES.has(name) || name.endsWith('.prisma');
}

function outsideDetail(real: string): string {
  return `links to ${real}, outside the project (--read-outside-root follows it)`;
}

type ReadOutcome = { text: string } | { reason: SkipReason; detail: string };

/**
 * Reads a file once: its head only when it is over the size limit (a 50 MB bundle costs 64 KB), else the whole
 * file, judged from its first bytes and kept as text for the parser. Synchronous on purpose: for thousands of small
 * files, Node's synchronous calls measured four times faster than the promise API (no thread-pool round trips).
 */
function readCandidate(file: string, realPath: string, maxFileBytes: number): ReadOutcome {
  const byName = reasonFromName(path.basename(file));
  if (byName) return byName;
  let fd: number | undefined;
  try {
    fd = openSync(realPath, OPEN_FLAGS);
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { reason: 'not-a-file', detail: `${describeKind(stats)}, not a regular file` };
    const { size } = stats;
    if (size > maxFileBytes) {
      const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
      const bytesRead = readSync(fd, head, 0, head.length, 0);
      const judged = reasonFromHead(head.subarray(0, bytesRead), isJsFile(file));
      const sizeText = `${formatSize(size)}, limit ${formatSize(maxFileBytes)}`;
      if (judged) return { reason: judged.reason, detail: `${judged.detail}; ${sizeText}` };
      return { reason: 'too-large', detail: sizeText };
    }
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const bytesRead = readSync(fd, buffer, length, size - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    const content = buffer.subarray(0, length);
    const judged = reasonFromHead(
      content.length > HEAD_BYTES ? content.subarray(0, HEAD_BYTES) : content,
      isJsFile(file),
    );
    if (judged) return judged;
    return { text: decode(content) };
  } catch (error) {
    return { reason: 'unreadable', detail: errorCode(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function describeTarget(rootReal: string, real: string): string {
  return isInside(rootReal, real) ? `./${path.relative(rootReal, real).split(path.sep).join('/')}` : real;
}

export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return message.startsWith(`${error.code}:`) ? message.split(',')[0]! : error.code;
  }
  return String(error);
}
