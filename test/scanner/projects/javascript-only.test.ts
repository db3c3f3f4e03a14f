import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { declaredAt, fileAt, fixture, identifier } from '../helpers.js';

describe('a JavaScript project without any tsconfig', () => {
  it('loads .js, .cjs, .mjs and .jsx files in the default program', async () => {
    const project = await loadProject({ root: fixture('projects/javascript-only') });

    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['src/components/SignupForm.jsx', ''],
      ['src/db.cjs', ''],
      ['src/routes/unsubscribe.mjs', ''],
      ['src/server.js', ''],
    ]);
    expect(project.projects).toEqual([]);
    expect(project.skipped).toEqual([]);
    const options = fileAt(project, 'src/server.js').getProgram().getCompilerOptions();
    expect(options).toMatchObject({ allowJs: true, strict: false, jsx: project.ts.JsxEmit.Preserve });
    expect(options.target).toBe(project.ts.ScriptTarget.Latest);
  });

  it('follows `require` across files', async () => {
    const project = await loadProject({ root: fixture('projects/javascript-only') });
    const server = fileAt(project, 'src/server.js');
    const call = identifier(project, server, 'saveSubscriber', 'function');

    expect(declaredAt(project, server, server.getChecker().getSymbolAtLocation(call))).toEqual([
      'src/db.cjs#saveSubscriber',
    ]);
  });
});
