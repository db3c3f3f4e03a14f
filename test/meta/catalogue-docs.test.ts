import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultKnowledge } from '@privlint/core';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const rowIds = (doc: string): string[] => [...doc.matchAll(/^\| `([a-z0-9-]+)` +\|/gmu)].map(match => match[1]!);

it('docs/recipients.md lists every vendor of rules/recipients.yml once, with its default purpose', () => {
  const doc = read('docs/recipients.md');
  const vendors = defaultKnowledge.recipients.recipients;
  const providers = new Set(defaultKnowledge.recipients.aiProviders.map(provider => provider.module));
  expect(
    rowIds(doc)
      .filter(id => !providers.has(id))
      .sort(),
  ).toEqual(vendors.map(vendor => vendor.id).sort());
  for (const vendor of vendors)
    expect(doc).toMatch(new RegExp(`^\\| \`${vendor.id}\` +\\| .+ \\| ${vendor.purpose} +\\|`, 'mu'));
});

it('docs/loggers.md lists every logger of rules/loggers.yml once', () => {
  expect(rowIds(read('docs/loggers.md'))).toEqual(defaultKnowledge.loggers.loggers.map(logger => logger.id));
});

it('the rule docs point at the catalogues instead of keeping their own lists', () => {
  expect(read('docs/rules/no-undeclared-sharing.md')).toContain('](../recipients.md)');
  expect(read('docs/rules/no-pii-in-logs.md')).toContain('](../loggers.md)');
});
