import type { JSONSchema, TSESLint } from '@typescript-eslint/utils';
import {
  applyPolicy,
  compileKnowledge,
  defaultKnowledge,
  messageData,
  messageValue,
  ruleOptionsJsonSchema,
  testCodeStatus,
  type FileAnalysis,
  type Finding,
  type RuleId,
  type RuleOptions,
} from '@privlint/core';
import { environmentFor, fileAnalysis, sourceFileOf } from './analysis.js';

const knowledge = compileKnowledge(defaultKnowledge);

/** A rule's `meta.schema`: its options, made from the same definition as privacy.yml `rules:` (see core's policy). */
export function optionsSchema(id: RuleId): [JSONSchema.JSONSchema4ObjectSchema] {
  return [ruleOptionsJsonSchema(id) as unknown as JSONSchema.JSONSchema4ObjectSchema];
}

/**
 * Reports a rule's findings from the shared analysis of the file, through core's rule policy, so ESLint and the CLI
 * report the same thing at the same place. ESLint's config wins: options given there are used as they are; a rule
 * given no options takes them (and `off`) from privacy.yml `rules:`. `privlint-ignore` comments are honoured here;
 * ESLint applies its own disable comments itself.
 */
export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  ruleId: RuleId,
  options: RuleOptions,
): void {
  const analysis = fileAnalysis(context);
  const environment = environmentFor(context);
  if (!analysis || !environment.policy) {
    reportManifestProblem(context);
    return;
  }
  // The rules' default options are `{}`, so any key comes from ESLint's config.
  const explicit = Object.keys(options).length > 0 ? options : undefined;
  if (analysis.incomplete) reportIncomplete(context, analysis);
  const fromManifest = environment.policy.get(ruleId)!;
  // A rule ESLint's config turns on runs, unless privacy.yml itself turns it off (a preset's default does not).
  if (explicit === undefined && fromManifest.fromManifest && fromManifest.level === 'off') return;
  const { findings } = applyPolicy({
    ts: environment.env.ts,
    sourceFile: sourceFileOf(context),
    file: analysis.file,
    findings: analysis.findings.filter(finding => finding.ruleId === ruleId),
    // ESLint gives the severity; the policy here decides options and suppressions only.
    policy: new Map([[ruleId, { level: 'error', options: explicit ?? fromManifest.options, fromManifest: false }]]),
    resolveCategory: word => knowledge.resolveCategory(word),
    eslintComments: false,
    testCode: testCodeStatus(environment.env, sourceFileOf(context).fileName),
  });
  for (const finding of findings) {
    if (finding.ruleId !== ruleId) continue;
    context.report({
      loc: locOf(finding),
      messageId: finding.messageId as MessageIds,
      // ESLint fills the template itself: the values get the same masking and escaping as the CLI's messages.
      data: messageData(finding.data),
      suggest: finding.suggestions.map(suggestion => ({
        messageId: suggestion.messageId as MessageIds,
        data: messageData(suggestion.data),
        fix: fixer => suggestion.edits.map(edit => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
      })),
    });
  }
}

function locOf(finding: Finding): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return {
    start: { line: finding.line, column: finding.column - 1 },
    end: { line: finding.endLine, column: finding.endColumn - 1 },
  };
}

const manifestReported = new WeakSet<object>();
const incompleteReported = new WeakSet<object>();

/**
 * Fail closed: an analysis that did not complete (too large, too deep, an exception, a budget cut) is a message, said
 * once per file by the first privlint rule that runs there, at the place it stopped; a file never passes as clean
 * because privlint gave up on it.
 */
function reportIncomplete<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  analysis: FileAnalysis,
): void {
  if (incompleteReported.has(context.sourceCode)) return;
  incompleteReported.add(context.sourceCode);
  const problems = analysis.problems.filter(problem => problem.incomplete);
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  context.report({
    loc: {
      start: { line: first?.line ?? 1, column: (first?.column ?? 1) - 1 },
      end: { line: first?.line ?? 1, column: (first?.column ?? 1) - 1 },
    },
    messageId: 'notAnalysed' as MessageIds,
    data: { reason: messageValue(`${first?.message ?? 'the analysis stopped early'}${more}`) },
  });
}

/**
 * A broken privacy.yml stops the analysis of the files under it. It is said once per file, at its first line, by
 * the first privlint rule that runs there, with the manifest's own positions in the message.
 */
function reportManifestProblem<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
): void {
  if (manifestReported.has(context.sourceCode)) return;
  manifestReported.add(context.sourceCode);
  const problem = environmentFor(context).problem ?? 'privacy.yml could not be read';
  context.report({
    loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
    messageId: 'invalidManifest' as MessageIds,
    data: { problem },
  });
}
