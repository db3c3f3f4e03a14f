import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demo, repoRoot, run, tempDir } from './helpers.js';

describe('privlint scan', () => {
  it('reports the demo and exits 1 for findings, 0 with --fail-on never', async () => {
    const failing = await run(['scan', demo]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('privlint/no-pii-in-logs');
    expect(failing.stdout).toContain('Personal data in the code');
    expect(failing.stderr).toBe('');
    expect((await run(['scan', demo, '--fail-on', 'never'])).code).toBe(0);
  });

  it('takes a path relative to the working directory, or absolute', async () => {
    const relative = await run(['scan', 'demo', '--format', 'json'], path.join(repoRoot, 'fixtures'));
    const absolute = await run(['scan', demo, '--format', 'json'], '/');
    expect(relative.stdout).toBe(absolute.stdout);
  });

  it('gives byte-identical output across two runs, for every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'html', 'fides']) {
      const first = await run(['scan', demo, '--format', format]);
      const second = await run(['scan', demo, '--format', format]);
      expect(second.stdout, format).toBe(first.stdout);
    }
  });

  it('writes several formats into an --output folder, and nothing else', async () => {
    const out = path.join(tempDir(), 'reports');
    const result = await run([
      'scan',
      demo,
      '--format',
      'json',
      '--format',
      'sarif',
      '--format',
      'html',
      '--output',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['privlint.html', 'privlint.json', 'privlint.sarif']);
    expect(result.stdout).toMatch(
      /^privlint: ✖ \d+ problems .*; wrote .*privlint\.json, .*privlint\.sarif, .*privlint\.html\n$/u,
    );
  });

  it('refuses to write through a symbolic link', async () => {
    const dir = tempDir();
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, path.join(dir, 'report.json'));
    const result = await run(['scan', demo, '--format', 'json', '--output', path.join(dir, 'report.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^privlint: refusing to write through the symbolic link /u);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  describe('bad input: clear messages, exit 2, no stack traces', () => {
    it.each([
      [['scan', '--format', 'pdf'], /unknown format `pdf`/u],
      [['scan', '--fail-on', 'sometimes'], /--fail-on must be error, warning or never/u],
      [['scan', '--nope'], /Unknown option '--nope'/u],
      [['scan', 'a', 'b'], /scan takes one folder/u],
      [['scan', '--format', 'json', '--format', 'sarif'], /several formats need --output/u],
      [['launch'], /unknown command `launch`/u],
      [['scan', 'no/such/folder'], /no such folder/u],
      [['scan', 'package.json'], /not a folder/u],
    ])('%j', async (argv, message) => {
      const result = await run(argv as string[]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /u);
    });

    it('an invalid privacy.yml names the file, line, column and key', async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'privacy.yml'), 'recipients:\n  segment:\n    categories: [emial]\n');
      writeFileSync(path.join(dir, 'a.ts'), 'export const x = 1;\n');
      const result = await run(['scan', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'privacy.yml:3:18: `recipients.segment.categories[0]`: unknown category `emial`; did you mean `email`?',
      );
    });

    it('an empty folder is an empty inventory', async () => {
      const result = await run(['scan', tempDir(), '--format', 'json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).summary.files).toBe(0);
    });

    it('a folder with only broken files reports each as skipped and exits 0', async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'a.ts'), 'export const = ;\nfunction (\n');
      writeFileSync(path.join(dir, 'b.js'), 'if (x {\n');
      const result = await run(['scan', dir, '--format', 'json']);
      expect(result.code).toBe(0);
      const inventory = JSON.parse(result.stdout);
      expect(
        inventory.skipped.map((entry: { file: string; reason: string }) => `${entry.file} ${entry.reason}`),
      ).toEqual(['a.ts parse-error', 'b.js parse-error']);
    });

    it('a tsconfig that extends a missing file is a problem, and the scan goes on', async () => {
      const dir = tempDir();
      writeFileSync(path.join(dir, 'tsconfig.json'), '{ "extends": "./missing.json", "include": ["src"] }');
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src/a.ts'), 'console.log(user.email);\n');
      const result = await run(['scan', dir, '--format', 'json', '--fail-on', 'never']);
      expect(result.code).toBe(0);
      const inventory = JSON.parse(result.stdout);
      expect(inventory.problems.map((problem: { message: string }) => problem.message).join('\n')).toMatch(
        /missing\.json/u,
      );
      expect(inventory.findings).toHaveLength(1);
    });

    it('a symlink loop and a 50 MB minified file do not stop the scan', async () => {
      const dir = tempDir();
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src/a.ts'), 'console.log(user.email);\n');
      symlinkSync(dir, path.join(dir, 'src/loop'));
      writeFileSync(path.join(dir, 'src/bundle.js'), `var a=1;${'x'.repeat(50 * 1024 * 1024)}`);
      const started = Date.now();
      const result = await run(['scan', dir, '--format', 'json', '--fail-on', 'never']);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(result.code).toBe(0);
      const inventory = JSON.parse(result.stdout);
      expect(inventory.findings).toHaveLength(1);
      const reasons = inventory.skipped.map(
        (entry: { file: string; reason: string }) => `${entry.file} ${entry.reason}`,
      );
      expect(reasons).toContain('src/bundle.js minified');
      expect(reasons.some((reason: string) => reason.startsWith('src/loop '))).toBe(true);
    });
  });
});

describe('baselines', () => {
  it('accepts recorded findings (even when lines move) and fails on new ones', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'src.ts');
    writeFileSync(file, 'console.log(user.email);\n');
    const baseline = path.join(dir, 'baseline.json');
    expect((await run(['scan', dir, '--write-baseline', baseline])).code).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).fingerprints).toHaveLength(1);
    writeFileSync(file, '\n\n// moved\nconsole.log(user.email);\n');
    const moved = await run(['scan', dir, '--baseline', baseline]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('1 accepted by the baseline');
    writeFileSync(file, 'console.log(user.email);\nconsole.log(user.phone);\n');
    expect((await run(['scan', dir, '--baseline', baseline])).code).toBe(1);
  });

  it('refuses a baseline that is missing or not one', async () => {
    const result = await run(['scan', demo, '--baseline', 'nope.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the baseline .*nope\.json cannot be read/u);
  });
});

describe('privlint diff', () => {
  it('lists what a change adds and removes, and fails on additions when asked', async () => {
    const dir = tempDir();
    const code = path.join(dir, 'code');
    mkdirSync(code);
    writeFileSync(path.join(code, 'a.ts'), 'console.log(order.id);\n');
    const before = path.join(dir, 'before.json');
    const after = path.join(dir, 'after.json');
    await run(['scan', code, '--format', 'json', '--output', before]);
    writeFileSync(
      path.join(code, 'a.ts'),
      'console.log(order.id, customer.email);\nanalytics.identify(customer.id, { email: customer.email });\n',
    );
    await run(['scan', code, '--format', 'json', '--output', after, '--fail-on', 'never']);
    const diff = await run(['diff', before, after, '--fail-on-new']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('Categories of personal data\n  + email');
    expect(diff.stdout).toContain('Recipients\n  + segment');
    expect(diff.stdout).toMatch(/Findings\n(?: {2}\+ .*\n)* {2}\+ a\.ts: Personal data reaches the logger/u);
    const reverse = await run(['diff', after, before, '--fail-on-new']);
    expect(reverse.code).toBe(0);
    expect(reverse.stdout).toContain('  - email');
    const bad = await run(['diff', before, path.join(dir, 'nope.json')]);
    expect(bad.code).toBe(2);
  });
});

describe('privlint init', () => {
  it('declares the cookies that read as strictly necessary, with the reason, and leaves tags’ cookies out', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'a.ts'),
      "document.cookie = 'ab=1';\nres.cookie('sid', s, { httpOnly: true });\nfbq('init', '1');\n",
    );
    expect((await run(['init', dir])).code).toBe(0);
    const text = readFileSync(path.join(dir, 'privacy.yml'), 'utf8');
    expect(text).toContain('Cookies the code writes: ab, sid.');
    expect(text).toContain(
      'Listed as essential because they read as strictly necessary: sid (a session cookie name, httpOnly). Check each.',
    );
    expect(parse(text)).toMatchObject({ cookies: { essential: ['sid'] } });
  });

  it('writes a privacy.yml that the next scan accepts, with catalogue purposes marked for review, and never overwrites', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'a.ts'),
      `if (hasConsent('analytics')) analytics.identify(u.id, { email: u.email });
await fetch('https://api.mailer.example/send', { method: 'POST', body: JSON.stringify({ to: user.email }) });
`,
    );
    const first = await run(['init', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('review the 2 entries marked `review:`');
    const manifest = parse(readFileSync(path.join(dir, 'privacy.yml'), 'utf8')) as {
      recipients: Record<string, { purposes: string[]; categories: string[]; hosts?: string[]; review?: string }>;
    };
    expect(manifest.recipients['segment']).toMatchObject({ purposes: ['analytics'], categories: ['email'] });
    expect(manifest.recipients['segment']!.review).toContain('usual purpose');
    expect(manifest.recipients['mailer-example']).toMatchObject({
      hosts: ['api.mailer.example'],
      purposes: ['service'],
      categories: ['email'],
    });
    // The second command is green: the manifest validates, the sharing is declared, the review marks only warn.
    const scan = await run(['scan', dir]);
    expect(scan.stderr).toContain('`recipients.segment.review`: to review:');
    expect(scan.stderr).toContain('`recipients.mailer-example.review`: to review:');
    expect(scan.code).toBe(0);
    const again = await run(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/u);
    expect(existsSync(path.join(dir, 'privacy.yaml'))).toBe(false);
  });

  it('lists the cookies the code writes in a comment', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.ts'), "document.cookie = 'ab=1';\n");
    expect((await run(['init', dir])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'privacy.yml'), 'utf8')).toContain('# Cookies the code writes: ab.');
  });
});

describe('the rule policy in the CLI', () => {
  const app = path.join(repoRoot, 'fixtures/agreement/policy-app');

  it('lists the findings the code accepts as exceptions, with their reasons, and does not fail on them', async () => {
    const { stdout, code } = await run(['scan', app, '--format', 'json']);
    expect(code).toBe(1);
    const inventory = JSON.parse(stdout) as {
      summary: { exceptions: number; bySeverity: { error: number; warning: number } };
      exceptions: { file: string; line: number; ruleId: string; via: string; reason?: string }[];
    };
    expect(inventory.summary).toMatchObject({ exceptions: 2, bySeverity: { error: 6, warning: 2 } });
    expect(inventory.exceptions).toEqual([
      expect.objectContaining({
        file: 'src/server/orders.ts',
        line: 13,
        ruleId: 'no-pii-in-logs',
        via: 'privlint-ignore',
        reason: "the pharmacist's audit trail must name who ordered (Reg. 2026/14), kept 2 years",
      }),
      expect.objectContaining({
        file: 'src/server/orders.ts',
        line: 16,
        ruleId: 'no-pii-in-logs',
        via: 'eslint-disable',
        reason: 'reviewed with the DPO, ticket PRIV-31',
      }),
    ]);
  });

  it('says what is wrong with rules: in privacy.yml, with exit code 2', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'privacy.yml'), 'rules:\n  no-pii-in-log: off\n  no-pii-in-url: loud\n');
    writeFileSync(path.join(dir, 'a.ts'), 'console.log(user.email);\n');
    const { stderr, code } = await run(['scan', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('`rules.no-pii-in-log`: unknown key `no-pii-in-log`; did you mean `no-pii-in-logs`?');
    expect(stderr).toContain('`rules.no-pii-in-url`');
    expect(stderr).not.toMatch(/\n\s+at /u);
  });
});
