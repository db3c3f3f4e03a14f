import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('TypeScript without a tsconfig', () => {
  it('loads .ts and .tsx with the default options and resolves extensionless imports', async () => {
    const project = await loadProject({ root: fixture('projects/no-tsconfig') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['src/AccountCard.tsx', ''],
      ['src/account.ts', ''],
      ['src/index.ts', ''],
    ]);
    const index = fileAt(project, 'src/index.ts');
    const account = identifier(project, index, 'account', 'console');
    expect(declaredAt(project, index, index.getChecker().getTypeAtLocation(account).getSymbol())).toEqual([
      'src/account.ts#Account',
    ]);
  });
});
