import path from 'node:path';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { clearManifestCache, findManifest, formatProblem, loadManifest, parseManifest } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/manifest');
const load = (name: string) => loadManifest(path.join(dir, name));
const messages = (name: string): string[] =>
  load(name).problems.map(problem => formatProblem({ ...problem, file: path.basename(problem.file) }));

describe('loadManifest', () => {
  it('resolves a valid manifest: short ids, fideslang keys, globs, positions', () => {
    const { manifest, problems } = load('valid.yml');
    expect(problems).toEqual([]);
    const view = manifest!.view(dir);
    expect(view.file).toBe('valid.yml');
    expect(view.recipients.get('segment')).toMatchObject({
      categories: ['email'],
      purposes: ['analytics'],
      transfers: ['US'],
      line: 6,
    });
    expect(view.recipients.get('crm')).toMatchObject({
      name: 'HubSpot CRM',
      purposes: ['marketing.communications.email'],
      hosts: ['api.hubapi.com'],
    });
    expect(view.recipients.get('stripe')?.legalBasis).toBe('contract');
    expect(view.fieldCategories('User', 'taxRef')).toMatchObject({
      categories: ['government-id'],
      key: 'User.taxRef',
      line: 13,
    });
    expect(view.fieldCategories('Customer.billing', 'msisdn')?.categories).toEqual(['phone']);
    expect(view.fieldCategories('Legacy', 'email')).toMatchObject({ none: true });
    expect(view.fieldCategories('Visit', 'notes')?.categories).toEqual(['health', 'name']);
    expect(view.fieldCategories('User', 'email')).toBeUndefined();
    expect(view.isEssentialCookie('session')).toBe(true);
    expect(view.isEssentialCookie('csrf_token')).toBe(true);
    expect(view.isEssentialCookie('_ga')).toBe(false);
    expect(view.cookiePurpose('_ga')).toBe('analytics');
    expect(view.cookieRetention('analytics')).toBe(6 * 2_629_746);
    expect(view.cookieRetention('advertising')).toBeUndefined();
    expect(view.consentPurpose('hasAnalyticsConsent')).toBe('analytics');
    expect(view.isFirstPartyHost('cdn.acme.example')).toBe(true);
    expect(view.isFirstPartyHost('acme.example.evil.net')).toBe(false);
    expect(view.recipientForHost('API.hubapi.com')).toBe('crm');
    expect(manifest!.dataSubjects).toEqual(['customer', 'patient']);
  });

  it('says what is wrong with wrong types, with line, column and key path', () => {
    expect(messages('wrong-types.yml')).toEqual([
      'wrong-types.yml:3:15: `recipients.stripe.purposes`: expected a list of purposes, got the string "payment"',
      'wrong-types.yml:4:17: `recipients.stripe.categories`: expected a list of category ids, got the string "email"',
    ]);
  });

  it('names an unknown category and suggests the nearest', () => {
    expect(messages('unknown-category.yml')).toEqual([
      'unknown-category.yml:4:25: `recipients.segment.categories[1]`: unknown category `emial`; did you mean `email`? (see docs/categories.md)',
    ]);
  });

  it('names an unknown purpose, key and legal basis', () => {
    expect(messages('unknown-purpose.yml')).toEqual([
      'unknown-purpose.yml:3:16: `recipients.segment.purposes[0]`: unknown purpose `analytcs`; did you mean `analytics`?; use a purpose id of docs/manifest.md or a fideslang data use',
    ]);
    expect(messages('unknown-key.yml')).toEqual([
      'unknown-key.yml:2:1: `recipents`: unknown key `recipents`; did you mean `recipients`?',
    ]);
    expect(messages('bad-legal-basis.yml')).toEqual([
      'bad-legal-basis.yml:4:17: `recipients.stripe.legalBasis`: unknown legal basis "because"; expected one of consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests',
    ]);
  });

  it('refuses a cookie retention that is not a duration, naming the purpose', () => {
    expect(messages('bad-retention.yml')).toEqual([
      'bad-retention.yml:2:27: `cookies.retention.analytics`: `half a year` is not a duration; write it as `13 months`, `6 months` or `90 days`',
    ]);
  });

  it('reports a YAML syntax error and duplicate keys where they are', () => {
    const syntax = load('syntax-error.yml').problems;
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ line: 3 });
    expect(messages('duplicate-keys.yml')).toEqual([
      'duplicate-keys.yml:3:3: `recipients.segment`: duplicate key `segment`: it is already defined above',
    ]);
  });

  it('never runs code: custom tags and aliases are refused', () => {
    expect(load('custom-tag.yml').manifest).toBeUndefined();
    expect(load('custom-tag.yml').problems[0]?.message).toMatch(/tag/iu);
    expect(messages('aliases.yml')).toEqual(['aliases.yml:1:1: YAML aliases (`*name`) are not supported here']);
  });

  it('treats an empty file as an empty manifest and a list as a mistake', () => {
    expect(load('empty.yml').problems).toEqual([]);
    expect(load('empty.yml').manifest?.view(dir).recipients.size).toBe(0);
    expect(messages('top-level-list.yml')).toEqual([
      'top-level-list.yml:1:1: expected a mapping of keys such as `recipients:` at the top level',
    ]);
  });

  it('refuses missing, folder, binary and oversized files with one message each', () => {
    expect(loadManifest(path.join(dir, 'nope.yml')).problems[0]?.message).toBe('no such file');
    expect(loadManifest(dir).problems[0]?.message).toBe('is a folder, not a privacy.yml file');
    const temp = mkdtempSync(path.join(os.tmpdir(), 'privlint-manifest-'));
    writeFileSync(path.join(temp, 'binary.yml'), Buffer.from([0x72, 0x00, 0x01]));
    expect(loadManifest(path.join(temp, 'binary.yml')).problems[0]?.message).toBe('is a binary file, not YAML');
    writeFileSync(path.join(temp, 'huge.yml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(loadManifest(path.join(temp, 'huge.yml')).problems[0]?.message).toMatch(
      /^is \d+ bytes; a manifest may be at most/u,
    );
  });

  it('reads text, with a byte-order mark, from parseManifest too', () => {
    expect(parseManifest('\uFEFFsanitizers: [maskEmail]\n', 'privacy.yml').manifest?.view('.').sanitizers).toEqual([
      'maskEmail',
    ]);
  });
});

describe('findManifest', () => {
  it('finds the nearest privacy.yml upward, and refuses two names in one folder', () => {
    clearManifestCache();
    const temp = mkdtempSync(path.join(os.tmpdir(), 'privlint-find-'));
    mkdirSync(path.join(temp, 'a/b/c'), { recursive: true });
    writeFileSync(path.join(temp, 'a/privacy.yml'), 'sanitizers: []\n');
    expect(findManifest(path.join(temp, 'a/b/c'))).toBe(path.join(temp, 'a/privacy.yml'));
    writeFileSync(path.join(temp, 'a/b/privacy.yml'), '');
    writeFileSync(path.join(temp, 'a/b/privacy.yaml'), '');
    clearManifestCache();
    const found = findManifest(path.join(temp, 'a/b/c'));
    expect(typeof found === 'object' && found.message).toMatch(/both privacy.yml and privacy.yaml exist/u);
  });
});

describe('manifest warnings: valid, but worth a person’s look', () => {
  it('says a recipient id one typo from a catalogue vendor is probably that vendor', () => {
    const result = parseManifest(
      'recipients:\n  stirpe: { purposes: [payment], categories: [email] }\n  crm: { purposes: [marketing], hosts: [api.crm.example] }\n',
      'privacy.yml',
    );
    expect(result.problems).toEqual([]);
    expect(result.warnings?.map(formatProblem)).toEqual([
      'privacy.yml:2:3: `recipients.stirpe`: `stirpe` is not a recipient privlint knows and names no `hosts`, so no call matches it; did you mean `stripe`?',
    ]);
  });

  it('says what an entry marked `review:` still needs', () => {
    const result = parseManifest(
      'recipients:\n  segment:\n    purposes: [analytics]\n    review: confirm the purpose\n',
      'privacy.yml',
    );
    expect(result.problems).toEqual([]);
    expect(result.manifest?.warnings.map(formatProblem)).toEqual([
      'privacy.yml:4:5: `recipients.segment.review`: to review: confirm the purpose (delete `review` once checked)',
    ]);
  });
});
