import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demo, repoRoot, run, tempDir } from './helpers.js';

const policies = path.join(repoRoot, 'fixtures/policies');

describe('privlint policy check', () => {
  it('holds the clinic policy against the demo app: undisclosed data and recipients, broken promises, cited', async () => {
    const result = await run(['policy', 'check', path.join(policies, 'clinic.md'), demo]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Promises the code breaks');
    expect(result.stdout).toContain(
      'The policy says personal data is not shared with advertisers, but the code sends email, phone to Meta Pixel, an advertising platform.',
    );
    expect(result.stdout).toMatch(
      /The policy says cookies need consent, but the code writes cookie `acme_last_visit`/u,
    );
    expect(result.stdout).toContain(
      'The code sends email to Segment (analytics), which the policy neither names nor describes.',
    );
    expect(result.stdout).toContain(`policy: ${path.join(policies, 'clinic.md')}:23`);
    expect(result.stdout).not.toMatch(/code holds (?:email|name|phone|health|date of birth)/u);
  });

  it('reuses a JSON inventory, and writes json, markdown and sarif', async () => {
    const dir = tempDir();
    const inventory = path.join(dir, 'inventory.json');
    await run(['scan', demo, '--format', 'json', '--output', inventory, '--fail-on', 'never']);
    const json = await run([
      'policy',
      'check',
      path.join(policies, 'shop.html'),
      '--inventory',
      inventory,
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.disclosed.categories).toEqual(['email', 'name', 'payment-card', 'postal-address']);
    expect(
      report.results.some(
        (entry: { kind: string; category?: string }) =>
          entry.kind === 'undisclosed-category' && entry.category === 'health',
      ),
    ).toBe(true);
    const markdown = await run([
      'policy',
      'check',
      path.join(policies, 'shop.html'),
      '--inventory',
      inventory,
      '--format',
      'markdown',
    ]);
    expect(markdown.stdout).toMatch(/^# .*shop\.html against the code/u);
    const sarif = JSON.parse(
      (await run(['policy', 'check', path.join(policies, 'shop.html'), '--inventory', inventory, '--format', 'sarif']))
        .stdout,
    );
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('says clearly what is wrong with its input', async () => {
    const missing = await run(['policy', 'check', 'nope.md', demo]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('privlint: nope.md: no such file\n');
    const binary = path.join(tempDir(), 'policy.pdf');
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const bad = await run(['policy', 'check', binary, demo]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is a binary file, not a policy/u);
    expect((await run(['policy', 'review'])).code).toBe(2);
    expect((await run(['policy', 'check', 'a.md', demo, '--inventory', 'x.json'])).stderr).toMatch(/not both/u);
  });
});

describe('privlint policy draft', () => {
  it('drafts the policy sections from the code and the manifest, with TODOs where the manifest has no answer', async () => {
    const out = path.join(tempDir(), 'draft.md');
    const result = await run(['policy', 'draft', demo, '--output', out]);
    expect(result.code).toBe(0);
    const draft = readFileSync(out, 'utf8');
    for (const heading of [
      'Who we are',
      'What we collect',
      'Why we use it',
      'Who receives it',
      'Cookies and consent',
      'International transfers',
      'How long we keep it',
      'Your rights',
    ]) {
      expect(draft).toContain(`\n## ${heading}\n`);
    }
    expect(draft).toContain('Acme Clinic Ltd is responsible for the personal data described here.');
    expect(draft).toContain(
      '- **Stripe** (payments): email address, name, for payment processing; legal basis: contract.',
    );
    expect(draft).toMatch(/\*\*Meta Pixel\*\* \(advertising\): .*\*\*TODO:\*\* purpose/u);
    expect(draft).toMatch(/the code writes `acme_last_visit`.* before any consent check/u);
  });
});
