import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { findManifest, presetLevel, presetOptions, type RuleId } from '@privlint/core';
import { rules } from './rules/index.js';
import { policyProcessor } from './utils/processor.js';

export type RuleName = keyof typeof rules;
type Preset = 'recommended' | 'strict' | 'all';
type ConfigName = Preset | `${Preset}TypeChecked`;

const pluginMeta = { name: 'eslint-plugin-privlint', version: '0.1.0' };

/** Every file privlint reads: TypeScript and JavaScript, modules or not, with JSX. */
export const files = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
/** The files a typed preset covers: those a tsconfig holds (JavaScript is added by `recommended` when wanted). */
export const typedFiles = ['**/*.{ts,tsx,mts,cts}'];

/**
 * A digest of the privacy.yml that governs the working directory, put in the presets' `settings`: ESLint's cache
 * (`--cache`) keys each file's result on its config, so a changed manifest invalidates the cached results.
 */
export function manifestDigest(dir: string = process.cwd()): string {
  const found = findManifest(dir);
  if (typeof found !== 'string') return 'none';
  try {
    return createHash('sha256').update(readFileSync(found)).digest('hex').slice(0, 16);
  } catch {
    return 'unreadable';
  }
}

const plugin = {
  meta: pluginMeta,
  rules,
  processors: { policy: policyProcessor },
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

const digest = manifestDigest();

for (const preset of ['recommended', 'strict', 'all'] as const) {
  const ruleLevels = Object.fromEntries(
    (Object.keys(rules) as RuleName[])
      .map(name => [name, presetLevel(name as RuleId, preset)] as const)
      .filter(([, level]) => level !== 'off')
      // One truth: each rule at its own severity, as the CLI reports it, with the options the preset turns on.
      .map(([name, level]): [string, TSESLint.FlatConfig.RuleEntry] => {
        const severity = level === 'warning' ? 'warn' : 'error';
        const options = presetOptions(name as RuleId, preset);
        return [`privlint/${name}`, Object.keys(options).length > 0 ? [severity, options] : severity];
      }),
  );
  const base = {
    plugins: { privlint: plugin as unknown as TSESLint.FlatConfig.Plugin },
    processor: 'privlint/policy',
    settings: { privlint: { manifestDigest: digest } },
    rules: ruleLevels,
  };
  plugin.configs[preset] = {
    name: `privlint/${preset}`,
    files,
    languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    ...base,
  };
  plugin.configs[`${preset}TypeChecked`] = {
    name: `privlint/${preset}-type-checked`,
    files: typedFiles,
    languageOptions: {
      parser: tsParser as TSESLint.FlatConfig.Parser,
      parserOptions: { projectService: true, tsconfigRootDir: process.cwd() },
    },
    ...base,
  };
}

export { rules };
export default plugin;
