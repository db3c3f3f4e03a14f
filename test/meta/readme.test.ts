import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

// A newcomer copies the README's commands into a fresh terminal: npx must not stop to ask before fetching pnpm, and
// CI must run the very test command the README gives.
describe('README', () => {
  const commands = [...read('README.md').matchAll(/```sh\n([^`]*?)```/gu)].map(match => match[1]!.trim());

  it('gives exactly two commands: set up and run the example, then run every test', () => {
    expect(commands).toEqual([
      'npx --yes pnpm@10 install && npx --yes pnpm@10 privlint scan fixtures/demo --fail-on never',
      'npx --yes pnpm@10 check',
    ]);
  });

  it('is what .ci/run runs', () => {
    const ci = read('.ci/run')
      .split('\n')
      .map(line => line.trim());
    expect(ci).toContain(commands[1]);
  });
});
