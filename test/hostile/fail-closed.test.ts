// An analysis that did not complete must never read as clean: not in the exit code, not in any report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectClean, expectControlFinding, inventoryOf, project, runInProcess } from './helpers.js';

/** A member chain of 2,000 links: TypeScript's checker overflowed on it, failing the first file that asked a type. */
const chain = `declare const o: any;\nexport const deep = o\n${'.a\n'.repeat(2000)};\n`;

/**
 * 2,000 `const` aliases: shallow to the eye, but inferring the last one's type recurses through all of them and
 * overflows TypeScript's checker. That one expression is skipped, said, and fails the scan.
 */
const aliases = [
  'declare const logger: { info(...args: unknown[]): void };',
  'export function chain(user: { phone: string }) {',
  '  const v0 = user.phone;',
  ...Array.from({ length: 1999 }, (_, index) => `  const v${index + 1} = v${index};`),
  '  logger.info(v1999);',
  '}',
  '',
].join('\n');

/** No finding anywhere: only the incomplete analysis can make the scan fail. */
const innocent = 'export const greeting = "hello";\n';

describe('fail closed', () => {
  it('a file TypeScript cannot check fails the scan, and the other files keep their findings', async () => {
    const root = project({ 'src/chain.ts': chain, 'src/aliases.ts': aliases });
    const result = await runInProcess(['scan', '.', '--format', 'json'], root);
    expectClean(result);
    expect(result.code).toBe(1);
    const inventory = inventoryOf(result);
    expectControlFinding(inventory);
    expect(inventory.summary.incomplete).toBe(2);
    expect(inventory.problems.filter(problem => problem.incomplete).map(problem => problem.file)).toEqual([
      'src/aliases.ts',
      'src/chain.ts',
    ]);
    expect(inventory.problems).toContainEqual(
      expect.objectContaining({
        file: 'src/aliases.ts',
        message: expect.stringMatching(/^analysis skipped this expression: Maximum call stack size exceeded$/u),
        incomplete: true,
      }),
    );
  });

  it('with no finding at all, an incomplete analysis still exits 1 and never says "no problems"', async () => {
    const root = project({ 'src/chain.ts': chain, 'src/greeting.ts': innocent }, { control: false });
    const strict = await runInProcess(['scan', '.'], root);
    expect(strict.code).toBe(1);
    expect(strict.stdout).not.toContain('no problems');
    expect(strict.stdout).toMatch(
      /^ {2}not analysed: src\/chain\.ts: not analysed: its code nests more than 1000 levels deep \(line \d+\), deeper than TypeScript can check$/mu,
    );
    expect(strict.stdout).toMatch(/\n✖ 1 file not analysed completely \(findings may be missing\)\n$/u);

    const relaxed = await runInProcess(['scan', '.', '--fail-on-incomplete', 'no'], root);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toBe(strict.stdout);
    expect((await runInProcess(['scan', '.', '--fail-on', 'never'], root)).code).toBe(0);
    expect((await runInProcess(['scan', '.', '--fail-on-incomplete', 'maybe'], root)).stderr).toMatch(
      /--fail-on-incomplete must be yes or no, not `maybe`/u,
    );
  });

  it('every report format says the analysis is incomplete', async () => {
    const root = project({ 'src/chain.ts': chain, 'src/greeting.ts': innocent }, { control: false });
    const formats = ['json', 'sarif', 'markdown', 'html', 'fides'];
    const result = await runInProcess(
      ['scan', '.', ...formats.flatMap(format => ['--format', format]), '--output', 'out'],
      root,
    );
    expect(result.code).toBe(1);
    const read = (name: string): string => readFileSync(path.join(root, 'out', name), 'utf8');

    expect(JSON.parse(read('privlint.json')).summary.incomplete).toBe(1);
    const [run] = JSON.parse(read('privlint.sarif')).runs;
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          expect.objectContaining({
            level: 'error',
            descriptor: { id: 'privlint/analysis-incomplete' },
            locations: [
              {
                physicalLocation: expect.objectContaining({
                  artifactLocation: { uri: 'src/chain.ts', uriBaseId: 'SRCROOT' },
                }),
              },
            ],
          }),
        ],
      },
    ]);
    expect(read('privlint.md')).toContain(
      '## Analysis incomplete\n\nprivlint could not analyse 1 file completely: this record may be missing what it does.\n',
    );
    expect(read('privlint.html')).toContain('Analysis incomplete');
    const fides = read('privlint.fides.yml');
    expect(fides).toMatch(
      /^# privlint could not analyse 1 file completely: this system may be missing what it does\.\n/u,
    );
    expect(parse(fides).system[0].name).toBe('Scanned system');
  });

  it('policy check of an incomplete scan fails too, unless told otherwise', async () => {
    const root = project(
      { 'src/chain.ts': chain, 'policy.md': '# Privacy\n\nWe keep nothing about you.\n' },
      { control: false },
    );
    const strict = await runInProcess(['policy', 'check', 'policy.md', '.'], root);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/\n✖ 1 file not analysed completely \(the check may miss what it does\)\n$/u);
    expect((await runInProcess(['policy', 'check', 'policy.md', '.', '--fail-on-incomplete', 'no'], root)).code).toBe(
      0,
    );
  });
});
