import path from 'node:path';
import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  analyzeFile,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  type AnalysisEnvironment,
  type FileAnalysis,
} from '@privlint/core';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const knowledge = compileKnowledge(defaultKnowledge);
const environments = new Map<string, AnalysisEnvironment>();
const analyses = new WeakMap<object, FileAnalysis>();

/**
 * The environment of a linted file: the knowledge base and the nearest `privacy.yml` upward, with paths in messages
 * relative to the folder that holds it (else the working directory), as the CLI writes them.
 */
function environmentFor(context: Context): AnalysisEnvironment {
  const rootDir = context.cwd;
  const key = rootDir;
  let env = environments.get(key);
  if (!env) {
    env = { ts, knowledge, manifest: emptyManifestView, rootDir };
    environments.set(key, env);
  }
  return env;
}

/**
 * The shared analysis of the file being linted, computed once per file whatever number of privlint rules run on
 * it. Typed when the parser gives a program (typescript-eslint with `projectService`), otherwise of the file alone.
 */
export function fileAnalysis(context: Context): FileAnalysis {
  const sourceCode = context.sourceCode;
  const cached = analyses.get(sourceCode);
  if (cached) return cached;
  const env = environmentFor(context);
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
