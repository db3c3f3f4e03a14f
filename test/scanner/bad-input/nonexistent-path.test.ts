import path from 'node:path';
import { loadProject, ScanError } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('a path that does not exist', () => {
  it('is a ScanError naming the path', async () => {
    const missing = path.join(await tempDir(), 'no-such-project');

    const attempt = loadProject({ root: missing });

    await expect(attempt).rejects.toThrow(ScanError);
    await expect(attempt).rejects.toThrow(`Cannot scan ${missing}: no such folder`);
  });

  it('is a ScanError when no path is given', async () => {
    await expect(loadProject({ root: '' })).rejects.toThrow(new ScanError('No folder to scan was given'));
  });
});
