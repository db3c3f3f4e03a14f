import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('.gitignore files', () => {
  it('skips what every .gitignore from the root down excludes, and keeps what a negation re-includes', async () => {
    const project = await loadProject({ root: fixture('skipping/gitignore-negation') });

    expect(project.files.map(file => file.relPath)).toEqual([
      'src/app.ts',
      'src/local/keep.local.ts',
      'src/settings.local.ts',
    ]);
    expect(project.skipped).toEqual([
      { relPath: 'src/debug.local.ts', reason: 'gitignored' },
      { relPath: 'src/fixtures', reason: 'gitignored' },
      { relPath: 'src/local/scratch.local.ts', reason: 'gitignored' },
      { relPath: 'tmp', reason: 'gitignored' },
    ]);
  });
});
