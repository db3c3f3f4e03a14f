import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject, ScanError } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('files over the size limit', () => {
  it('are skipped as too large, with the default limit of 2 MB', async () => {
    const root = await tempDir();
    const line = 'export const customer_000000 = { email: "someone@example.com", plan: "pro" };\n';
    await writeFile(path.join(root, 'seed-data.ts'), line.repeat(Math.ceil((3 * 1024 * 1024) / line.length)));
    await writeFile(path.join(root, 'index.ts'), 'export const ok = true;\n');

    const project = await loadProject({ root });

    expect(project.files.map(file => file.relPath)).toEqual(['index.ts']);
    expect(project.skipped).toEqual([{ relPath: 'seed-data.ts', reason: 'too-large', detail: '3.0 MB, limit 2.0 MB' }]);
  });

  it('follow `maxFileBytes`', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'index.ts'), 'export const answer = 42;\n'.repeat(100));

    const project = await loadProject({ root, maxFileBytes: 1024 });

    expect(project.skipped).toEqual([{ relPath: 'index.ts', reason: 'too-large', detail: '3 KB, limit 1 KB' }]);
  });

  it('reject a limit that is not a positive number', async () => {
    const root = await tempDir();

    await expect(loadProject({ root, maxFileBytes: 0 })).rejects.toThrow(
      new ScanError('maxFileBytes must be a positive number of bytes, got 0'),
    );
  });
});
