import { stat } from 'node:fs/promises';
import path from 'node:path';
import { compileGlobs, FileReader, findProjectRoot } from '@privlint/core';
import type { ts } from 'ts-morph';
import type TS from 'typescript';
import { discover, errorCode, type DiscoveredFile } from './discover.js';
import { tsMorphTypeScript } from './libs.js';
import { compareStrings, isDeclarationFile, isInside, pathKey, relativePosix, toPosix, toTsPath } from './paths.js';
import { compatibilityKey, defaultOptions, ProgramGroup, SourceFileStore } from './programs.js';
import { SourceRedirects } from './resolution.js';
import { ScanError } from './scan-error.js';
import { formatDiagnostic, loadConfigs, type LoadedConfig } from './tsconfigs.js';
import type { LoadedProject, LoadOptions, ProjectFile, ProjectProblem, SkippedFile } from './types.js';
import { findWorkspacePackages } from './workspaces.js';

const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

class LoadedFile implements ProjectFile {
  readonly path: string;
  readonly relPath: string;
  readonly project: string;
  readonly #sourceFile: ts.SourceFile;
  readonly #group: ProgramGroup;

  constructor(file: DiscoveredFile, project: string, sourceFile: ts.SourceFile, group: ProgramGroup) {
    this.path = file.path;
    this.relPath = file.relPath;
    this.project = project;
    this.#sourceFile = sourceFile;
    this.#group = group;
  }

  // ts-morph's TypeScript and the `typescript` package declare the same API; the casts only cross that type boundary.
  getSourceFile(): TS.SourceFile {
    // Files are parsed without parent pointers; creating the checker binds every file of the program, which sets
    // them, so no tree is handed out before it can be walked upwards.
    this.#group.getChecker();
    return this.#sourceFile as unknown as TS.SourceFile;
  }

  getChecker(): TS.TypeChecker {
    return this.#group.getChecker() as unknown as TS.TypeChecker;
  }

  getProgram(): TS.Program {
    return this.#group.program as unknown as TS.Program;
  }
}

interface Group {
  readonly options: ts.CompilerOptions;
  readonly rootNames: Set<string>;
  readonly files: { file: DiscoveredFile; project: string }[];
}

/**
 * Programs are built with `ts.createProgram` (ts-morph's copy) and our own host, not a ts-morph `Project`: on a
 * generated 4,000-file project (bench/compare-loaders.js) the same work took 9.7 s and 660 MB that way against
 * 10.4-10.8 s and 673 MB through `Project` (whose wrappers the analysis never uses, as it works on compiler nodes),
 * and `skipFileDependencyResolution` made no measurable difference (the program resolves imports when it is built).
 *
 * Finds and loads the project under `root` as its users have it: its tsconfig files (with references and workspace
 * packages), or defaults where there is none. Returns every source file once, with its program; the type checker of
 * a program is created only when a file asks for it.
 */
export async function loadProject(options: LoadOptions): Promise<LoadedProject> {
  const ts = tsMorphTypeScript();
  const root = await checkRoot(options.root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0) {
    throw new ScanError(`maxFileBytes must be a positive number of bytes, got ${String(options.maxFileBytes)}`);
  }
  const onProgress = options.onProgress;
  const scope = scopeMatcher(options.only);
  const ignored = ignoreMatcher(options.ignore ?? []);
  const projectRoot = path.resolve(options.projectRoot ?? findProjectRoot(root));
  const reader = new FileReader({ root: projectRoot, allowOutside: options.readOutsideRoot === true });
  const discovery = await discover({
    root,
    isIgnored: (relPath, isDirectory) => !scope.walks(relPath, isDirectory) || ignored(relPath, isDirectory),
    maxFileBytes,
    reader,
    onProgress,
  });
  const problems: ProjectProblem[] = [...discovery.problems];
  // What lies outside the scanned folder was never a candidate: it is not "skipped".
  const skipped: SkippedFile[] = discovery.skipped.filter(entry => scope.holds(entry.relPath));
  const workspaces = findWorkspacePackages(root, discovery.packageDirs, problems, reader);

  // A folder's jsconfig.json counts only when it has no tsconfig.json, as in editors.
  const configDirs = new Set(
    discovery.configs.filter(file => path.basename(file) === 'tsconfig.json').map(path.dirname),
  );
  const initial = discovery.configs.filter(
    file => path.basename(file) === 'tsconfig.json' || !configDirs.has(path.dirname(file)),
  );
  const configs = loadConfigs(
    ts,
    root,
    initial,
    problems,
    reader,
    (done, total, file) => onProgress?.({ phase: 'load', done, total, file }),
    workspaces,
  );

  // A tsconfig's outDir is build output even under an unusual name.
  const outDirs = configs.flatMap(config =>
    [config.options?.outDir, config.options?.declarationDir]
      .filter((dir): dir is string => dir !== undefined)
      .map(dir => ({ dir: path.resolve(dir), config }))
      .filter(({ dir }) => isInside(root, dir) && dir !== root && dir !== config.dir),
  );
  const skippedDirs = new Set(discovery.skippedDirs);
  for (const { dir } of outDirs) skippedDirs.add(relativePosix(root, dir));
  const scannable: DiscoveredFile[] = [];
  for (const file of discovery.files) {
    const outDir = outDirs.find(({ dir }) => isInside(dir, file.path));
    if (outDir)
      skipped.push({ relPath: file.relPath, reason: 'build-output', detail: `outDir of ${outDir.config.relPath}` });
    else scannable.push(file);
  }

  const caseSensitive = ts.sys.useCaseSensitiveFileNames;
  const keyOf = (file: string): string => pathKey(file, caseSensitive);
  const unloadable = new Set([...discovery.unloadable].map(keyOf));
  const pending = new Map(scannable.map(file => [keyOf(file.path), file.relPath]));
  let parsed = 0;
  const store = new SourceFileStore({
    ts,
    root: toPosix(root),
    texts: new Map([...discovery.texts].map(([file, text]) => [keyOf(file), text])),
    unloadable,
    maxFileBytes,
    reader,
    onParsed: key => {
      const relPath = pending.get(key);
      if (relPath === undefined) return;
      pending.delete(key);
      parsed += 1;
      onProgress?.({ phase: 'parse', done: parsed, total: scannable.length, file: relPath });
    },
  });

  const owners = assignOwners(configs, scannable, keyOf);
  const isUnderSkippedFolder = (file: string): boolean => {
    if (!isInside(root, file)) return false;
    const parts = relativePosix(root, file).split('/');
    for (let length = 1; length < parts.length; length++) {
      if (skippedDirs.has(parts.slice(0, length).join('/'))) return true;
    }
    return false;
  };
  // Code in skipped folders (dist/, node_modules/) is not worth parsing as a root: if it matters, an import loads it.
  // Declarations stay: `"include": ["node_modules/vite/client.d.ts"]` is how some projects get their globals.
  const usableRoot = (fileName: string): boolean =>
    !unloadable.has(keyOf(fileName)) && (isDeclarationFile(fileName) || !isUnderSkippedFolder(fileName));

  // Group files by program: compatible tsconfigs share one, files without a usable tsconfig share the default one.
  const groups = new Map<string, Group>();
  const groupFor = (groupOptions: ts.CompilerOptions): Group => {
    const key = compatibilityKey(groupOptions);
    let group = groups.get(key);
    if (!group) {
      group = { options: groupOptions, rootNames: new Set(), files: [] };
      groups.set(key, group);
    }
    return group;
  };
  const ownedBy = new Map<LoadedConfig, DiscoveredFile[]>();
  const unowned: DiscoveredFile[] = [];
  for (const file of scannable) {
    const owner = owners.get(keyOf(file.path));
    if (!owner) unowned.push(file);
    else if (ownedBy.has(owner)) ownedBy.get(owner)!.push(file);
    else ownedBy.set(owner, [file]);
  }
  const defaults = defaultOptions(ts);
  for (const config of configs) {
    const files = ownedBy.get(config);
    if (!files) continue;
    const group = groupFor(config.options ?? defaults);
    const project = config.options ? config.relPath : '';
    for (const file of files) group.files.push({ file, project });
    for (const fileName of config.fileNames ?? []) if (usableRoot(fileName)) group.rootNames.add(fileName);
    for (const file of files) group.rootNames.add(toTsPath(file.path));
  }
  if (unowned.length > 0) {
    const group = groupFor(defaults);
    for (const file of unowned) {
      group.files.push({ file, project: '' });
      group.rootNames.add(toTsPath(file.path));
    }
    // Ambient declarations no tsconfig claims (`types/globals.d.ts`) still describe the loose files.
    const claimed = new Set(configs.flatMap(config => (config.fileNames ?? []).map(keyOf)));
    for (const declaration of discovery.declarations) {
      if (!claimed.has(keyOf(declaration.path))) group.rootNames.add(toTsPath(declaration.path));
    }
  }

  const knownSources = new Set([...scannable, ...discovery.generated].map(file => keyOf(file.path)));
  const redirects = new SourceRedirects(configs, workspaces, file => knownSources.has(keyOf(file)));
  const files: LoadedFile[] = [];
  for (const group of groups.values()) {
    const host = store.createHost(group.options, redirects);
    const program = ts.createProgram({ rootNames: [...group.rootNames], options: group.options, host });
    const programGroup = new ProgramGroup(program);
    for (const { file, project } of group.files) {
      const sourceFile = program.getSourceFile(toTsPath(file.path));
      if (!sourceFile) {
        const failure = store.failure(file.path);
        // Source code left out because it defeats TypeScript is not a file the user chose to skip: its findings are
        // missing, so it is a problem that fails the scan (fail closed), not a line among the skipped files.
        if (failure) problems.push({ file: file.relPath, message: failure, incomplete: true });
        else skipped.push({ relPath: file.relPath, reason: 'unreadable', detail: 'TypeScript could not load it' });
        continue;
      }
      const syntax = program.getSyntacticDiagnostics(sourceFile);
      if (syntax.length > 0) {
        skipped.push({ relPath: file.relPath, reason: 'parse-error', detail: formatDiagnostic(ts, syntax[0]!, root) });
        continue;
      }
      files.push(new LoadedFile(file, project, sourceFile, programGroup));
    }
  }
  discovery.texts.clear();

  files.sort((a, b) => compareStrings(a.relPath, b.relPath));
  skipped.sort((a, b) => compareStrings(a.relPath, b.relPath));
  return {
    root,
    projectRoot,
    ts: ts as unknown as typeof TS,
    files,
    skipped,
    problems,
    projects: configs.filter(config => config.options).map(config => config.relPath),
    prismaSchemas: discovery.prismaSchemas,
  };
}

async function checkRoot(input: string): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '') throw new ScanError('No folder to scan was given');
  const root = path.resolve(input);
  let info;
  try {
    info = await stat(root);
  } catch (error) {
    const code = errorCode(error);
    if (code.startsWith('ENOENT') || code.startsWith('ENOTDIR'))
      throw new ScanError(`Cannot scan ${input}: no such folder`);
    throw new ScanError(`Cannot scan ${input}: ${code}`);
  }
  if (!info.isDirectory()) {
    throw new ScanError(`Cannot scan ${input}: it is a file, not a folder; pass the folder of the project instead`);
  }
  return root;
}

function ignoreMatcher(globs: readonly string[]): (relPath: string, isDirectory: boolean) => boolean {
  if (globs.length === 0) return () => false;
  let matcher: (file: string) => boolean;
  try {
    matcher = compileGlobs(globs, { dot: true });
  } catch (error) {
    throw new ScanError(`Invalid ignore glob: ${error instanceof Error ? error.message : String(error)}`);
  }
  return relPath => matcher(relPath);
}

/**
 * The part of the project a scan covers. `walks` says which paths the walk enters: the folder itself and what is in
 * it, and the folders above it (for their tsconfig.json and package.json, not their sources).
 */
function scopeMatcher(only: string | undefined): {
  walks(relPath: string, isDirectory: boolean): boolean;
  holds(relPath: string): boolean;
} {
  const folder = only?.replace(/^\.\/|\/+$/gu, '') ?? '';
  if (folder === '' || folder === '.') return { walks: () => true, holds: () => true };
  const holds = (relPath: string): boolean => relPath === folder || relPath.startsWith(`${folder}/`);
  return {
    walks: (relPath, isDirectory) => holds(relPath) || (isDirectory && folder.startsWith(`${relPath}/`)),
    holds,
  };
}

/**
 * The tsconfig each file belongs to: of the configs that include it, the one nearest to it (the deepest folder), as
 * an editor would pick; then `tsconfig.json` over its siblings, then path order. A config that cannot be read claims
 * every file in its folder, so those files fall back to the default options instead of a parent's.
 */
function assignOwners(
  configs: readonly LoadedConfig[],
  files: readonly DiscoveredFile[],
  keyOf: (file: string) => string,
): Map<string, LoadedConfig> {
  const scannable = new Set(files.map(file => keyOf(file.path)));
  const owners = new Map<string, LoadedConfig>();
  const depth = (config: LoadedConfig): number => config.dir.split(path.sep).length;
  const better = (a: LoadedConfig, b: LoadedConfig): boolean => {
    if (depth(a) !== depth(b)) return depth(a) > depth(b);
    const aMain = path.basename(a.path) === 'tsconfig.json';
    const bMain = path.basename(b.path) === 'tsconfig.json';
    if (aMain !== bMain) return aMain;
    return compareStrings(a.relPath, b.relPath) < 0;
  };
  for (const config of configs) {
    const names = config.fileNames ?? files.filter(file => isInside(config.dir, file.path)).map(file => file.path);
    for (const name of names) {
      const key = keyOf(name);
      if (!scannable.has(key)) continue;
      const current = owners.get(key);
      if (!current || better(config, current)) owners.set(key, config);
    }
  }
  return owners;
}
