import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultKnowledge, parseManifest } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/manifest.md'), 'utf8');

describe('docs/manifest.md', () => {
  const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gmu)].map(match => match[1]!);

  it.each(blocks.map((block, index) => [index, block] as const))('yaml block %i is a valid manifest', (_, block) => {
    expect(parseManifest(block, 'privacy.yml').problems).toEqual([]);
  });

  it('lists every purpose id of rules/purposes.yml with its fideslang data use', () => {
    for (const purpose of defaultKnowledge.purposes.purposes) {
      expect(doc).toMatch(
        new RegExp(`\\| \`${purpose.id}\`\\s*\\| \`${purpose.fides.replace(/\./gu, '\\.')}\`\\s*\\|`, 'u'),
      );
    }
  });

  it('documents every top-level key', () => {
    for (const key of [
      'controller',
      'security',
      'dataSubjects',
      'recipients',
      'firstParty',
      'cookies',
      'consent',
      'sanitizers',
      'loggers',
      'fields',
      'ignore',
      'testCode',
      'preset',
      'rules',
    ]) {
      expect(doc).toContain(`### \`${key}\``);
    }
  });
});
