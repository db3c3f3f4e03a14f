import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from 'eslint-plugin-privlint';
import { describe, expect, it } from 'vitest';
import { hostileSource } from '../helpers/hostile.js';

describe('hostile input', () => {
  const code = hostileSource();

  it('is a few thousand lines', () => {
    expect(code.split('\n').length).toBeGreaterThan(2000);
  });

  it.each([false, true])('never makes a rule throw (typed: %s)', typed => {
    // Linted as a file of the fixture project (its folder is the working directory, as in an editor): from the
    // repository's root, `fixtures/` would make it test code, whose findings are not reported.
    const linter = new Linter({ configType: 'flat', cwd: `${process.cwd()}/fixtures/rules` });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: `${process.cwd()}/fixtures/rules` } : {},
        },
        plugins: { privlint: plugin as never },
        rules: Object.fromEntries(Object.keys(plugin.rules).map(id => [`privlint/${id}`, 'error'])),
      },
    ];
    const messages = linter.verify(code, config, `${process.cwd()}/fixtures/rules/file.ts`);
    expect(messages.filter(message => message.fatal)).toEqual([]);
    const logs = messages.filter(message => message.ruleId === 'privlint/no-pii-in-logs');
    // The cyclic types, the template and the wide object all carry personal data; the rule still says so.
    expect(logs.length).toBeGreaterThanOrEqual(3);
  });
});
