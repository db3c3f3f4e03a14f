import path from 'node:path';
import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  analyzeFile,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  findManifest,
  formatProblem,
  loadManifest,
  type AnalysisEnvironment,
  type FileAnalysis,
} from '@privlint/core';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const knowledge = compileKnowledge(defaultKnowledge);
const environments = new Map<string, Environment>();
const analyses = new WeakMap<object, FileAnalysis>();

/** An environment, or the manifest problem that prevents one. */
export type Environment = { env: AnalysisEnvironment; problem?: undefined } | { env?: undefined; problem: string };

/**
 * The environment of a linted file: the knowledge base and the nearest `privacy.yml` upward, with paths in messages
 * relative to the folder that holds it (else the working directory), as the CLI writes them. Built once per
 * manifest: files under one manifest share caches.
 */
export function environmentFor(context: Context): Environment {
  const filename = path.resolve(context.cwd, context.filename);
  const found = findManifest(path.dirname(filename));
  if (found !== undefined && typeof found !== 'string') return { problem: formatProblem(found) };
  const key = found ?? `cwd:${context.cwd}`;
  let environment = environments.get(key);
  if (!environment) {
    if (found === undefined) {
      environment = { env: { ts, knowledge, manifest: emptyManifestView, rootDir: context.cwd } };
    } else {
      const loaded = loadManifest(found);
      const rootDir = path.dirname(found);
      environment = loaded.manifest
        ? { env: { ts, knowledge, manifest: loaded.manifest.view(rootDir), rootDir } }
        : {
            problem: loaded.problems
              .map(problem =>
                formatProblem({ ...problem, file: path.relative(context.cwd, problem.file) || problem.file }),
              )
              .join('\n'),
          };
    }
    environments.set(key, environment);
  }
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
  const services = sourceCode.parserServices as
    { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined } } | undefined;
  const program = services?.program ?? undefined;
  let sourceFile = program?.getSourceFile(context.filename);
  if (sourceFile && sourceFile.text !== sourceCode.text) sourceFile = undefined;
  let analysis: FileAnalysis;
  if (sourceFile && program) {
    analysis = analyzeFile(sourceFile, { env, program });
  } else {
    analysis = analyzeFile(untypedSourceFile(context, services?.esTreeNodeToTSNodeMap), { env });
  }
  analyses.set(sourceCode, analysis);
  return analysis;
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
