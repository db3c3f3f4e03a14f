import ts from 'typescript';
import {
  defaultKnowledge,
  isTestPathByConvention,
  matchesRunnerPatterns,
  readRunnerConfig,
  type TestRunnerDef,
} from '@privlint/core';
import { describe, expect, it } from 'vitest';

const conventions = defaultKnowledge.platform.testCode;
const runner = (id: string): TestRunnerDef => conventions.runners.find(entry => entry.id === id)!;

describe('test code by convention (rules/platform.yml testCode)', () => {
  it('knows test folders and test file names', () => {
    const tests = [
      'src/user.test.ts',
      'src/user.spec.tsx',
      'src/__tests__/user.ts',
      'packages/app-tests/e2e/signing.ts',
      'apps/web/playwright/login.ts',
      'src/components/Button.stories.tsx',
      'apps/storybook/.storybook/preview.tsx',
      'src/test/setup.ts',
      'apps/web/vitestSetup.ts',
      'prisma/seed.ts',
      'src/lib/fake-data.ts',
      'src/mocks/handlers.ts',
      'cypress/support/commands.ts',
    ];
    expect(tests.filter(file => !isTestPathByConvention(conventions, file))).toEqual([]);
  });

  it('leaves production code alone, including features whose names only look like tests', () => {
    const production = [
      'src/signup.ts',
      'src/features/stories/feed.tsx',
      'src/contest/entries.ts',
      'src/latest/releases.ts',
      'src/lib/attestation.ts',
      'src/seedling.ts',
      'src/protest.ts',
    ];
    expect(production.filter(file => isTestPathByConvention(conventions, file))).toEqual([]);
  });
});

describe('test runner configs, read as data', () => {
  it('reads jest testMatch globs and testRegex sources', () => {
    const patterns = readRunnerConfig(
      ts,
      runner('jest'),
      '/app/jest.config.js',
      `module.exports = { testMatch: ['<rootDir>/checks/**/*.ts'], testRegex: '/probes/.*\\\\.ts$', setupFilesAfterEnv: ['./jest.after.ts'] };`,
    );
    expect(patterns).toMatchObject({
      globs: ['<rootDir>/checks/**/*.ts'],
      regexes: ['/probes/.*\\.ts$'],
      files: ['./jest.after.ts'],
    });
    expect(matchesRunnerPatterns(patterns, 'checks/cart.ts')).toBe(true);
    expect(matchesRunnerPatterns(patterns, 'src/probes/cart.ts')).toBe(true);
    expect(matchesRunnerPatterns(patterns, 'jest.after.ts')).toBe(true);
    expect(matchesRunnerPatterns(patterns, 'src/cart.ts')).toBe(false);
  });

  it('reads playwright testDir and a regex testMatch in projects', () => {
    const patterns = readRunnerConfig(
      ts,
      runner('playwright'),
      '/app/playwright.config.ts',
      `export default defineConfig({ testDir: './browser', projects: [{ name: 'api', testMatch: /api\\/.*\\.flow\\.ts/ }] });`,
    );
    expect(patterns).toMatchObject({ folders: ['./browser'], regexes: ['api\\/.*\\.flow\\.ts'] });
    expect(matchesRunnerPatterns(patterns, 'browser/login.ts')).toBe(true);
    expect(matchesRunnerPatterns(patterns, 'src/api/orders.flow.ts')).toBe(true);
    expect(matchesRunnerPatterns(patterns, 'src/api/orders.ts')).toBe(false);
  });

  it('reads cypress specPattern and storybook stories relative to .storybook/', () => {
    const cypress = readRunnerConfig(
      ts,
      runner('cypress'),
      '/app/cypress.config.ts',
      `export default defineConfig({ e2e: { specPattern: 'browser-checks/**/*.cy.ts', supportFile: 'browser-checks/support.ts' } });`,
    );
    expect(matchesRunnerPatterns(cypress, 'browser-checks/visit.cy.ts')).toBe(true);
    expect(matchesRunnerPatterns(cypress, 'src/visit.ts')).toBe(false);

    const storybook = readRunnerConfig(
      ts,
      runner('storybook'),
      '/app/.storybook/main.ts',
      `const config = { stories: ['../src/**/*.showcase.tsx'] } satisfies StorybookConfig; export default config;`,
    );
    expect(matchesRunnerPatterns(storybook, '../src/ui/card.showcase.tsx')).toBe(true);
    expect(matchesRunnerPatterns(storybook, '../src/ui/card.tsx')).toBe(false);
  });

  it('ignores values that are not literals: nothing in a config is evaluated', () => {
    const patterns = readRunnerConfig(
      ts,
      runner('vitest'),
      '/app/vitest.config.ts',
      `export default defineConfig({ test: { include: process.env.ONLY ? [process.env.ONLY] : ['src/**/*.unit.ts'] } });`,
    );
    expect(patterns.globs).toEqual([]);
  });
});
