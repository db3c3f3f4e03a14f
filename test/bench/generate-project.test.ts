import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript script without declarations; the benchmark runs it as is.
import { generateProject } from '../../bench/generate-project.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function generate(profile: 'app' | 'dense', files: number): string {
  const out = mkdtempSync(path.join(os.tmpdir(), `privlint-bench-${profile}-`));
  dirs.push(out);
  generateProject({ files, seed: 7, out, profile });
  return out;
}

function diagnostics(dir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(dir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: diagnostic => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  return ts
    .getPreEmitDiagnostics(program)
    .map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, file), readFileSync(file, 'utf8'));
    }
  }
  return out;
}

// The benchmark compares the scan with `tsc --noEmit`: its project must be valid TypeScript, or tsc would stop early
// and the ratio would flatter the scan; and it must be the same bytes every time, or runs would not compare.
describe('the benchmark project', () => {
  it.each(['app', 'dense'] as const)('type-checks without errors (%s profile)', profile => {
    expect(diagnostics(generate(profile, 90))).toEqual([]);
  });

  it('is byte-identical for the same seed and size', () => {
    expect(contents(generate('app', 90))).toEqual(contents(generate('app', 90)));
  });

  it('mixes sink-free code in the app profile, as real applications have it', () => {
    const files = [...contents(generate('app', 200)).entries()].filter(([name]) => name.endsWith('.ts'));
    const withLogs = files.filter(([, text]) => /\b(?:logger|console|auditLog)\.\w+\(/u.test(text));
    expect(withLogs.length / files.length).toBeLessThan(0.2);
  });
});
