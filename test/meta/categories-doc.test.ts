import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultKnowledge } from '@privlint/core';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('docs/categories.md lists exactly the categories of rules/categories.yml, with their fideslang keys', () => {
  const doc = readFileSync(path.join(root, 'docs/categories.md'), 'utf8');
  const sections = [...doc.matchAll(/^## (\S+)$/gmu)].map(match => match[1]);
  expect(sections).toEqual(defaultKnowledge.categories.categories.map(category => category.id));
  for (const category of defaultKnowledge.categories.categories) {
    expect(doc).toContain(
      `| [\`${category.id}\`](#${category.id}) | \`${category.fides}\` | ${category.sensitivity} |`,
    );
  }
});
