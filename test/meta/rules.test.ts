import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { allRuleMeta, ruleDocsUrl, ruleIds } from '@privlint/core';
import plugin from 'eslint-plugin-privlint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const names = (dir: string, suffix: string): string[] =>
  readdirSync(path.join(root, dir))
    .filter(name => name.endsWith(suffix) && !name.startsWith('_') && name !== 'index.ts' && name !== 'rule-tester.ts')
    .map(name => name.slice(0, -suffix.length))
    .sort();

describe('the rule set is one set everywhere', () => {
  const ruleFiles = names('packages/eslint-plugin/src/rules', '.ts');

  it('rule files, plugin rules, docs and tests name the same rules', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ruleFiles);
    expect(names('docs/rules', '.md')).toEqual(ruleFiles);
    expect(names('test/rules', '.test.ts')).toEqual(ruleFiles);
  });

  it('every rule id of the design is implemented', () => {
    expect(ruleFiles).toEqual([...ruleIds].sort());
  });
});

describe.each(Object.entries(plugin.rules))('rule %s', (id, rule) => {
  const meta = allRuleMeta.find(entry => entry.id === id);
  const testSource = readFileSync(path.join(root, 'test/rules', `${id}.test.ts`), 'utf8');
  const ruleSource = readFileSync(path.join(root, 'packages/eslint-plugin/src/rules', `${id}.ts`), 'utf8');

  it('takes its docs URL, description and messages from core', () => {
    expect(meta).toBeDefined();
    expect(rule.meta.docs?.url).toBe(ruleDocsUrl(meta!.id));
    expect(rule.meta.docs?.description).toBe(meta!.description);
    expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) .+[^.]$/u);
    expect(rule.meta.docs?.recommended).toBe(meta!.preset);
    expect(rule.meta.messages).toEqual(meta!.messages);
  });

  it('is a problem rule with options only where it has a schema', () => {
    expect(rule.meta.type).toBe('problem');
    const schema = rule.meta.schema as unknown[];
    expect(Array.isArray(schema) && schema.length > 0).toBe(rule.meta.defaultOptions !== undefined);
    expect(rule.meta.docs?.requiresTypeChecking).toBe(false);
    expect(ruleSource).not.toMatch(/getParserServices\(/u);
  });

  it('names its RuleTester run after its file and tests every message id', () => {
    expect(testSource).toContain(`.run('${id}', rule`);
    for (const messageId of Object.keys(rule.meta.messages)) {
      expect(testSource, `message id ${messageId} is never tested`).toContain(`messageId: '${messageId}'`);
    }
  });
});

describe('configs', () => {
  const ruleNames = (preset: 'recommended' | 'strict' | 'all'): string[] =>
    Object.keys(plugin.configs[preset].rules ?? {}).sort();

  it('nest: recommended ⊂ strict ⊂ all', () => {
    expect(ruleNames('strict')).toEqual(expect.arrayContaining(ruleNames('recommended')));
    expect(ruleNames('all')).toEqual(expect.arrayContaining(ruleNames('strict')));
    expect(ruleNames('all')).toEqual(
      Object.keys(plugin.rules)
        .map(id => `privlint/${id}`)
        .sort(),
    );
  });

  it('put each rule in the presets its meta names', () => {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const inRecommended = ruleNames('recommended').includes(`privlint/${id}`);
      expect(inRecommended, id).toBe(rule.meta.docs?.recommended === 'recommended');
    }
  });

  it.each(['recommended', 'strict', 'all'] as const)('%s is a valid flat config', async preset => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs[preset] as never],
    });
    const config = (await eslint.calculateConfigForFile('src/example.js')) as { rules: Record<string, unknown> };
    expect(
      Object.keys(config.rules)
        .filter(name => name.startsWith('privlint/'))
        .sort(),
    ).toEqual(ruleNames(preset));
  });
});
