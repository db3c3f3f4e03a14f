import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript script without declarations.
import { scaffoldRule } from '../../scripts/create-rule.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Edit = { file: string; content: string };
const scaffold = (options: Record<string, string>): Edit[] =>
  scaffoldRule(root, {
    id: 'no-pii-in-metrics',
    description: 'Disallow personal data in metric labels',
    messageId: 'personalDataInMetric',
    preset: 'strict',
    ...options,
  }) as Edit[];

function syntaxErrors(file: string, content: string): string[] {
  const source = ts.createSourceFile(file, content, ts.ScriptTarget.Latest, true);
  const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('create-rule', () => {
  it('writes the one id everywhere: metadata, rule, doc and test, each valid on its own', () => {
    const edits = scaffold({});
    expect(edits.map(edit => edit.file)).toEqual([
      'packages/core/src/findings/rules.ts',
      'packages/eslint-plugin/src/rules/no-pii-in-metrics.ts',
      'docs/rules/no-pii-in-metrics.md',
      'test/rules/no-pii-in-metrics.test.ts',
    ]);
    const [meta, rule, doc, test] = edits as [Edit, Edit, Edit, Edit];
    for (const edit of [meta, rule, test]) expect(syntaxErrors(edit.file, edit.content)).toEqual([]);
    expect(meta.content).toMatch(/'no-hardcoded-pii',\n {2}'no-pii-in-metrics',\n\] as const;/u);
    expect(meta.content).toContain(
      "  'no-pii-in-metrics': {\n    id: 'no-pii-in-metrics',\n    description: 'Disallow personal data in metric labels',",
    );
    expect(rule.content).toContain("reportFindings(context, 'no-pii-in-metrics', options);");
    expect(doc.content.split('\n')[0]).toBe('# privlint/no-pii-in-metrics');
    expect(test.content).toContain("messageId: 'personalDataInMetric'");
  });

  it.each([
    [{ id: 'NoPii' }, '`NoPii` is not a kebab-case rule id'],
    [{ id: 'no-pii-in-logs' }, 'packages/eslint-plugin/src/rules/no-pii-in-logs.ts exists already'],
    [{ description: 'Checks metrics.' }, 'the description starts with Disallow, Require or Enforce'],
    [{ messageId: 'Bad-Id' }, '`Bad-Id` is not a camelCase message id'],
  ])('refuses %o', (options, message) => {
    expect(() => scaffold(options)).toThrow(message);
  });
});
