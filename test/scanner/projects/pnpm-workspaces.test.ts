import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a pnpm workspace', () => {
  it('loads every package, with its own tsconfig or the defaults', async () => {
    const project = await loadProject({ root: fixture('projects/pnpm-workspaces') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['apps/web/src/profile.ts', 'apps/web/tsconfig.json'],
      ['apps/worker/index.js', ''],
      ['packages/users/src/index.ts', 'packages/users/tsconfig.json'],
      ['packages/users/src/user.ts', 'packages/users/tsconfig.json'],
    ]);
    expect(project.projects).toEqual(['apps/web/tsconfig.json', 'packages/users/tsconfig.json']);
    expect(project.problems).toEqual([]);
  });

  it('resolves an import of a workspace package to its sources, without node_modules or a build', async () => {
    const project = await loadProject({ root: fixture('projects/pnpm-workspaces') });
    const web = fileAt(project, 'apps/web/src/profile.ts');
    const call = identifier(project, web, 'findUser', 'await');

    expect(declaredAt(project, web, web.getChecker().getSymbolAtLocation(call))).toEqual([
      'packages/users/src/user.ts#findUser',
    ]);
  });

  it('resolves it from a package without a tsconfig too', async () => {
    const project = await loadProject({ root: fixture('projects/pnpm-workspaces') });
    const worker = fileAt(project, 'apps/worker/index.js');
    const call = identifier(project, worker, 'findUser', 'await');

    expect(declaredAt(project, worker, worker.getChecker().getSymbolAtLocation(call))).toEqual([
      'packages/users/src/user.ts#findUser',
    ]);
  });
});
