import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a yarn workspace (`workspaces: { packages }`)', () => {
  it('loads JavaScript packages and resolves `require` of a sibling package by name', async () => {
    const project = await loadProject({ root: fixture('projects/yarn-workspaces') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['apps/admin/server.js', ''],
      ['libs/audit/index.js', ''],
    ]);
    expect(project.problems).toEqual([]);
    const admin = fileAt(project, 'apps/admin/server.js');
    const call = identifier(project, admin, 'recordAudit', 'function');
    expect(declaredAt(project, admin, admin.getChecker().getSymbolAtLocation(call))).toEqual([
      'libs/audit/index.js#recordAudit',
    ]);
  });
});
