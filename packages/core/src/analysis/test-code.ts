/**
 * Test code: specs, end-to-end suites, fixtures, seeds, stories, mocks and their setup files. They run the product on
 * made-up data, so what they log, store or send is not processing of anyone's personal data: the rule policy does
 * not report their findings and the inventory does not count their data, unless `privacy.yml` `testCode.check` asks
 * for it. What counts is data (`rules/platform.yml` `testCode`): folder and file name conventions, and the include
 * patterns of test runners' config files, read from their syntax tree and never executed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type TS from 'typescript';
import type { PlatformFile, TestRunnerDef } from '../knowledge/platform-schema.js';
import { fileStamp } from '../files/reader.js';
import type { AnalysisEnvironment } from './environment.js';

/** What a runner's config says is test code, relative to the config's folder. */
export interface RunnerPatterns {
  /** The runner's id (`vitest`). */
  readonly runner: string;
  /** The config file, absolute. */
  readonly config: string;
  readonly globs: readonly string[];
  readonly regexes: readonly string[];
  readonly folders: readonly string[];
  readonly files: readonly string[];
}

/** Config files larger than this are not read: a runner's config is a page, not a bundle. */
const maxConfigBytes = 256 * 1024;

type Conventions = PlatformFile['testCode'];

interface CompiledConventions {
  readonly folders: readonly RegExp[];
  readonly files: readonly RegExp[];
  readonly runners: readonly { readonly def: TestRunnerDef; readonly configs: readonly RegExp[] }[];
}

const compiledConventions = new WeakMap<Conventions, CompiledConventions>();

function compileConventions(conventions: Conventions): CompiledConventions {
  let compiled = compiledConventions.get(conventions);
  if (!compiled) {
    const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`, 'iu');
    compiled = {
      folders: conventions.folders.map(whole),
      files: conventions.files.map(whole),
      runners: conventions.runners.map(def => ({
        def,
        configs: def.configs.map(name => picomatch.makeRe(name, { dot: true })),
      })),
    };
    compiledConventions.set(conventions, compiled);
  }
  return compiled;
}

/**
 * Whether a path (relative to the project root, POSIX) is test code by convention: a folder on it or its file name
 * matches `rules/platform.yml` `testCode`.
 */
export function isTestPathByConvention(conventions: Conventions, relativePath: string): boolean {
  const compiled = compileConventions(conventions);
  const segments = relativePath.split('/').filter(segment => segment !== '' && segment !== '.');
  const name = segments.pop() ?? '';
  return (
    segments.some(segment => compiled.folders.some(regex => regex.test(segment))) ||
    compiled.files.some(regex => regex.test(name))
  );
}

/**
 * Reads what one runner config says is test code: the string (or regex) values of the keys the runner's entry lists,
 * wherever they appear in the file (`defineConfig({ test: { include } })`, `projects: [{ testMatch }]`). Values that
 * are not literals (`include: process.env.X`) are skipped. Nothing in the file is run.
 */
export function readRunnerConfig(ts: typeof TS, runner: TestRunnerDef, file: string, text: string): RunnerPatterns {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(ts, file));
  const found = { globs: [] as string[], regexes: [] as string[], folders: [] as string[], files: [] as string[] };
  const keyKinds = new Map<string, keyof typeof found>();
  for (const key of runner.globs ?? []) keyKinds.set(key, 'globs');
  for (const key of runner.regexes ?? []) keyKinds.set(key, 'regexes');
  for (const key of runner.folders ?? []) keyKinds.set(key, 'folders');
  for (const key of runner.files ?? []) keyKinds.set(key, 'files');
  const collect = (kind: keyof typeof found, value: TS.Expression): void => {
    if (ts.isStringLiteralLike(value)) {
      found[kind].push(value.text);
    } else if (ts.isRegularExpressionLiteral(value)) {
      // `testMatch: /e2e\/.*\.spec\.ts/`: a regex where the runner also takes one.
      const literal = value.text;
      found.regexes.push(literal.slice(1, literal.lastIndexOf('/')));
    } else if (ts.isArrayLiteralExpression(value)) {
      for (const element of value.elements) collect(kind, element);
    } else if (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value)) {
      collect(kind, value.expression);
    }
  };
  const keyOf = (node: TS.PropertyAssignment): string | undefined =>
    ts.isIdentifier(node.name) || ts.isStringLiteralLike(node.name) ? node.name.text : undefined;
  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAssignment(node)) {
      const key = keyOf(node);
      // `test.include` is `include` inside the object of a `test` property: Vite's own `include` keys (plugins,
      // `optimizeDeps`) name other things.
      const holder = node.parent.parent;
      const parentKey = holder && ts.isPropertyAssignment(holder) ? keyOf(holder) : undefined;
      const kind =
        key === undefined
          ? undefined
          : (keyKinds.get(key) ?? (parentKey === undefined ? undefined : keyKinds.get(`${parentKey}.${key}`)));
      if (kind) collect(kind, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { runner: runner.id, config: file, ...found };
}

function scriptKindOf(ts: typeof TS, file: string): TS.ScriptKind {
  return /\.[cm]?tsx?$/u.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

/** A folder's runner configs, read once per folder and contents (an editor keeps the plugin loaded for hours). */
const folderCache = new Map<string, { stamp: string; patterns: readonly RunnerPatterns[] }>();

/**
 * Each folder's answer, kept as long as a file's answer is: every file asks about every folder above it, and listing
 * them again for each (thousands of `readdir`s for a folder everyone shares) cost more than the test-code rule.
 */
const recentByConventions = new WeakMap<
  CompiledConventions,
  Map<string, { at: number; patterns: readonly RunnerPatterns[] }>
>();

/** A scan's folder answers (`AnalysisEnvironment.snapshot`), kept as long as its environment: nothing changes meanwhile. */
const scanFolders = new WeakMap<AnalysisEnvironment, Map<string, readonly RunnerPatterns[]>>();

function runnerPatternsIn(
  env: AnalysisEnvironment,
  compiled: CompiledConventions,
  folder: string,
): readonly RunnerPatterns[] {
  if (env.snapshot) {
    let folders = scanFolders.get(env);
    if (!folders) {
      folders = new Map();
      scanFolders.set(env, folders);
    }
    let patterns = folders.get(folder);
    if (!patterns) {
      patterns = readRunnerPatternsIn(env.ts, compiled, folder);
      folders.set(folder, patterns);
    }
    return patterns;
  }
  const ts = env.ts;
  let recentFolders = recentByConventions.get(compiled);
  if (!recentFolders) {
    recentFolders = new Map();
    recentByConventions.set(compiled, recentFolders);
  }
  const now = Date.now();
  const recent = recentFolders.get(folder);
  if (recent && now - recent.at < answerLifetimeMs) return recent.patterns;
  const patterns = readRunnerPatternsIn(ts, compiled, folder);
  if (recentFolders.size > 10_000) recentFolders.clear();
  recentFolders.set(folder, { at: now, patterns });
  return patterns;
}

function readRunnerPatternsIn(ts: typeof TS, compiled: CompiledConventions, folder: string): readonly RunnerPatterns[] {
  const candidates = new Set<string>();
  const names = listFolder(folder);
  const storybook = names.includes('.storybook') ? listFolder(path.join(folder, '.storybook')) : [];
  const entries = [...names, ...storybook.map(name => `.storybook/${name}`)];
  for (const { configs } of compiled.runners) {
    for (const entry of entries) if (configs.some(regex => regex.test(entry))) candidates.add(entry);
  }
  const stamp = [...candidates].map(entry => `${entry}:${fileStamp(path.join(folder, entry))}`).join('|');
  const cached = folderCache.get(folder);
  if (cached?.stamp === stamp) return cached.patterns;
  const patterns: RunnerPatterns[] = [];
  for (const entry of [...candidates].sort()) {
    const file = path.join(folder, entry);
    const text = readSmallFile(file);
    if (text === undefined) continue;
    for (const { def, configs } of compiled.runners) {
      if (configs.some(regex => regex.test(entry))) patterns.push(readRunnerConfig(ts, def, file, text));
    }
  }
  if (folderCache.size > 10_000) folderCache.clear();
  folderCache.set(folder, { stamp, patterns });
  return patterns;
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

function readSmallFile(file: string): string | undefined {
  try {
    const stats = statSync(file);
    if (!stats.isFile() || stats.size > maxConfigBytes) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether `relative` (POSIX, from a config's folder) is one of the files or folders its patterns name. */
export function matchesRunnerPatterns(patterns: RunnerPatterns, relative: string): boolean {
  if (relative.startsWith('../')) {
    // Storybook's `stories` point upwards from `.storybook/`; the other runners' patterns never do.
    return patterns.globs.some(glob => glob.startsWith('../') && globMatches(glob, relative));
  }
  // Jest writes `<rootDir>/…`, the config's own folder.
  const strip = (entry: string): string =>
    entry
      .replace(/^<rootDir>\//u, '')
      .replace(/^\.\//u, '')
      .replace(/\/+$/u, '');
  if (patterns.folders.some(folder => strip(folder) === '.' || relative.startsWith(`${strip(folder)}/`))) return true;
  if (patterns.files.some(file => strip(file) === relative)) return true;
  if (patterns.globs.some(glob => globMatches(strip(glob), relative))) return true;
  return patterns.regexes.some(source => {
    try {
      return new RegExp(source, 'u').test(relative);
    } catch {
      return false;
    }
  });
}

const globCache = new Map<string, (path: string) => boolean>();

function globMatches(glob: string, relative: string): boolean {
  let matcher = globCache.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
    globCache.set(glob, matcher);
  }
  return matcher(relative);
}

/**
 * Whether a file is test code for the analysis of `env`: by convention (its path relative to `env.rootDir`), by the
 * manifest's `testCode.paths`, or by a test runner config in its folder or any folder above it up to `env.rootDir`.
 * Both front ends ask this with the same environment, so the editor and CI agree.
 */
export function isTestCode(env: AnalysisEnvironment, fileName: string): boolean {
  // Asked by the policy of every rule and by the literal rule for the same file: answer once. Answers expire, so an
  // editor that keeps the plugin loaded sees a runner config that changed; a scan's do not (`snapshot`).
  let answers = answersByEnv.get(env);
  if (!answers) {
    answers = new Map();
    answersByEnv.set(env, answers);
  }
  const now = Date.now();
  const known = answers.get(fileName);
  if (known && (env.snapshot || now - known.at < answerLifetimeMs)) return known.value;
  const value = computeIsTestCode(env, fileName);
  if (answers.size > 100_000) answers.clear();
  answers.set(fileName, { at: now, value });
  return value;
}

const answerLifetimeMs = 2000;
const answersByEnv = new WeakMap<AnalysisEnvironment, Map<string, { at: number; value: boolean }>>();

function computeIsTestCode(env: AnalysisEnvironment, fileName: string): boolean {
  const conventions = env.knowledge.data.platform.testCode;
  const absolute = path.resolve(fileName);
  const rootDir = path.resolve(env.rootDir);
  const relative = path.relative(rootDir, absolute).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) return false;
  if (isTestPathByConvention(conventions, relative)) return true;
  if ((env.manifest.testCode?.paths ?? []).some(glob => globMatches(glob, relative))) return true;
  const compiled = compileConventions(conventions);
  for (let folder = path.dirname(absolute); ; folder = path.dirname(folder)) {
    for (const patterns of runnerPatternsIn(env, compiled, folder)) {
      const base = path.dirname(patterns.config);
      if (matchesRunnerPatterns(patterns, path.relative(base, absolute).split(path.sep).join('/'))) return true;
    }
    if (folder === rootDir || path.dirname(folder) === folder) break;
  }
  return false;
}

/** How the rule policy treats a file's findings: test code's are dropped unless `privacy.yml` asks to check it. */
export interface TestCodeStatus {
  readonly isTest: boolean;
  /** `privacy.yml` `testCode.check`. */
  readonly check: boolean;
}

export function testCodeStatus(env: AnalysisEnvironment, fileName: string): TestCodeStatus {
  return { isTest: isTestCode(env, fileName), check: env.manifest.testCode?.check ?? false };
}
