// Writes a repository can redirect: committed links on the way to an --output, a baseline or init's privacy.yml.
// privlint writes regular files where the user said, and nowhere else.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, outsideFolder, project, runInProcess, snapshotTree } from './helpers.js';

describe('outputs', () => {
  it.each([
    ['a file through a linked folder', ['--format', 'json', '--output', 'linkdir/report.json']],
    ['into an --output folder that is a link', ['--format', 'json', '--format', 'sarif', '--output', 'linkdir']],
    ['a baseline under a linked parent', ['--write-baseline', 'reports/linkdir/baseline.json']],
    ['a file through a link deeper down', ['--format', 'json', '--output', 'reports/linkdir/new/report.json']],
  ])('refuses to write %s, and changes nothing outside', async (_, args) => {
    const outside = outsideFolder();
    const before = snapshotTree(outside);
    const root = project({ linkdir: { link: outside }, 'reports/linkdir': { link: outside } });
    const result = await runInProcess(['scan', '.', ...args], root);
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^privlint: refusing to write through the symbolic link .*linkdir\n$/u);
    expect(snapshotTree(outside)).toEqual(before);
  });

  it('refuses an empty --output instead of writing into the working directory', async () => {
    const root = project({});
    const result = await runInProcess(['scan', '.', '--format', 'json', '--output', ''], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'privlint: --output needs a file or folder name\nRun `privlint scan --help` for usage.\n',
    );
    expect(existsSync(path.join(root, 'privlint.json'))).toBe(false);
  });

  it('says so in one line when the output cannot be written: a device, a file in the way', async () => {
    const root = project({ 'taken/file': 'x' });
    const full = await runInProcess(['scan', '.', '--format', 'json', '--output', '/dev/full'], root);
    expect(full.code).toBe(2);
    expect(full.stderr).toBe('privlint: cannot write /dev/full: it is a character device, not a regular file\n');
    const blocked = await runInProcess(['scan', '.', '--format', 'json', '--output', 'taken/file/report.json'], root);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^privlint: cannot write into .*taken\/file: it is not a folder\n$/u);
  });

  it('creates missing folders for the output, and writes only the reports there', async () => {
    const root = project({});
    const result = await runInProcess(
      ['scan', '.', '--format', 'json', '--format', 'markdown', '--output', 'out/deep/reports'],
      root,
    );
    expectClean(result);
    expect(result.code).toBe(1);
    expect(Object.keys(snapshotTree(path.join(root, 'out'))).sort()).toEqual([
      'deep/reports/privlint.json',
      'deep/reports/privlint.md',
    ]);
    const policy = await runInProcess(['policy', 'draft', '.', '--output', 'drafts/policy.md'], root);
    expect(policy.code).toBe(0);
    expect(readFileSync(path.join(root, 'drafts/policy.md'), 'utf8')).toMatch(/^# /u);
  });

  it('init never writes through a link, even a dangling one, and never overwrites', async () => {
    const outside = outsideFolder();
    const target = path.join(outside, 'planted.yml');
    const root = project({});
    symlinkSync(target, path.join(root, 'privacy.yml'));
    const result = await runInProcess(['init', '.'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^privlint: privacy\.yml already exists; privlint init does not overwrite it\n/u);
    expect(existsSync(target)).toBe(false);
  });

  it('policy check --output through a linked folder is refused', async () => {
    const outside = outsideFolder();
    const before = snapshotTree(outside);
    const root = project({ 'policy.md': '# Privacy\n\nWe collect your email address.\n', out: { link: outside } });
    mkdirSync(path.join(root, 'reports'));
    writeFileSync(path.join(root, 'reports/keep.txt'), 'keep');
    const result = await runInProcess(['policy', 'check', 'policy.md', '.', '--output', 'out/report.txt'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to write through the symbolic link .*out\n$/u);
    expect(snapshotTree(outside)).toEqual(before);
  });
});
