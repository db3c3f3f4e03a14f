import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  comparePolicy,
  decodePolicy,
  defaultKnowledge,
  detectFormat,
  extractDisclosures,
  PolicyReadError,
  readPolicy,
  type Inventory,
} from '@privlint/core';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/policies');
const load = (name: string) => {
  const text = readFileSync(path.join(dir, name), 'utf8');
  return extractDisclosures(text, detectFormat(name, text), defaultKnowledge);
};
const disclosed = (name: string): string[] =>
  [
    ...new Set(
      load(name)
        .categories.filter(mention => !mention.negated)
        .map(mention => mention.category),
    ),
  ].sort();

describe('reading policies', () => {
  it('splits Markdown into sentences with lines and headings, skipping front matter', () => {
    const sentences = readPolicy(readFileSync(path.join(dir, 'clinic.md'), 'utf8'), 'markdown');
    expect(sentences[0]).toEqual({
      text: 'Acme Clinic Ltd ("we") runs the booking service at acme-clinic.example.',
      line: 7,
      heading: 'Privacy notice',
    });
    expect(sentences.find(sentence => sentence.text.startsWith('Your date of birth'))).toMatchObject({
      line: 14,
      heading: 'What we collect',
    });
  });

  it('reads HTML without its script and style, decoding entities, with source lines', () => {
    const sentences = readPolicy(readFileSync(path.join(dir, 'shop.html'), 'utf8'), 'html');
    expect(sentences.some(sentence => sentence.text.includes('dataLayer'))).toBe(false);
    expect(sentences.find(sentence => sentence.text.startsWith('We use cookies'))).toMatchObject({
      text: 'We use cookies for analytics and advertising & remember your basket.',
      line: 16,
      heading: 'Analytics and advertising',
    });
  });

  it('reads plain text with numbered headings', () => {
    const sentences = readPolicy(readFileSync(path.join(dir, 'saas.txt'), 'utf8'), 'text');
    expect(sentences.find(sentence => sentence.text.startsWith('We log IP'))).toMatchObject({
      line: 5,
      heading: '1. Information we collect',
    });
  });

  it('decodes UTF-8 and UTF-16 with a byte-order mark, and refuses binary', () => {
    expect(decodePolicy(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('hi');
    expect(decodePolicy(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]))).toBe('hi');
    expect(() => decodePolicy(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(PolicyReadError);
  });
});

describe('what policies disclose and promise', () => {
  it('finds categories in the many ways policies name them, and not under a negation', () => {
    expect(disclosed('clinic.md')).toEqual(['date-of-birth', 'email', 'health', 'name', 'phone']);
    expect(disclosed('shop.html')).toEqual(['email', 'name', 'payment-card', 'postal-address']);
    expect(disclosed('saas.txt')).toEqual(['email', 'ip-address', 'name', 'postal-address']);
  });

  it('finds recipients by name, by kind, and generic ones only where data is shared', () => {
    const recipients = load('clinic.md').recipients.filter(mention => !mention.negated);
    expect(recipients.filter(mention => mention.by === 'name').map(mention => mention.ids)).toEqual([['stripe']]);
    expect(
      recipients
        .filter(mention => mention.by === 'kind')
        .flatMap(mention => mention.kinds)
        .sort(),
    ).toEqual(['email', 'payments']);
    const shop = load('shop.html')
      .recipients.filter(mention => !mention.negated && mention.by === 'name')
      .flatMap(mention => mention.ids);
    expect(shop).toEqual(expect.arrayContaining(['google-analytics', 'meta-pixel']));
  });

  it('finds promises, each with its sentence, and categories never collected', () => {
    const promises = load('clinic.md').promises.map(promise => `${promise.id}:${promise.line}`);
    expect(promises).toEqual(['no-collect:17', 'no-sale:23', 'no-advertisers:23', 'cookies-need-consent:28']);
    expect(load('clinic.md').promises[0]?.categories).toEqual(['biometric', 'religion']);
    expect(load('saas.txt').promises.map(promise => promise.id)).toEqual([
      'consent-before-sharing',
      'no-transfer-outside-eu',
    ]);
    expect(load('shop.html').promises).toEqual([]);
  });
});

describe('holding a policy against an inventory', () => {
  const inventory = (parts: Partial<Inventory>): Inventory =>
    ({
      schemaVersion: 1,
      tool: { name: 'privlint', version: '0' },
      dataSubjects: [],
      summary: {
        files: 1,
        skipped: 0,
        categories: 0,
        specialCategories: 0,
        flows: 0,
        recipients: 0,
        findings: 0,
        bySeverity: { error: 0, warning: 0 },
        byRule: {},
      },
      categories: [],
      flows: [],
      recipients: [],
      cookies: [],
      unused: { recipients: [], categories: [] },
      findings: [],
      skipped: [],
      problems: [],
      ...parts,
    }) as Inventory;
  const category = (id: string, sensitivity: 'standard' | 'special' = 'standard') => ({
    id,
    fides: 'user',
    title: id,
    sensitivity,
    fields: [
      {
        symbol: `User.${id}`,
        categories: [id],
        declared: false,
        evidence: [],
        file: 'src/user.ts',
        line: 3,
        column: 3,
      },
    ],
    flows: 0,
    sinks: [],
    declared: false,
    seenInCode: true,
  });
  const recipient = (id: string, name: string, kind: string, categories: string[], transfers: string[] = []) => ({
    id,
    name,
    kind,
    declared: false,
    seenInCode: true,
    purposes: [],
    declaredCategories: [],
    categories,
    transfers,
    locations: [{ file: 'src/web.ts', line: 9, column: 3 }],
  });

  it('finds undisclosed data and recipients, and the promises the code breaks', () => {
    const code = inventory({
      categories: [category('email'), category('name'), category('biometric', 'special'), category('location')],
      recipients: [
        recipient('stripe', 'Stripe', 'payments', ['email']),
        recipient('meta-pixel', 'Meta Pixel', 'advertising', ['email']),
        recipient('segment', 'Segment', 'analytics', ['email']),
      ],
      cookies: [
        {
          file: 'src/web.ts',
          line: 20,
          column: 1,
          name: '_ab',
          api: 'document-cookie',
          essential: false,
          deletion: false,
          categories: [],
          reported: true,
        },
      ],
    });
    const results = comparePolicy(load('clinic.md'), code, defaultKnowledge);
    const lines = results.map(result =>
      `${result.kind} ${result.category ?? result.recipient ?? ''} ${result.promise ?? ''} ${result.policy ? `L${result.policy.line}` : ''} ${result.code ? `${result.code.file}:${result.code.line}` : ''}`
        .replace(/\s+/gu, ' ')
        .trim(),
    );
    expect(lines).toEqual([
      'broken-promise biometric no-collect L17 src/user.ts:3',
      'broken-promise meta-pixel no-advertisers L23 src/web.ts:9',
      'broken-promise meta-pixel no-sale L23 src/web.ts:9',
      'broken-promise cookies-need-consent L28 src/web.ts:20',
      'undisclosed-category location src/user.ts:3',
      'undisclosed-recipient meta-pixel src/web.ts:9',
      'undisclosed-recipient segment src/web.ts:9',
      'no-trace-in-code phone L11',
      'no-trace-in-code health L12',
      'no-trace-in-code date-of-birth L14',
    ]);
  });

  it('checks consent before sharing and transfers outside the EU', () => {
    const code = inventory({
      categories: [category('email')],
      recipients: [recipient('segment', 'Segment', 'analytics', ['email'], ['US'])],
      flows: [
        {
          file: 'src/web.ts',
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 40,
          sink: { kind: 'third-party', api: 'segment', text: 'analytics.identify', basis: 'origin' },
          categories: ['email'],
          data: [],
          sanitized: [],
          ruleId: 'no-undeclared-sharing',
          reported: true,
          details: {
            recipient: 'segment',
            recipientName: 'Segment',
            kind: 'analytics',
            declared: false,
            purposes: [],
            transfers: [],
          },
        },
      ],
    });
    const kinds = comparePolicy(load('saas.txt'), code, defaultKnowledge).map(
      result => `${result.kind}:${result.promise ?? result.recipient ?? result.category}`,
    );
    expect(kinds).toEqual([
      'broken-promise:consent-before-sharing',
      'broken-promise:no-transfer-outside-eu',
      'undisclosed-recipient:segment',
      'no-trace-in-code:name',
      'no-trace-in-code:postal-address',
      'no-trace-in-code:ip-address',
    ]);
  });
});
