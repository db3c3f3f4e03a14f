import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a solution tsconfig with project references', () => {
  it('follows the references and gives each file its referenced project', async () => {
    const project = await loadProject({ root: fixture('projects/solution-references') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['packages/api/src/handlers.ts', 'packages/api/tsconfig.json'],
      ['packages/domain/src/patient.ts', 'packages/domain/tsconfig.json'],
    ]);
    expect(project.projects).toEqual(['packages/api/tsconfig.json', 'packages/domain/tsconfig.json', 'tsconfig.json']);
    expect(project.problems).toEqual([]);
    expect(project.skipped).toEqual([]);
  });

  it('shares one program between projects whose options differ only in output layout', async () => {
    const project = await loadProject({ root: fixture('projects/solution-references') });
    const api = fileAt(project, 'packages/api/src/handlers.ts');
    const domain = fileAt(project, 'packages/domain/src/patient.ts');

    expect(api.getProgram()).toBe(domain.getProgram());
    expect(api.getProgram().getCompilerOptions().strict).toBe(true);
  });

  it('resolves a type imported from the referenced project to its source', async () => {
    const project = await loadProject({ root: fixture('projects/solution-references') });
    const api = fileAt(project, 'packages/api/src/handlers.ts');
    const patient = identifier(project, api, 'patient', 'summary(');

    expect(declaredAt(project, api, api.getChecker().getTypeAtLocation(patient).getSymbol())).toEqual([
      'packages/domain/src/patient.ts#Patient',
    ]);
  });
});
