import type { TSESLint } from '@typescript-eslint/utils';
import {
  compileKnowledge,
  defaultKnowledge,
  messageData,
  messageValue,
  type FileAnalysis,
  type Finding,
  type RuleId,
} from '@privlint/core';
import { environmentFor, fileAnalysis } from './analysis.js';

const knowledge = compileKnowledge(defaultKnowledge);

/** Options every data rule shares. */
export interface AllowOptions {
  /** Category ids (or fideslang keys) this rule never reports. */
  allow?: string[];
}

/** The JSON Schema of `allow`, shared by the data rules. */
export const allowSchema = {
  type: 'array',
  items: { type: 'string' },
  description: 'Categories this rule never reports (short ids such as `ip-address`, or fideslang keys).',
} as const;

/**
 * Reports a rule's findings from the shared analysis of the file. Positions, messages and suggestions come from
 * core, so ESLint and the CLI report the same thing at the same place.
 */
export function reportFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  ruleId: RuleId,
  options: AllowOptions = {},
  skip: (finding: Finding) => boolean = () => false,
): void {
  const allowed = new Set((options.allow ?? []).flatMap(word => knowledge.resolveCategory(word)));
  const analysis = fileAnalysis(context);
  if (!analysis) {
    reportManifestProblem(context);
    return;
  }
  if (analysis.incomplete) reportIncomplete(context, analysis);
  for (const finding of analysis.findings) {
    if (finding.ruleId !== ruleId) continue;
    if (
      allowed.size > 0 &&
      finding.categories.length > 0 &&
      finding.categories.every(category => allowed.has(category))
    ) {
      continue;
    }
    if (skip(finding)) continue;
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
