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
];

/** The findings of typed ESLint with every privlint rule, run from the project's folder, as an editor would. */
async function eslintFindings(root: string): Promise<string[]> {
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
  const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
  return results.flatMap(result =>
    result.messages.map(message => {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      const file = path.relative(root, result.filePath).split(path.sep).join('/');
      return `${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`;
    }),
  );
}

async function cliFindings(root: string): Promise<string[]> {
  const { stdout } = await run(['scan', root, '--format', 'json', '--fail-on', 'never']);
  const inventory = JSON.parse(stdout) as {
    findings: { file: string; line: number; column: number; ruleId: string; message: string }[];
  };
  return inventory.findings.map(
    finding => `${finding.file}:${finding.line}:${finding.column} privlint/${finding.ruleId} ${finding.message}`,
  );
}

describe('the editor and CI agree', () => {
  it.each(fixtures)('%s: typed ESLint and the CLI report the same findings, one to one', async fixture => {
    const root = path.join(repoRoot, fixture);
    const [inEditor, inCi] = await Promise.all([eslintFindings(root), cliFindings(root)]);
    expect(inCi.length).toBeGreaterThan(0);
    expect([...inEditor].sort()).toEqual([...inCi].sort());
  });
});
