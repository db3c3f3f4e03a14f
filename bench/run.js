#!/usr/bin/env node
// The scan's cost next to the compiler's: wall time and peak RSS of `tsc --noEmit -p <project>` (the repository's
// TypeScript) and of the scan command on a generated project, then on one twice the size, each in its own child
// process, runs alternating so machine drift hits both. Prints the ratios the project holds itself to: a full
// type-aware scan in at most half of tsc's time, with no more memory, and at most double the time when the project
// doubles.
//
//   pnpm bench [--files 6000] [--doublings 1] [--runs 1] [--seed 1] [--profile app|dense|monorepo]
//              [--scan-command cli|stand-in|'<command with {dir} {output}>']
//              [--json results.json]
//
// The scan command defaults to `privlint scan` once packages/cli is built, else to bench/stand-in-scan.js, which
// loads the project and makes one checker query per call (see that file). Both need `tsc -b` (pnpm build) first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject } from './generate-project.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const TIME = '/usr/bin/time';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '6000' },
    // `app`: sinks in about one file in ten, as in real applications; `dense`: every file logs, shares or sets cookies.
    profile: { type: 'string', default: 'app' },
    // How many times the project doubles: 2 measures 6,000, 12,000 and 24,000 files.
    doublings: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'scan-command': { type: 'string' },
    json: { type: 'string' },
  },
});
const files = Number(values.files);
const runs = Number(values.runs);
const doublings = Number(values.doublings);
if (
  !Number.isInteger(files) ||
  files < 20 ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(doublings) ||
  doublings < 1
) {
  console.error('--files must be an integer >= 20, --runs and --doublings integers >= 1');
  process.exit(2);
}

const tscBin = createRequire(path.join(repo, 'package.json')).resolve('typescript/bin/tsc');
const cliBin = path.join(repo, 'packages/cli/bin/privlint.js');
const cliBuilt = existsSync(path.join(repo, 'packages/cli/dist/main.js'));
const standIn = path.join(here, 'stand-in-scan.js');
const scanChoice = values['scan-command'] ?? (cliBuilt ? 'cli' : 'stand-in');
const scanTemplate =
  scanChoice === 'cli'
    ? [process.execPath, cliBin, 'scan', '{dir}', '--format', 'json', '--output', '{output}']
    : scanChoice === 'stand-in'
      ? [process.execPath, standIn, '{dir}', '--output', '{output}']
      : splitCommand(scanChoice);
if (!existsSync(path.join(repo, 'packages/scanner/dist/index.js'))) {
  console.error('packages/scanner is not built: run `pnpm build` (tsc -b) first');
  process.exit(2);
}

/** A command line split on spaces, with "double" or 'single' quoted words kept whole. */
function splitCommand(command) {
  const words = [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/gu)].map(match => match[1] ?? match[2] ?? match[3]);
  return words[0] === 'node' ? [process.execPath, ...words.slice(1)] : words;
}

/** Runs a command, returning wall seconds and peak RSS in MB (from /usr/bin/time, or from the in-process wrapper). */
function measure(command) {
  const report = path.join(os.tmpdir(), `privlint-bench-${process.pid}-${Date.now()}.txt`);
  let argv;
  if (existsSync(TIME)) argv = [TIME, '-v', '-o', report, ...command];
  else if (command[0] === process.execPath)
    argv = [process.execPath, path.join(here, 'measure-rss.js'), report, ...command.slice(1)];
  else argv = command;
  const started = performance.now();
  const child = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  let rssMb = Number.NaN;
  if (existsSync(report)) {
    const text = readFileSync(report, 'utf8');
    const kb = existsSync(TIME) ? /Maximum resident set size \(kbytes\): (\d+)/u.exec(text)?.[1] : text.trim();
    rssMb = Number(kb) / 1024;
    rmSync(report, { force: true });
  }
  return { seconds, rssMb, status: child.status, stderr: child.stderr ?? '', stdout: child.stdout ?? '' };
}

const median = list => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

function benchmark(size) {
  const dir = path.join(here, 'out', `project-${size}`);
  const stats = generateProject({ files: size, seed: Number(values.seed), out: dir, profile: values.profile });
  const output = path.join(here, 'out', `scan-${size}.json`);
  const tscCommand = [process.execPath, tscBin, '--noEmit', '-p', dir];
  const scanCommand = scanTemplate.map(word => word.replaceAll('{dir}', dir).replaceAll('{output}', output));
  const tsc = [];
  const scan = [];
  for (let run = 0; run < runs; run++) {
    const compiler = measure(tscCommand);
    if (compiler.status !== 0) throw new Error(`tsc failed on ${dir}:\n${compiler.stdout}${compiler.stderr}`);
    tsc.push(compiler);
    const scanner = measure(scanCommand);
    // Exit code 1 means findings: a successful scan.
    if (scanner.status !== 0 && scanner.status !== 1) {
      throw new Error(`scan failed (exit ${scanner.status}): ${scanCommand.join(' ')}\n${scanner.stderr.slice(-2000)}`);
    }
    scan.push(scanner);
  }
  const pick = (list, key) => median(list.map(entry => entry[key]));
  return {
    files: stats.files,
    lines: stats.lines,
    tsc: { seconds: pick(tsc, 'seconds'), rssMb: pick(tsc, 'rssMb') },
    scan: { seconds: pick(scan, 'seconds'), rssMb: pick(scan, 'rssMb') },
    scanOutput: existsSync(output) ? readFileSync(output, 'utf8').slice(0, 2000) : undefined,
  };
}

mkdirSync(path.join(here, 'out'), { recursive: true });
console.log(
  `scan command: ${scanChoice === 'cli' || scanChoice === 'stand-in' ? scanChoice : 'custom'}: ${scanTemplate.join(' ')}`,
);
console.log(`tsc: ${tscBin}; ${runs} run(s) each, median; ${os.cpus().length} CPUs, Node ${process.version}`);
console.log(`project profile: ${values.profile}\n`);
const results = [];
for (let step = 0; step <= doublings; step++) {
  const result = benchmark(files * 2 ** step);
  results.push(result);
  const { tsc, scan } = result;
  console.log(
    `${String(result.files).padStart(6)} files ${String(result.lines).padStart(8)} lines | ` +
      `tsc ${tsc.seconds.toFixed(2)} s ${tsc.rssMb.toFixed(0)} MB | scan ${scan.seconds.toFixed(2)} s ${scan.rssMb.toFixed(0)} MB | ` +
      `scan/tsc time ${(scan.seconds / tsc.seconds).toFixed(2)}, memory ${(scan.rssMb / tsc.rssMb).toFixed(2)}`,
  );
}
// Every size is held to the ratios, and every doubling to the growth: a cost that is linear at one step and
// quadratic at the next shows at the next.
const steps = results.slice(1).map((large, index) => {
  const small = results[index];
  return {
    files: large.files,
    scanGrowth: large.scan.seconds / small.scan.seconds,
    tscGrowth: large.tsc.seconds / small.tsc.seconds,
  };
});
const ratios = {
  timeRatio: Math.max(...results.map(result => result.scan.seconds / result.tsc.seconds)),
  memoryRatio: Math.max(...results.map(result => result.scan.rssMb / result.tsc.rssMb)),
  scanGrowth: Math.max(...steps.map(step => step.scanGrowth)),
  tscGrowth: Math.max(...steps.map(step => step.tscGrowth)),
};
const verdict = (ok, text) => `${ok ? 'ok  ' : 'MISS'} ${text}`;
console.log('');
console.log(verdict(ratios.timeRatio <= 0.5, `scan/tsc time at most ${ratios.timeRatio.toFixed(2)} (target <= 0.50)`));
console.log(
  verdict(ratios.memoryRatio <= 1, `scan/tsc peak memory at most ${ratios.memoryRatio.toFixed(2)} (target <= 1.00)`),
);
for (const step of steps) {
  console.log(
    verdict(
      step.scanGrowth <= 2.1,
      `scan time x${step.scanGrowth.toFixed(2)} when the project doubles to ${step.files} files (target <= 2.10; tsc x${step.tscGrowth.toFixed(2)})`,
    ),
  );
}
if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ scanCommand: scanTemplate, profile: values.profile, runs, results, steps, ratios }, null, 2)}\n`,
  );
}
