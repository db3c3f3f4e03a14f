import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('symbolic links', () => {
  it('follows a linked folder once by its real path, never loops, never leaves the project, and reports the rest', async () => {
    const root = await tempDir();
    const shared = await tempDir();
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src/app.ts'), 'export const app = 1;\n');
    await writeFile(path.join(shared, 'consent.ts'), 'export const consent = true;\n');
    // A loop back to an ancestor, a second way into src/, a folder outside the root, a file alias, a dangling link.
    await symlink('..', path.join(root, 'src/parent'), 'dir');
    await symlink(path.join(root, 'src'), path.join(root, 'src-alias'), 'dir');
    await symlink(shared, path.join(root, 'shared'), 'dir');
    await symlink('app.ts', path.join(root, 'src/main.ts'), 'file');
    await symlink('missing.ts', path.join(root, 'src/gone.ts'), 'file');

    const project = await loadProject({ root });

    expect(project.files.map(file => file.relPath)).toEqual(['src/app.ts']);
    expect(project.skipped).toEqual([
      {
        relPath: 'shared',
        reason: 'outside-root',
        detail: `links to ${await realpath(shared)}, outside the project (--read-outside-root follows it)`,
      },
      { relPath: 'src-alias', reason: 'symlink-loop', detail: 'links to ./src, already scanned' },
      {
        relPath: 'src/gone.ts',
        reason: 'unreadable',
        detail: 'broken symbolic link (ENOENT: no such file or directory)',
      },
      { relPath: 'src/main.ts', reason: 'symlink-loop', detail: 'same file as src/app.ts' },
      { relPath: 'src/parent', reason: 'symlink-loop', detail: 'links to ./, already scanned' },
    ]);
  });

  it('follows a link out of the project when asked to', async () => {
    const root = await tempDir();
    const shared = await tempDir();
    await writeFile(path.join(root, 'app.ts'), 'export const app = 1;\n');
    await writeFile(path.join(shared, 'consent.ts'), 'export const consent = true;\n');
    await symlink(shared, path.join(root, 'shared'), 'dir');

    const project = await loadProject({ root, readOutsideRoot: true });

    expect(project.files.map(file => file.relPath)).toEqual(['app.ts', 'shared/consent.ts']);
    expect(project.skipped).toEqual([]);
  });
});
