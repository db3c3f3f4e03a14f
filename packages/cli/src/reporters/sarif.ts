import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allRuleMeta, ruleDocsUrl } from '@privlint/core';
import type { Reporter } from './context.js';

/**
 * SARIF 2.1.0 for code scanning (GitHub accepts it): every rule with its help URI, one result per finding with a
 * stable `partialFingerprints` entry (it survives line moves), and the evidence in `properties`.
 */
export const sarif: Reporter = ({ inventory }) => {
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
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
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
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          categories: inventory.categories.filter(category => category.seenInCode).map(category => category.id),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
