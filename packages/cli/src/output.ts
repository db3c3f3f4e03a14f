import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, realpathSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A report cannot be written where asked: said in one line, exit code 2. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * Writes reports to `--output`: the file itself for one report, or fixed file names inside the folder for several
 * (or when the path is an existing folder). Nothing is written anywhere else: symlinks are never followed for the
 * written file (`O_NOFOLLOW`), and a file name can only be a reporter's own.
 */
export function writeOutputs(
  output: string,
  reports: readonly { name: string; text: string }[],
  forceFolder: boolean,
): string[] {
  const isFolder =
    forceFolder ||
    output.endsWith(path.sep) ||
    output.endsWith('/') ||
    (existsSync(output) && lstatSync(output).isDirectory());
  if (!isFolder) {
    writeReport(output, reports[0]!.text);
    return [output];
  }
  try {
    mkdirSync(output, { recursive: true });
  } catch (error) {
    throw new OutputError(
      `cannot create the output folder ${output}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const folder = realpathSync(output);
  return reports.map(({ name, text }) => {
    const target = path.join(folder, name);
    if (path.dirname(target) !== folder) throw new OutputError(`refusing to write ${name} outside ${output}`);
    writeReport(target, text);
    return target;
  });
}

/** Writes a file that must not exist yet (a starter privacy.yml). */
export function writeNewFile(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (error) {
    throw new OutputError(`cannot create ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function writeReport(file: string, text: string): void {
  if (existsSync(file) && lstatSync(file).isSymbolicLink()) {
    throw new OutputError(`refusing to write through the symbolic link ${file}`);
  }
  const parent = path.dirname(file);
  if (!existsSync(parent)) throw new OutputError(`the folder of ${file} does not exist`);
  let fd: number;
  try {
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0),
      0o644,
    );
  } catch (error) {
    throw new OutputError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
