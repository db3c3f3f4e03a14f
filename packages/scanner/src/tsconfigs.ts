import path from 'node:path';
import type { FileReader } from '@privlint/core';
import type { ts } from 'ts-morph';
import { compareStrings, isInside, relativePosix, toPosix } from './paths.js';
import { defaultOptions } from './programs.js';
import type { WorkspacePackage } from './workspaces.js';
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
/** A tsconfig is a page of options; a megabyte is far more than any real one. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * TypeScript reads a tsconfig and its `extends` chain recursively: a value nested 1,000 deep or a chain of 3,000
 * files overflows its stack. Real configs nest a few levels and extend a few files.
 */
export const MAX_CONFIG_NESTING = 64;
export const MAX_EXTENDS_FILES = 64;

/**
 * Loads tsconfig files and every tsconfig they reference (inside the root), each once. Problems (invalid JSON, a
 * missing `extends`, unknown options, a missing or circular reference) are reported, never thrown.
 */
export function loadConfigs(
  tsApi: Ts,
  root: string,
  initial: readonly string[],
  problems: ProjectProblem[],
  reader: FileReader,
  onLoaded: (done: number, total: number, file: string) => void,
  workspaces: readonly WorkspacePackage[] = [],
): LoadedConfig[] {
  const installed = workspaceInstall(workspaces);
  const loaded = new Map<string, LoadedConfig>();
  const state = new Map<string, 'visiting' | 'done'>();
  const extendedCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const reportedCycles = new Set<string>();
  const rel = (file: string): string => relativePosix(root, file);
  let total = initial.length;

  // Depth first over references with an explicit stack (a chain of thousands of references must not overflow):
  // `path` holds the configs being visited, to name a cycle when a reference leads back into it.
  const path: string[] = [];
  const work: { configPath: string; exit: boolean }[] = [];
  const enter = (configPath: string): void => {
    const status = state.get(configPath);
    if (status === 'done') return;
    if (status === 'visiting') {
      const cycle = [...path.slice(path.indexOf(configPath)), configPath].map(rel);
      const key = [...cycle.slice(0, -1)].sort(compareStrings).join('\0');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        problems.push({ file: cycle[0]!, message: `Circular project references: ${cycle.join(' -> ')}` });
      }
      return;
    }
    state.set(configPath, 'visiting');
    path.push(configPath);
    const config = parseConfig(tsApi, root, configPath, extendedCache, problems, reader, installed);
    loaded.set(configPath, config);
    onLoaded(loaded.size, total, config.relPath);
    work.push({ configPath, exit: true });
    const references: string[] = [];
    for (const reference of config.references) {
      if (!isInside(root, reference)) continue;
      if (!reader.isFile(reference)) {
        problems.push({ file: config.relPath, message: `Referenced project ${rel(reference)} does not exist` });
        continue;
      }
      if (!state.has(reference)) total += 1;
      references.push(reference);
    }
    for (let index = references.length - 1; index >= 0; index--) {
      work.push({ configPath: references[index]!, exit: false });
    }
  };

  for (const configPath of initial) {
    work.push({ configPath, exit: false });
    while (work.length > 0) {
      const item = work.pop()!;
      if (item.exit) {
        path.pop();
        state.set(item.configPath, 'done');
      } else enter(item.configPath);
    }
  }
  return [...loaded.values()].sort((a, b) => compareStrings(a.relPath, b.relPath));
}

/** How deep brackets nest in JSON with comments, outside strings: one pass, so any text is measured in linear time. */
export function jsonNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      for (index++; index < text.length && text[index] !== '"'; index++) if (text[index] === '\\') index++;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 1;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (char === '}' || char === ']') depth--;
  }
  return max;
}

interface ConfigReads {
  files: number;
  /** Why a file of the chain was not read, by absolute path. */
  readonly refused: Map<string, string>;
}

/**
 * What TypeScript may read while it parses a tsconfig: its `extends` chain and the folders its `include` globs
 * expand, all through the one reader (regular files inside the project; links leading out are not followed, so a
 * link to `/` in the project cannot pull the machine's files into the program).
 */
/**
 * Where a workspace package would be installed: `extends: "@acme/tsconfig/nextjs.json"` names a package of the
 * monorepo (Turborepo's shared configs), which TypeScript looks for in `node_modules`. Before `pnpm install` there
 * is none, and every app of the monorepo would be read with default options (no `strict`, no `jsx`); the package's
 * folder is what the link would point to once installed. A real `node_modules` entry wins.
 */
function workspaceInstall(workspaces: readonly WorkspacePackage[]): (file: string) => string | undefined {
  const byName = new Map(workspaces.flatMap(pkg => (pkg.name ? [[pkg.name, pkg.dir] as const] : [])));
  if (byName.size === 0) return () => undefined;
  return file => {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](.+)$/u.exec(file);
    if (!match) return undefined;
    const dir = byName.get(match[1]!.replaceAll('\\', '/'));
    return dir === undefined ? undefined : path.join(dir, match[2]!);
  };
}

function configHost(
  tsApi: Ts,
  root: string,
  reader: FileReader,
  reads: ConfigReads,
  installed: (file: string) => string | undefined,
): ts.ParseConfigHost {
  const useCaseSensitiveFileNames = tsApi.sys.useCaseSensitiveFileNames;
  // `matchFiles` is what `ts.sys.readDirectory` runs, given our folder listing; it is internal to TypeScript.
  const { matchFiles } = tsApi as unknown as {
    matchFiles(
      path: string,
      extensions: readonly string[] | undefined,
      excludes: readonly string[] | undefined,
      includes: readonly string[] | undefined,
      useCaseSensitiveFileNames: boolean,
      currentDirectory: string,
      depth: number | undefined,
      getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
      realpath: (path: string) => string,
    ): string[];
  };
  return {
    useCaseSensitiveFileNames,
    fileExists: file => reader.isFile(file) || isFileIn(reader, installed(file)),
    readFile: file => {
      reads.files += 1;
      if (reads.files > MAX_EXTENDS_FILES + 1) {
        reads.refused.set(file, `more than ${MAX_EXTENDS_FILES} files in its \`extends\` chain`);
        return undefined;
      }
      if (!reader.isFile(file)) {
        const workspaceFile = installed(file);
        if (workspaceFile !== undefined && reader.isFile(workspaceFile))
          return readConfigText(reader, workspaceFile, reads.refused);
      }
      return readConfigText(reader, file, reads.refused);
    },
    readDirectory: (dir, extensions, excludes, includes, depth) =>
      matchFiles(
        dir,
        extensions,
        excludes,
        includes,
        useCaseSensitiveFileNames,
        root,
        depth,
        folder => reader.entries(folder),
        file => toPosix(reader.realpath(file)),
      ),
  };
}

function isFileIn(reader: FileReader, file: string | undefined): boolean {
  return file !== undefined && reader.isFile(file);
}

function readConfigText(reader: FileReader, file: string, refused: Map<string, string>): string | undefined {
  const read = reader.readText(file, { maxBytes: MAX_CONFIG_BYTES, refuseBinary: true });
  if (!read.ok) {
    if (read.reason !== 'missing') refused.set(file, `it ${read.message}`);
    return undefined;
  }
  if (jsonNesting(read.text) > MAX_CONFIG_NESTING) {
    refused.set(file, `it nests more than ${MAX_CONFIG_NESTING} levels deep`);
    return undefined;
  }
  return read.text;
}

function parseConfig(
  tsApi: Ts,
  root: string,
  configPath: string,
  extendedCache: Map<string, ts.ExtendedConfigCacheEntry>,
  problems: ProjectProblem[],
  reader: FileReader,
  installed: (file: string) => string | undefined,
): LoadedConfig {
  const relPath = relativePosix(root, configPath);
  const dir = path.dirname(configPath);
  const report = (diagnostic: ts.Diagnostic): void => {
    // A diagnostic of a file of the `extends` chain names that file: its line is not a line of this one. A workspace
    // package's config is named where it is, not where `node_modules` would link it.
    const other = diagnostic.file && diagnostic.file.fileName !== configPath ? diagnostic.file.fileName : undefined;
    const where = other === undefined ? '' : `${relativePosix(root, installed(other) ?? other)}, `;
    problems.push({ file: relPath, message: `${where}${formatDiagnostic(tsApi, diagnostic, root)}` });
  };
  const fallback = (fileNames?: readonly string[]): LoadedConfig => ({
    path: configPath,
    relPath,
    dir,
    options: undefined,
    fileNames,
    references: [],
  });

  const reads: ConfigReads = { files: 0, refused: new Map() };
  const text = readConfigText(reader, configPath, reads.refused);
  if (text === undefined) {
    const why = reads.refused.get(configPath);
    problems.push({
      file: relPath,
      message: `Cannot read the file${why ? ` (${why})` : ''}; its folder is scanned with default options`,
    });
    return fallback();
  }
  const source = tsApi.parseJsonText(configPath, text);
  const syntax = (source as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length > 0) {
    problems.push({
      file: relPath,
      message: `Invalid JSON (${formatDiagnostic(tsApi, syntax[0]!, root)}); its folder is scanned with default options`,
    });
    return fallback();
  }
  let parsed: ts.ParsedCommandLine;
  try {
    parsed = tsApi.parseJsonSourceFileConfigFileContent(
      source,
      configHost(tsApi, root, reader, reads, installed),
      dir,
      undefined,
      configPath,
      undefined,
      undefined,
      extendedCache,
    );
  } catch (error) {
    // The bounds above keep TypeScript's recursion shallow; should some other shape still overflow it, the config
    // is unusable, said as such, and the scan goes on.
    if (!(error instanceof RangeError)) throw error;
    problems.push({ file: relPath, message: 'Too deeply nested to read; its folder is scanned with default options' });
    return fallback();
  }
  for (const [file, why] of reads.refused) {
    if (file === configPath) continue;
    problems.push({
      file: relPath,
      message: `\`extends\` target ${isInside(root, file) ? relativePosix(root, file) : file} not read: ${why}; its files are scanned with default options`,
    });
  }
  if (reads.refused.size > 0) return fallback(parsed.fileNames);
  const errors = parsed.errors.filter(error => error.code !== NO_INPUTS);
  const missingExtends = errors.filter(error => MISSING_EXTENDS.has(error.code));
  if (missingExtends.length > 0) {
    for (const error of missingExtends) {
      problems.push({
        file: relPath,
        message: `\`extends\` target not found (${formatDiagnostic(tsApi, error, root)}); its files are scanned with its own options over the defaults`,
      });
    }
    // A base config in a workspace package that is not linked yet: the file's own options (its `paths` above all,
    // without which the project's imports resolve nowhere) still hold, over the defaults.
    return { ...fallback(parsed.fileNames), options: { ...defaultOptions(tsApi), ...parsed.options } };
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

/**
 * A diagnostic in one line. TypeScript names files by absolute path ("File '/home/ci/work/app/base.json' not found"):
 * paths under the root are made relative, so two checkouts of one commit give the same report.
 */
export function formatDiagnostic(tsApi: Ts, diagnostic: ts.Diagnostic, root?: string): string {
  let message = tsApi.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (root !== undefined) message = relativeNames(message, root);
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `line ${line + 1}: ${message}`;
  }
  return message;
}

/** Replaces the absolute root (native and POSIX spellings) in a message with a relative path. */
export function relativeNames(message: string, root: string): string {
  let out = message;
  for (const prefix of new Set([root, toPosix(root)])) {
    const withSeparator = prefix.endsWith('/') || prefix.endsWith(path.sep) ? prefix : `${prefix}/`;
    out = out.split(withSeparator).join('').split(`'${prefix}'`).join("'.'");
    if (path.sep === '\\') out = out.split(`${prefix}\\`).join('');
  }
  return out;
}
