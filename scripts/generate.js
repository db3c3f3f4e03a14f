// Regenerates every derived file from its one source of truth; `--check` fails if any is stale (CI runs it).
//   rules/*.yml                      -> packages/core/src/knowledge/generated/*.ts, rules/schema/*.schema.json
// Needs the built core (`tsc -b`), whose schemas define what the data may look like.
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { generators } from './generators/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

/** @type {Array<{ file: string; content: string }>} */
const outputs = [];
/** @type {string[]} */
const problems = [];
/** Folders whose every file is generated: a file there that no generator writes is stale. */
const ownedDirs = new Set();
for (const generator of generators) {
  const result = await generator(root);
  outputs.push(...result.outputs);
  problems.push(...result.problems);
  for (const dir of result.ownedDirs ?? []) ownedDirs.add(dir);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}

// Generated Markdown is formatted as Prettier formats the repository, so `format:check` and `generate --check` agree.
for (const output of outputs) {
  if (!output.file.endsWith('.md')) continue;
  const options = (await prettier.resolveConfig(path.join(root, output.file))) ?? {};
  if (
    await prettier
      .getFileInfo(path.join(root, output.file), { ignorePath: path.join(root, '.prettierignore') })
      .then(info => info.ignored)
  )
    continue;
  output.content = await prettier.format(output.content, { ...options, filepath: path.join(root, output.file) });
}

const stale = [];
for (const { file, content } of outputs) {
  const absolute = path.join(root, file);
  const current = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(file);
  if (!check) {
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}
const written = new Set(outputs.map(output => output.file));
for (const dir of ownedDirs) {
  const absoluteDir = path.join(root, dir);
  if (!existsSync(absoluteDir)) continue;
  for (const name of readdirSync(absoluteDir)) {
    const file = path.posix.join(dir, name);
    if (!written.has(file)) stale.push(`${file} (no longer generated: delete it)`);
  }
}
if (check && stale.length > 0) {
  console.error(`Generated files are stale; run \`pnpm generate\`:\n${stale.map(file => `  ${file}`).join('\n')}`);
  process.exit(1);
}
if (!check) console.log(stale.length === 0 ? 'Generated files are up to date.' : `Wrote ${stale.join(', ')}`);
