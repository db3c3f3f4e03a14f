import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  analyzeFile,
  analyzePrismaSchema,
  analyzerFor,
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
import type TS from 'typescript';
import { loadProject } from './load-project.js';
import type { ProjectFile } from './types.js';
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
  const manifest = readManifest(root, options.manifest);
  const project = await loadProject({
    root,
    ignore: manifest?.ignore ?? [],
    onProgress: event => options.onProgress?.(event),
  });
  const env: AnalysisEnvironment = {
    ts: project.ts,
    knowledge: compileKnowledge(defaultKnowledge),
    manifest: manifest ? manifest.view(project.root) : emptyManifestView,
    rootDir: project.root,
  };
  const analyses: FileAnalysis[] = [];
  const problems: { file?: string; message: string }[] = project.problems.map(problem => ({
    ...(problem.file === undefined ? {} : { file: problem.file }),
    message: problem.message,
  }));
  // Each program's files get their sinks judged first, so the calls of summarised functions are resolved only where
  // a function of that name can pass data to a sink.
  const byProgram = new Map<TS.Program, ProjectFile[]>();
  for (const file of project.files) {
    const list = byProgram.get(file.getProgram()) ?? [];
    list.push(file);
    byProgram.set(file.getProgram(), list);
  }
  let prepared = 0;
  for (const [program, files] of byProgram) {
    try {
      analyzerFor(env, program).prepare(
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
  for (const file of project.files) {
    try {
      analyses.push(analyzeFile(file.getSourceFile(), { env, program: file.getProgram() }));
    } catch (error) {
      problems.push({
        file: file.relPath,
        message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  options.onProgress?.({ phase: 'analyze', done: project.files.length, total: project.files.length });
  for (const schema of project.prismaSchemas) {
    const text = readSchemaText(schema.path);
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

function readManifest(root: string, explicit: string | undefined): ResolvedManifest | undefined {
  let file = explicit === undefined ? undefined : path.resolve(explicit);
  if (file === undefined) {
    if (!existsSync(root)) throw new ScanError(`${root}: no such folder`);
    if (!statSync(root).isDirectory()) throw new ScanError(`${root}: not a folder`);
    const present = manifestFileNames.map(name => path.join(root, name)).filter(candidate => existsSync(candidate));
    if (present.length > 1) throw new ScanError(`both ${manifestFileNames.join(' and ')} exist in ${root}; keep one`);
    file = present[0];
  }
  if (file === undefined) return undefined;
  const loaded = loadManifest(file);
  if (!loaded.manifest) {
    const shown = loaded.problems.map(problem =>
      formatProblem({ ...problem, file: relative(process.cwd(), problem.file) }),
    );
    throw new ScanError(`invalid privacy manifest:\n${shown.join('\n')}`);
  }
  return loaded.manifest;
}

function relative(from: string, file: string): string {
  const value = path.relative(from, path.resolve(file));
  return (value === '' ? path.basename(file) : value).split(path.sep).join('/');
}

/** Prisma schemas are small text files; one that is huge, binary or unreadable is reported and left out. */
function readSchemaText(file: string): string | { problem: string } {
  try {
    if (statSync(file).size > maxSchemaBytes) return { problem: 'Prisma schema larger than 5 MB, not read' };
    const text = readFileSync(file, 'utf8');
    if (text.includes('\u0000')) return { problem: 'Prisma schema is not text, not read' };
    return text;
  } catch (error) {
    return { problem: `Prisma schema unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const maxSchemaBytes = 5 * 1024 * 1024;
