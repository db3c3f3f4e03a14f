import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedProject, ProjectFile } from '@privlint/scanner';
import type TS from 'typescript';
import { afterEach } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a scanner fixture, `theme/leaf`. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'fixtures/scanner', name);
}

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map(dir => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'privlint-scanner-'));
  temporary.push(dir);
  return dir;
}

/** A copy of a fixture in a temporary folder, for tests that add files git cannot hold (dist/, node_modules/). */
export async function copyFixture(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(fixture(name), dir, { recursive: true });
  return dir;
}

export function fileAt(project: LoadedProject, relPath: string): ProjectFile {
  const file = project.files.find(candidate => candidate.relPath === relPath);
  if (!file)
    throw new Error(`${relPath} is not among the loaded files: ${project.files.map(f => f.relPath).join(', ')}`);
  return file;
}

/** The first identifier in the file whose text is `name`, after the first occurrence of `after`. */
export function identifier(project: LoadedProject, file: ProjectFile, name: string, after = ''): TS.Identifier {
  const ts = project.ts;
  const sourceFile = file.getSourceFile();
  const start = sourceFile.text.indexOf(after);
  let found: TS.Identifier | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && node.getStart() >= start) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no identifier ${name} in ${file.relPath}`);
  return found;
}

/** Where the declarations of a symbol live, as `relPath#name` (following import aliases). */
export function declaredAt(project: LoadedProject, file: ProjectFile, symbol: TS.Symbol | undefined): string[] {
  if (!symbol) return [];
  const ts = project.ts;
  const checker = file.getChecker();
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.declarations ?? []).map(declaration => {
    const fileName = path.relative(project.root, declaration.getSourceFile().fileName).split(path.sep).join('/');
    return `${fileName}#${target.name}`;
  });
}
