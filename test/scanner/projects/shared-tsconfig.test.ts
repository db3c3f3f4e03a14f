import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { copyFixture, fileAt, fixture } from '../helpers.js';

describe('a monorepo whose apps extend a shared tsconfig package (Turborepo style)', () => {
  it('reads the shared config from the workspace package, before any install', async () => {
    const project = await loadProject({ root: fixture('projects/shared-tsconfig') });

    expect(project.problems).toEqual([]);
    const web = fileAt(project, 'apps/web/src/guest.ts').getProgram().getCompilerOptions();
    const api = fileAt(project, 'apps/api/src/guests.ts').getProgram().getCompilerOptions();
    expect(web).toMatchObject({ strict: true, target: project.ts.ScriptTarget.ES2022 });
    // Through the package's own `extends` chain, with the app's options over it.
    expect(api).toMatchObject({ strict: true, target: project.ts.ScriptTarget.ES2021 });
  });

  it('parses a package both apps import once, though they target different ES versions', async () => {
    const project = await loadProject({ root: fixture('projects/shared-tsconfig') });
    const models = (file: string): unknown =>
      fileAt(project, file)
        .getProgram()
        .getSourceFiles()
        .find(sourceFile => sourceFile.fileName.endsWith('packages/models/src/index.ts'));

    expect(models('apps/web/src/guest.ts')).toBeDefined();
    expect(models('apps/web/src/guest.ts')).toBe(models('apps/api/src/guests.ts'));
  });

  it('names the shared config, not the app’s, when the shared config is broken', async () => {
    const root = await copyFixture('projects/shared-tsconfig');
    await writeFile(path.join(root, 'packages/config-typescript/base.json'), '{ "compilerOptions": { "strict": tru');
    const project = await loadProject({ root });

    expect(project.problems.map(problem => `${problem.file}: ${problem.message}`)).toContain(
      "apps/web/tsconfig.json: packages/config-typescript/base.json, line 1: '}' expected.",
    );
  });
});
