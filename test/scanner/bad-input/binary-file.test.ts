import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('binary files with a source extension', () => {
  it('are skipped for a NUL byte in the first kilobyte', async () => {
    const root = await tempDir();
    // A PNG saved under a .ts name, and a video transport stream (.ts is also MPEG-TS).
    await writeFile(
      path.join(root, 'logo.ts'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    await writeFile(
      path.join(root, 'clip.ts'),
      Buffer.concat([Buffer.from('G@\u0011'), Buffer.alloc(185, 0xff), Buffer.alloc(4)]),
    );
    await writeFile(path.join(root, 'index.ts'), 'export const ok = true;\n');
    // UTF-16 text has NUL bytes too, but its byte-order mark says it is text.
    await writeFile(path.join(root, 'legacy.ts'), Buffer.from('\ufeffexport const legacy = 1;\n', 'utf16le'));

    const project = await loadProject({ root });

    expect(project.files.map(file => file.relPath)).toEqual(['index.ts', 'legacy.ts']);
    expect(project.skipped).toEqual([
      { relPath: 'clip.ts', reason: 'binary', detail: 'NUL byte in the first kilobyte' },
      { relPath: 'logo.ts', reason: 'binary', detail: 'NUL byte in the first kilobyte' },
    ]);
    expect(project.files[1]!.getSourceFile().text).toBe('export const legacy = 1;\n');
  });
});
