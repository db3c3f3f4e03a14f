import path from 'node:path';
import { backslashInFileName } from '@privlint/core';

/** Source extensions the scanner reads: TypeScript and JavaScript in all their module flavours. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

const SOURCE_PATTERN = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
const JS_PATTERN = /\.(?:[cm]?js|jsx)$/u;
// `.d.ts`, `.d.mts`, `.d.cts`, and TypeScript's arbitrary-extension declarations such as `styles.d.css.ts`.
const DECLARATION_PATTERN = /\.d(?:\.[^./\\]+)?\.[cm]?ts$/u;

export const isSourceFile = (name: string): boolean => SOURCE_PATTERN.test(name);
export const isJsFile = (name: string): boolean => JS_PATTERN.test(name);
export const isDeclarationFile = (name: string): boolean => DECLARATION_PATTERN.test(name);

/** POSIX separators: TypeScript's file names and every relative path in reports use them. */
export const toPosix = (file: string): string => (path.sep === '/' ? file : file.split(path.sep).join('/'));

/**
 * A walked path as TypeScript is given it: POSIX separators, and on POSIX a backslash in a name (a legal character
 * there) replaced by `backslashInFileName`, since TypeScript would read it as a separator.
 */
export const toTsPath = (file: string): string =>
  path.sep === '/' ? file.replaceAll('\\', backslashInFileName) : toPosix(file);

/** The path on disk of a name `toTsPath` gave TypeScript. */
export const fromTsPath = (file: string): string =>
  path.sep === '/' ? file.replaceAll(backslashInFileName, '\\') : file;

/** `file` relative to `root`, POSIX separators; both absolute. */
export const relativePosix = (root: string, file: string): string => toPosix(path.relative(root, file));

/** Whether `file` is `dir` or inside it (both absolute and normalised, either separator style). */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Code-unit order: deterministic on every platform and locale, unlike `localeCompare`. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The key under which a path is compared: TypeScript's own file names use `/`, while walked paths use the native
 * separator; case is folded only where the file system folds it.
 */
export function pathKey(file: string, caseSensitive: boolean): string {
  const posix = toPosix(path.resolve(fromTsPath(file)));
  return caseSensitive ? posix : posix.toLowerCase();
}
