import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedMarks, reportedMarks, score, type Score } from './score.js';

const evalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/eval');
const projects = ['api-server', 'web-app', 'consent-site', 'saas-app'];
const rules = [
  'no-pii-in-logs',
  'no-pii-in-client-storage',
  'no-pii-in-url',
  'require-cookie-consent',
  'no-undeclared-sharing',
];

function scoreAll(typed: boolean): Score[] {
  const expected = new Set<string>();
  const reported = new Set<string>();
  for (const project of projects) {
    const root = path.join(evalDir, project);
    for (const mark of expectedMarks(root)) expected.add(`${project}/${mark}`);
    for (const mark of reportedMarks(root, typed)) reported.add(`${project}/${mark}`);
  }
  return score(expected, reported, rules);
}

function report(label: string, scores: readonly Score[]): void {
  for (const entry of scores) {
    console.info(
      `${label} ${entry.rule}: precision ${entry.precision.toFixed(2)}, recall ${entry.recall.toFixed(2)} ` +
        `(TP ${entry.truePositives}, FP ${entry.falsePositives.join(', ') || 0}, FN ${entry.falseNegatives.join(', ') || 0})`,
    );
  }
}

describe('precision and recall on the labelled evaluation projects', () => {
  it('typed: precision and recall at least 0.9 for every rule', () => {
    const scores = scoreAll(true);
    report('typed', scores);
    for (const entry of scores) {
      expect(
        entry.precision,
        `${entry.rule} precision; false positives: ${entry.falsePositives.join(', ')}`,
      ).toBeGreaterThanOrEqual(0.9);
      expect(entry.recall, `${entry.rule} recall; missed: ${entry.falseNegatives.join(', ')}`).toBeGreaterThanOrEqual(
        0.9,
      );
    }
  });

  it('untyped: precision at least 0.9 and recall at least 0.7 for every rule', () => {
    const scores = scoreAll(false);
    report('untyped', scores);
    for (const entry of scores) {
      expect(
        entry.precision,
        `${entry.rule} precision; false positives: ${entry.falsePositives.join(', ')}`,
      ).toBeGreaterThanOrEqual(0.9);
      expect(entry.recall, `${entry.rule} recall; missed: ${entry.falseNegatives.join(', ')}`).toBeGreaterThanOrEqual(
        0.7,
      );
    }
  });
});
