import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  analyzeFile,
  clearManifestCache,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  findManifest,
  formatProblem,
  loadManifest,
  rulePolicy,
  type AnalysisEnvironment,
  type FileAnalysis,
  type RulePolicy,
} from '@privlint/core';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const knowledge = compileKnowledge(defaultKnowledge);
const environments = new Map<string, { stamp: string; contents: string; environment: Environment }>();
const analyses = new WeakMap<object, FileAnalysis>();
const defaultPolicy = rulePolicy();
const lookupLifetimeMs = 2000;
let lastLookups = Date.now();

/** An environment and the manifest's rule policy, or the manifest problem that prevents one. */
export type Environment =
  | { env: AnalysisEnvironment; policy: RulePolicy; problem?: undefined }
  | { env?: undefined; policy?: undefined; problem: string };

/**
 * What tells a changed manifest: size and mtime, read on every file (one `stat`), and the contents when those move
 * (an editor that saves the same bytes again keeps its caches).
 */
function stampOf(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function contentsOf(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The environment of a linted file: the knowledge base and the nearest `privacy.yml` upward, with paths in messages
 * relative to the folder that holds it (else the working directory), as the CLI writes them. Built once per
 * manifest: files under one manifest share caches.
 */
export function environmentFor(context: Context): Environment {
  return environmentAt(context.cwd, path.resolve(context.cwd, context.filename));
}

/** The environment of a file by its absolute path, for code that has no rule context (the presets' processor). */
export function environmentAt(cwd: string, filename: string): Environment {
  // Folder lookups are cached; forget them now and then, so a privacy.yml created (or removed) while the editor
  // runs is seen without a restart.
  const now = Date.now();
  if (now - lastLookups > lookupLifetimeMs) {
    clearManifestCache();
    lastLookups = now;
  }
  const found = findManifest(path.dirname(filename));
  if (found !== undefined && typeof found !== 'string') return { problem: formatProblem(found) };
  const key = found ?? `cwd:${cwd}`;
  const cached = environments.get(key);
  const stamp = found === undefined ? '' : stampOf(found);
  // An editor keeps the plugin loaded for hours: a manifest that changed on disk is read again. Saving the same bytes
  // again (a new mtime, same contents) keeps the environment and its caches.
  if (cached?.stamp === stamp) return cached.environment;
  const contents = found === undefined ? '' : contentsOf(found);
  if (cached && cached.contents === contents) {
    cached.stamp = stamp;
    return cached.environment;
  }
  let environment: Environment;
  if (found === undefined) {
    environment = { env: { ts, knowledge, manifest: emptyManifestView, rootDir: cwd }, policy: defaultPolicy };
  } else {
    const loaded = loadManifest(found);
    const rootDir = path.dirname(found);
    environment = loaded.manifest
      ? { env: { ts, knowledge, manifest: loaded.manifest.view(rootDir), rootDir }, policy: loaded.manifest.policy }
      : {
          problem: loaded.problems
            .map(problem => formatProblem({ ...problem, file: path.relative(cwd, problem.file) || problem.file }))
            .join('\n'),
        };
  }
  environments.set(key, { stamp, contents, environment });
  return environment;
}

/**
 * The shared analysis of the file being linted, computed once per file whatever number of privlint rules run on
 * it. Typed when the parser gives a program (typescript-eslint with `projectService`), otherwise of the file alone.
 */
export function fileAnalysis(context: Context): FileAnalysis | undefined {
  const sourceCode = context.sourceCode;
  const cached = analyses.get(sourceCode);
  if (cached) return cached;
  const { env } = environmentFor(context);
  if (!env) return undefined;
  const program = (sourceCode.parserServices as { program?: ts.Program | null } | undefined)?.program ?? undefined;
  const sourceFile = sourceFileOf(context);
  const analysis =
    program && program.getSourceFile(context.filename) === sourceFile
      ? analyzeFile(sourceFile, { env, program })
      : analyzeFile(sourceFile, { env });
  analyses.set(sourceCode, analysis);
  return analysis;
}

const sourceFiles = new WeakMap<object, ts.SourceFile>();

/** The TypeScript tree of the linted file (the program's when typed), for reading its comments. */
export function sourceFileOf(context: Context): ts.SourceFile {
  const sourceCode = context.sourceCode;
  const cached = sourceFiles.get(sourceCode);
  if (cached) return cached;
  const services = sourceCode.parserServices as
    { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined } } | undefined;
  let sourceFile = services?.program?.getSourceFile(context.filename);
  if (!sourceFile || sourceFile.text !== sourceCode.text) {
    sourceFile = untypedSourceFile(context, services?.esTreeNodeToTSNodeMap);
  }
  sourceFiles.set(sourceCode, sourceFile);
  return sourceFile;
}

function untypedSourceFile(
  context: Context,
  map: { get(node: unknown): ts.Node | undefined } | undefined,
): ts.SourceFile {
  const fromParser = map?.get(context.sourceCode.ast);
  // typescript-estree parses with the same TypeScript and keeps parent pointers; reuse its tree when it has one.
  if (fromParser && ts.isSourceFile(fromParser) && fromParser.text === context.sourceCode.text) return fromParser;
  const fileName = path.resolve(context.cwd, context.filename);
  return ts.createSourceFile(fileName, context.sourceCode.text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

function scriptKind(fileName: string): ts.ScriptKind {
  const extension = path.extname(fileName).toLowerCase();
  switch (extension) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      // JSX in .js files is common (React); the TSX-capable JS kind parses both.
      return ts.ScriptKind.JSX;
    case '.json':
      return ts.ScriptKind.JSON;
    default:
      return ts.ScriptKind.TS;
  }
}
