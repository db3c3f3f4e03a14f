// Small files nested deeper than TypeScript's recursion can go, and configurations that recurse: none may abort the
// scan, each is said, and every other file is still analysed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  controlFile,
  expectClean,
  expectControlFinding,
  generousMs,
  inventoryOf,
  project,
  runChild,
  runInProcess,
} from './helpers.js';

/** `open` n times, `middle`, then `close` n times, one per line (a single long line would be skipped as minified). */
const nest = (open: string, middle: string, close: string, n: number): string =>
  `${`${open}\n`.repeat(n)}${middle}\n${`${close}\n`.repeat(n)}`;

/** Each defeats TypeScript's parser (a stack overflow) or its binder and checker (a file the checker cannot walk). */
const deepFiles: Readonly<Record<string, string>> = {
  'src/deep/parens.ts': `export const a =\n${nest('(', '1', ')', 2000)};\n`,
  'src/deep/calls.ts': `declare function f(x: unknown): unknown;\nexport const a =\n${nest('f(', '1', ')', 1500)};\n`,
  'src/deep/arrays.ts': `export const a =\n${nest('[', '1', ']', 1500)};\n`,
  'src/deep/arrows.ts': `export const a =\n${'() =>\n'.repeat(1500)}1;\n`,
  'src/deep/ternaries.ts': `declare const c: boolean;\nexport const a =\n${'c ? 1 :\n'.repeat(5000)}2;\n`,
  'src/deep/else-if.ts': `declare const c: boolean;\nif (c) {}\n${'else if (c) {}\n'.repeat(5000)}`,
  'src/deep/blocks.ts': nest('{', '', '}', 1500),
  'src/deep/jsx.tsx': `export const a =\n${nest('<div>', '', '</div>', 2500)};\n`,
  'src/deep/generics.ts': `type A<T> = T;\nexport type B =\n${nest('A<', '1', '>', 2500)};\n`,
  'src/deep/objects.ts': `export const a =\n${nest('{ a:', '1', '}', 1000)};\n`,
  'src/deep/functions.ts': nest('function f() {', '', '}', 1500),
  // The 6 KB file of the issue: a member chain that crashed TypeScript the first time any file asked for a type.
  'src/deep/chain.ts': `declare const o: any;\nexport const a = o\n${'.a\n'.repeat(2000)};\n`,
  // Checking `a + a + …` costs its length squared in TypeScript's name resolution.
  'src/deep/sum.ts': `declare const a: string;\nexport const b = a\n${' + a\n'.repeat(100_000)};\n`,
};

/** Wrappers around personal data: they cost no depth, so the flow is still seen. */
const wrapped = [
  'declare const logger: { info(...args: unknown[]): void };',
  'declare const user: { email: string };',
  `logger.info(${'('.repeat(41)}user.email${')'.repeat(41)});`,
  `logger.info(${'('.repeat(41)}user.email as unknown${' as string)'.repeat(41)});`,
  `logger.info(${'(<string>'.repeat(41)}user.email${')'.repeat(41)});`,
  '',
].join('\n');

function hostileProject(): string {
  const root = project({
    ...deepFiles,
    'src/wrapped.ts': wrapped,
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
    'packages/deep-options/tsconfig.json': `{"compilerOptions":{"paths":{"x":${'[\n'.repeat(1000)}${']\n'.repeat(1000)}}}}`,
    'packages/deep-options/index.ts': 'export const x = 1;\n',
    'packages/long-extends/tsconfig.json': JSON.stringify({ extends: './chain/0.json' }),
    'packages/long-extends/index.ts': 'export const y = 1;\n',
    'package.json': JSON.stringify({ name: 'hostile', workspaces: ['./', '/', '', 'packages/*'] }),
  });
  const chain = path.join(root, 'packages/long-extends/chain');
  mkdirSync(chain);
  for (let index = 0; index < 3000; index++) {
    writeFileSync(
      path.join(chain, `${index}.json`),
      JSON.stringify(index < 2999 ? { extends: `./${index + 1}.json` } : {}),
    );
  }
  return root;
}

describe('nesting deeper than TypeScript can go', () => {
  it('never aborts the scan: each deep file is said, every other file analysed', async () => {
    const root = hostileProject();
    const result = await runInProcess(['scan', root, '--format', 'json'], root);
    expectClean(result);
    expect(result.code).toBe(1);
    const inventory = inventoryOf(result);
    expectControlFinding(inventory);
    // 41 layers of parentheses or casts no longer hide the flow.
    expect(
      inventory.findings.filter(finding => finding.file === 'src/wrapped.ts').map(finding => finding.line),
    ).toEqual([3, 4, 5]);
    const incomplete = inventory.problems.filter(problem => problem.incomplete).map(problem => problem.file);
    expect(incomplete.sort()).toEqual(Object.keys(deepFiles).sort());
    expect(inventory.summary.incomplete).toBe(Object.keys(deepFiles).length);
    for (const problem of inventory.problems.filter(entry => entry.incomplete)) {
      expect(problem.message).toMatch(
        /^not analysed: its code nests (?:too deeply for TypeScript to parse|more than \d+ levels deep \(line \d+\), .+)$/u,
      );
    }
    const configProblems = inventory.problems.filter(problem => !problem.incomplete);
    expect(configProblems).toEqual(
      expect.arrayContaining([
        {
          file: 'packages/deep-options/tsconfig.json',
          message:
            'Cannot read the file (it nests more than 64 levels deep); its folder is scanned with default options',
        },
        {
          file: 'packages/long-extends/tsconfig.json',
          message:
            '`extends` target packages/long-extends/chain/65.json not read: more than 64 files in its `extends` chain; its files are scanned with default options',
        },
        { file: 'package.json', message: 'workspace glob "./" names no folder inside the project; ignored' },
        { file: 'package.json', message: 'workspace glob "/" names no folder inside the project; ignored' },
        { file: 'package.json', message: 'workspace glob "" names no folder inside the project; ignored' },
      ]),
    );
    // The control file, the wrapped one and the packages behind the broken configs (with default options).
    expect(inventory.summary.files).toBe(4);
  });

  it(
    'as a child process, in every format: exit 1, never a stack trace or "internal error"',
    async () => {
      const root = hostileProject();
      const formats = ['json', 'sarif', 'markdown', 'html', 'fides'];
      const result = await runChild(
        ['scan', '.', ...formats.flatMap(format => ['--format', format]), '--output', 'out'],
        root,
        {
          timeoutMs: generousMs,
        },
      );
      expectClean(result);
      expect(result.code).toBe(1);
      // The terminal summary still reaches standard output, and it does not read as clean.
      expect(result.stdout).toMatch(
        /^privlint: ✖ \d+ problems? .* in \d+ files, 13 files not analysed completely \(findings may be missing\), .*; wrote out\/privlint\.json, /u,
      );
      // The findings themselves are in the reports, the control file's among them.
      expect(readFileSync(path.join(root, 'out/privlint.sarif'), 'utf8')).toContain(controlFile);
    },
    generousMs + 30_000,
  );

  it('YAML nested thousands deep and globs of nested alternatives are said, never thrown', async () => {
    const deepYaml = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const workspace = project({
      'pnpm-workspace.yaml': `packages: ${deepYaml}\n`,
      'package.json': JSON.stringify({ workspaces: [`${'{a,'.repeat(40)}b${'}'.repeat(40)}`] }),
    });
    const scanned = await runInProcess(['scan', '.', '--format', 'json'], workspace);
    expectClean(scanned);
    expect(scanned.code).toBe(1);
    const inventory = inventoryOf(scanned);
    expectControlFinding(inventory);
    expect(inventory.problems).toEqual(
      expect.arrayContaining([
        {
          file: 'pnpm-workspace.yaml',
          message: 'line 1: nested too deeply to read (the YAML parser ran out of stack)',
        },
        { file: 'package.json', message: 'workspace globs ignored: a glob nests alternatives more than 16 deep' },
      ]),
    );
    const manifest = project({ 'privacy.yml': `fields: ${deepYaml}\n` });
    const refused = await runInProcess(['scan', '.'], manifest);
    expectClean(refused);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /privacy\.yml:1:\d+: nested too deeply to read \(the YAML parser ran out of stack\)\n$/u,
    );
  });
});
