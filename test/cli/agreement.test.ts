import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from 'eslint-plugin-privlint';
import { describe, expect, it } from 'vitest';
import { repoRoot, run } from './helpers.js';

const fixtures = [
  'fixtures/demo',
  'fixtures/eval/api-server',
  'fixtures/eval/web-app',
  'fixtures/eval/consent-site',
  'fixtures/eval/saas-app',
  'fixtures/scanner/flows/support-desk',
];

/** The findings of typed ESLint with every privlint rule, run from the project's folder, as an editor would. */
async function eslintFindings(root: string, patterns = ['src/**/*.{ts,tsx}']): Promise<string[]> {
  const files = ['**/*.ts', '**/*.tsx'];
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files,
        languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: root } },
      },
      { ...(plugin.configs.all as object), files },
    ],
  });
  return lint(eslint, root, patterns);
}

async function lint(eslint: ESLint, root: string, patterns: string[]): Promise<string[]> {
  const results = await eslint.lintFiles(patterns);
  return results.flatMap(result =>
    result.messages.map(message => {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      const file = path.relative(root, result.filePath).split(path.sep).join('/');
      const severity = message.severity === 2 ? 'error' : 'warning';
      return `${file}:${message.line}:${message.column} ${severity} ${message.ruleId} ${message.message}`;
    }),
  );
}

async function cliFindings(root: string): Promise<string[]> {
  const { stdout } = await run(['scan', root, '--format', 'json', '--fail-on', 'never']);
  const inventory = JSON.parse(stdout) as {
    findings: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[];
  };
  return inventory.findings.map(
    finding =>
      `${finding.file}:${finding.line}:${finding.column} ${finding.severity} privlint/${finding.ruleId} ${finding.message}`,
  );
}

describe('the editor and CI agree', () => {
  it.each(fixtures)('%s: typed ESLint and the CLI report the same findings, one to one', async fixture => {
    const root = path.join(repoRoot, fixture);
    const [inEditor, inCi] = await Promise.all([eslintFindings(root), cliFindings(root)]);
    expect(inCi.length).toBeGreaterThan(0);
    expect([...inEditor].sort()).toEqual([...inCi].sort());
  });

  // privacy.yml sets levels and options, the code accepts findings with privlint-ignore and ESLint comments (one
  // without a reason), and packages/billing has a manifest of its own: the editor, with the typed preset as the docs
  // give it, and CI still say the same thing, severities included. Test code (`orders.test.ts` by name,
  // `orders.check.ts` by vitest's include) is quiet in both.
  it('agree on rule options, severities, suppressions and a nested manifest', async () => {
    const root = path.join(repoRoot, 'fixtures/agreement/policy-app');
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.strictTypeChecked as object,
        { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
      ],
    });
    const [inEditor, inCi] = await Promise.all([
      lint(eslint, root, ['src/**/*.ts', 'packages/**/*.ts']),
      cliFindings(root),
    ]);
    expect([...inEditor].sort()).toEqual([...inCi].sort());
    const summary = inCi.map(line => line.split(' ').slice(0, 3).join(' '));
    expect(summary).toEqual([
      'packages/billing/src/charge.ts:12:27 warning privlint/no-pii-in-logs',
      'src/server/orders.ts:10:29 error privlint/no-pii-in-logs',
      'src/server/orders.ts:18:3 error privlint/no-pii-in-logs',
      'src/server/orders.ts:19:36 error privlint/no-pii-in-logs',
      'src/server/orders.ts:23:29 error privlint/no-hardcoded-pii',
      'src/web/links.ts:2:15 warning privlint/no-pii-in-url',
      // Segment is sent an event and never loaded in the code: before any consent check.
      'src/web/links.ts:6:3 error privlint/require-cookie-consent',
      'src/web/links.ts:7:3 error privlint/no-undeclared-sharing',
    ]);
  });
});

describe('a scan of a subfolder', () => {
  // `privlint scan src/server` uses the privacy.yml above it, as ESLint does for the same files, and reports the
  // paths a scan of the whole project reports.
  it('agrees with ESLint on the files of that folder', async () => {
    const root = path.join(repoRoot, 'fixtures/agreement/policy-app');
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.strictTypeChecked as object,
        { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
      ],
    });
    const [inEditor, inCi] = await Promise.all([
      lint(eslint, root, ['src/server/**/*.ts']),
      cliFindings(path.join(root, 'src/server')),
    ]);
    expect(inCi.map(line => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'src/server/orders.ts:10:29 error privlint/no-pii-in-logs',
      'src/server/orders.ts:18:3 error privlint/no-pii-in-logs',
      'src/server/orders.ts:19:36 error privlint/no-pii-in-logs',
      'src/server/orders.ts:23:29 error privlint/no-hardcoded-pii',
    ]);
    expect([...inEditor].sort()).toEqual([...inCi].sort());
  });
});
