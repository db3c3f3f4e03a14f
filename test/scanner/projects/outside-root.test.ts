import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a tsconfig that includes files outside the root', () => {
  it('does not scan them, but keeps their types', async () => {
    const project = await loadProject({ root: fixture('projects/outside-root/app') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([['src/signup.ts', 'tsconfig.json']]);
    expect(project.skipped).toEqual([]);
    const signup = fileAt(project, 'src/signup.ts');
    const call = identifier(project, signup, 'isEmail', 'return');
    expect(declaredAt(project, signup, signup.getChecker().getSymbolAtLocation(call))).toEqual([
      '../shared/src/validate.ts#isEmail',
    ]);
  });
});
