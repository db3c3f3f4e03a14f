import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The folder typed cases are linted in: `file.ts` there, with `models/` to import from. */
export const rulesFixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/rules');

/**
 * A RuleTester for privlint rules. Typed: typescript-eslint's project service over `fixtures/rules`, so cases can
 * import `./models/user.js`. Untyped: the typescript-eslint parser without a program.
 */
export function createRuleTester({ typed }: { typed: boolean }): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: typed
        ? { projectService: true, tsconfigRootDir: rulesFixtureDir }
        : { tsconfigRootDir: rulesFixtureDir },
    },
  });
}

/** A file under `fixtures/rules/with-manifest/` (sanitizers, loggers and fields declared in its privacy.yml). */
export const withManifest = path.join(rulesFixtureDir, 'with-manifest/file.ts');

/** A file under `fixtures/rules/broken-manifest/`, whose privacy.yml names an unknown category. */
export const brokenManifest = path.join(rulesFixtureDir, 'broken-manifest/file.ts');

/** A file under `fixtures/rules/rules-manifest/`, whose privacy.yml sets rules' options and turns one off. */
export const rulesManifest = path.join(rulesFixtureDir, 'rules-manifest/file.ts');
