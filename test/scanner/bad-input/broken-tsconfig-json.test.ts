import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a tsconfig.json that is not valid JSON', () => {
  it('is a problem, and its files are scanned with the default options', async () => {
    const project = await loadProject({ root: fixture('bad-input/broken-tsconfig-json') });

    expect(project.problems).toEqual([
      {
        file: 'tsconfig.json',
        message: "Invalid JSON (line 4: ',' expected.); its folder is scanned with default options",
      },
    ]);
    expect(project.projects).toEqual([]);
    expect(project.files.map(file => [file.relPath, file.project])).toEqual([['src/app.ts', '']]);
    expect(project.files[0]!.getProgram().getCompilerOptions().strict).toBe(false);
  });
});
