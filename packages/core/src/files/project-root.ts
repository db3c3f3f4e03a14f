import path from 'node:path';
import { lstatPath } from './reader.js';

/**
 * The root of the project a folder belongs to: the nearest folder upwards that holds `.git` (a folder, or the file a
 * worktree or submodule has), else `fallback`. privlint reads nothing above it: a `privacy.yml` in a parent folder,
 * a symbolic link or a tsconfig path leading out of it. The scanned repository cannot move this boundary, since it
 * cannot commit a `.git` of its own.
 */
export function findProjectRoot(start: string, fallback: string = start): string {
  let dir = path.resolve(start);
  for (;;) {
    if (hasGit(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(fallback);
    dir = parent;
  }
}

function hasGit(dir: string): boolean {
  try {
    return lstatPath(path.join(dir, '.git')) !== undefined;
  } catch {
    return false;
  }
}
