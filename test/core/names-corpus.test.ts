import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNameMatcher, defaultKnowledge, type TypeKind } from '@privlint/core';
import { expect, it } from 'vitest';

const corpus = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus/field-names.txt'), 'utf8')
  .split('\n')
  .filter(line => line.trim() !== '' && !line.startsWith('#'))
  .map(line => {
    const match = /^(\w+)\.(\w+): (\w+) -> (\S+)$/u.exec(line);
    if (!match) throw new Error(`bad corpus line: ${line}`);
    return {
      owner: match[1]!,
      name: match[2]!,
      type: match[3] as TypeKind,
      expected: match[4] === '-' ? undefined : match[4],
    };
  });

it('classifies realistic model fields by name with precision and recall of at least 0.9', () => {
  const matcher = createNameMatcher(defaultKnowledge);
  let truePositives = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const { owner, name, type, expected } of corpus) {
    const got = matcher.match(name, { owner, typeKind: type })?.category;
    if (got !== undefined && got === expected) truePositives++;
    else if (got !== undefined) falsePositives.push(`${owner}.${name} -> ${got}`);
    if (expected !== undefined && got !== expected) falseNegatives.push(`${owner}.${name} (${expected})`);
  }
  const precision = truePositives / (truePositives + falsePositives.length);
  const recall = truePositives / (truePositives + falseNegatives.length);
  console.info(`names: ${corpus.length} fields, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  console.info(
    `false positives: ${falsePositives.join(', ') || 'none'}; false negatives: ${falseNegatives.join(', ') || 'none'}`,
  );
  expect(precision).toBeGreaterThanOrEqual(0.9);
  expect(recall).toBeGreaterThanOrEqual(0.9);
});
