import { statSync } from 'node:fs';
import path from 'node:path';
import {
  analyzeFile,
  FileReader,
  findProjectRoot,
  lstatPath,
  analyzePrismaSchema,
  analyzerFor,
  applyPolicy,
  rulePolicy,
  buildInventory,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  formatProblem,
  loadManifest,
  manifestFileNames,
  type AcceptedException,
  type AnalysisEnvironment,
  type DataProblem,
  type FileAnalysis,
  type Inventory,
  type ResolvedManifest,
  type RulePolicy,
  testCodeStatus,
} from '@privlint/core';
import type TS from 'typescript';
import { loadProject } from './load-project.js';
import { isInside, relativePosix } from './paths.js';
import { manifestSearchLimit, nearestManifest, repositoryRoot } from './roots.js';
import type { ProjectFile } from './types.js';
import { ScanError } from './scan-error.js';

export interface ScanOptions {
  /** The folder to scan, absolute or relative to `cwd`. */
  readonly root: string;
  /**
   * An explicit manifest; by default the nearest `privacy.yml` (or `privacy.yaml`) from the scanned folder upward,
   * up to the repository root (see `manifestSearchLimit`). `false`: none (`privlint init` writes the folder's own).
   */
  readonly manifest?: string | false | undefined;
  /** Extra paths to skip, as globs relative to the project root, like the manifest's `ignore:` (`--skip-path`). */
  readonly skipPaths?: readonly string[] | undefined;
  /** Where relative paths start and where the manifest search may stop outside a repository; `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Tool version written into the inventory. */
  readonly version: string;
  /** An ISO time to record (only when asked for: without it, two scans give byte-identical output). */
  readonly timestamp?: string | undefined;
  /** Fingerprints of findings a baseline accepts. */
  readonly baseline?: ReadonlySet<string> | undefined;
  /** Follow symbolic links and tsconfig paths out of the project root (see `LoadOptions.readOutsideRoot`). */
  readonly readOutsideRoot?: boolean | undefined;
  readonly onProgress?: ((event: ScanProgress) => void) | undefined;
}

export interface ScanProgress {
  readonly phase: 'discover' | 'load' | 'parse' | 'analyze';
  readonly done: number;
  readonly total: number;
  readonly file?: string | undefined;
}

export interface ScanResult {
  readonly inventory: Inventory;
  /**
   * The folder every path of the inventory is relative to: the folder of the manifest that governs the scan when
   * the scanned folder is inside it (`privlint scan src/server` under a project's privacy.yml reports
   * `src/server/…`, as a scan of the whole project does), else the scanned folder. Absolute.
   */
  readonly projectRoot: string;
  /** The repository the project is in (the nearest folder with `.git`), else the project root. Absolute. */
  readonly repositoryRoot: string;
  /** The manifest used, if any (for `privlint init` and reports). */
  readonly manifest?: ResolvedManifest | undefined;
  /** What the manifests say that needs a person's attention but does not stop the scan (`review:` marks, typos). */
  readonly warnings: readonly DataProblem[];
}

/**
 * The whole-project scan: load the project, run core's analysis on every file with its program (typed), build the
 * inventory. A file whose analysis fails is recorded as a problem and the scan goes on. Configuration problems (a
 * missing folder, an invalid manifest) throw `ScanError`, which the CLI reports with exit code 2.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const target = path.resolve(cwd, options.root);
  checkFolder(target);
  // Nothing above this is read: the repository root, else where the manifest search stops.
  const projectRoot = findProjectRoot(target, manifestSearchLimit(target, cwd));
  const manifestFile =
    options.manifest === false
      ? undefined
      : options.manifest === undefined
        ? nearestManifest(target, manifestSearchLimit(target, cwd))
        : path.resolve(cwd, options.manifest);
  const manifest =
    manifestFile === undefined
      ? undefined
      : readManifest(
          manifestFile,
          cwd,
          options.manifest === undefined && !options.readOutsideRoot ? projectRoot : undefined,
        );
  const root =
    manifestFile !== undefined && isInside(path.dirname(manifestFile), target) ? path.dirname(manifestFile) : target;
  const project = await loadProject({
    root,
    projectRoot,
    ignore: [...(manifest?.ignore ?? []), ...(options.skipPaths ?? [])],
    only: relativePosix(root, target),
    readOutsideRoot: options.readOutsideRoot === true,
    onProgress: event => options.onProgress?.(event),
  });
  const reader = new FileReader({ root: projectRoot, allowOutside: options.readOutsideRoot === true });
  const knowledge = compileKnowledge(defaultKnowledge);
  let programs: TS.Program[] | undefined;
  const env: AnalysisEnvironment = {
    ts: project.ts,
    knowledge,
    manifest: manifest ? manifest.view(project.root) : emptyManifestView,
    rootDir: project.root,
    projectSources: () => project.files.map(file => file.getSourceFile()),
    // Asked for every exported function whose callers are looked for: listed once.
    projectPrograms: () => (programs ??= [...new Set(project.files.map(file => file.getProgram()))]),
    snapshot: true,
  };
  const rootScope: ManifestScope = { env, policy: manifest?.policy ?? rulePolicy(), prefix: '' };
  const scopes = nestedScopes(project.root, rootScope, options.readOutsideRoot ? undefined : projectRoot);
  const exceptions: AcceptedException[] = [];
  const analyses: FileAnalysis[] = [];
  const problems: { file?: string; message: string; incomplete?: boolean }[] = project.problems.map(problem => ({
    ...(problem.file === undefined ? {} : { file: problem.file }),
    message: problem.message,
    ...(problem.incomplete ? { incomplete: true } : {}),
  }));
  // Each program's files get their sinks judged first (per manifest scope: a nested privacy.yml is its own
  // environment), so the calls of summarised functions are resolved only where a function of that name can pass data
  // to a sink.
  const groups = new Map<AnalysisEnvironment, Map<TS.Program, ProjectFile[]>>();
  for (const file of project.files) {
    const scopeEnv = scopes.of(file.path).env;
    const byProgram = groups.get(scopeEnv) ?? new Map<TS.Program, ProjectFile[]>();
    groups.set(scopeEnv, byProgram);
    const list = byProgram.get(file.getProgram()) ?? [];
    list.push(file);
    byProgram.set(file.getProgram(), list);
  }
  let prepared = 0;
  for (const [scopeEnv, byProgram] of groups) {
    for (const [program, files] of byProgram) {
      try {
        analyzerFor(scopeEnv, program).prepare(
          files.map(file => file.getSourceFile()),
          sourceFile =>
            options.onProgress?.({
              phase: 'analyze',
              done: prepared++,
              total: project.files.length,
              file: path.relative(project.root, sourceFile.fileName).split(path.sep).join('/'),
            }),
        );
      } catch (error) {
        problems.push({ message: `analysis failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  }
  for (const file of project.files) {
    try {
      const scope = scopes.of(file.path);
      const sourceFile = file.getSourceFile();
      const analysis = rebase(analyzeFile(sourceFile, { env: scope.env, program: file.getProgram() }), scope.prefix);
      const testCode = testCodeStatus(scope.env, sourceFile.fileName);
      // The same policy pass as the ESLint adapter: rules, options, severities, suppression comments, test code.
      const result = applyPolicy({
        ts: project.ts,
        sourceFile,
        file: analysis.file,
        findings: analysis.findings,
        policy: scope.policy,
        resolveCategory: word => knowledge.resolveCategory(word),
        eslintComments: true,
        testCode,
      });
      exceptions.push(...result.exceptions);
      // Test code's made-up data is not production data: it stays out of the inventory's categories and flows.
      const kept = withFindings(analysis, result.findings);
      analyses.push(testCode.isTest && !testCode.check ? { ...kept, flows: [], fields: [] } : kept);
    } catch (error) {
      // Its findings are lost: the scan must not read as clean (fail closed).
      problems.push({
        file: file.relPath,
        message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
        incomplete: true,
      });
    }
  }
  options.onProgress?.({ phase: 'analyze', done: project.files.length, total: project.files.length });
  for (const schema of project.prismaSchemas) {
    const text = readSchemaText(reader, schema.path);
    if (typeof text === 'string') analyses.push(analyzePrismaSchema(env, schema.relPath, text));
    else problems.push({ file: schema.relPath, message: text.problem });
  }
  const inventory = buildInventory({
    env: scopes.merged(),
    analyses,
    toolVersion: options.version,
    controller: manifest?.controller
      ? {
          name: manifest.controller.name,
          ...(manifest.controller.contact ? { contact: manifest.controller.contact } : {}),
          ...(manifest.controller.dpo?.contact || manifest.controller.dpo?.name
            ? { dpo: [manifest.controller.dpo.name, manifest.controller.dpo.contact].filter(Boolean).join(', ') }
            : {}),
          ...(manifest.controller.representative?.name || manifest.controller.representative?.contact
            ? {
                representative: [manifest.controller.representative.name, manifest.controller.representative.contact]
                  .filter(Boolean)
                  .join(', '),
              }
            : {}),
        }
      : undefined,
    manifestFile: manifest ? relative(project.root, manifest.file) : undefined,
    dataSubjects: manifest?.dataSubjects ?? [],
    skipped: project.skipped.map(entry => ({ file: entry.relPath, reason: entry.reason, detail: entry.detail })),
    problems,
    generatedAt: options.timestamp,
    baseline: options.baseline,
    exceptions,
    security: manifest?.data.security,
  });
  const warnings = [...(manifest?.warnings ?? []), ...scopes.warnings()].map(warning => ({
    ...warning,
    file: relative(cwd, warning.file),
  }));
  return { inventory, manifest, warnings, projectRoot: project.root, repositoryRoot: repositoryRoot(root) ?? root };
}

/** The analysis environment and rule policy of the files under one manifest. */
interface ManifestScope {
  readonly env: AnalysisEnvironment;
  readonly policy: RulePolicy;
  /** The manifest's folder relative to the scanned root (`''` for the root's own), POSIX, with a trailing `/`. */
  readonly prefix: string;
}

/**
 * The nearest privacy.yml between a file's folder and the scanned root governs the file, as in ESLint: a nested
 * manifest (a package of a monorepo) brings its own declarations and rules. Its files are analysed with paths
 * relative to it, as ESLint does, and then rebased onto the root, so both front ends say the same thing.
 */
function nestedScopes(
  root: string,
  rootScope: ManifestScope,
  projectRoot: string | undefined,
): { of(file: string): ManifestScope; warnings(): DataProblem[]; merged(): AnalysisEnvironment } {
  const byDir = new Map<string, ManifestScope>();
  const warnings: DataProblem[] = [];
  const scopeOfDir = (dir: string): ManifestScope => {
    if (dir === root || !dir.startsWith(root + path.sep)) return rootScope;
    const cached = byDir.get(dir);
    if (cached) return cached;
    const present = manifestFileNames.map(name => path.join(dir, name)).filter(candidate => exists(candidate));
    let scope: ManifestScope;
    if (present.length === 0) {
      scope = scopeOfDir(path.dirname(dir));
    } else {
      if (present.length > 1) throw new ScanError(`both ${manifestFileNames.join(' and ')} exist in ${dir}; keep one`);
      const loaded = loadManifest(present[0]!, undefined, { root: projectRoot });
      if (!loaded.manifest) {
        const shown = loaded.problems.map(problem =>
          formatProblem({ ...problem, file: relative(process.cwd(), problem.file) }),
        );
        throw new ScanError(`invalid privacy manifest:\n${shown.join('\n')}`);
      }
      warnings.push(...loaded.manifest.warnings);
      scope = {
        env: { ...rootScope.env, manifest: loaded.manifest.view(dir), rootDir: dir },
        policy: loaded.manifest.policy,
        prefix: `${relative(root, dir)}/`,
      };
    }
    byDir.set(dir, scope);
    return scope;
  };
  return {
    of: file => scopeOfDir(path.dirname(file)),
    warnings: () => warnings,
    // The inventory is one record: recipients declared by nested manifests are declared (the root's own first).
    merged() {
      const nested = [...new Set(byDir.values())].filter(scope => scope !== rootScope);
      if (nested.length === 0) return rootScope.env;
      const recipients = new Map(rootScope.env.manifest.recipients);
      for (const scope of nested) {
        for (const [id, recipient] of scope.env.manifest.recipients)
          if (!recipients.has(id)) recipients.set(id, recipient);
      }
      return { ...rootScope.env, manifest: { ...rootScope.env.manifest, recipients } };
    },
  };
}

/** Findings the policy removed are flows that were not reported after all. */
function withFindings(analysis: FileAnalysis, findings: FileAnalysis['findings']): FileAnalysis {
  if (findings.length === analysis.findings.length && findings.every((finding, i) => finding === analysis.findings[i]))
    return { ...analysis, findings };
  const kept = new Set(findings.map(finding => `${finding.ruleId}:${finding.start}:${finding.end}`));
  return {
    ...analysis,
    findings,
    flows: analysis.flows.map(flow =>
      flow.reported && !kept.has(`${flow.ruleId}:${flow.start}:${flow.end}`) ? { ...flow, reported: false } : flow,
    ),
  };
}

/** Paths of an analysis made under a nested manifest, relative to the scanned root. */
function rebase<T>(value: T, prefix: string): T {
  if (prefix === '') return value;
  const visit = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      return key === 'file' || key === 'commentFile' ? path.posix.normalize(prefix + node) : node;
    }
    if (Array.isArray(node)) return node.map(item => visit(item));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([name, item]) => [name, visit(item, name)]));
    }
    return node;
  };
  return visit(value) as T;
}

function checkFolder(target: string): void {
  if (!exists(target)) throw new ScanError(`${target}: no such folder`);
  if (!statSync(target).isDirectory()) throw new ScanError(`${target}: not a folder`);
}

/**
 * A manifest found in the project is a file of the project: a link leading out of it is refused (`projectRoot`). One
 * the user named with --config is read wherever it is, but it too must be a regular file of a bounded size.
 */
function readManifest(file: string, cwd: string, projectRoot: string | undefined): ResolvedManifest {
  const loaded = loadManifest(file, undefined, { root: projectRoot });
  if (!loaded.manifest) {
    const shown = loaded.problems.map(problem => formatProblem({ ...problem, file: relative(cwd, problem.file) }));
    throw new ScanError(`invalid privacy manifest:\n${shown.join('\n')}`);
  }
  return loaded.manifest;
}

/** Whether anything is at a path (a FIFO or a broken link included: the loader says what is wrong with it). */
function exists(file: string): boolean {
  try {
    return lstatPath(file) !== undefined;
  } catch {
    return false;
  }
}

function relative(from: string, file: string): string {
  const value = path.relative(from, path.resolve(file));
  return (value === '' ? path.basename(file) : value).split(path.sep).join('/');
}

/** Prisma schemas are small text files; one that is huge, binary, unreadable or not a regular file is reported. */
function readSchemaText(reader: FileReader, file: string): string | { problem: string } {
  const read = reader.readText(file, { maxBytes: maxSchemaBytes, refuseBinary: true });
  if (read.ok) return read.text.includes('\u0000') ? { problem: 'Prisma schema is not text, not read' } : read.text;
  if (read.reason === 'too-large') return { problem: 'Prisma schema larger than 5 MB, not read' };
  if (read.reason === 'binary') return { problem: 'Prisma schema is not text, not read' };
  return { problem: `Prisma schema not read: it ${read.message}` };
}

const maxSchemaBytes = 5 * 1024 * 1024;
