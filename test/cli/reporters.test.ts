import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demo, repoRoot, run } from './helpers.js';

const require = createRequire(import.meta.url);

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

  it('fides is a fideslang system with privacy declarations', async () => {
    const document = parse((await run(['scan', demo, '--format', 'fides'])).stdout);
    const [system] = document.system;
    expect(system.fides_key).toBe('acme_clinic_ltd');
    const uses = system.privacy_declarations.map((declaration: { data_use: string }) => declaration.data_use);
    expect(uses).toContain('essential.service.payment_processing');
    for (const declaration of system.privacy_declarations) {
      for (const key of declaration.data_categories) expect(key).toMatch(/^user\./u);
      expect(declaration.data_subjects).toEqual(['patient', 'customer']);
    }
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
});
