import path from 'node:path';
import type { ts } from 'ts-morph';
import { compareStrings, isInside, relativePosix } from './paths.js';
import type { ProjectProblem } from './types.js';

type Ts = typeof ts;

export interface LoadedConfig {
  /** Absolute, native separators. */
  readonly path: string;
  readonly relPath: string;
  readonly dir: string;
  /** Options as parsed, or undefined when the file is unusable and its files fall back to the default options. */
  readonly options: ts.CompilerOptions | undefined;
  /** Files the config includes (TypeScript's absolute names), or undefined when they cannot be known. */
  readonly fileNames: readonly string[] | undefined;
  /** Absolute paths of the referenced tsconfig files. */
  readonly references: readonly string[];
}

// A missing `extends` target: relative (5083 "Cannot read file") or a package (6053 "File not found").
const MISSING_EXTENDS = new Set([5083, 6053]);
// "No inputs were found": normal for a solution file or a config whose folder is empty; the files decide.
const NO_INPUTS = 18003;

/**
 * Loads tsconfig files and every tsconfig they reference (inside the root), each once. Problems (invalid JSON, a
 * missing `extends`, unknown options, a missing or circular reference) are reported, never thrown.
 */
export function loadConfigs(
  tsApi: Ts,
  root: string,
  initial: readonly string[],
  problems: ProjectProblem[],
  onLoaded: (done: number, total: number, file: string) => void,
): LoadedConfig[] {
  const loaded = new Map<string, LoadedConfig>();
  const state = new Map<string, 'visiting' | 'done'>();
  const extendedCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const reportedCycles = new Set<string>();
  const stack: string[] = [];
  const rel = (file: string): string => relativePosix(root, file);
  let total = initial.length;

  const visit = (configPath: string): void => {
    const status = state.get(configPath);
    if (status === 'done') return;
    if (status === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(configPath)), configPath].map(rel);
      const key = [...cycle.slice(0, -1)].sort(compareStrings).join('\0');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        problems.push({ file: cycle[0]!, message: `Circular project references: ${cycle.join(' -> ')}` });
      }
      return;
    }
    state.set(configPath, 'visiting');
    stack.push(configPath);
    const config = parseConfig(tsApi, root, configPath, extendedCache, problems);
    loaded.set(configPath, config);
    onLoaded(loaded.size, total, config.relPath);
    for (const reference of config.references) {
      if (!isInside(root, reference)) continue;
      if (!tsApi.sys.fileExists(reference)) {
        problems.push({ file: config.relPath, message: `Referenced project ${rel(reference)} does not exist` });
        continue;
      }
      if (!state.has(reference)) total += 1;
      visit(reference);
    }
    stack.pop();
    state.set(configPath, 'done');
  };

  for (const configPath of initial) visit(configPath);
  return [...loaded.values()].sort((a, b) => compareStrings(a.relPath, b.relPath));
}

function parseConfig(
  tsApi: Ts,
  root: string,
  configPath: string,
  extendedCache: Map<string, ts.ExtendedConfigCacheEntry>,
  problems: ProjectProblem[],
): LoadedConfig {
  const relPath = relativePosix(root, configPath);
  const dir = path.dirname(configPath);
  const report = (diagnostic: ts.Diagnostic): void => {
    problems.push({ file: relPath, message: formatDiagnostic(tsApi, diagnostic) });
  };
  const fallback = (fileNames?: readonly string[]): LoadedConfig => ({
    path: configPath,
    relPath,
    dir,
    options: undefined,
    fileNames,
    references: [],
  });

  let text: string | undefined;
  try {
    text = tsApi.sys.readFile(configPath);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    problems.push({ file: relPath, message: 'Cannot read the file; its folder is scanned with default options' });
    return fallback();
  }
  const source = tsApi.parseJsonText(configPath, text);
  const syntax = (source as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) {
    problems.push({
      file: relPath,
      message: `Invalid JSON (${formatDiagnostic(tsApi, syntax[0]!)}); its folder is scanned with default options`,
    });
    return fallback();
  }
  const parsed = tsApi.parseJsonSourceFileConfigFileContent(
    source,
    tsApi.sys,
    dir,
    undefined,
    configPath,
    undefined,
    undefined,
    extendedCache,
  );
  const errors = parsed.errors.filter(error => error.code !== NO_INPUTS);
  const missingExtends = errors.filter(error => MISSING_EXTENDS.has(error.code));
  if (missingExtends.length > 0) {
    for (const error of missingExtends) {
      problems.push({
        file: relPath,
        message: `\`extends\` target not found (${formatDiagnostic(tsApi, error)}); its files are scanned with its own options only`,
      });
    }
    // The file's own options still hold: its `paths` resolve `@/lib/x` imports even when the shared base is a
    // workspace package that is not installed (a scan before `pnpm install`).
    return { ...fallback(parsed.fileNames), options: { ...parsed.options } };
  }
  for (const error of errors) report(error);
  const options = { ...parsed.options };
  // jsconfig.json asks TypeScript to read JavaScript inside node_modules two levels deep (`maxNodeModuleJsDepth: 2`):
  // slow on real apps and never scanned. Untyped dependencies are `any`, as under a tsconfig.
  if (path.basename(configPath) === 'jsconfig.json') options.maxNodeModuleJsDepth = 0;
  return {
    path: configPath,
    relPath,
    dir,
    options,
    fileNames: parsed.fileNames,
    references: (parsed.projectReferences ?? []).map(reference =>
      path.resolve(tsApi.resolveProjectReferencePath(reference)),
    ),
  };
}

export function formatDiagnostic(tsApi: Ts, diagnostic: ts.Diagnostic): string {
  const message = tsApi.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `line ${line + 1}: ${message}`;
  }
  return message;
}
