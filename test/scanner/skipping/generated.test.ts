import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('generated files', () => {
  it('skips files named *.generated.* or starting with a generated-code banner', async () => {
    const project = await loadProject({ root: fixture('skipping/generated') });

    expect(project.files.map(file => file.relPath)).toEqual(['src/profile.ts']);
    expect(project.skipped).toEqual([
      { relPath: 'src/api.generated.ts', reason: 'generated', detail: 'generated file name' },
      { relPath: 'src/db/client.ts', reason: 'generated', detail: 'generated-file banner' },
      { relPath: 'src/graphql/schema.ts', reason: 'generated', detail: 'generated-file banner' },
    ]);
  });

  it('still lets scanned files use the types they declare', async () => {
    const project = await loadProject({ root: fixture('skipping/generated') });
    const profile = fileAt(project, 'src/profile.ts');
    const user = identifier(project, profile, 'user', 'greeting(');

    expect(declaredAt(project, profile, profile.getChecker().getTypeAtLocation(user).getSymbol())).toEqual([
      'src/api.generated.ts#ApiUser',
    ]);
  });
});
