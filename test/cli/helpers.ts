import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@privlint/cli';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const demo = path.join(repoRoot, 'fixtures/demo');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in process, as a CI job would: no TTY, `CI` set, no colours. */
export async function run(argv: readonly string[], cwd = repoRoot, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { CI: '1', ...env },
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'privlint-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}
