import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('`ignore` globs from privacy.yml', () => {
  it('skips matching folders and files, relative to the root', async () => {
    const project = await loadProject({
      root: fixture('skipping/ignore-globs'),
      ignore: ['scripts/**', '**/*.stories.tsx'],
    });

    expect(project.files.map(file => file.relPath)).toEqual(['src/Button.tsx']);
    expect(project.skipped).toEqual([
      { relPath: 'scripts', reason: 'ignored', detail: 'matches an `ignore` glob' },
      { relPath: 'src/Button.stories.tsx', reason: 'ignored', detail: 'matches an `ignore` glob' },
    ]);
  });

  it('scans everything without them', async () => {
    const project = await loadProject({ root: fixture('skipping/ignore-globs') });

    expect(project.files.map(file => file.relPath)).toEqual([
      'scripts/seed.ts',
      'src/Button.stories.tsx',
      'src/Button.tsx',
    ]);
  });
});
