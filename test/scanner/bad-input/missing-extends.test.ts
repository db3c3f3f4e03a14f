import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a tsconfig whose `extends` target is missing', () => {
  it('is a problem, and its files are scanned with its own options only', async () => {
    const project = await loadProject({ root: fixture('bad-input/missing-extends') });

    expect(project.problems).toHaveLength(1);
    expect(project.problems[0]).toMatchObject({ file: 'tsconfig.json' });
    expect(project.problems[0]!.message).toMatch(
      /^`extends` target not found \(Cannot read file '.*config\/tsconfig\.base\.json'\.\); its files are scanned with its own options only$/u,
    );
    expect(project.files.map(file => [file.relPath, file.project])).toEqual([['src/app.ts', 'tsconfig.json']]);
    // Its own `strict: true` holds; the base's options are unknown.
    expect(project.files[0]!.getProgram().getCompilerOptions().strict).toBe(true);
  });
});
