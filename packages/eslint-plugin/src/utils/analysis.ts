import path from 'node:path';
import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  analyzeFile,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  findManifest,
  findProjectRoot,
  formatBytes,
  formatProblem,
  isInsideDir,
  loadManifest,
  nestingProblem,
  printable,
  type AnalysisEnvironment,
  type FileAnalysis,
} from '@privlint/core';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const knowledge = compileKnowledge(defaultKnowledge);
const environments = new Map<string, Environment>();
const analyses = new WeakMap<object, FileAnalysis>();

/** An environment, or the manifest problem that prevents one. */
export type Environment = { env: AnalysisEnvironment; problem?: undefined } | { env?: undefined; problem: string };

const projectRoots = new Map<string, string>();

/**
 * The project a linted file belongs to: the nearest folder upwards holding `.git`; without one, ESLint's working
 * directory when the file is inside it, else the file's own folder. The manifest search stops there, so a
 * `privacy.yml` above the project (in a home folder, in a parent checkout) never silences what the CLI reports.
 */
export function projectRootOf(dir: string, cwd: string): string {
  const key = `${cwd}\u0000${dir}`;
  let root = projectRoots.get(key);
  if (root === undefined) {
    root = findProjectRoot(dir, isInsideDir(cwd, dir) ? cwd : dir);
    projectRoots.set(key, root);
  }
  return root;
}

/**
 * The environment of a linted file: the knowledge base and the nearest `privacy.yml` upward (within its project),
 * with paths in messages relative to the folder that holds it (else the working directory), as the CLI writes them.
 * Built once per manifest: files under one manifest share caches.
 */
export function environmentFor(context: Context): Environment {
  const filename = path.resolve(context.cwd, context.filename);
  const dir = path.dirname(filename);
  const root = projectRootOf(dir, context.cwd);
  const found = findManifest(dir, root);
  if (found !== undefined && typeof found !== 'string') return { problem: printable(formatProblem(found)) };
  const key = found ?? `cwd:${context.cwd}`;
  let environment = environments.get(key);
  if (!environment) {
    if (found === undefined) {
      environment = { env: { ts, knowledge, manifest: emptyManifestView, rootDir: context.cwd } };
    } else {
      // Found in the project, so read as one of its files: a manifest that is a link leading out of it is refused.
      const loaded = loadManifest(found, undefined, { root });
      const rootDir = path.dirname(found);
      environment = loaded.manifest
        ? { env: { ts, knowledge, manifest: loaded.manifest.view(rootDir), rootDir } }
        : {
            problem: loaded.problems
              // One line per problem, each escaped: keys and values come from the repository's manifest.
              .map(problem =>
                printable(
                  formatProblem({ ...problem, file: path.relative(context.cwd, problem.file) || problem.file }),
                ),
              )
              .join('\n'),
          };
    }
    environments.set(key, environment);
  }
  return environment;
}

/**
 * Files larger than this are not analysed (one message says so and the rest of the run goes on): analysing a 5 MB
 * file ran ESLint out of memory, losing the results of every file. The scanner's limit, so both front ends agree;
 * `settings.privlint.maxFileBytes` changes it.
 */
export const defaultMaxFileBytes = 2 * 1024 * 1024;

function maxFileBytesOf(context: Context): number {
  const settings = (context.settings as { privlint?: { maxFileBytes?: unknown } } | undefined)?.privlint;
  const value = settings?.maxFileBytes;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : defaultMaxFileBytes;
}

/** An analysis that did not happen, with the reason: reported as `notAnalysed`, never as a clean file. */
function notAnalysed(context: Context, reason: string): FileAnalysis {
  const file = path.relative(context.cwd, path.resolve(context.cwd, context.filename)).split(path.sep).join('/');
  return {
    file,
    findings: [],
    flows: [],
    fields: [],
    problems: [{ file, line: 1, column: 1, message: reason, incomplete: true }],
    incomplete: true,
  };
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
  const bytes = Buffer.byteLength(sourceCode.text, 'utf8');
  const limit = maxFileBytesOf(context);
  if (bytes > limit) {
    const analysis = notAnalysed(
      context,
      `the file is ${formatBytes(bytes)}, more than the ${formatBytes(limit)} privlint analyses (settings.privlint.maxFileBytes)`,
    );
    analyses.set(sourceCode, analysis);
    return analysis;
  }
  const services = sourceCode.parserServices as
    { program?: ts.Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): ts.Node | undefined } } | undefined;
  const program = services?.program ?? undefined;
  let sourceFile = program?.getSourceFile(context.filename);
  if (sourceFile && sourceFile.text !== sourceCode.text) sourceFile = undefined;
  const file = sourceFile && program ? sourceFile : untypedSourceFile(context, services?.esTreeNodeToTSNodeMap);
  // Too deep for TypeScript's checker to walk without overflowing (or, for long chains, in reasonable time).
  const tooDeep = nestingProblem(ts, file);
  let analysis: FileAnalysis;
  try {
    if (tooDeep !== undefined) analysis = notAnalysed(context, tooDeep);
    else if (sourceFile && program) analysis = analyzeFile(sourceFile, { env, program });
    else analysis = analyzeFile(file, { env });
  } catch (error) {
    // TypeScript's checker can overflow on another file of the program (typescript-eslint's, not ours to trim): this
    // file then says it was not analysed, and the lint run goes on with the others.
    analysis = notAnalysed(context, `analysis failed: ${error instanceof Error ? error.message : String(error)}`);
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
