import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '@privlint/core';
import picomatch from 'picomatch';
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
): WorkspacePackage[] {
  const patterns = [...pnpmPatterns(root, problems), ...packageJsonPatterns(root, problems)];
  if (patterns.length === 0) return [];
  const include = patterns.filter(pattern => !pattern.startsWith('!')).map(normalizePattern);
  const exclude = patterns
    .filter(pattern => pattern.startsWith('!'))
    .map(pattern => normalizePattern(pattern.slice(1)));
  const isIncluded = picomatch(include, { dot: false });
  const isExcluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const packages: WorkspacePackage[] = [];
  for (const dir of packageDirs) {
    const relDir = relativePosix(root, dir);
    if (relDir === '' || !isIncluded(relDir) || isExcluded(relDir)) continue;
    const manifest = readJson(path.join(dir, 'package.json'));
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

function pnpmPatterns(root: string, problems: ProjectProblem[]): string[] {
  for (const name of ['pnpm-workspace.yaml', 'pnpm-workspace.yml']) {
    let text: string;
    try {
      text = readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
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

function packageJsonPatterns(root: string, problems: ProjectProblem[]): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(root, 'package.json'), 'utf8');
  } catch {
    return [];
  }
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

export function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return parseJson(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/u, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
