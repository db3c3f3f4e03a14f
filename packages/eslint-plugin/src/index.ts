import type { TSESLint } from '@typescript-eslint/utils';
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
        .map(name => [`privlint/${name}`, 'error'] as const),
    ),
  };
}

export { rules };
export default plugin;
