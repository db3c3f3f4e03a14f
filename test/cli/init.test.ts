import { parseManifest, type Inventory } from '@privlint/core';
import { starterManifest } from '../../packages/cli/src/init.js';
import { describe, expect, it } from 'vitest';

/** The least of an inventory that init reads: recipients reached and cookies written, as a hostile project has them. */
function inventory(recipients: Partial<Inventory['recipients'][number]>[], cookies: string[] = []): Inventory {
  return {
    recipients: recipients.map(recipient => ({
      name: recipient.id ?? '',
      declared: false,
      seenInCode: true,
      purposes: [],
      declaredCategories: [],
      categories: [],
      transfers: [],
      locations: [],
      id: '',
      ...recipient,
    })),
    cookies: cookies.map(name => ({
      name,
      file: 'a.ts',
      line: 1,
      column: 1,
      api: 'document.cookie',
      essential: false,
      deletion: false,
      categories: [],
      reported: true,
    })),
  } as unknown as Inventory;
}

describe('starterManifest', () => {
  it('cannot be made to write keys by names from the scanned code', () => {
    const text = starterManifest(
      inventory(
        [
          { id: 'host:evil.example\ncontroller: { name: Mallory }', categories: ['email'] },
          { id: 'host:x.example\r\nrules: { no-pii-in-logs: off }', categories: ['email'] },
        ],
        ['ab\nrules:\n  no-pii-in-url: off', 'cd\r#\rpreset: recommended'],
      ),
    );
    const { manifest, problems } = parseManifest(text, 'privacy.yml');
    expect(problems).toEqual([]);
    expect(Object.keys(manifest!.data).sort()).toEqual(
      ['consent', 'cookies', 'dataSubjects', 'fields', 'ignore', 'loggers', 'recipients', 'rules', 'sanitizers'].sort(),
    );
    expect(manifest!.data.controller).toBeUndefined();
    expect(manifest!.data.rules).toEqual({});
    expect(manifest!.data.preset).toBeUndefined();
    expect([...manifest!.recipients.keys()].every(id => /^[a-z0-9][a-z0-9._-]*$/u.test(id))).toBe(true);
    expect([...manifest!.recipients.values()].map(recipient => recipient.hosts)).toEqual([
      ['evil.example\ncontroller: { name: Mallory }'],
      ['x.example\r\nrules: { no-pii-in-logs: off }'],
    ]);
    // Every line of the file is a comment, a key of the starter, or a value under one.
    for (const line of text.split(/\r\n|\r|\n/u)) {
      expect(line, line).toMatch(/^(?:#.*|\s+.*|recipients:|cookies:|consent:|)$/u);
    }
  });

  it('validates with recipients, cookies or neither, and warns for every proposed purpose', () => {
    for (const input of [
      inventory([]),
      inventory([{ id: 'stripe', categories: ['email', 'payment-card'] }], ['session']),
      inventory([{ id: 'host:api.crm.example' }]),
    ]) {
      const result = parseManifest(starterManifest(input), 'privacy.yml');
      expect(result.problems).toEqual([]);
      expect(result.warnings).toHaveLength(input.recipients.length);
    }
  });

  it('gives two hosts that read the same two ids', () => {
    const text = starterManifest(inventory([{ id: 'host:api.mail.example' }, { id: 'host:www.mail.example' }]));
    expect([...parseManifest(text, 'privacy.yml').manifest!.recipients.keys()]).toEqual([
      'mail-example',
      'mail-example-2',
    ]);
  });
});
