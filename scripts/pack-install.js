#!/usr/bin/env node
// Proves the packages work as a newcomer gets them: packs every package with pnpm (workspace versions resolved, only
// the `files` that ship), installs the tarballs with npm into a fresh project outside the repository, and runs the
// installed `privlint scan` and ESLint with the plugin's preset there. `.ci/run` calls it after the check; it needs
// the packages built (`tsc -b`) and the npm registry for the packages' own dependencies.
//
//   node scripts/pack-install.js [--keep]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const started = Date.now();

/** @param {string} message */
function fail(message) {
  console.error(`pack-install: ${message}`);
  process.exit(1);
}

/**
 * Runs a command and returns its exit code and output; output is shown when the code is not one of `expected`.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @param {number[]} expected
 */
function exec(command, args, cwd, expected = [0]) {
  try {
    const stdout = execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (!expected.includes(0)) fail(`${command} ${args.join(' ')} exited 0, expected ${expected.join(' or ')}`);
    return { code: 0, stdout };
  } catch (error) {
    const failure = /** @type {{ status?: number | null; stdout?: string; stderr?: string }} */ (error);
    const code = failure.status ?? -1;
    if (!expected.includes(code)) {
      fail(
        `${command} ${args.join(' ')} (in ${cwd}) exited ${code}\n${failure.stdout ?? ''}${failure.stderr ?? String(error)}`,
      );
    }
    return { code, stdout: failure.stdout ?? '' };
  }
}

/** @param {string} file */
const readJson = file => /** @type {Record<string, any>} */ (JSON.parse(readFileSync(file, 'utf8')));

const work = mkdtempSync(path.join(os.tmpdir(), 'privlint-pack-'));
const tarballs = path.join(work, 'tarballs');
mkdirSync(tarballs);
const packages = readdirSync(path.join(root, 'packages')).map(name => path.join(root, 'packages', name));
for (const dir of packages) {
  if (!existsSync(path.join(dir, 'dist'))) fail(`${path.relative(root, dir)} is not built; run \`tsc -b\` first`);
  exec('npx', ['--yes', 'pnpm@10', 'pack', '--pack-destination', tarballs], dir);
}
const packed = readdirSync(tarballs).map(name => path.join(tarballs, name));
if (packed.length !== packages.length) fail(`expected ${packages.length} tarballs, got ${packed.length}`);

// A fresh TypeScript app, outside any repository: the findings below are the ones a newcomer should see.
const app = path.join(work, 'app');
mkdirSync(path.join(app, 'src'), { recursive: true });
writeFileSync(
  path.join(app, 'package.json'),
  `${JSON.stringify({ name: 'fresh-app', private: true, type: 'module' })}\n`,
);
writeFileSync(
  path.join(app, 'tsconfig.json'),
  `${JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', noEmit: true, types: [] }, include: ['src'] })}\n`,
);
writeFileSync(
  path.join(app, 'src/signup.ts'),
  `export interface Customer {
  id: string;
  email: string;
}

export function signUp(customer: Customer): void {
  console.log('new customer', customer.email);
}
`,
);
// The README's typed setup, as pasted.
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const config = [...readme.matchAll(/^ *```js\n([\s\S]*?)^ *```$/gmu)]
  .map(match =>
    (match[1] ?? '')
      .split('\n')
      .map(line => line.trim())
      .join('\n'),
  )
  .find(snippet => snippet.includes('recommendedTypeChecked'));
if (config === undefined) fail('the README gives no typed ESLint config');
writeFileSync(path.join(app, 'eslint.config.js'), /** @type {string} */ (config));

const devDependencies = readJson(path.join(root, 'package.json'))['devDependencies'];
exec(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--save-dev',
    ...packed,
    `eslint@${devDependencies['eslint']}`,
    `typescript@${devDependencies['typescript']}`,
  ],
  app,
);

const version = readJson(path.join(root, 'packages/cli/package.json'))['version'];
const privlint = path.join(app, 'node_modules/.bin/privlint');
const shown = exec(privlint, ['--version'], app).stdout.trim();
if (shown !== version) fail(`the installed privlint says ${shown}, expected ${version}`);

const scan = exec(privlint, ['scan', '--format', 'json'], app, [1]);
const inventory = JSON.parse(scan.stdout);
const inCi = inventory.findings.map(
  (/** @type {{ file: string; line: number; column: number; ruleId: string }} */ finding) =>
    `${finding.file}:${finding.line}:${finding.column} privlint/${finding.ruleId}`,
);
if (inCi.join('\n') !== 'src/signup.ts:7:31 privlint/no-pii-in-logs')
  fail(`privlint scan found ${JSON.stringify(inCi)}, expected the one log of an email`);
exec(
  privlint,
  ['scan', '--format', 'sarif', '--format', 'html', '--format', 'fides', '--output', 'reports/'],
  app,
  [1],
);
for (const file of ['privlint.sarif', 'privlint.html', 'privlint.fides.yml']) {
  if (!existsSync(path.join(app, 'reports', file))) fail(`privlint scan --output reports/ wrote no ${file}`);
}
exec(privlint, ['init'], app);
if (!existsSync(path.join(app, 'privacy.yml'))) fail('privlint init wrote no privacy.yml');

const eslint = exec(path.join(app, 'node_modules/.bin/eslint'), ['--format', 'json', 'src'], app, [1]);
const inEditor = JSON.parse(eslint.stdout).flatMap(
  (/** @type {{ filePath: string; messages: { line: number; column: number; ruleId: string | null }[] }} */ result) =>
    result.messages.map(
      message =>
        `${path.relative(app, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId}`,
    ),
);
if (inEditor.join('\n') !== inCi.join('\n'))
  fail(`ESLint found ${JSON.stringify(inEditor)}, the CLI ${JSON.stringify(inCi)}`);

if (!keep) rmSync(work, { recursive: true, force: true });
console.log(
  `pack-install: ${packed.map(file => path.basename(file)).join(', ')} installed in a fresh app; privlint scan, init ` +
    `and ESLint agree (${((Date.now() - started) / 1000).toFixed(0)} s)${keep ? `; kept ${work}` : ''}`,
);
