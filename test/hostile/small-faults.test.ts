// The smaller faults of the hostile run: each a clear behaviour now, tested on a generated case.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  controlSource,
  expectClean,
  expectControlFinding,
  generousMs,
  inventoryOf,
  project,
  repoRoot,
  runChild,
  runInProcess,
  tempDir,
} from './helpers.js';

const leak = (variable: string): string =>
  `declare const logger: { info(...args: unknown[]): void };\ndeclare const ${variable}: { email: string };\nlogger.info(${variable}.email);\n`;

describe('smaller faults', () => {
  it('CR-only and U+2028 line endings are lines, not one minified line', async () => {
    // Long enough to be judged (over 1 KB), short lines: only the line breaks make it code rather than a bundle.
    const code = ['const logger = require("pino")();', 'const user = load();', 'logger.info(user.email);'];
    const body = (separator: string): string =>
      [...code, ...Array.from({ length: 60 }, (_, index) => `var v${index} = ${index};`)]
        .join(separator)
        .concat(separator);
    const root = project(
      { 'src/cr.js': body('\r'), 'src/ls.js': body('\u2028'), 'src/crlf.js': body('\r\n') },
      { control: false },
    );
    const inventory = inventoryOf(await runInProcess(['scan', '.', '--format', 'json'], root));
    expect(inventory.skipped).toEqual([]);
    expect(inventory.findings.map(finding => `${finding.file}:${finding.line}`).sort()).toEqual([
      'src/cr.js:3',
      'src/crlf.js:3',
      'src/ls.js:3',
    ]);
  });

  it(
    '`privlint scan | head` ends quietly: no EPIPE stack trace, and the exit code still says findings',
    async () => {
      const result = await runChild(['scan', path.join(repoRoot, 'fixtures/demo')], repoRoot, { closeStdoutAfter: 1 });
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
    },
    generousMs + 30_000,
  );

  it('file names with # ? : and \\ are scanned and point at themselves in SARIF', async () => {
    const root = project({ 'src/a#b?c:d.ts': leak('first'), 'src/back\\slash.ts': leak('second') }, { control: false });
    const sarif = JSON.parse((await runInProcess(['scan', '.', '--format', 'sarif'], root)).stdout);
    const uris = sarif.runs[0].results.map(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris.sort()).toEqual(['src/a%23b%3Fc%3Ad.ts', 'src/back%5Cslash.ts']);
    const inventory = inventoryOf(await runInProcess(['scan', '.', '--format', 'json'], root));
    expect(inventory.findings.map(finding => finding.file).sort()).toEqual(['src/a#b?c:d.ts', 'src/back\\slash.ts']);
  });

  it('two checkouts of one project give byte-identical reports: no absolute path from TypeScript', async () => {
    const first = project({
      'tsconfig.json': JSON.stringify({ extends: './missing/base.json', include: ['src'] }),
      'packages/a/tsconfig.json': JSON.stringify({ files: ['missing.ts'], compilerOptions: { notAnOption: true } }),
      'packages/a/index.ts': 'export const a = 1;\n',
    });
    const second = tempDir();
    cpSync(first, second, { recursive: true });
    for (const format of ['json', 'sarif', 'text', 'markdown']) {
      const [a, b] = await Promise.all([
        runInProcess(['scan', '.', '--format', format], first),
        runInProcess(['scan', '.', '--format', format], second),
      ]);
      expect(a.stdout, format).toBe(b.stdout);
      expect(a.stdout, format).not.toContain(first);
    }
  });

  it('the fides export has no YAML aliases, so the yaml package reads back 150 declarations', async () => {
    const recipients = Array.from(
      { length: 150 },
      (_, index) => `  vendor${index}: { purposes: [analytics], categories: [email] }`,
    );
    const root = project({ 'privacy.yml': `dataSubjects: [customer]\nrecipients:\n${recipients.join('\n')}\n` });
    const result = await runInProcess(['scan', '.', '--format', 'fides'], root);
    expect(result.stdout).not.toMatch(/[&*]a\d/u);
    const system = parse(result.stdout).system[0];
    expect(system.privacy_declarations).toHaveLength(150);
  });

  it.each([
    ['a list', '[]', /is not a privlint inventory of schema version 1/u],
    ['null', 'null', /is not a privlint inventory of schema version 1/u],
    [
      'a body of the wrong shape',
      JSON.stringify({ tool: { name: 'privlint', version: '0' }, schemaVersion: 1, categories: 5 }),
      /is not a valid privlint inventory: `[a-zA-Z]+`: /u,
    ],
  ])('a malformed inventory (%s) given to diff or policy --inventory is a clear error', async (_, text, message) => {
    const root = project({ 'bad.json': text, 'policy.md': '# Privacy\n\nWe collect your email.\n' });
    const good = tempDir();
    writeFileSync(path.join(good, 'control.ts'), controlSource);
    await runInProcess(['scan', good, '--format', 'json', '--output', path.join(root, 'good.json')], root);
    for (const argv of [
      ['diff', 'bad.json', 'good.json'],
      ['diff', 'good.json', 'bad.json'],
      ['policy', 'check', 'policy.md', '--inventory', 'bad.json'],
    ]) {
      const result = await runInProcess(argv, root);
      expectClean(result);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(JSON.parse(readFileSync(path.join(root, 'good.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('the control project itself is reported as usual', async () => {
    const root = project({});
    const result = await runInProcess(['scan', '.', '--format', 'json'], root);
    expect(result.code).toBe(1);
    expectControlFinding(inventoryOf(result));
  });
});
