import path from 'node:path';
import ts from 'typescript';
import {
  analyzeFile,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  type FileAnalysis,
  type ManifestView,
} from '@privlint/core';

export const testRoot = '/project';

/**
 * A typed program over in-memory files (with the real lib files), for core tests: `files` maps paths relative to
 * `/project` to their text.
 */
export function createTestProgram(files: Record<string, string>, options: ts.CompilerOptions = {}): ts.Program {
  const absolute = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(testRoot, name), text]));
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    allowJs: true,
    noEmit: true,
    types: [],
    ...options,
  };
  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = fileName => absolute.get(fileName) ?? readFile(fileName);
  host.fileExists = fileName => absolute.has(fileName) || (!fileName.startsWith(testRoot) && fileExists(fileName));
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = absolute.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = directory =>
    directory === testRoot ||
    [...absolute.keys()].some(file => file.startsWith(`${directory}/`)) ||
    (!directory.startsWith(testRoot) && (directoryExists?.(directory) ?? false));
  host.realpath = file => file;
  host.getCurrentDirectory = () => testRoot;
  return ts.createProgram({ rootNames: [...absolute.keys()], options: compilerOptions, host });
}

/** The source file of `name` (relative to `/project`). */
export function sourceFileOf(program: ts.Program, name: string): ts.SourceFile {
  const sourceFile = program.getSourceFile(path.posix.join(testRoot, name));
  if (!sourceFile) throw new Error(`no source file ${name}`);
  return sourceFile;
}

/** The first node of a kind whose text is exactly `text`, for pointing at an expression in a test snippet. */
export function findNode<T extends ts.Node>(
  sourceFile: ts.SourceFile,
  text: string,
  guard: (node: ts.Node) => node is T,
  occurrence = 0,
): T {
  const found: T[] = [];
  const visit = (node: ts.Node): void => {
    if (guard(node) && node.getText(sourceFile) === text) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const node = found[occurrence];
  if (!node) throw new Error(`no node \`${text}\` (occurrence ${occurrence}) in ${sourceFile.fileName}`);
  return node;
}

/** Analyses in-memory files, typed (one program) or untyped (each file alone), and returns every file's result. */
export async function analyzeFiles(
  files: Record<string, string>,
  options: { typed?: boolean; manifest?: ManifestView } = {},
): Promise<FileAnalysis[]> {
  const env = {
    ts,
    knowledge: compileKnowledge(defaultKnowledge),
    manifest: options.manifest ?? emptyManifestView,
    rootDir: testRoot,
  };
  if (options.typed === false) {
    return Object.entries(files).map(([name, text]) =>
      analyzeFile(ts.createSourceFile(path.posix.join(testRoot, name), text, ts.ScriptTarget.Latest, true), {
        env,
      }),
    );
  }
  const program = createTestProgram(files);
  return Object.keys(files).map(name => analyzeFile(sourceFileOf(program, name), { env, program }));
}

/** The findings of analysed files as `rule file:line:column message` lines, for readable expectations. */
export function findingLines(results: readonly FileAnalysis[]): string[] {
  return results.flatMap(result =>
    result.findings.map(
      finding => `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column} ${finding.message}`,
    ),
  );
}
