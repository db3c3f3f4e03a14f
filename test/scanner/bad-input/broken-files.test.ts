import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a folder of files that do not parse', () => {
  it('reports each with its first syntax error and keeps going', async () => {
    const project = await loadProject({ root: fixture('bad-input/broken-files') });

    expect(project.files).toEqual([]);
    expect(project.problems).toEqual([]);
    expect(project.skipped).toEqual([
      {
        relPath: 'src/Profile.tsx',
        reason: 'parse-error',
        detail: "line 6: Expected corresponding JSX closing tag for 'section'.",
      },
      { relPath: 'src/checkout.ts', reason: 'parse-error', detail: "line 5: ')' expected." },
      { relPath: 'src/legacy.js', reason: 'parse-error', detail: "line 2: ',' expected." },
    ]);
  });
});
