import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { manifestJsonSchema, manifestSchemaUrl } from '@privlint/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const published = JSON.parse(readFileSync(path.join(root, 'packages/core/schema/privacy.schema.json'), 'utf8'));
const fixture = (name: string): unknown => parse(readFileSync(path.join(root, 'fixtures/manifest', name), 'utf8'));

// Formats (`uri`) are checked for real, not skipped with a warning on every compile.
const compile = () => addFormats.default(new Ajv2020.default({ strict: false })).compile(published);

describe('the published JSON Schema of privacy.yml', () => {
  it('is generated from the zod definition and rules/, at a URL an editor can fetch', () => {
    expect(published).toEqual(manifestJsonSchema());
    expect(published.$id).toBe(manifestSchemaUrl);
    expect(manifestSchemaUrl).toMatch(/^https:\/\/raw\.githubusercontent\.com\/.+\/privacy\.schema\.json$/u);
  });

  it('completes categories, purposes and data subjects: enums from rules/', () => {
    const validate = compile();
    const recipient = published.properties.recipients.additionalProperties.properties;
    expect(recipient.categories.items.enum).toEqual(expect.arrayContaining(['email', 'user.contact.email', 'health']));
    expect(recipient.purposes.items.enum).toEqual(expect.arrayContaining(['analytics', 'marketing.advertising']));
    expect(published.properties.dataSubjects.items.enum).toEqual(expect.arrayContaining(['customer', 'patient']));
    expect(validate({ recipients: { segment: { purposes: ['analytics'], categories: ['user.contact'] } } })).toBe(true);
    expect(validate({ recipients: { segment: { purposes: ['analytics'], categories: ['emial'] } } })).toBe(false);
    expect(validate({ recipients: { segment: { purposes: ['TODO'] } } })).toBe(false);
    expect(validate({ fields: { 'User.taxRef': 'government-id', 'Legacy.email': 'none' } })).toBe(true);
    expect(validate({ rules: { 'no-pii-in-logs': ['warn', { allow: ['ip-address'] }], 'no-pii-in-url': 'off' } })).toBe(
      true,
    );
    expect(validate({ rules: { 'no-pii-in-log': 'off' } })).toBe(false);
  });

  it('accepts a valid manifest and rejects wrong types and unknown keys, as the loader does', () => {
    const validate = compile();
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
