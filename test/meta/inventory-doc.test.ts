import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventorySchema } from '@privlint/core';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('docs/inventory.md documents every top-level key of the inventory', () => {
  const doc = readFileSync(path.join(root, 'docs/inventory.md'), 'utf8');
  const headings = [...doc.matchAll(/^### (.+)$/gmu)].flatMap(match =>
    [...match[1]!.matchAll(/`([^`]+)`/gu)].map(key => key[1]),
  );
  const keys = Object.keys(inventorySchema.shape).filter(key => key !== '$schema');
  expect([...headings].sort()).toEqual([...keys].sort());
});
