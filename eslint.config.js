// Lints the repository itself, and dogfoods eslint-plugin-privlint (resolved from the root, built by `pnpm build`).
import js from '@eslint/js';
import privlint from 'eslint-plugin-privlint';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      '**/node_modules/',
      'fixtures/',
      'coverage/',
      'packages/core/src/knowledge/generated/',
      'bench/out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  privlint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Rules read options from `create`'s second argument, never `context.options` (typescript-eslint's practice).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name="context"][property.name="options"]',
          message: 'Read options from the second argument of `create`.',
        },
      ],
    },
  },
);
