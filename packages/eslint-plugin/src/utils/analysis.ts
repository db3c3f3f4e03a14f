import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';
import {
  analyzeFile,
  clearManifestCache,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  fileStamp,
  findManifest,
  findProjectRoot,
  formatBytes,
  formatProblem,
  isInsideDir,
  loadManifest,
  nestingProblem,
  printable,
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
  const filename = path.resolve(context.cwd, context.filename);
  const environment = environmentAt(context.cwd, filename);
  // Kept for the processor, which runs after the rules but is told no cwd: it must judge by the same manifest.
  if (usedEnvironments.size >= maxUsedEnvironments) usedEnvironments.clear();
  usedEnvironments.set(filename, environment);
  return environment;
}

const usedEnvironments = new Map<string, Environment>();
const maxUsedEnvironments = 1000;

/** The environment the rules used for a file just linted; else the one found from the process's folder. */
export function environmentUsedFor(filename: string): Environment {
  const absolute = path.resolve(filename);
  return usedEnvironments.get(absolute) ?? environmentAt(process.cwd(), absolute);
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
  const dir = path.dirname(filename);
  const root = projectRootOf(dir, cwd);
  const found = findManifest(dir, root);
  if (found !== undefined && typeof found !== 'string') return { problem: printable(formatProblem(found)) };
  const key = found ?? `cwd:${cwd}`;
  const cached = environments.get(key);
  const stamp = found === undefined ? '' : fileStamp(found);
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
    // Found in the project, so read as one of its files: a manifest that is a link leading out of it is refused.
    const loaded = loadManifest(found, undefined, { root });
    const rootDir = path.dirname(found);
    environment = loaded.manifest
      ? { env: { ts, knowledge, manifest: loaded.manifest.view(rootDir), rootDir }, policy: loaded.manifest.policy }
      : {
          problem: loaded.problems
            // One line per problem, each escaped: keys and values come from the repository's manifest.
            .map(problem =>
              printable(formatProblem({ ...problem, file: path.relative(cwd, problem.file) || problem.file })),
            )
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
  const program = (sourceCode.parserServices as { program?: ts.Program | null } | undefined)?.program ?? undefined;
  const sourceFile = sourceFileOf(context);
  // Too deep for TypeScript's checker to walk without overflowing (or, for long chains, in reasonable time).
  const tooDeep = nestingProblem(ts, sourceFile);
  let analysis: FileAnalysis;
  try {
    if (tooDeep !== undefined) analysis = notAnalysed(context, tooDeep);
    else if (program && program.getSourceFile(context.filename) === sourceFile)
      analysis = analyzeFile(sourceFile, { env, program });
    else analysis = analyzeFile(sourceFile, { env });
  } catch (error) {
    // TypeScript's checker can overflow on another file of the program (typescript-eslint's, not ours to trim): this
    // file then says it was not analysed, and the lint run goes on with the others.
    analysis = notAnalysed(context, `analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  analyses.set(sourceCode, analysis);
  return analysis;
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
