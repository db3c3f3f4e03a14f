import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (pkg: string): string => fileURLToPath(new URL(`packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, not dist: a change is tested without a build. Tests that spawn the CLI or load
    // the plugin by package name use dist, which `pnpm test` builds first.
    alias: {
      '@privlint/core': source('core'),
      '@privlint/scanner': source('scanner'),
      '@privlint/cli': source('cli'),
      'eslint-plugin-privlint': source('eslint-plugin'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Type-aware linting and whole-project scans parse real programs; the defaults are too tight on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
