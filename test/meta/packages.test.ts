import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleIds, schemaBaseUrl } from '@privlint/core';
import plugin from 'eslint-plugin-privlint';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const packages = readdirSync(path.join(root, 'packages')).map(name => `packages/${name}`);

interface Manifest {
  name: string;
  license?: string;
  homepage?: string;
  repository?: { type: string; url: string; directory?: string };
  bugs?: { url: string };
  files?: string[];
  exports?: Record<string, unknown>;
}

describe('every package is ready to publish', () => {
  it.each(packages)('%s has a README, the licence, and says where it comes from', folder => {
    const manifest = JSON.parse(read(`${folder}/package.json`)) as Manifest;
    expect(manifest.license).toBe('MIT');
    expect(read(`${folder}/LICENSE`)).toBe(read('LICENSE'));
    const readme = read(`${folder}/README.md`);
    expect(readme.startsWith(`# ${manifest.name}\n`)).toBe(true);
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/privlint/privlint.git',
      directory: folder,
    });
    expect(manifest.homepage).toBe(`https://github.com/privlint/privlint/tree/main/${folder}#readme`);
    expect(manifest.bugs).toEqual({ url: 'https://github.com/privlint/privlint/issues' });
    expect(manifest.files).toContain('dist');
  });

  it('the root licence is MIT, as every package.json says', () => {
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the privlint contributors\n/u);
    expect((JSON.parse(read('package.json')) as Manifest).license).toBe('MIT');
  });
});

describe("the plugin's README", () => {
  const readme = read('packages/eslint-plugin/README.md');

  // test/plugin/readme-configs.test.ts runs the root README's configs in a fresh app: the package's own README (what
  // npm shows) must give those very ones.
  it("gives the root README's ESLint configs, as they are tested", () => {
    const configs = (text: string): string[] =>
      [...text.matchAll(/^ *```js\n([\s\S]*?)^ *```$/gmu)].map(match =>
        match[1]!
          .split('\n')
          .map(line => line.trim())
          .join('\n'),
      );
    expect(configs(readme).length).toBeGreaterThan(0);
    for (const config of configs(readme)) expect(configs(read('README.md'))).toContain(config);
  });

  it('lists every rule of the plugin, and no other', () => {
    const listed = [...readme.matchAll(/^\| \[`([a-z-]+)`\]/gmu)].map(match => match[1]);
    expect(listed.sort()).toEqual([...ruleIds].sort());
    expect(Object.keys(plugin.rules ?? {}).sort()).toEqual([...ruleIds].sort());
  });
});

describe('published schemas', () => {
  const schemas = ['packages/core/schema', 'rules/schema'].flatMap(dir =>
    readdirSync(path.join(root, dir))
      .filter(name => name.endsWith('.schema.json'))
      .map(name => `${dir}/${name}`),
  );

  // An editor fetches `$schema` URLs: each id must be the raw file of that schema on the main branch.
  it.each(schemas)('%s has its raw URL as $id', file => {
    expect((JSON.parse(read(file)) as { $id: string }).$id).toBe(`${schemaBaseUrl}/${file}`);
  });

  it('the JSON inventory names its schema by that URL', async () => {
    const dir = path.join(root, 'fixtures/cli/hostile');
    const inventory = JSON.parse((await run(['scan', dir, '--format', 'json', '--fail-on', 'never'])).stdout) as {
      $schema: string;
    };
    expect(inventory.$schema).toBe(`${schemaBaseUrl}/packages/core/schema/inventory.schema.json`);
  });

  it('the core package ships the schemas it exports', () => {
    const manifest = JSON.parse(read('packages/core/package.json')) as Manifest;
    expect(manifest.files).toContain('schema');
    expect(manifest.exports).toMatchObject({
      './schema/privacy.schema.json': './schema/privacy.schema.json',
      './schema/inventory.schema.json': './schema/inventory.schema.json',
    });
  });
});
