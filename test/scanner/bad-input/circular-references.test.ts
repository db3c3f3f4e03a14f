import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('project references that form a cycle', () => {
  it('is a problem naming the cycle; each project is loaded once', async () => {
    const project = await loadProject({ root: fixture('bad-input/circular-references') });

    expect(project.problems).toEqual([
      {
        file: 'packages/core/tsconfig.json',
        message:
          'Circular project references: packages/core/tsconfig.json -> packages/plugins/tsconfig.json -> packages/core/tsconfig.json',
      },
    ]);
    expect(project.projects).toEqual([
      'packages/core/tsconfig.json',
      'packages/plugins/tsconfig.json',
      'tsconfig.json',
    ]);
    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['packages/core/src/registry.ts', 'packages/core/tsconfig.json'],
      ['packages/plugins/src/audit.ts', 'packages/plugins/tsconfig.json'],
    ]);
  });
});
