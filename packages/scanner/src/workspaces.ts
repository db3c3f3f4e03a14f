import path from 'node:path';
import { compileGlobs, GlobError, parseYaml, type FileReader } from '@privlint/core';
import { relativePosix } from './paths.js';
import type { ProjectProblem } from './types.js';

export interface WorkspacePackage {
  /** Absolute folder of the package. */
  readonly dir: string;
  readonly relDir: string;
  /** `name` from its package.json, when it has one. */
  readonly name: string | undefined;
  readonly manifest: Readonly<Record<string, unknown>>;
}

/**
 * The workspace packages of a pnpm (`pnpm-workspace.yaml`), npm or yarn (`package.json` `workspaces`, as an array or
 * as `{ packages }`) monorepo at the root. Their globs are matched against the folders holding a package.json that the
 * walk found, so no second walk is needed and skipped folders (node_modules) never count.
 */
export function findWorkspacePackages(
  root: string,
  packageDirs: readonly string[],
  problems: ProjectProblem[],
  reader: FileReader,
): WorkspacePackage[] {
  const patterns = [
    ...pnpmPatterns(root, problems, reader).map(pattern => ({ pattern, file: 'pnpm-workspace.yaml' })),
    ...packageJsonPatterns(root, problems, reader).map(pattern => ({ pattern, file: 'package.json' })),
  ].filter(({ pattern, file }) => {
    const glob = normalizePattern(pattern.replace(/^!/u, ''));
    // `""`, `"./"` and `"/"` name the root itself (which is never a workspace package) or leave it.
    if (glob === '' || glob.startsWith('/') || glob.split('/').includes('..')) {
      problems.push({
        file,
        message: `workspace glob ${JSON.stringify(pattern)} names no folder inside the project; ignored`,
      });
      return false;
    }
    return true;
  });
  if (patterns.length === 0) return [];
  const globs = patterns.map(({ pattern }) => pattern);
  const include = globs.filter(pattern => !pattern.startsWith('!')).map(normalizePattern);
  const exclude = globs.filter(pattern => pattern.startsWith('!')).map(pattern => normalizePattern(pattern.slice(1)));
  let isIncluded: (relDir: string) => boolean;
  let isExcluded: (relDir: string) => boolean;
  try {
    isIncluded = compileGlobs(include, { dot: false });
    isExcluded = compileGlobs(exclude, { dot: true });
  } catch (error) {
    if (!(error instanceof GlobError)) throw error;
    problems.push({ file: patterns[0]!.file, message: `workspace globs ignored: ${error.message}` });
    return [];
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of packageDirs) {
    const relDir = relativePosix(root, dir);
    if (relDir === '' || !isIncluded(relDir) || isExcluded(relDir)) continue;
    const manifest = readJson(path.join(dir, 'package.json'), reader);
    if (!manifest) {
      problems.push({
        file: `${relDir}/package.json`,
        message: 'package.json is not valid JSON; its package name is unknown',
      });
    }
    const name = typeof manifest?.['name'] === 'string' ? manifest['name'] : undefined;
    packages.push({ dir, relDir, name, manifest: manifest ?? {} });
  }
  return packages;
}

/** `./packages/*` and `packages/*\/` name the same folders as `packages/*`. */
function normalizePattern(pattern: string): string {
  return pattern.replace(/^\.\//u, '').replace(/\/+$/u, '');
}

/** Workspace files and package.json files are a few kilobytes; a megabyte is already far more than any. */
const maxManifestBytes = 1024 * 1024;

/** The text of a data file, or undefined when it is absent; a file that is there but cannot be read is a problem. */
function readData(reader: FileReader, file: string, relFile: string, problems: ProjectProblem[]): string | undefined {
  const read = reader.readText(file, { maxBytes: maxManifestBytes, refuseBinary: true });
  if (read.ok) return read.text;
  if (read.reason !== 'missing') problems.push({ file: relFile, message: `not read: it ${read.message}` });
  return undefined;
}

function pnpmPatterns(root: string, problems: ProjectProblem[], reader: FileReader): string[] {
  for (const name of ['pnpm-workspace.yaml', 'pnpm-workspace.yml']) {
    const text = readData(reader, path.join(root, name), name, problems);
    if (text === undefined) continue;
    const parsed = parseYaml(text, name);
    for (const problem of parsed.problems) {
      problems.push({ file: name, message: `line ${problem.line}: ${problem.message}` });
    }
    const value = parsed.value;
    const list = value && typeof value === 'object' && 'packages' in value ? value.packages : undefined;
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list) || !list.every(item => typeof item === 'string')) {
      problems.push({ file: name, message: '`packages` must be a list of folder globs' });
      return [];
    }
    return list;
  }
  return [];
}

function packageJsonPatterns(root: string, problems: ProjectProblem[], reader: FileReader): string[] {
  const text = readData(reader, path.join(root, 'package.json'), 'package.json', problems);
  if (text === undefined) return [];
  const manifest = parseJson(text);
  if (!manifest) {
    problems.push({ file: 'package.json', message: 'package.json is not valid JSON; its `workspaces` are ignored' });
    return [];
  }
  const workspaces = manifest['workspaces'];
  const list =
    workspaces && typeof workspaces === 'object' && !Array.isArray(workspaces) && 'packages' in workspaces
      ? workspaces.packages
      : workspaces;
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every(item => typeof item === 'string')) {
    problems.push({
      file: 'package.json',
      message: '`workspaces` must be a list of folder globs or `{ packages: [...] }`',
    });
    return [];
  }
  return list;
}

export function readJson(file: string, reader: FileReader): Record<string, unknown> | undefined {
  const read = reader.readText(file, { maxBytes: maxManifestBytes, refuseBinary: true });
  return read.ok ? parseJson(read.text) : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/u, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
