#!/usr/bin/env node
// STAND-IN FOR THE ANALYSIS, not privlint's scan: loads a project with @privlint/scanner, then for every file takes
// the AST and asks the checker one cheap question per call expression (the symbol of its callee), which is the kind
// of query the analysis makes to recognise sinks. It lets bench/run.js measure the loading half of a scan before the
// CLI exists; the CLI's `scan` replaces it (bench/run.js picks the CLI once packages/cli is built).
//
// With --load-only it asks nothing: the project is loaded and every program bound (its checker created), which is the
// floor under any type-aware scan, to hold next to tsc's time (`--scan-command 'node bench/stand-in-scan.js {dir}
// --output {output} --load-only'`).
//
//   node bench/stand-in-scan.js <dir> --output <file.json> [--load-only]
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadProject } from '@privlint/scanner';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { output: { type: 'string' }, 'load-only': { type: 'boolean', default: false } },
});
const root = positionals[0] ?? '.';
const started = performance.now();
const project = await loadProject({ root });
const loaded = performance.now();
const ts = project.ts;
let calls = 0;
let resolved = 0;
for (const file of project.files) {
  const sourceFile = file.getSourceFile();
  const checker = file.getChecker();
  if (values['load-only']) continue;
  const visit = node => {
    if (ts.isCallExpression(node)) {
      calls += 1;
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
      if (checker.getSymbolAtLocation(callee)) resolved += 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}
const done = performance.now();
const summary = {
  standIn: true,
  loadOnly: values['load-only'],
  files: project.files.length,
  skipped: project.skipped.length,
  problems: project.problems.length,
  projects: project.projects.length,
  calls,
  resolvedCallees: resolved,
  loadMs: Math.round(loaded - started),
  queryMs: Math.round(done - loaded),
};
const text = `${JSON.stringify(summary, null, 2)}\n`;
if (values.output) writeFileSync(values.output, text);
else process.stdout.write(text);
