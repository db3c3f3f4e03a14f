import type { TSESLint } from '@typescript-eslint/utils';
import { ruleMeta } from '@privlint/core';
import { rules } from './rules/index.js';

export type RuleName = keyof typeof rules;
type Preset = 'recommended' | 'strict' | 'all';

const pluginMeta = { name: 'eslint-plugin-privlint', version: '0.1.0' };

/** Whether a rule belongs to a preset: `recommended` ⊂ `strict` ⊂ `all`. */
function inPreset(rule: (typeof rules)[RuleName], preset: Preset): boolean {
  const level = rule.meta.docs?.recommended;
  if (preset === 'all') return true;
  if (preset === 'strict') return level === 'recommended' || level === 'strict';
  return level === 'recommended';
}

/**
 * `error`, with the options the preset turns on: `strict` sets each option whose messages are off by default
 * (`requireDeclaredEssential` of `require-cookie-consent`). `all` is every rule with its default options, as the CLI
 * reports them.
 */
function severityFor(name: RuleName, preset: Preset): TSESLint.FlatConfig.RuleEntry {
  if (preset !== 'strict') return 'error';
  const options = ruleMeta(name).options ?? {};
  const strictOptions = Object.fromEntries(
    Object.entries(options)
      .filter(([, option]) => option.strict)
      .map(([key]) => [key, true]),
  );
  return Object.keys(strictOptions).length > 0 ? ['error', strictOptions] : 'error';
}

const plugin = {
  meta: pluginMeta,
  rules,
  configs: {} as Record<Preset, TSESLint.FlatConfig.Config>,
};

for (const preset of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[preset] = {
    name: `privlint/${preset}`,
    plugins: { privlint: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: Object.fromEntries(
      (Object.keys(rules) as RuleName[])
        .filter(name => inPreset(rules[name], preset))
        .map(name => [`privlint/${name}`, severityFor(name, preset)] as const),
    ),
  };
}

export { rules };
export default plugin;
