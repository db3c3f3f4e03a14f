import { loadProject } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a tsconfig whose `extends` target is missing (a workspace package not linked yet)', () => {
  it('is a problem, and its files are scanned with its own options over the defaults: its paths still resolve', async () => {
    const project = await loadProject({ root: fixture('bad-input/missing-extends') });

    expect(project.problems).toHaveLength(1);
    expect(project.problems[0]).toMatchObject({ file: 'tsconfig.json' });
    expect(project.problems[0]!.message).toMatch(
      /^`extends` target not found \(line 2: File '@acme\/tsconfig\/base\.json' not found\.\); its files are scanned with its own options over the defaults$/u,
    );
    expect(project.files.map(file => [file.relPath, file.project])).toEqual([
      ['src/app.ts', 'tsconfig.json'],
      ['src/lib/greeting.ts', 'tsconfig.json'],
    ]);
    const app = project.files[0]!;
    const program = app.getProgram();
    // The defaults under the file's own options: not strict, the file's paths.
    expect(program.getCompilerOptions().strict).toBe(false);
    expect(program.getCompilerOptions().paths).toEqual({ '@/*': ['./src/*'] });
    const specifier = app.getSourceFile().statements[0] as unknown as { moduleSpecifier: object };
    const resolved = program.getTypeChecker().getSymbolAtLocation(specifier.moduleSpecifier as never);
    expect(resolved?.declarations?.[0]?.getSourceFile().fileName).toMatch(/src\/lib\/greeting\.ts$/u);
  });
});
