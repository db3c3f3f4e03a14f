import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseDocument, visit } from 'yaml';
import { defaultKnowledge } from '@privlint/core';
import { describe, expect, it } from 'vitest';
import { demo, repoRoot, run } from './helpers.js';

const require = createRequire(import.meta.url);

interface FidesDeclaration {
  name: string;
  data_categories: string[];
  data_use: string;
  data_subjects: string[];
  egress?: string[];
  legal_basis_for_processing?: string;
  retention_period?: string;
  processes_special_category_data?: boolean;
  data_shared_with_third_parties?: boolean;
}

interface FidesSystem {
  fides_key: string;
  system_type: string;
  privacy_declarations: FidesDeclaration[];
  egress?: { fides_key: string; type: string; data_categories?: string[] }[];
  ingress?: { fides_key: string; type: string; data_categories?: string[] }[];
  legal_basis_for_transfers?: string[];
  data_security_practices?: string;
}

describe('reporters on the bundled example', () => {
  it.each([
    ['text', 'txt'],
    ['json', 'json'],
    ['sarif', 'sarif'],
    ['markdown', 'md'],
    ['html', 'html'],
    ['fides', 'yml'],
  ])('%s matches its snapshot', async (format, extension) => {
    const { stdout } = await run(['scan', demo, '--format', format]);
    await expect(stdout).toMatchFileSnapshot(`__snapshots__/demo.${extension}`);
  });

  it('json validates against the published inventory schema', async () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'packages/core/schema/inventory.schema.json'), 'utf8'));
    const validate = addFormats.default(new Ajv2020.default({ strict: false, allErrors: true })).compile(schema);
    const inventory = JSON.parse((await run(['scan', demo, '--format', 'json'])).stdout);
    expect(validate(inventory), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sarif validates against the SARIF 2.1.0 schema, with help URIs, fingerprints and evidence', async () => {
    // The OASIS SARIF 2.1.0 schema, as the @microsoft/jest-sarif package ships it.
    const {
      id,
      $schema: _draft,
      ...schema
    } = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema is written in draft 04, whose only difference that matters to Ajv 8 here is `id` for `$id`.
    schema.$id = id;
    const validate = addFormats
      .default(new Ajv.default({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false }))
      .compile(schema);
    const log = JSON.parse((await run(['scan', demo, '--format', 'sarif'])).stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [runLog] = log.runs;
    expect(runLog.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain('privlint/no-pii-in-logs');
    for (const rule of runLog.tool.driver.rules)
      expect(rule.helpUri).toMatch(/^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/u);
    expect(runLog.results.length).toBeGreaterThan(0);
    for (const result of runLog.results) {
      expect(result.partialFingerprints['privlint/v1']).toMatch(/^[0-9a-f]{32}$/u);
      expect(result.properties.evidence).toBeInstanceOf(Array);
    }
  });

  it('fides is a complete fideslang system: every reference defined, every key from the taxonomy', async () => {
    const text = (await run(['scan', demo, '--format', 'fides'])).stdout;
    const document = parseDocument(text);
    expect(document.errors).toEqual([]);
    let aliases = 0;
    visit(document, { Alias: () => void aliases++ });
    expect(aliases).toBe(0);
    const { system: systems } = document.toJS() as { system: FidesSystem[] };
    const [system] = systems;
    expect(system!.fides_key).toBe('acme_clinic_ltd');
    const taxonomy = defaultKnowledge.fideslang;
    const categories = new Set(taxonomy.dataCategories.map(entry => entry.key));
    const uses = new Set(taxonomy.dataUses.map(entry => entry.key));
    const subjects = new Set(taxonomy.dataSubjects.map(entry => entry.key));
    const defined = new Set(systems.map(entry => entry.fides_key));
    for (const entry of systems) {
      // The fields fideslang's System model requires, and its key pattern.
      expect(entry.fides_key).toMatch(/^[a-zA-Z0-9_.<>-]+$/u);
      expect(typeof entry.system_type).toBe('string');
      expect(entry.privacy_declarations).toBeInstanceOf(Array);
      for (const flow of [...(entry.egress ?? []), ...(entry.ingress ?? [])]) {
        expect(flow.type).toBe('system');
        expect(defined, `${entry.fides_key} -> ${flow.fides_key}`).toContain(flow.fides_key);
        for (const key of flow.data_categories ?? []) expect(categories).toContain(key);
      }
      for (const key of entry.legal_basis_for_transfers ?? [])
        expect(['Adequacy Decision', 'SCCs', 'BCRs', 'Supplementary Measures', 'Other']).toContain(key);
      for (const declaration of entry.privacy_declarations) {
        for (const key of declaration.data_categories) expect(categories).toContain(key);
        expect(uses).toContain(declaration.data_use);
        for (const key of declaration.data_subjects) expect(subjects).toContain(key);
        // A declaration's egress must name a data flow of its own system (fideslang's validator).
        for (const key of declaration.egress ?? [])
          expect((entry.egress ?? []).map(flow => flow.fides_key)).toContain(key);
        if (declaration.legal_basis_for_processing !== undefined)
          expect([
            'Consent',
            'Contract',
            'Legal obligations',
            'Vital interests',
            'Public interest',
            'Legitimate interests',
          ]).toContain(declaration.legal_basis_for_processing);
      }
    }
    const declaration = (name: string): FidesDeclaration =>
      system!.privacy_declarations.find(entry => entry.name === name)!;
    expect(declaration('Stripe: essential.service.payment_processing')).toMatchObject({
      legal_basis_for_processing: 'Contract',
      retention_period: '7 years',
      egress: ['stripe'],
      processes_special_category_data: false,
      data_shared_with_third_parties: true,
    });
    expect(declaration('Segment: analytics')).toMatchObject({
      legal_basis_for_processing: 'Consent',
      retention_period: '13 months',
    });
    expect(declaration('OpenAI: third_party_sharing')).toMatchObject({
      data_categories: ['user.health_and_medical'],
      processes_special_category_data: true,
    });
    expect(declaration('Providing the service').processes_special_category_data).toBe(true);
    expect(system).toMatchObject({
      does_international_transfers: true,
      legal_basis_for_transfers: ['Adequacy Decision', 'SCCs'],
      dpo: 'Data Protection Office, dpo@acme-clinic.example',
      uses_cookies: true,
    });
    expect(system!.data_security_practices).toContain('patient records encrypted at rest (AES-256)');
    expect(systems.find(entry => entry.fides_key === 'segment')).toMatchObject({
      system_type: 'Third Party',
      legal_basis_for_transfers: ['Adequacy Decision'],
    });
    for (const entry of system!.privacy_declarations) expect(entry.data_subjects).toEqual(['patient', 'customer']);
  });

  it('markdown is an Art. 30 record with every section', async () => {
    const { stdout } = await run(['scan', demo, '--format', 'markdown']);
    for (const heading of [
      'Controller',
      'Purposes of the processing',
      'Categories of data subjects',
      'Categories of personal data',
      'Recipients',
      'Transfers to third countries',
      'Retention',
      'Cookies',
      'Flows of personal data',
      'Declared but never seen in the code',
      'Findings',
    ]) {
      expect(stdout).toContain(`\n## ${heading}\n`);
    }
    expect(stdout).toContain('Recipient `intercom` is declared in privacy.yml but the code never sends it anything.');
  });

  it('markdown opens with what needs attention and gives safeguards, Art. 30(1)(g) and accepted exceptions', async () => {
    const { stdout } = await run(['scan', demo, '--format', 'markdown']);
    const headings = [...stdout.matchAll(/^#{2,3} (.+)$/gmu)].map(match => match[1]);
    expect(headings.slice(0, 6)).toEqual([
      'What needs attention',
      'Recipients not declared in privacy.yml',
      'Special categories of personal data (Art. 9)',
      'Transfers outside the EEA',
      'Cookies privacy.yml does not disclose',
      'Findings accepted in the code',
    ]);
    expect(stdout).toContain('- 2 recipients not declared\n');
    expect(stdout).toContain('- 5 recipients outside the EEA, 3 without a declared safeguard\n');
    expect(stdout).toContain(
      '| Stripe | US | only organisations certified under the EU-U.S. Data Privacy Framework | SCCs |',
    );
    expect(stdout).toContain('| acme_last_visit | none | — | src/server/bookings.ts:29 |');
    expect(stdout).toContain('## Security measures (Art. 30(1)(g))');
    expect(stdout).toContain('| patient records encrypted at rest (AES-256) |');
    expect(stdout).toContain(
      'personal data is masked or pseudonymised before it reaches a sink by `maskEmail` (1 flow)',
    );

    const app = await run(['scan', path.join(repoRoot, 'fixtures/agreement/policy-app'), '--format', 'markdown']);
    expect(app.stdout).toContain('## Accepted exceptions\n\n| Where | Rule | The finding | Reason | Accepted by |');
    expect(app.stdout).toContain(
      "| src/server/orders.ts:13 | no-pii-in-logs | phone | the pharmacist's audit trail must name who ordered (Reg. 2026/14), kept 2 years | `privlint-ignore` (line 12) |",
    );
    expect(app.stdout).toContain(
      '| src/server/orders.ts:16 | no-pii-in-logs | phone | reviewed with the DPO, ticket PRIV-31 | ESLint disable comment (line 15) |',
    );
  });

  it('text and json carry the safeguards and the security measures too', async () => {
    const text = (await run(['scan', demo])).stdout;
    expect(text).toContain('Transfers outside the EEA\n');
    expect(text).toMatch(/ {2}Stripe +US: SCCs\n/u);
    expect(text).toMatch(/ {2}SendGrid +US: no safeguard declared\n/u);
    expect(text).toContain('Security measures (Art. 30(1)(g)) 3 declared, see ISMS-04');
    const inventory = JSON.parse((await run(['scan', demo, '--format', 'json'])).stdout);
    expect(inventory.recipients.find((recipient: { id: string }) => recipient.id === 'stripe').safeguards).toBe('SCCs');
    expect(inventory.security).toEqual({
      measures: [
        'TLS 1.2 or later for all traffic',
        'patient records encrypted at rest (AES-256)',
        'role-based access to patient records, reviewed quarterly',
      ],
      document: 'ISMS-04 Technical and organisational measures',
      sanitizers: [{ name: 'maskEmail', flows: 1 }],
    });
    const cookies = inventory.cookies.map(
      (cookie: { name: string; declared: boolean }) => `${cookie.name} ${cookie.declared}`,
    );
    expect(cookies).toEqual([
      'acme_session true',
      'acme_last_visit false',
      'ajs_anonymous_id, ajs_user_id, ajs_group_id false',
      '_fbp, _fbc false',
      'acme_ab true',
      'acme_ref false',
    ]);
  });
});
