// Links and paths a repository uses to make privlint read the machine it runs on: none is followed out of the
// project unless the user asks for it, and nothing found there is reported.
import { realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectClean,
  expectControlFinding,
  inventoryOf,
  outsideFolder,
  project,
  runInProcess,
  snapshotTree,
} from './helpers.js';

describe('links and paths out of the project', () => {
  it('a link to / is never expanded, not even by a tsconfig include', async () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ include: ['**/*'] }),
      r: { link: '/' },
      'src/nested/up': { link: '/usr' },
    });
    const result = await runInProcess(['scan', root, '--format', 'json'], root);
    expectClean(result);
    expect(result.code).toBe(1);
    const inventory = inventoryOf(result);
    expectControlFinding(inventory);
    // Only the control file: before, TypeScript loaded 884 foreign files through `r`.
    expect(inventory.summary.files).toBe(1);
    expect(inventory.skipped).toEqual([
      { file: 'r', reason: 'outside-root', detail: 'links to /, outside the project (--read-outside-root follows it)' },
      {
        file: 'src/nested/up',
        reason: 'outside-root',
        detail: 'links to /usr, outside the project (--read-outside-root follows it)',
      },
    ]);
    expect(JSON.stringify(inventory)).not.toMatch(/"file":"(?:r|src\/nested\/up)\//u);
  });

  it('a linked folder, a manifest, an extends and a reference outside the project are not read', async () => {
    const outside = outsideFolder();
    const before = snapshotTree(outside);
    const root = project({
      vendor: { link: outside },
      'src/secret.ts': { link: path.join(outside, 'src/secret.ts') },
      'tsconfig.json': JSON.stringify({
        extends: path.join(outside, 'tsconfig.json'),
        files: ['src/control.ts', path.join(outside, 'src/secret.ts')],
      }),
      'src/refs.ts': `/// <reference path="${path.join(outside, 'src/secret.ts')}" />\nexport {};\n`,
    });
    const result = await runInProcess(['scan', root, '--format', 'json'], root);
    expectClean(result);
    expect(result.code).toBe(1);
    const inventory = inventoryOf(result);
    expectControlFinding(inventory);
    // The outsider's leak is nowhere: not scanned through the link, the tsconfig or the reference.
    expect(result.stdout).not.toContain('outsider');
    expect(inventory.findings.every(finding => finding.file === 'src/control.ts')).toBe(true);
    const real = realpathSync(outside);
    expect(inventory.skipped).toContainEqual({
      file: 'vendor',
      reason: 'outside-root',
      detail: `links to ${real}, outside the project (--read-outside-root follows it)`,
    });
    expect(inventory.skipped).toContainEqual({
      file: 'src/secret.ts',
      reason: 'outside-root',
      detail: `links to ${real}/src/secret.ts, outside the project (--read-outside-root follows it)`,
    });
    expect(snapshotTree(outside)).toEqual(before);
  });

  it('a privacy.yml linked from outside cannot silence the scan: it is refused', async () => {
    const outside = outsideFolder();
    const root = project({ 'privacy.yml': { link: path.join(outside, 'privacy.yml') } });
    const result = await runInProcess(['scan', root], root);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/privacy\.yml:1:1: leads outside the project \(to .+privacy\.yml\)/u);
  });

  it('--read-outside-root follows them, for links the user trusts', async () => {
    const outside = outsideFolder();
    const root = project({ vendor: { link: outside } });
    // A trusted folder's own privacy.yml governs it, as any nested manifest does: its `ignore: ['**']` hides it.
    const governed = await runInProcess(['scan', root, '--format', 'json', '--read-outside-root'], root);
    expectClean(governed);
    expect(inventoryOf(governed).findings.map(finding => finding.file)).toEqual(['src/control.ts']);
    rmSync(path.join(outside, 'privacy.yml'));
    const result = await runInProcess(['scan', root, '--format', 'json', '--read-outside-root'], root);
    expectClean(result);
    const inventory = inventoryOf(result);
    expectControlFinding(inventory);
    expect(inventory.findings.map(finding => finding.file)).toContain('vendor/src/secret.ts');
  });

  it('links inside the project are followed as before', async () => {
    const root = project({
      'packages/shared/src/log.ts':
        'declare const logger: { info(...a: unknown[]): void };\nexport const log = (p: { phone: string }) => logger.info(p.phone);\n',
      shared: { link: 'packages/shared' },
    });
    const result = await runInProcess(['scan', root, '--format', 'json'], root);
    const inventory = inventoryOf(result);
    expect(inventory.findings.map(finding => finding.file).sort()).toEqual([
      'packages/shared/src/log.ts',
      'src/control.ts',
    ]);
    expect(inventory.skipped).toEqual([
      { file: 'shared', reason: 'symlink-loop', detail: 'links to ./packages/shared, already scanned' },
    ]);
  });
});
