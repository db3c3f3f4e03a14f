import path from 'node:path';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { allRuleMeta, escapeJsonText, ruleDocsUrl } from '@privlint/core';
import type { Reporter } from './context.js';

/**
 * A repository-relative path as a URI reference: `encodeURI` leaves `#` (a fragment), `?` (a query) and `:` (a
 * scheme, in the first segment) as they are, so `a#b.ts` pointed at `a`; they are escaped too.
 */
export function fileUri(relPath: string): string {
  return encodeURI(relPath).replace(/[#?:]/gu, char => encodeURIComponent(char));
}

/**
 * SARIF 2.1.0 for code scanning (GitHub accepts it): every rule with its help URI, one result per finding with a
 * stable `partialFingerprints` entry (it survives line moves), and the evidence in `properties`.
 */
export const sarif: Reporter = ({ inventory, repositoryPath = '' }) => {
  const rules: ReportingDescriptor[] = allRuleMeta.map(meta => ({
    id: `privlint/${meta.id}`,
    name: meta.id.replace(/(?:^|-)([a-z])/gu, (_, letter: string) => letter.toUpperCase()),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description}. See ${ruleDocsUrl(meta.id)}` },
    helpUri: ruleDocsUrl(meta.id),
    help: { text: `${meta.description}. Documentation: ${ruleDocsUrl(meta.id)}` },
    defaultConfiguration: { level: meta.severity === 'error' ? 'error' : 'warning' },
    properties: { tags: ['privacy', 'security'], precision: 'high' },
  }));
  const index = new Map(allRuleMeta.map((meta, position) => [meta.id, position]));
  const results: Result[] = inventory.findings.map(finding => ({
    ruleId: `privlint/${finding.ruleId}`,
    ruleIndex: index.get(finding.ruleId as never) ?? 0,
    level: finding.severity === 'error' ? 'error' : 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(inRepository(finding.file, repositoryPath)), uriBaseId: 'SRCROOT' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { 'privlint/v1': finding.fingerprint },
    ...(finding.baseline
      ? {
          baselineState: 'unchanged' as const,
          suppressions: [{ kind: 'external' as const, justification: 'accepted by the privlint baseline' }],
        }
      : {}),
    properties: {
      categories: finding.categories,
      evidence: finding.evidence,
      ...(finding.sink ? { sink: finding.sink } : {}),
    },
  }));
  // Fail closed: what could not be analysed is a tool execution notification at error level, and the run says it did
  // not complete, so code scanning does not show a clean run for a partial analysis.
  const incomplete = inventory.problems.filter(problem => problem.incomplete);
  const notifications: Notification[] = incomplete.map(problem => ({
    level: 'error',
    message: { text: `Not analysed completely, findings may be missing: ${problem.message}` },
    descriptor: { id: 'privlint/analysis-incomplete' },
    ...(problem.file === undefined
      ? {}
      : {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(inRepository(problem.file, repositoryPath)), uriBaseId: 'SRCROOT' },
                ...(problem.line === undefined
                  ? {}
                  : {
                      region: { startLine: problem.line, ...(problem.column ? { startColumn: problem.column } : {}) },
                    }),
              },
            },
          ],
        }),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'privlint',
            version: inventory.tool.version,
            informationUri: 'https://github.com/privlint/privlint',
            rules,
          },
        },
        originalUriBaseIds: uriBases(repositoryPath),
        ...(notifications.length > 0
          ? { invocations: [{ executionSuccessful: false, toolExecutionNotifications: notifications }] }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          categories: inventory.categories.filter(category => category.seenInCode).map(category => category.id),
        },
      },
    ],
  };
  return `${escapeJsonText(JSON.stringify(log, null, 2))}\n`;
};

/** A path of the inventory (relative to the project) as a path from the repository root. */
function inRepository(file: string, repositoryPath: string): string {
  return repositoryPath === '' ? file : path.posix.normalize(`${repositoryPath}/${file}`);
}

/**
 * Result URIs are relative to `SRCROOT`, the repository root, which code scanning resolves to its checkout. Its
 * absolute place on this machine is left out on purpose (SARIF allows that): reports stay byte-identical across
 * checkouts. `PROJECTROOT` says where in the repository the scanned project's manifest is.
 */
function uriBases(repositoryPath: string): NonNullable<Run['originalUriBaseIds']> {
  return {
    SRCROOT: { description: { text: 'The root of the repository (its git root, else the project root).' } },
    ...(repositoryPath === ''
      ? {}
      : {
          PROJECTROOT: {
            uri: `${encodeURI(repositoryPath)}/`,
            uriBaseId: 'SRCROOT',
            description: { text: 'The folder of the privacy.yml that governs the scan.' },
          },
        }),
  };
}
