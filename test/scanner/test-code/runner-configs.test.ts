import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scan } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { copyFixture, fixture } from '../helpers.js';

const at = (findings: readonly { file: string; line: number; ruleId: string }[]): string[] =>
  findings.map(finding => `${finding.file}:${finding.line} ${finding.ruleId}`);

describe('test code, by convention and by the test runners’ configs', () => {
  it('reports production code only, and keeps test data out of the inventory', async () => {
    const { inventory } = await scan({ root: fixture('test-code/runner-configs'), version: '0.0.0' });

    // Not reported: `*.test.ts` by name, `src/**/*.check.ts` and `support/before-all.ts` by vitest's `test.include`
    // and `test.setupFiles`, `journeys/` by playwright's `testDir`. The React plugin's `include: '**/*.tsx'` and
    // `optimizeDeps.include` are not tests, so the banner is reported. `qa/` is nobody's convention.
    expect(at(inventory.findings)).toEqual([
      'qa/smoke.ts:4 no-pii-in-logs',
      'src/signup.ts:4 no-pii-in-logs',
      'src/welcome-banner.tsx:4 no-pii-in-logs',
    ]);
    expect(inventory.flows.map(flow => flow.file).sort()).toEqual([
      'qa/smoke.ts',
      'src/signup.ts',
      'src/welcome-banner.tsx',
    ]);
  });

  it('takes more test paths from privacy.yml, and reports test code again with `testCode.check`', async () => {
    const root = await copyFixture('test-code/runner-configs');
    await writeFile(path.join(root, 'privacy.yml'), 'testCode:\n  paths: [qa/**]\n');
    const quiet = await scan({ root, version: '0.0.0' });
    expect(at(quiet.inventory.findings)).toEqual([
      'src/signup.ts:4 no-pii-in-logs',
      'src/welcome-banner.tsx:4 no-pii-in-logs',
    ]);

    await writeFile(path.join(root, 'privacy.yml'), 'testCode:\n  check: true\n');
    const checked = await scan({ root, version: '0.0.0' });
    expect(at(checked.inventory.findings)).toEqual([
      'journeys/checkout.ts:4 no-pii-in-logs',
      'qa/smoke.ts:4 no-pii-in-logs',
      'src/profile.test.ts:4 no-pii-in-logs',
      'src/signup.check.ts:6 no-pii-in-logs',
      'src/signup.ts:4 no-pii-in-logs',
      'src/welcome-banner.tsx:4 no-pii-in-logs',
      'support/before-all.ts:4 no-pii-in-logs',
    ]);
    expect(checked.inventory.flows.length).toBeGreaterThan(quiet.inventory.flows.length);
  });
});
