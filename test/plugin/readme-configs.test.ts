import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import plugin from 'eslint-plugin-privlint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslintBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')),
  'bin/eslint.js',
);
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/^ *```js\n([\s\S]*?)^ *```$/gmu)].map(match =>
  match[1]!
    .split('\n')
    .map(line => line.trim())
    .join('\n'),
);

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh app, as a newcomer has one: a tsconfig, TypeScript and JavaScript sources, the plugin installed in its
 * node_modules (a link to this repository's package) and `eslint.config.js` exactly as given.
 */
function project(config: string, manifest?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'privlint-readme-'));
  temporary.push(dir);
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(path.join(root, 'packages/eslint-plugin'), path.join(dir, 'node_modules/eslint-plugin-privlint'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'newcomer-app', type: 'module' }));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true, types: [] },
      include: ['src'],
    }),
  );
  writeFileSync(path.join(dir, 'eslint.config.js'), config);
  writeFileSync(
    path.join(dir, 'src/customer.ts'),
    `export interface Customer {\n  id: string;\n  /** @pii email */\n  reachAt: string;\n}\n`,
  );
  writeFileSync(
    path.join(dir, 'src/checkout.ts'),
    `import type { Customer } from './customer';

export function checkout(customer: Customer, email: string): void {
  console.log('checkout', email);
  console.log('checkout', customer.reachAt);
}
`,
  );
  writeFileSync(
    path.join(dir, 'src/legacy.js'),
    `export function remember(user) {\n  localStorage.setItem('who', user.email);\n}\n`,
  );
  if (manifest !== undefined) writeFileSync(path.join(dir, 'privacy.yml'), manifest);
  return dir;
}

/** Runs ESLint from the project's folder, as a developer or a CI step would, and lists what it reports. */
async function eslint(dir: string, ...args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [eslintBin, '--format', 'json', ...args, '.'], {
    cwd: dir,
  }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    // Exit 1 means problems were found; anything else (a config that does not load) is a failure of the snippet.
    if (error.code !== 1) throw new Error(`eslint failed (${error.code}): ${error.stderr}`);
    return { stdout: error.stdout ?? '' };
  });
  const results = JSON.parse(stdout) as {
    filePath: string;
    messages: { ruleId: string | null; line: number; column: number; severity: number; fatal?: boolean }[];
  }[];
  return results.flatMap(result =>
    result.messages.map(
      message =>
        `${path.relative(dir, result.filePath)}:${message.line}:${message.column} ${message.severity === 2 ? 'error' : 'warning'} ${message.ruleId ?? 'fatal'}`,
    ),
  );
}

describe('the README ESLint snippets, pasted into a fresh app', () => {
  it('are the two documented configs', () => {
    expect(snippets).toEqual([
      "import privlint from 'eslint-plugin-privlint';\nexport default [privlint.configs.recommended];\n",
      "import privlint from 'eslint-plugin-privlint';\nexport default [privlint.configs.recommended, privlint.configs.recommendedTypeChecked];\n",
    ]);
  });

  it('untyped: lints TypeScript and JavaScript files and reports what names show', async () => {
    expect(await eslint(project(snippets[0]!))).toEqual([
      'src/checkout.ts:4:27 error privlint/no-pii-in-logs',
      'src/legacy.js:2:31 error privlint/no-pii-in-client-storage',
    ]);
  });

  it('typed: also knows a field by its tag in another file', async () => {
    expect(await eslint(project(snippets[1]!))).toEqual([
      'src/checkout.ts:4:27 error privlint/no-pii-in-logs',
      'src/checkout.ts:5:27 error privlint/no-pii-in-logs',
      'src/legacy.js:2:31 error privlint/no-pii-in-client-storage',
    ]);
  });

  it('take levels from privacy.yml, and a changed privacy.yml invalidates `eslint --cache`', async () => {
    const dir = project(snippets[0]!, 'rules:\n  no-pii-in-logs: off\n');
    const cache = ['--cache', '--cache-location', path.join(dir, '.eslintcache')];
    expect(await eslint(dir, ...cache)).toEqual(['src/legacy.js:2:31 error privlint/no-pii-in-client-storage']);
    writeFileSync(path.join(dir, 'privacy.yml'), 'rules:\n  no-pii-in-logs: warn\n');
    expect(await eslint(dir, ...cache)).toEqual([
      'src/checkout.ts:4:27 warning privlint/no-pii-in-logs',
      'src/legacy.js:2:31 error privlint/no-pii-in-client-storage',
    ]);
  });
});

describe('an editor session', () => {
  it('sees a changed privacy.yml on the next lint, without restarting', async () => {
    const dir = project('export default [];\n', 'rules:\n  no-pii-in-logs: off\n');
    const editor = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended as object],
    });
    const lint = async (): Promise<string[]> =>
      (await editor.lintText(`console.log(user.email);\n`, { filePath: path.join(dir, 'src/open.ts') })).flatMap(
        result => result.messages.map(message => `${message.severity} ${message.ruleId}`),
      );
    expect(await lint()).toEqual([]);
    writeFileSync(path.join(dir, 'privacy.yml'), 'rules:\n  no-pii-in-logs: warn\n');
    expect(await lint()).toEqual(['1 privlint/no-pii-in-logs']);
    writeFileSync(path.join(dir, 'privacy.yml'), 'rules:\n  no-pii-in-logs: [error]\n');
    expect(await lint()).toEqual(['2 privlint/no-pii-in-logs']);
  });

  it('sees a privacy.yml created while it runs', async () => {
    const dir = project('export default [];\n');
    const editor = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended as object],
    });
    const lint = async (): Promise<number> =>
      (await editor.lintText(`console.log(user.email);\n`, { filePath: path.join(dir, 'src/open.ts') }))[0]!.messages
        .length;
    expect(await lint()).toBe(1);
    writeFileSync(path.join(dir, 'privacy.yml'), 'rules:\n  no-pii-in-logs: off\n');
    // Folder lookups are kept for two seconds.
    await new Promise(resolve => setTimeout(resolve, 2100));
    expect(await lint()).toBe(0);
  });
});
