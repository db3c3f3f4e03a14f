import { existsSync } from 'node:fs';
import path from 'node:path';
import { manifestFileNames } from '@privlint/core';
import { isInside } from './paths.js';
import { ScanError } from './scan-error.js';

/**
 * The repository a folder belongs to: the nearest folder, from `dir` upward, holding `.git` (a folder, or the file
 * of a worktree or submodule). Found by looking, never by running git: the scan runs nothing.
 */
export function repositoryRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Where the upward search for `privacy.yml` stops: the repository root; outside a repository, the working directory
 * when the scanned folder is inside it, else the scanned folder itself. A manifest above the project (in a home
 * folder, say) never governs it.
 */
export function manifestSearchLimit(target: string, cwd: string): string {
  return repositoryRoot(target) ?? (isInside(path.resolve(cwd), target) ? path.resolve(cwd) : target);
}

/**
 * The nearest `privacy.yml` (or `privacy.yaml`) from `target` upward to `limit` (both included), as ESLint finds
 * the manifest of a linted file: `privlint scan src/server` uses the project's manifest above it.
 */
export function nearestManifest(target: string, limit: string): string | undefined {
  let dir = path.resolve(target);
  for (;;) {
    const present = manifestFileNames.map(name => path.join(dir, name)).filter(candidate => existsSync(candidate));
    if (present.length > 1) throw new ScanError(`both ${manifestFileNames.join(' and ')} exist in ${dir}; keep one`);
    if (present.length === 1) return present[0];
    const parent = path.dirname(dir);
    if (dir === limit || parent === dir || !isInside(limit, parent)) return undefined;
    dir = parent;
  }
}
