import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { jsonSchemaOf, manifestSchema } from '@privlint/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const published = JSON.parse(readFileSync(path.join(root, 'packages/core/schema/privacy.schema.json'), 'utf8'));
const fixture = (name: string): unknown => parse(readFileSync(path.join(root, 'fixtures/manifest', name), 'utf8'));

describe('the published JSON Schema of privacy.yml', () => {
  it('is generated from the zod definition', () => {
    expect(published).toEqual(
      jsonSchemaOf(manifestSchema, published.$id as string, 'privlint privacy manifest (privacy.yml)'),
    );
  });

  it('accepts a valid manifest and rejects wrong types and unknown keys, as the loader does', () => {
    const validate = new Ajv2020.default({ strict: false }).compile(published);
    expect(validate(fixture('valid.yml'))).toBe(true);
    expect(validate(fixture('wrong-types.yml'))).toBe(false);
    expect(validate(fixture('unknown-key.yml'))).toBe(false);
    expect(validate(fixture('bad-legal-basis.yml'))).toBe(false);
  });

  it('describes every top-level key for editors', () => {
    const properties = published.properties as Record<string, { description?: string }>;
    for (const [key, value] of Object.entries(properties)) expect(value.description, key).toBeTruthy();
  });
});
