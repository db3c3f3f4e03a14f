import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

describe('an empty folder', () => {
  it('is a valid project with no files', async () => {
    const root = await tempDir();

    const project = await loadProject({ root });

    expect(project).toMatchObject({ root, files: [], skipped: [], problems: [], projects: [] });
  });
});
