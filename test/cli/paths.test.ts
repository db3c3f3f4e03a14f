import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);

interface Inventory {
  manifest?: string;
  summary: { files: number; bySeverity: { error: number; warning: number } };
  findings: { file: string; line: number; ruleId: string; fingerprint: string }[];
  recipients: { id: string; declared: boolean }[];
  skipped: { file: string; reason: string }[];
}

/** A small shop: a server that sends a customer's email to Segment and logs it, and a web folder. */
function shop(dir: string, { repository = true } = {}): string {
  if (repository) mkdirSync(path.join(dir, '.git'));
  mkdirSync(path.join(dir, 'src/server'), { recursive: true });
  mkdirSync(path.join(dir, 'src/web'), { recursive: true });
  writeFileSync(
    path.join(dir, 'privacy.yml'),
    'recipients:\n  segment: { purposes: [analytics], categories: [email], legalBasis: consent }\n',
  );
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    '{ "compilerOptions": { "strict": true, "module": "nodenext" }, "include": ["src"] }\n',
  );
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "shop", "type": "module" }\n');
  writeFileSync(
    path.join(dir, 'src/server/signup.ts'),
    `import { Analytics } from '@segment/analytics-node';
const analytics = new Analytics({ writeKey: 'k' });
export function signUp(customer: { id: string; email: string }): void {
  analytics.identify({ userId: customer.id, traits: { email: customer.email } });
  console.log('signed up', customer.email);
}
`,
  );
  writeFileSync(
    path.join(dir, 'src/web/page.ts'),
    `export function show(email: string): void {\n  console.log(email);\n}\n`,
  );
  return dir;
}

const inventoryOf = async (argv: string[], cwd?: string): Promise<Inventory> => {
  const result = await run([...argv, '--format', 'json', '--fail-on', 'never'], cwd);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Inventory;
};

describe('privlint scan of a subfolder', () => {
  it('uses the privacy.yml above the folder and reports paths from its folder, as a whole scan does', async () => {
    const dir = shop(tempDir());
    const whole = await inventoryOf(['scan', dir]);
    const server = await inventoryOf(['scan', 'src/server'], dir);
    expect(server.manifest).toBe('privacy.yml');
    expect(server.recipients.find(recipient => recipient.id === 'segment')?.declared).toBe(true);
    expect(server.summary.files).toBe(1);
    expect(server.findings.map(finding => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([
      'src/server/signup.ts:5 no-pii-in-logs',
    ]);
    // The same finding, the same fingerprint: a baseline or a diff works across the two.
    expect(server.findings).toEqual(whole.findings.filter(finding => finding.file.startsWith('src/server/')));
    // The rest of the project was not a candidate, so it is not listed as skipped either.
    expect(server.skipped).toEqual([]);
  });

  it('never uses a privacy.yml above the repository root', async () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, 'privacy.yml'), 'rules:\n  no-pii-in-logs: off\n');
    const repo = path.join(outer, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFileSync(path.join(repo, 'a.ts'), 'console.log(user.email);\n');
    const inventory = await inventoryOf(['scan', repo]);
    expect(inventory.manifest).toBeUndefined();
    expect(inventory.findings.map(finding => finding.ruleId)).toEqual(['no-pii-in-logs']);
  });

  it('outside a repository, looks up to the working directory, and no further', async () => {
    const dir = shop(tempDir(), { repository: false });
    expect((await inventoryOf(['scan', 'src/server'], dir)).manifest).toBe('privacy.yml');
    // Scanned from elsewhere, the folder is not inside the working directory: its own manifest only (none here).
    const elsewhere = await inventoryOf(['scan', path.join(dir, 'src/server')], tempDir());
    expect(elsewhere.manifest).toBeUndefined();
    expect(elsewhere.findings.map(finding => finding.file)).toEqual(['signup.ts', 'signup.ts']);
  });

  it('--skip-path skips more paths, relative to the manifest folder, and lists them', async () => {
    const dir = shop(tempDir());
    const inventory = await inventoryOf(['scan', dir, '--skip-path', 'src/web/**', '--skip-path', '**/signup.ts']);
    expect(inventory.summary.files).toBe(0);
    expect(inventory.skipped.map(entry => `${entry.file} ${entry.reason}`)).toEqual([
      '.git ignored',
      'src/server/signup.ts ignored',
      'src/web ignored',
    ]);
    const empty = await run(['scan', dir, '--skip-path', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--skip-path needs a glob');
  });
});

describe('SARIF paths', () => {
  const validate = (() => {
    const {
      id,
      $schema: _draft,
      ...schema
    } = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    schema.$id = id;
    return addFormats
      .default(new Ajv.default({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false }))
      .compile(schema);
  })();

  const sarifOf = async (argv: string[], cwd?: string) => {
    const { stdout } = await run([...argv, '--format', 'sarif', '--fail-on', 'never'], cwd);
    const log = JSON.parse(stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [runLog] = log.runs;
    return {
      bases: runLog.originalUriBaseIds,
      uris: runLog.results.map(
        (result: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) =>
          `${result.locations[0]!.physicalLocation.artifactLocation.uriBaseId}:${result.locations[0]!.physicalLocation.artifactLocation.uri}`,
      ),
    };
  };

  it('are relative to the repository root when the project is a package of it, wherever the scan starts', async () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, '.git'));
    const web = shop(path.join(repo, 'packages/web'), { repository: false });
    mkdirSync(web, { recursive: true });
    for (const [cwd, folder] of [
      [repo, 'packages/web'],
      [web, 'src/server'],
      [path.join(web, 'src'), '.'],
    ] as const) {
      const { bases, uris } = await sarifOf(['scan', folder], cwd);
      expect(uris).toContain('SRCROOT:packages/web/src/server/signup.ts');
      expect(bases.SRCROOT.uri).toBeUndefined();
      expect(bases.PROJECTROOT).toMatchObject({ uri: 'packages/web/', uriBaseId: 'SRCROOT' });
    }
  });

  it('without a repository, are relative to the manifest folder', async () => {
    const dir = shop(tempDir(), { repository: false });
    const { bases, uris } = await sarifOf(['scan', 'src/server'], dir);
    expect(uris).toEqual(['SRCROOT:src/server/signup.ts']);
    expect(Object.keys(bases)).toEqual(['SRCROOT']);
  });
});

describe('standard output with --output', () => {
  it('is one summary line naming what was written', async () => {
    const dir = shop(tempDir());
    const out = path.join(tempDir(), 'reports');
    const result = await run(['scan', dir, '--format', 'sarif', '--format', 'html', '--output', out], out + '/..');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'privlint: ✖ 2 problems (2 errors, 0 warnings) in 2 files; wrote reports/privlint.sarif, reports/privlint.html\n',
    );
    expect(readFileSync(path.join(out, 'privlint.sarif'), 'utf8')).toContain('"version": "2.1.0"');
  });
});

describe('--quiet and --severity', () => {
  const app = (): string => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'privacy.yml'),
      'firstParty: { hosts: [api.example.com] }\nrules:\n  no-pii-in-url: warn\n',
    );
    writeFileSync(
      path.join(dir, 'a.ts'),
      'console.log(user.email);\nawait fetch(`https://api.example.com/find?email=${user.email}`);\n',
    );
    return dir;
  };

  it('--quiet leaves warnings out of the report, the counts and the exit code', async () => {
    const dir = app();
    const all = await inventoryOf(['scan', dir]);
    expect(all.summary.bySeverity).toEqual({ error: 1, warning: 1 });
    for (const flag of [['--quiet'], ['--severity', 'error']]) {
      const quiet = await inventoryOf(['scan', dir, ...flag]);
      expect(quiet.summary.bySeverity).toEqual({ error: 1, warning: 0 });
      expect(quiet.findings.map(finding => finding.ruleId)).toEqual(['no-pii-in-logs']);
    }
    expect((await run(['scan', dir, '--fail-on', 'warning'])).code).toBe(1);
    const text = await run(['scan', dir, '--quiet']);
    expect(text.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(text.stdout).not.toContain('no-pii-in-url');
  });

  it.each([
    [['--quiet', '--fail-on', 'warning'], /--fail-on warning cannot see warnings that --quiet leaves out/u],
    [['--severity', 'info'], /--severity must be warning or error, not `info`/u],
    [['--quiet', '--severity', 'warning'], /--quiet reports errors only/u],
  ])('%j is a usage error', async (flags, message) => {
    const result = await run(['scan', app(), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Run `privlint scan --help` for usage.');
  });
});
