import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('an npm workspace (`workspaces` as an array)', () => {
  it('loads the packages and maps an `exports` entry pointing at dist/ back to src/', async () => {
    const project = await loadProject({ root: fixture('projects/npm-workspaces') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['packages/api/src/orders.ts', 'packages/api/tsconfig.json'],
      ['packages/shared/src/index.ts', ''],
    ]);
    const api = fileAt(project, 'packages/api/src/orders.ts');
    const call = identifier(project, api, 'maskEmail', 'return');
    expect(declaredAt(project, api, api.getChecker().getSymbolAtLocation(call))).toEqual([
      'packages/shared/src/index.ts#maskEmail',
    ]);
  });
});
