import path from 'node:path';
import type { Log, Result } from 'sarif';
import {
  comparePolicy,
  decodePolicy,
  defaultKnowledge,
  detectFormat,
  draftPolicy,
  escapeJsonText,
  escapeMarkdown,
  extractDisclosures,
  maxPolicyBytes,
  PolicyReadError,
  printable,
  readUserBytes,
  type Inventory,
  type PolicyDisclosures,
  type PolicyResult,
} from '@privlint/core';
import { OutputError } from './output.js';
import { fileUri } from './reporters/sarif.js';

export interface PolicyReport {
  readonly policyFile: string;
  readonly disclosures: PolicyDisclosures;
  readonly results: readonly PolicyResult[];
  /** Files of the scan whose analysis did not complete: what they do may be missing from the comparison. */
  readonly incomplete: number;
}

/** Reads and checks a policy file against an inventory. */
export function checkPolicy(file: string, displayName: string, inventory: Inventory): PolicyReport {
  const shown = printable(displayName);
  // A policy is named by the user, so it is read wherever it is; but a link to /dev/zero or a FIFO in its place is
  // refused before it is opened, and the read stops at the size limit.
  const read = readUserBytes(file, maxPolicyBytes);
  if (!read.ok) {
    if (read.reason === 'missing') throw new OutputError(`${shown}: no such file`);
    if (read.reason === 'directory') throw new OutputError(`${shown}: is a folder, not a policy`);
    if (read.reason === 'too-large') {
      throw new OutputError(
        `${shown} is ${read.size ?? maxPolicyBytes + 1} bytes; a policy may be at most ${maxPolicyBytes}`,
      );
    }
    throw new OutputError(`${shown}: ${read.message}`);
  }
  let text: string;
  try {
    text = decodePolicy(read.bytes);
  } catch (error) {
    if (error instanceof PolicyReadError) throw new OutputError(`${shown} ${error.message}`);
    throw error;
  }
  const disclosures = extractDisclosures(text, detectFormat(file, text), defaultKnowledge);
  return {
    policyFile: displayName,
    disclosures,
    results: comparePolicy(disclosures, inventory, defaultKnowledge),
    incomplete: inventory.summary.incomplete ?? 0,
  };
}

export function draft(inventory: Inventory): string {
  return draftPolicy(inventory, defaultKnowledge);
}

const labels: Record<PolicyResult['kind'], string> = {
  'broken-promise': 'Promises the code breaks',
  'undisclosed-category': 'Personal data the policy never mentions',
  'undisclosed-recipient': 'Recipients the policy neither names nor describes',
  'no-trace-in-code': 'Disclosures with no trace in the code (review)',
};

/** Renders a policy check as text, Markdown, JSON or SARIF (code-located results; the others point at the policy). */
export function renderPolicyReport(
  report: PolicyReport,
  format: 'text' | 'json' | 'markdown' | 'sarif',
  version: string,
): string {
  if (format === 'json') {
    const { disclosures } = report;
    const json = `${JSON.stringify(
      {
        policy: report.policyFile,
        disclosed: {
          categories: [
            ...new Set(disclosures.categories.filter(mention => !mention.negated).map(mention => mention.category)),
          ].sort(),
          recipients: [
            ...new Set(
              disclosures.recipients
                .filter(mention => !mention.negated)
                .flatMap(mention => [...mention.ids, ...mention.kinds.map(kind => `kind:${kind}`)]),
            ),
          ].sort(),
          purposes: [...new Set(disclosures.purposes.map(mention => mention.purpose))].sort(),
          cookies: disclosures.cookies.length > 0,
          promises: disclosures.promises.map(promise => ({
            id: promise.id,
            title: promise.title,
            line: promise.line,
            sentence: promise.sentence,
          })),
        },
        results: report.results,
        ...(report.incomplete > 0 ? { incomplete: report.incomplete } : {}),
      },
      null,
      2,
    )}\n`;
    return escapeJsonText(json);
  }
  if (format === 'sarif') return sarifReport(report, version);
  const markdown = format === 'markdown';
  // The policy's sentences and the code's paths are data: escaped for the terminal, or for Markdown.
  const show = (text: string): string => (markdown ? escapeMarkdown(text) : printable(text));
  const lines: string[] = [
    markdown ? `# ${show(report.policyFile)} against the code` : `privlint policy check ${show(report.policyFile)}`,
    '',
  ];
  for (const kind of Object.keys(labels) as PolicyResult['kind'][]) {
    const results = report.results.filter(result => result.kind === kind);
    if (results.length === 0) continue;
    lines.push(markdown ? `## ${labels[kind]}` : labels[kind], '');
    for (const result of results) {
      const code = result.code ? `${show(result.code.file)}:${result.code.line}` : undefined;
      const cite = result.policy
        ? `${show(report.policyFile)}:${result.policy.line} “${show(shorten(result.policy.sentence))}”`
        : undefined;
      lines.push(`${markdown ? '- ' : '  '}${show(result.message)}`);
      if (code) lines.push(`${markdown ? '  - code: ' : '      code:   '}${code}`);
      if (cite)
        lines.push(
          `${markdown ? '  - policy: ' : '      policy: '}${cite}${result.policy?.phrase && result.policy.phrase !== result.policy.sentence ? ` (matched “${show(shorten(result.policy.phrase, 60))}”)` : ''}`,
        );
    }
    lines.push('');
  }
  const errors = report.results.filter(result => result.severity === 'error').length;
  const warnings = report.results.filter(result => result.severity === 'warning').length;
  // Fail closed: a comparison with a partial analysis never reads as a clean one.
  const unanalysed =
    report.incomplete > 0
      ? `${report.incomplete} file${report.incomplete === 1 ? '' : 's'} not analysed completely (the check may miss what ${report.incomplete === 1 ? 'it does' : 'they do'})`
      : '';
  lines.push(
    errors + warnings === 0 && !unanalysed
      ? '✔ the policy discloses what the code does'
      : errors + warnings === 0
        ? `✖ ${unanalysed}`
        : `✖ ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${unanalysed ? `, ${unanalysed}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function sarifReport(report: PolicyReport, version: string): string {
  const rules = (Object.keys(labels) as PolicyResult['kind'][]).map(kind => ({
    id: `privlint/policy/${kind}`,
    shortDescription: { text: labels[kind] },
    helpUri: 'https://github.com/privlint/privlint/blob/main/docs/policy.md',
  }));
  const results: Result[] = report.results.map(result => {
    const location = result.code
      ? {
          artifactLocation: { uri: fileUri(result.code.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: result.code.line, startColumn: result.code.column },
        }
      : {
          artifactLocation: { uri: fileUri(report.policyFile.split(path.sep).join('/')) },
          region: { startLine: result.policy?.line ?? 1 },
        };
    return {
      ruleId: `privlint/policy/${result.kind}`,
      level: result.severity === 'info' ? 'note' : result.severity,
      message: { text: result.message },
      locations: [{ physicalLocation: location }],
      ...(result.policy
        ? {
            relatedLocations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: fileUri(report.policyFile.split(path.sep).join('/')) },
                  region: { startLine: result.policy.line },
                },
                message: { text: result.policy.sentence },
              },
            ],
          }
        : {}),
      properties: {
        ...(result.category ? { category: result.category } : {}),
        ...(result.recipient ? { recipient: result.recipient } : {}),
        ...(result.promise ? { promise: result.promise } : {}),
      },
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'privlint-policy', version, informationUri: 'https://github.com/privlint/privlint', rules },
        },
        results,
      },
    ],
  };
  return `${escapeJsonText(JSON.stringify(log, null, 2))}\n`;
}

function shorten(text: string, max = 140): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
