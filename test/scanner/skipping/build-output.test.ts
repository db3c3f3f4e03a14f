import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { copyFixture } from '../helpers.js';

describe('build output and dependencies', () => {
  it('skips dist, build, out, .next, coverage, the tsconfig outDir and node_modules, but not src/build', async () => {
    // dist/, coverage/ and node_modules/ cannot be committed (the repository ignores them): add them to a copy.
    const root = await copyFixture('skipping/build-output');
    await mkdir(path.join(root, 'dist'));
    await writeFile(path.join(root, 'dist/app.js'), 'export const app = 1;\n');
    await mkdir(path.join(root, 'coverage/lcov-report'), { recursive: true });
    await writeFile(path.join(root, 'coverage/lcov-report/prettify.js'), 'window.PR = {};\n');
    await mkdir(path.join(root, 'node_modules/left-pad'), { recursive: true });
    await writeFile(path.join(root, 'node_modules/left-pad/index.js'), 'module.exports = s => s;\n');

    const project = await loadProject({ root });

    expect(project.files.map(file => file.relPath)).toEqual(['src/app.ts', 'src/build/steps.ts']);
    expect(project.skipped).toEqual([
      { relPath: '.next', reason: 'build-output' },
      { relPath: 'build', reason: 'build-output' },
      { relPath: 'compiled/app.js', reason: 'build-output', detail: 'outDir of tsconfig.json' },
      { relPath: 'coverage', reason: 'build-output' },
      { relPath: 'dist', reason: 'build-output' },
      { relPath: 'node_modules', reason: 'node-modules' },
      { relPath: 'out', reason: 'build-output' },
    ]);
  });
});
