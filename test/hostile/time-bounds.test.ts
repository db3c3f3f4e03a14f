// Input built to be slow: globs that backtrack, sums that are quadratic to check, a crafted policy. Each must finish
// well inside a generous bound (a hang fails; a slow shared machine does not).
import { Linter } from 'eslint';
import ts from 'typescript';
import { analyzeFile, compileKnowledge, defaultKnowledge, emptyManifestView } from '@privlint/core';
import plugin from 'eslint-plugin-privlint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import {
  expectClean,
  expectControlFinding,
  generousMs,
  inventoryOf,
  project,
  runChild,
  runInProcess,
} from './helpers.js';

const timeout = generousMs + 30_000;
const stars = 'a*a*a*a*a*a*a*a*b';
/** 60 characters the glob above almost matches: with `.*` per star, a regular expression backtracks for a minute. */
const name = 'a'.repeat(60);

const manifest = [
  'fields:',
  `  '${stars}': email`,
  `  'User.${stars}': phone`,
  'cookies:',
  `  essential: ['${stars}']`,
  `  purposes: { '${stars}': analytics }`,
  'firstParty:',
  `  hosts: ['${stars}.example']`,
  'recipients:',
  `  partner: { hosts: ['${stars}.example'], purposes: [analytics], categories: [email] }`,
  `ignore: ['**/${stars}/**', '${stars}*.ts', '{${stars},${stars}}/**']`,
  '',
].join('\n');

const slowNames = [
  'declare const logger: { info(...args: unknown[]): void };',
  `declare const record: { ${name}: string; email: string };`,
  `interface User { ${name}: string }`,
  `logger.info(record.${name});`,
  `document.cookie = '${name}=1';`,
  `fetch('https://${name}.example/collect', { method: 'POST', body: JSON.stringify({ email: record.email }) });`,
  '',
].join('\n');

describe('time bounds', () => {
  it(
    'manifest globs with eight stars against 60-character names from the code: CLI and ESLint',
    async () => {
      const root = project({ 'privacy.yml': manifest, [`src/${name}/slow.ts`]: slowNames, 'src/slow.ts': slowNames });
      const started = performance.now();
      const result = await runChild(['scan', '.', '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      expectControlFinding(inventoryOf(result));

      const linter = new Linter({ configType: 'flat', cwd: root });
      const messages = linter.verify(
        slowNames,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tseslint.parser },
            plugins: { privlint: plugin as never },
            rules: Object.fromEntries(Object.keys(plugin.rules).map(id => [`privlint/${id}`, 'error'])),
          },
        ],
        `${root}/src/slow.ts`,
      );
      expect(messages.filter(message => message.fatal)).toEqual([]);
      expect(messages.map(message => message.ruleId)).toContain('privlint/require-cookie-consent');
      expect(performance.now() - started).toBeLessThan(generousMs);
    },
    timeout,
  );

  it(
    'a manifest of 20,000 fields is read and used in linear time; more than 1,000 globs are refused',
    async () => {
      const fields = Array.from({ length: 20_000 }, (_, index) => `  Thing${index}.field${index}: email`);
      const names = Array.from({ length: 2000 }, (_, index) => `  field${index}: string;`);
      const root = project({
        'privacy.yml': `fields:\n${fields.join('\n')}\n`,
        'src/types.ts': `export interface Thing7 {\n${names.join('\n')}\n}\n`,
      });
      const result = await runChild(['scan', '.', '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      expect(JSON.stringify(inventory)).toContain('"symbol":"Thing7.field7"');

      const globs = Array.from({ length: 1001 }, (_, index) => `  '*.x${index}*': email`);
      const refused = project({ 'privacy.yml': `fields:\n${globs.join('\n')}\n` });
      const invalid = await runChild(['scan', '.'], refused);
      expectClean(invalid);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain('`fields`: 1001 keys with `*`; at most 1000');
      const list = (count: number): string =>
        `[${Array.from({ length: count }, (_, index) => `f${index}`).join(', ')}]`;
      const lists = project({ 'privacy.yml': `loggers: ${list(1001)}\nsanitizers: ${list(5)}\n` });
      const tooLong = await runInProcess(['scan', '.'], lists);
      expect(tooLong.code).toBe(2);
      expect(tooLong.stderr).toContain('`loggers`: 1001 entries; at most 1000');
    },
    timeout,
  );

  it(
    'the project-wide searches for a tag being loaded or made to wait, over a file of calls that never close',
    async () => {
      // `ym(` 600,000 times: a pattern like `ym\([^)]*init` tried from each of them reads to the end of the file.
      const unclosed = `// ${'ym('.repeat(30)} ${"gtag('consent', 'default', {".repeat(2)}\n`;
      const root = project({
        'src/noise.ts': unclosed.repeat(11_000),
        // Events of two tags nothing loads: each search runs over the noise.
        'src/events.ts': [
          'declare function gtag(...args: unknown[]): void;',
          'declare function ym(...args: unknown[]): void;',
          "gtag('event', 'opened');",
          "ym(1, 'reachGoal', 'opened');",
          '',
        ].join('\n'),
      });
      const started = performance.now();
      const result = await runChild(['scan', '.', '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      expect(inventory.findings.map(finding => `${finding.file} ${finding.ruleId}`)).toContain(
        'src/events.ts require-cookie-consent',
      );
      expect(performance.now() - started).toBeLessThan(generousMs);
    },
    timeout,
  );

  it(
    'a .gitignore of patterns that backtrack, and of thousands of rules, over deep paths',
    async () => {
      const files: Record<string, string> = {
        '.gitignore': [
          `**/a*/**/a*/**/a*/**/a*/**/a*/**/a*/**/b`,
          ...Array.from({ length: 5000 }, (_, index) => `dir${index}/*a*b*c*${index}`),
        ].join('\n'),
      };
      for (let index = 0; index < 200; index++)
        files[`${'aaaa/'.repeat(30)}f${index}.ts`] = `export const v${index} = 1;\n`;
      const root = project(files);
      const result = await runChild(['scan', '.', '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      expect(inventory.summary.files).toBe(201);
      expect(inventory.problems).toContainEqual({
        file: '.gitignore',
        message:
          "4001 of its rules not applied (invalid, or past the first 1000 of a file or 2,000 of a folder's chain); the files they name are scanned",
      });
    },
    timeout,
  );

  it(
    'a + a + … of 100,000 terms reaching a logger is refused quickly, not checked for minutes',
    async () => {
      const sum = [
        'declare const logger: { info(...args: unknown[]): void };',
        'declare const a: string;',
        `const b = a\n${' + a\n'.repeat(100_000)};`,
        'logger.info(b);',
        '',
      ].join('\n');
      const root = project({ 'src/sum.ts': sum });
      const result = await runChild(['scan', '.', '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      expect(inventory.problems).toContainEqual({
        file: 'src/sum.ts',
        message: expect.stringMatching(/^not analysed: its code nests more than 5000 levels deep/u),
        incomplete: true,
      });
    },
    timeout,
  );

  it(
    'a crafted 1 MB policy is read in linear time',
    async () => {
      const unit = (text: string): string => text.repeat(Math.ceil((1024 * 1024) / text.length));
      const root = project({
        // One sentence of a megabyte, a megabyte of `![` that never closes, unclosed tags, abbreviations, list items.
        'policies/sentence.txt': unit('we share your email with partners and '),
        'policies/images.md': unit('!['),
        'policies/tags.html': unit('<p'),
        'policies/scripts.html': unit('<script>a'),
        'policies/abbreviations.txt': unit('e.g. '),
        'policies/items.md': unit('- we collect your email address\n'),
      });
      const inventory = (await runInProcess(['scan', '.', '--format', 'json', '--output', 'inventory.json'], root))
        .stdout;
      expect(inventory).toContain('wrote inventory.json');
      const runs = await Promise.all(
        ['sentence.txt', 'images.md', 'tags.html', 'scripts.html', 'abbreviations.txt', 'items.md'].map(file =>
          runChild(['policy', 'check', `policies/${file}`, '--inventory', 'inventory.json'], root),
        ),
      );
      for (const result of runs) {
        expectClean(result);
        expect([0, 1]).toContain(result.code);
        expect(result.stdout).toMatch(
          /\n(?:✔ the policy discloses what the code does|✖ \d+ errors?, \d+ warnings?)\n$/u,
        );
      }
    },
    timeout,
  );

  it('each file has a time budget: when it runs out the file stops there and is incomplete, never clean', () => {
    const code = Array.from({ length: 500 }, (_, index) => `logger.info(user${index}.email);`).join('\n');
    const env = {
      ts,
      knowledge: compileKnowledge(defaultKnowledge),
      manifest: emptyManifestView,
      rootDir: '/project',
      fileTimeBudgetMs: 0,
    };
    const sourceFile = ts.createSourceFile('/project/slow.ts', code, ts.ScriptTarget.Latest, true);
    const analysis = analyzeFile(sourceFile, { env });
    expect(analysis.incomplete).toBe(true);
    // Where it stopped, with the reason: never a clean file.
    expect(analysis.problems).toContainEqual({
      file: 'slow.ts',
      line: expect.any(Number),
      column: expect.any(Number),
      message: 'analysis of this file stopped here after 0 s (its time budget); the rest of the file was not checked',
      incomplete: true,
    });
    expect(analysis.findings.length).toBeLessThan(500);
  });
});
