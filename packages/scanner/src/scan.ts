import { statSync } from 'node:fs';
import path from 'node:path';
import {
  analyzeFile,
  FileReader,
  findProjectRoot,
  lstatPath,
  analyzePrismaSchema,
  buildInventory,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  formatProblem,
  loadManifest,
  manifestFileNames,
  type AnalysisEnvironment,
  type FileAnalysis,
  type Inventory,
  type ResolvedManifest,
} from '@privlint/core';
import { loadProject } from './load-project.js';
import { ScanError } from './scan-error.js';

export interface ScanOptions {
  /** The folder to scan, absolute or relative to the current directory. */
  readonly root: string;
  /** An explicit manifest; by default `privacy.yml` (or `privacy.yaml`) at the root, if there is one. */
  readonly manifest?: string | undefined;
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
  /** The manifest used, if any (for `privlint init` and reports). */
  readonly manifest?: ResolvedManifest | undefined;
}

/**
 * The whole-project scan: load the project, run core's analysis on every file with its program (typed), build the
 * inventory. A file whose analysis fails is recorded as a problem and the scan goes on. Configuration problems (a
 * missing folder, an invalid manifest) throw `ScanError`, which the CLI reports with exit code 2.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const root = path.resolve(options.root);
  const projectRoot = findProjectRoot(root);
  const manifest = readManifest(root, options.manifest, options.readOutsideRoot ? undefined : projectRoot);
  const project = await loadProject({
    root,
    projectRoot,
    ignore: manifest?.ignore ?? [],
    readOutsideRoot: options.readOutsideRoot === true,
    onProgress: event => options.onProgress?.(event),
  });
  const reader = new FileReader({ root: projectRoot, allowOutside: options.readOutsideRoot === true });
  const env: AnalysisEnvironment = {
    ts: project.ts,
    knowledge: compileKnowledge(defaultKnowledge),
    manifest: manifest ? manifest.view(project.root) : emptyManifestView,
    rootDir: project.root,
  };
  const analyses: FileAnalysis[] = [];
  const problems: { file?: string; message: string; incomplete?: boolean }[] = project.problems.map(problem => ({
    ...(problem.file === undefined ? {} : { file: problem.file }),
    message: problem.message,
    ...(problem.incomplete ? { incomplete: true } : {}),
  }));
  let done = 0;
  for (const file of project.files) {
    options.onProgress?.({ phase: 'analyze', done, total: project.files.length, file: file.relPath });
    try {
      analyses.push(analyzeFile(file.getSourceFile(), { env, program: file.getProgram() }));
    } catch (error) {
      // Its findings are lost: the scan must not read as clean (fail closed).
      problems.push({
        file: file.relPath,
        message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
        incomplete: true,
      });
    }
    done++;
  }
  options.onProgress?.({ phase: 'analyze', done, total: project.files.length });
  for (const schema of project.prismaSchemas) {
    const text = readSchemaText(reader, schema.path);
    if (typeof text === 'string') analyses.push(analyzePrismaSchema(env, schema.relPath, text));
    else problems.push({ file: schema.relPath, message: text.problem });
  }
  const inventory = buildInventory({
    env,
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
  });
  return { inventory, manifest };
}

function readManifest(
  root: string,
  explicit: string | undefined,
  projectRoot: string | undefined,
): ResolvedManifest | undefined {
  let file = explicit === undefined ? undefined : path.resolve(explicit);
  if (file === undefined) {
    let info;
    try {
      info = statSync(root);
    } catch {
      throw new ScanError(`${root}: no such folder`);
    }
    if (!info.isDirectory()) throw new ScanError(`${root}: not a folder`);
    const present = manifestFileNames.map(name => path.join(root, name)).filter(candidate => exists(candidate));
    if (present.length > 1) throw new ScanError(`both ${manifestFileNames.join(' and ')} exist in ${root}; keep one`);
    file = present[0];
  }
  if (file === undefined) return undefined;
  // A manifest found in the project is a file of the project: a link leading out of it is refused. One the user
  // named with --config is read wherever it is, but it too must be a regular file of a bounded size.
  const loaded = loadManifest(file, undefined, { root: explicit === undefined ? projectRoot : undefined });
  if (!loaded.manifest) {
    const shown = loaded.problems.map(problem =>
      formatProblem({ ...problem, file: relative(process.cwd(), problem.file) }),
    );
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
