// Hostile repositories, generated on the fly (nothing large is committed), and the ways to run privlint on them.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@privlint/cli';
import { afterEach, expect } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliBin = path.join(repoRoot, 'packages/cli/bin/privlint.js');

/**
 * The control file of every hostile project: an ordinary leak that must be reported whatever the other files do.
 * A hostile file that makes privlint lose it (or exit 0) has made the scan fail open.
 */
export const controlSource = [
  'declare const logger: { info(...args: unknown[]): void };',
  'declare const user: { email: string };',
  'logger.info(user.email);',
  '',
].join('\n');
export const controlFile = 'src/control.ts';

/** A file of a generated project: text, a symbolic link, or a FIFO (named pipe). */
export type Entry = string | { readonly link: string } | { readonly fifo: true };

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'privlint-hostile-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Writes a project: the control file plus `files` (paths relative to the project, `/` separators). */
export function project(files: Readonly<Record<string, Entry>>, options: { control?: boolean } = {}): string {
  const root = tempDir();
  const all: Record<string, Entry> =
    options.control === false ? { ...files } : { [controlFile]: controlSource, ...files };
  for (const [relPath, entry] of Object.entries(all)) {
    const file = path.join(root, relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof entry === 'string') writeFileSync(file, entry);
    else if ('link' in entry) symlinkSync(entry.link, file);
    else execFileSync('mkfifo', [file]);
  }
  return root;
}

/**
 * A folder outside every project, holding what a link could lead to: a leak privlint must never report, since
 * reading it would be reading the machine privlint runs on.
 */
export function outsideFolder(): string {
  const dir = tempDir('privlint-outside-');
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(
    path.join(dir, 'src/secret.ts'),
    'declare const logger: { info(...a: unknown[]): void };\ndeclare const outsider: { email: string };\nlogger.info(outsider.email);\n',
  );
  writeFileSync(path.join(dir, 'privacy.yml'), "fields:\n  '*': none\nignore: ['**']\n");
  return dir;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the run was killed for running too long. */
  readonly timedOut: boolean;
}

/** Runs the CLI in process, as CI would: no TTY, `CI` set, no colours. */
export async function runInProcess(argv: readonly string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { CI: '1' },
  });
  return { code, stdout, stderr, timedOut: false };
}

/**
 * A hang must fail and a slow machine must not: generous, since two cores are shared by several runs, yet far below
 * "for ever". A run that is killed at this bound reports `timedOut`.
 */
export const generousMs = 120_000;

/**
 * Runs the built CLI as a child process, for what in-process cannot survive: a blocking read of a FIFO, memory filled
 * from `/dev/zero`, a crash of the process. Killed after `timeoutMs`.
 */
export function runChild(
  argv: readonly string[],
  cwd: string,
  options: { timeoutMs?: number; closeStdoutAfter?: number } = {},
): Promise<Run> {
  const timeoutMs = options.timeoutMs ?? generousMs;
  return new Promise(resolve => {
    const child = spawn(process.execPath, ['--max-old-space-size=1024', cliBin, ...argv], {
      cwd,
      env: { ...process.env, CI: '1', NO_COLOR: '1', PRIVLINT_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      // `privlint scan | head -1`: the reader goes away after the first bytes.
      if (options.closeStdoutAfter !== undefined && stdout.length >= options.closeStdoutAfter) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** What every run on hostile input must be: finished, no stack trace, no "internal error". */
export function expectClean(result: Run): void {
  expect(result.timedOut, 'the run hung').toBe(false);
  expect(result.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$|RangeError|TypeError/mu);
  expect(result.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/mu);
}

interface JsonInventory {
  summary: { files: number; findings: number; incomplete?: number };
  findings: { file: string; line: number; ruleId: string; message: string }[];
  skipped: { file: string; reason: string; detail?: string }[];
  problems: { file?: string; message: string; incomplete?: boolean }[];
}

export function inventoryOf(result: Run): JsonInventory {
  return JSON.parse(result.stdout) as JsonInventory;
}

/** The control file's leak is in the report: the hostile files did not make privlint lose it. */
export function expectControlFinding(inventory: JsonInventory): void {
  expect(inventory.findings).toContainEqual(
    expect.objectContaining({ file: controlFile, line: 3, ruleId: 'no-pii-in-logs' }),
  );
}

/** Every path under a folder with its size and modification time: what a run may not have changed. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        const info = statSync(file, { throwIfNoEntry: false });
        out[path.relative(dir, file)] = info ? `${info.size}:${info.mtimeMs}` : 'link';
      }
    }
  };
  walk(dir);
  return out;
}
