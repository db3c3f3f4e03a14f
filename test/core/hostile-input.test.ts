import { describe, expect, it } from 'vitest';
import { hostileSource } from '../helpers/hostile.js';
import { analyzeFiles } from '../helpers/program.js';

describe('the analysis on hostile input', () => {
  it.each([false, true])('goes through the whole file, skipping only what defeats it (typed: %s)', async typed => {
    const [result] = await analyzeFiles({ 'hostile.ts': hostileSource() }, { typed });
    expect(result!.problems.filter(problem => problem.message.includes('stopped early'))).toEqual([]);
    // A 2000-deep chain of `const` aliases overflows TypeScript's own type inference when asked about its last
    // link first; that one expression is skipped and said to be, with its position.
    for (const problem of result!.problems)
      expect(problem.message).toMatch(/^analysis skipped this expression: |step budget/u);
    const lines = new Set(result!.findings.map(finding => finding.line));
    const source = hostileSource().split('\n');
    const lineOf = (text: string): number => source.findIndex(line => line.startsWith(text)) + 1;
    expect(lines).toContain(lineOf('export function cyclic'));
    expect(lines).toContain(lineOf('logger.info(`'));
    expect(lines).toContain(lineOf('logger.info({ ...wide })'));
  });
});
