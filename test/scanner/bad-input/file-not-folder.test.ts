import { loadProject, ScanError } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a file where a folder is expected', () => {
  it('is a ScanError telling to pass the folder', async () => {
    const file = fixture('bad-input/file-not-folder/app.ts');

    const attempt = loadProject({ root: file });

    await expect(attempt).rejects.toThrow(ScanError);
    await expect(attempt).rejects.toThrow(
      `Cannot scan ${file}: it is a file, not a folder; pass the folder of the project instead`,
    );
  });
});
