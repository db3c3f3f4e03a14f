// The ESLint plugin on hostile repositories, typed and untyped: a file it cannot analyse says so and the run goes on;
// a manifest above the project never silences it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-privlint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { controlFile, expectControlFinding, inventoryOf, project, runInProcess, tempDir } from './helpers.js';

const rules: Linter.RulesRecord = Object.fromEntries(
  Object.keys(plugin.rules).map(id => [`privlint/${id}`, 'error'] as const),
);

/** Lints every TypeScript file under `root`, typed (typescript-eslint's project service) or not. */
async function lintProject(root: string, typed: boolean): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: root } : {},
        },
        plugins: { privlint: plugin as never },
        rules,
      },
    ],
  });
  return (await eslint.lintFiles(['src/**/*.ts'])).sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
}

function messagesOf(results: ESLint.LintResult[], root: string, file: string): Linter.LintMessage[] {
  return results.find(result => result.filePath === path.join(root, file))?.messages ?? [];
}

const controlMessage = expect.objectContaining({ ruleId: 'privlint/no-pii-in-logs', line: 3, column: 13 });

describe('the ESLint plugin on hostile files', () => {
  it.each([false, true])(
    'a file over 2 MB gets one message and the run goes on (typed: %s)',
    async typed => {
      // Long string lines: over the limit, yet cheap for ESLint's own parser (a 5 MB file of code takes it a minute).
      const line = `export const blob_${'0'.repeat(6)} = '${'x'.repeat(40_000)}';\n`;
      const root = project({
        'tsconfig.json': JSON.stringify({ include: ['src'] }),
        'src/seed.ts': `declare const user: { email: string };\nexport const leak = user.email;\n${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`,
      });
      const results = await lintProject(root, typed);
      expect(results.every(result => result.fatalErrorCount === 0)).toBe(true);
      expect(messagesOf(results, root, 'src/seed.ts')).toEqual([
        expect.objectContaining({
          severity: 2,
          ruleId: expect.stringMatching(/^privlint\//u),
          line: 1,
          column: 1,
          message:
            'privlint could not analyse this file completely, so findings may be missing: the file is 5.0 MB, more than the 2.0 MB privlint analyses (settings.privlint.maxFileBytes)',
        }),
      ]);
      expect(messagesOf(results, root, controlFile)).toContainEqual(controlMessage);
    },
    120_000,
  );

  it.each([false, true])(
    'files TypeScript cannot walk are said, the others keep their findings (typed: %s)',
    async typed => {
      const root = project({
        'tsconfig.json': JSON.stringify({ include: ['src'] }),
        'src/chain.ts': `declare const o: any;\nexport const deep = o\n${'.a\n'.repeat(2000)};\n`,
        'src/sum.ts': `declare const a: string;\nexport const b = a\n${' + a\n'.repeat(20_000)};\n`,
      });
      const results = await lintProject(root, typed);
      // typescript-estree itself overflows on these (a fatal parsing error, ESLint's own message, whose text depends on
      // where the stack ran out: "Maximum call stack size exceeded", or a node left half made); should a deep file
      // parse, privlint says it was not analysed. Either way the file never passes as clean.
      for (const file of ['src/chain.ts', 'src/sum.ts']) {
        const [message, ...rest] = messagesOf(results, root, file);
        expect(rest).toEqual([]);
        expect(message?.message).toMatch(
          /^(?:Parsing error: .+|privlint could not analyse this file completely, so findings may be missing: its code nests more than \d+ levels deep.*)$/u,
        );
      }
      const control = messagesOf(results, root, controlFile);
      // Typed, the checker is typescript-eslint's and holds the deep file too: if it fails, the control file says
      // so instead of passing as clean. Untyped, each file stands alone.
      // typescript-eslint's program, once overflowed, may also fail to parse the control file: a fatal error, not clean.
      if (
        typed &&
        control.some(message => message.fatal === true || message.message.startsWith('privlint could not analyse'))
      )
        return;
      expect(control).toContainEqual(controlMessage);
    },
    120_000,
  );
});

describe('the manifest search stops at the project root', () => {
  /** A privacy.yml above the project that would silence everything, if it were used. */
  function nested(withGit: boolean): { outer: string; root: string } {
    const outer = tempDir();
    writeFileSync(path.join(outer, 'privacy.yml'), "fields:\n  '*': none\nignore: ['**']\n");
    const root = path.join(outer, 'project');
    mkdirSync(path.join(root, 'src'), { recursive: true });
    if (withGit) mkdirSync(path.join(root, '.git'));
    writeFileSync(
      path.join(root, controlFile),
      'declare const logger: { info(...args: unknown[]): void };\ndeclare const user: { email: string };\nlogger.info(user.email);\n',
    );
    return { outer, root };
  }

  it.each([
    ['the folder holding .git', true],
    ["ESLint's working directory", false],
  ])('stops at %s: ESLint and the CLI both report', async (_, withGit) => {
    const { root } = nested(withGit);
    const results = await lintProject(root, false);
    expect(messagesOf(results, root, controlFile)).toContainEqual(controlMessage);
    const scan = await runInProcess(['scan', '.', '--format', 'json'], root);
    expect(scan.code).toBe(1);
    expectControlFinding(inventoryOf(scan));
  });

  it('uses the manifest inside the project', async () => {
    const { root } = nested(true);
    writeFileSync(path.join(root, 'privacy.yml'), "fields:\n  '*': none\n");
    const results = await lintProject(root, false);
    expect(messagesOf(results, root, controlFile)).toEqual([]);
  });
});
