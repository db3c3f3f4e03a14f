import type { Dirent, Stats } from 'node:fs';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Why a file was not read. Every file privlint opens comes from a repository it does not trust: a committed symbolic
 * link to `/dev/zero` must not fill the memory, a FIFO must not block, a link must not lead out of the project.
 */
export type ReadFailure =
  'missing' | 'directory' | 'not-a-file' | 'outside-root' | 'too-large' | 'binary' | 'unreadable';

export interface ReadError {
  readonly ok: false;
  readonly reason: ReadFailure;
  /** Says what the file is and why it was not read, without the file's name: `is a FIFO, not a regular file`. */
  readonly message: string;
  /** For `too-large`: the size found, in bytes (at least the limit plus one when the file grew while read). */
  readonly size?: number;
}

export interface FileInfo {
  readonly ok: true;
  readonly kind: 'file' | 'directory';
  /** The path with every symbolic link resolved. */
  readonly realPath: string;
  readonly size: number;
}

export interface ReadBytes {
  readonly ok: true;
  readonly bytes: Buffer;
  readonly realPath: string;
}

export interface ReadText {
  readonly ok: true;
  readonly text: string;
  readonly realPath: string;
}

export interface ReaderOptions {
  /**
   * The folder symbolic links may lead into (its real path is compared). Undefined for a file the user named on the
   * command line: it is read wherever it is, but it must still be a regular file of a bounded size.
   */
  readonly root?: string | undefined;
  /** Follow symbolic links (and tsconfig paths) out of `root` anyway: the user asked for it. */
  readonly allowOutside?: boolean | undefined;
}

export interface TextOptions {
  readonly maxBytes: number;
  /** A NUL byte in the first kilobyte makes the file binary, not text (UTF-16 with a byte-order mark is text). */
  readonly refuseBinary?: boolean | undefined;
}

// Node defines these where the platform has them (not on Windows): opening then never follows a final symbolic link
// and never waits for the writer of a FIFO that replaced a checked file.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const chunkBytes = 64 * 1024;

/** What a non-regular file is, for messages: never opened, whatever its name says. */
export function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * `lstat`/`stat` that leave no trace. Node's synchronous stat calls share one buffer of results, and its module
 * loader reads that buffer after its own cached `realpath` steps: once a FIFO or a socket was the last thing stat'ed,
 * `require.resolve` stops resolving symbolic links (node_modules/ts-morph then cannot find its own dependencies). A
 * stat of the file system root overwrites the buffer with a folder's.
 */
export function lstatPath(file: string): Stats | undefined {
  return settle(
    absent(() => lstatSync(file, { throwIfNoEntry: false })),
    file,
  );
}

export function statPath(file: string): Stats | undefined {
  return settle(
    absent(() => statSync(file, { throwIfNoEntry: false })),
    file,
  );
}

/**
 * What tells that a file changed, for caches that live as long as an editor: its size and mtime (one `stat`), or
 * `missing`.
 */
export function fileStamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** Nothing there: no entry, or a file where a folder of the path should be (`ENOTDIR`). */
function absent(stat: () => Stats | undefined): Stats | undefined {
  try {
    return stat();
  } catch (error) {
    if (errorText(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

function settle(stats: Stats | undefined, file: string): Stats | undefined {
  if (stats && (stats.isFIFO() || stats.isSocket())) lstatSync(path.parse(path.resolve(file)).root);
  return stats;
}

function failure(reason: ReadFailure, message: string, size?: number): ReadError {
  return size === undefined ? { ok: false, reason, message } : { ok: false, reason, message, size };
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** Whether `file` is `dir` or inside it (both absolute). */
export function isInsideDir(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The one reader for every file privlint opens: sources, tsconfigs, package.json, workspace files, `.gitignore`,
 * Prisma schemas, manifests, policies, inventories, baselines, and TypeScript's own reads through the compiler host.
 *
 * - Only regular files are opened: FIFOs, devices and sockets are refused from `lstat`/`stat`, before any `open`
 *   (and `open` is non-blocking and `fstat`ed, so a file swapped for a FIFO meanwhile cannot block either).
 * - The size is checked before reading, and reading stops at the limit whatever the size said (`/proc` files say 0).
 * - Symbolic links are resolved; with a `root`, a path whose real location is outside it is refused.
 *
 * Synchronous, because TypeScript's compiler host is; real paths of folders are cached, since module resolution asks
 * about the same folders thousands of times.
 */
export class FileReader {
  readonly #rootReal: string | undefined;
  readonly #realDirs = new Map<string, string | undefined>();

  constructor(options: ReaderOptions = {}) {
    if (options.root === undefined || options.allowOutside) this.#rootReal = undefined;
    else {
      const root = path.resolve(options.root);
      let real = root;
      try {
        real = realpathSync.native(root);
      } catch {
        // A root that does not exist holds nothing: every path is then outside it, which is what the caller reports.
      }
      this.#rootReal = real;
    }
  }

  /** The real path of the boundary, when there is one. */
  get root(): string | undefined {
    return this.#rootReal;
  }

  /** Whether a real path is inside the boundary (always, without one). */
  contains(realPath: string): boolean {
    return this.#rootReal === undefined || isInsideDir(this.#rootReal, realPath);
  }

  #realDir(dir: string): string | undefined {
    if (this.#realDirs.has(dir)) return this.#realDirs.get(dir);
    let real: string | undefined;
    try {
      real = realpathSync.native(dir);
    } catch {
      real = undefined;
    }
    this.#realDirs.set(dir, real);
    return real;
  }

  /** What is at a path, following links (inside the boundary only); never opens it. */
  inspect(file: string): FileInfo | ReadError {
    const absolute = path.resolve(file);
    let stats: Stats | undefined;
    try {
      stats = lstatPath(absolute);
    } catch (error) {
      return failure('unreadable', `cannot be read (${errorText(error)})`);
    }
    if (!stats) return failure('missing', 'does not exist');
    let realPath: string;
    if (stats.isSymbolicLink()) {
      try {
        realPath = realpathSync.native(absolute);
        stats = statPath(realPath);
        if (!stats) return failure('missing', 'is a broken symbolic link');
      } catch (error) {
        const code = errorText(error);
        return code === 'ENOENT'
          ? failure('missing', 'is a broken symbolic link')
          : failure('unreadable', `is a symbolic link that cannot be followed (${code})`);
      }
    } else {
      const parent = this.#realDir(path.dirname(absolute));
      if (parent === undefined) return failure('missing', 'does not exist');
      realPath = path.join(parent, path.basename(absolute));
    }
    if (!this.contains(realPath)) {
      return failure('outside-root', `leads outside the project (to ${realPath})`);
    }
    if (stats.isDirectory()) return { ok: true, kind: 'directory', realPath, size: 0 };
    if (!stats.isFile()) return failure('not-a-file', `is ${describeKind(stats)}, not a regular file`);
    return { ok: true, kind: 'file', realPath, size: stats.size };
  }

  isFile(file: string): boolean {
    const info = this.inspect(file);
    return info.ok && info.kind === 'file';
  }

  isDirectory(file: string): boolean {
    const info = this.inspect(file);
    return info.ok && info.kind === 'directory';
  }

  /** The real path when it is inside the boundary, else the path as given (whose reads are then refused). */
  realpath(file: string): string {
    const info = this.inspect(file);
    return info.ok ? info.realPath : file;
  }

  /** Reads at most `maxBytes` of a regular file. */
  readBytes(file: string, maxBytes: number): ReadBytes | ReadError {
    const info = this.inspect(file);
    if (!info.ok) return info;
    if (info.kind === 'directory') return failure('directory', 'is a folder, not a file');
    if (info.size > maxBytes) {
      return failure(
        'too-large',
        `is ${formatBytes(info.size)}, more than the ${formatBytes(maxBytes)} limit`,
        info.size,
      );
    }
    const read = readRegular(info.realPath, maxBytes);
    return read.ok ? { ok: true, bytes: read.bytes, realPath: info.realPath } : read;
  }

  /** Reads a text file: UTF-8 (a byte-order mark dropped) or UTF-16 with a byte-order mark. */
  readText(file: string, options: TextOptions): ReadText | ReadError {
    const read = this.readBytes(file, options.maxBytes);
    if (!read.ok) return read;
    if (options.refuseBinary && isBinary(read.bytes)) return failure('binary', 'is a binary file, not text');
    return { ok: true, text: decodeText(read.bytes), realPath: read.realPath };
  }

  /**
   * The names of a folder's regular files and folders, links followed inside the boundary only: what TypeScript's
   * `include` globs may expand to. Anything else (FIFOs, devices, links out of the project) is left out.
   */
  entries(dir: string): { files: string[]; directories: string[] } {
    const files: string[] = [];
    const directories: string[] = [];
    let entries: Dirent[];
    try {
      const info = this.inspect(dir);
      if (!info.ok || info.kind !== 'directory') return { files, directories };
      entries = readdirSync(info.realPath, { withFileTypes: true });
    } catch {
      return { files, directories };
    }
    for (const entry of entries) {
      if (entry.isFile()) files.push(entry.name);
      else if (entry.isDirectory()) directories.push(entry.name);
      else if (entry.isSymbolicLink()) {
        const info = this.inspect(path.join(dir, entry.name));
        if (info.ok) (info.kind === 'file' ? files : directories).push(entry.name);
      }
    }
    return { files: files.sort(), directories: directories.sort() };
  }
}

/** Opens and reads a path already checked to be a regular file, bounded whatever happens meanwhile. */
function readRegular(realPath: string, maxBytes: number): ReadBytes | ReadError {
  let fd: number | undefined;
  try {
    fd = openSync(realPath, openFlags);
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      settle(stats, realPath);
      return failure('not-a-file', `is ${describeKind(stats)}, not a regular file`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, maxBytes + 1 - total));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) {
        return failure('too-large', `is more than the ${formatBytes(maxBytes)} limit`, total);
      }
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), realPath };
  } catch (error) {
    const code = errorText(error);
    if (code === 'ELOOP') return failure('unreadable', 'is a symbolic link, which is not followed here');
    if (code === 'EISDIR') return failure('directory', 'is a folder, not a file');
    return failure('unreadable', `cannot be read (${code})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Git's rule of thumb: a NUL byte in the first kilobyte means binary, unless a UTF-16 byte-order mark says text. */
export function isBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, 1024).includes(0);
}

/** UTF-8 (its byte-order mark dropped) or UTF-16 with a byte-order mark, as TypeScript's `sys.readFile` reads. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // An odd trailing byte is not a character; `swap16` needs whole pairs.
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

const userFiles = new FileReader();

/**
 * Reads a file the user named (`--config`, `--baseline`, a policy, an inventory): wherever it is, since the user
 * chose it, but only a regular file within the size limit.
 */
export function readUserText(file: string, options: TextOptions): ReadText | ReadError {
  return userFiles.readText(file, options);
}

/** As `readUserText`, for callers that decode the bytes themselves (policies: UTF-16, binary detection). */
export function readUserBytes(file: string, maxBytes: number): ReadBytes | ReadError {
  return userFiles.readBytes(file, maxBytes);
}
