// Devices and FIFOs where a repository can point privlint at a file: it must never open them. Run as child
// processes: reading /dev/zero fills the memory and opening a FIFO blocks for ever, which in process would take the
// test runner down with it instead of failing the test.
import { describe, expect, it } from 'vitest';
import {
  controlFile,
  expectClean,
  expectControlFinding,
  generousMs,
  inventoryOf,
  project,
  runChild,
  tempDir,
} from './helpers.js';

const timeout = generousMs + 30_000;

/** Every place a repository can name a file privlint reads, each holding `entry`. */
function everyPlace(entry: { link: string } | { fifo: true }): Record<string, string | typeof entry> {
  return {
    'tsconfig.json': JSON.stringify({
      extends: './base.json',
      files: [controlFile, 'src/refs.ts', 'listed.ts'],
    }),
    'base.json': entry,
    'listed.ts': entry,
    'src/refs.ts': '/// <reference path="./device.ts" />\n/// <reference path="../types/device.d.ts" />\nexport {};\n',
    'src/device.ts': entry,
    'types/device.d.ts': entry,
    'package.json': entry,
    'pnpm-workspace.yaml': entry,
    '.gitignore': entry,
    'schema.prisma': entry,
    'packages/a/package.json': entry,
    'packages/a/tsconfig.json': entry,
  };
}

describe('devices and FIFOs in every place a repository can name', () => {
  it(
    'a link to /dev/zero leads outside the project: never followed, the scan goes on',
    async () => {
      const root = project(everyPlace({ link: '/dev/zero' }));
      const result = await runChild(['scan', root, '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      const said = [
        ...inventory.skipped.map(entry => `${entry.file}: ${entry.reason} ${entry.detail ?? ''}`),
        ...inventory.problems.map(problem => `${problem.file ?? ''}: ${problem.message}`),
      ].join('\n');
      for (const place of [
        'listed.ts',
        'src/device.ts',
        'types/device.d.ts',
        'schema.prisma',
        'packages/a/tsconfig.json',
      ])
        expect(said).toContain(`${place}: outside-root links to /dev/zero`);
      for (const place of ['package.json', 'pnpm-workspace.yaml', '.gitignore'])
        expect(said).toContain(`${place}: not read: it leads outside the project (to /dev/zero)`);
      expect(said).toContain('`extends` target base.json not read: it leads outside the project (to /dev/zero)');
    },
    timeout,
  );

  it(
    'followed on request (--read-outside-root), /dev/zero is a device: said, never opened',
    async () => {
      const root = project(everyPlace({ link: '/dev/zero' }));
      const result = await runChild(['scan', root, '--format', 'json', '--read-outside-root'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      const said = [
        ...inventory.skipped.map(entry => `${entry.file}: ${entry.reason} ${entry.detail ?? ''}`),
        ...inventory.problems.map(problem => `${problem.file ?? ''}: ${problem.message}`),
      ].join('\n');
      for (const place of ['listed.ts', 'src/device.ts', 'types/device.d.ts', 'schema.prisma'])
        expect(said).toContain(`${place}: not-a-file a character device, not a regular file`);
      expect(said).toContain('.gitignore: not read: it is a character device, not a regular file');
      expect(said).toContain('package.json: not read: it is a character device, not a regular file');
    },
    timeout,
  );

  it(
    'a FIFO is never opened: nothing blocks, each is said',
    async () => {
      const root = project(everyPlace({ fifo: true }));
      const result = await runChild(['scan', root, '--format', 'json'], root);
      expectClean(result);
      expect(result.code).toBe(1);
      const inventory = inventoryOf(result);
      expectControlFinding(inventory);
      const said = [
        ...inventory.skipped.map(entry => `${entry.file}: ${entry.reason} ${entry.detail ?? ''}`),
        ...inventory.problems.map(problem => `${problem.file ?? ''}: ${problem.message}`),
      ].join('\n');
      for (const place of [
        'listed.ts',
        'src/device.ts',
        'types/device.d.ts',
        'schema.prisma',
        'packages/a/tsconfig.json',
      ])
        expect(said).toContain(`${place}: not-a-file a FIFO (named pipe), not a regular file`);
      for (const place of ['.gitignore', 'package.json', 'pnpm-workspace.yaml'])
        expect(said).toContain(`${place}: not read: it is a FIFO (named pipe), not a regular file`);
      expect(said).toMatch(/`extends` target base\.json not read: it is a FIFO/u);
    },
    timeout,
  );

  it.each([
    ['a FIFO', { fifo: true } as const, /privacy\.yml:1:1: is a FIFO \(named pipe\), not a regular file/u],
    ['a link to /dev/zero', { link: '/dev/zero' }, /privacy\.yml:1:1: leads outside the project \(to \/dev\/zero\)/u],
  ])(
    'privacy.yml that is %s is a configuration error (exit 2), not a hang',
    async (_, entry, message) => {
      const root = project({ 'privacy.yml': entry });
      const result = await runChild(['scan', root], root);
      expectClean(result);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    },
    timeout,
  );

  it(
    'files named on the command line are read wherever they are, but never as a FIFO or a device',
    async () => {
      const root = project({
        'PRIVACY.md': { link: '/dev/zero' },
        'policy.md': { fifo: true },
        'baseline.json': { fifo: true },
        'old.json': { link: '/dev/zero' },
        'config.yml': { fifo: true },
      });
      const runs = await Promise.all([
        runChild(['policy', 'check', 'PRIVACY.md', '.'], root),
        runChild(['policy', 'check', 'policy.md', '--inventory', 'old.json'], root),
        runChild(['scan', '.', '--baseline', 'baseline.json'], root),
        runChild(['scan', '.', '--config', 'config.yml'], root),
        runChild(['diff', 'old.json', 'old.json'], root),
      ]);
      for (const result of runs) {
        expectClean(result);
        expect(result.code).toBe(2);
      }
      const [devicePolicy, fifoPolicy, baseline, config, diff] = runs.map(result => result.stderr);
      expect(devicePolicy).toBe('privlint: PRIVACY.md: is a character device, not a regular file\n');
      expect(fifoPolicy).toMatch(/old\.json is a character device, not a regular file/u);
      expect(baseline).toMatch(/the baseline .*baseline\.json is a FIFO \(named pipe\), not a regular file/u);
      expect(config).toMatch(/config\.yml:1:1: is a FIFO \(named pipe\), not a regular file/u);
      expect(diff).toMatch(/old\.json is a character device, not a regular file/u);
    },
    timeout,
  );

  it(
    'a FIFO as the --output file or the --write-baseline file is refused, not waited on',
    async () => {
      const root = project({ 'out/report.json': { fifo: true }, 'out/baseline.json': { fifo: true } });
      const out = tempDir();
      const [report, baseline] = await Promise.all([
        runChild(['scan', root, '--format', 'json', '--output', `${root}/out/report.json`], out),
        runChild(['scan', root, '--write-baseline', `${root}/out/baseline.json`], out),
      ]);
      for (const result of [report, baseline]) {
        expectClean(result);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/: it is a FIFO \(named pipe\), not a regular file\n$/u);
      }
    },
    timeout,
  );
});
