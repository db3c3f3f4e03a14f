#!/usr/bin/env node
// The measurement behind the scanner's choice of loader: the same stand-in analysis (every file's AST, then one
// checker query per call expression's callee) over programs built three ways, each in its own process so wall time
// and peak RSS are not shared. Run it on a generated project:
//
//   node bench/generate-project.js --files 4000 && node bench/compare-loaders.js bench/out/project-4000
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// ts-morph is the scanner's dependency, not the root's (pnpm keeps them apart): load the scanner's copy.
const tsMorphUrl = pathToFileURL(
  createRequire(path.join(here, '../packages/scanner/package.json')).resolve('ts-morph'),
).href;
const VARIANTS = ['create-program', 'ts-morph-project', 'ts-morph-skip-resolution', 'load-project'];

async function runVariant(variant, dir) {
  const started = performance.now();
  const { Project, ts } = await import(tsMorphUrl);
  const configPath = path.join(dir, 'tsconfig.json');
  let program;
  let files;
  if (variant === 'create-program') {
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
    );
    // ts-morph's TypeScript ships without lib files on disk; they live in @ts-morph/common as text.
    const common = createRequire(fileURLToPath(tsMorphUrl))('@ts-morph/common');
    const libs = new Map(
      common.getLibFiles().map(lib => [`${common.libFolderInMemoryPath}/${lib.fileName}`, lib.text]),
    );
    const host = ts.createCompilerHost(config.options);
    const { fileExists, readFile, getSourceFile } = host;
    host.getDefaultLibLocation = () => common.libFolderInMemoryPath;
    host.getDefaultLibFileName = options => `${common.libFolderInMemoryPath}/${ts.getDefaultLibFileName(options)}`;
    host.fileExists = name => libs.has(name) || fileExists.call(host, name);
    host.readFile = name => libs.get(name) ?? readFile.call(host, name);
    host.getSourceFile = (name, version, ...rest) =>
      libs.has(name)
        ? ts.createSourceFile(name, libs.get(name), version)
        : getSourceFile.call(host, name, version, ...rest);
    program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
    files = config.fileNames.map(name => program.getSourceFile(name));
  } else if (variant === 'load-project') {
    const { loadProject } = await import('@privlint/scanner');
    const loaded = await loadProject({ root: dir });
    files = loaded.files.map(file => file.getSourceFile());
    program = loaded.files[0].getProgram();
  } else {
    const project = new Project({
      tsConfigFilePath: configPath,
      skipFileDependencyResolution: variant === 'ts-morph-skip-resolution',
    });
    program = project.getProgram().compilerObject;
    files = project.getSourceFiles().map(file => file.compilerNode);
  }
  const loaded = performance.now();
  const checker = program.getTypeChecker();
  let calls = 0;
  let resolved = 0;
  for (const sourceFile of files) {
    if (sourceFile.isDeclarationFile) continue;
    const visit = node => {
      if (ts.isCallExpression(node)) {
        calls += 1;
        if (
          checker.getSymbolAtLocation(
            ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression,
          )
        ) {
          resolved += 1;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  const done = performance.now();
  return {
    files: files.length,
    calls,
    resolved,
    loadMs: Math.round(loaded - started),
    queryMs: Math.round(done - loaded),
  };
}

if (process.argv[2] === '--variant') {
  const result = await runVariant(process.argv[3], process.argv[4]);
  console.log(JSON.stringify(result));
} else {
  const dir = path.resolve(process.argv[2] ?? path.join(here, 'out', 'project-4000'));
  if (!existsSync(path.join(dir, 'tsconfig.json'))) {
    console.error(`no tsconfig.json in ${dir}: run bench/generate-project.js first`);
    process.exit(2);
  }
  const hasTime = existsSync('/usr/bin/time');
  console.log(`variant                    wall s  peak MB  load ms  query ms  calls  resolved`);
  for (const variant of VARIANTS) {
    const report = path.join(os.tmpdir(), `privlint-loader-${process.pid}.txt`);
    const command = [process.execPath, fileURLToPath(import.meta.url), '--variant', variant, dir];
    const started = performance.now();
    const child = hasTime
      ? spawnSync('/usr/bin/time', ['-v', '-o', report, ...command], { encoding: 'utf8' })
      : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
    const wall = (performance.now() - started) / 1000;
    if (child.status !== 0) {
      console.log(`${variant.padEnd(26)} failed: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
    const rss = hasTime
      ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'))?.[1]) / 1024
      : NaN;
    rmSync(report, { force: true });
    console.log(
      `${variant.padEnd(26)} ${wall.toFixed(2).padStart(6)}  ${rss.toFixed(0).padStart(7)}  ${String(result.loadMs).padStart(7)}  ${String(result.queryMs).padStart(8)}  ${String(result.calls).padStart(5)}  ${String(result.resolved).padStart(8)}`,
    );
  }
}
