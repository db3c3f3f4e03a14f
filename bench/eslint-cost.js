// The plugin's added cost in a typed ESLint run: the same project linted with typescript-eslint's
// recommended-type-checked rules (A) and with those rules plus every privlint rule (B), in child processes taking
// turns (A B A B …) so machine drift hits both, reporting median wall time, peak RSS and the ratio B/A.
//
//   node bench/eslint-cost.js --project DIR [--runs 3] [--glob 'src/**/*.ts' …]
//
// DIR needs its dependencies installed for realistic types; its tsconfig.json is used through projectService.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    runs: { type: 'string', default: '3' },
    glob: { type: 'string', multiple: true, default: ['**/*.ts', '**/*.tsx'] },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  await lintOnce(values.child === 'with', path.resolve(values.project ?? '.'), values.glob);
} else {
  if (!values.project || !existsSync(values.project)) {
    console.error('usage: node bench/eslint-cost.js --project DIR [--runs N] [--glob PATTERN …]');
    process.exit(2);
  }
  const runs = Number(values.runs);
  const results = { without: [], with: [] };
  for (let run = 0; run < runs; run++) {
    for (const mode of ['without', 'with']) {
      const started = process.hrtime.bigint();
      const child = spawnSync(
        process.execPath,
        [
          '--max-old-space-size=12000',
          fileURLToPath(import.meta.url),
          '--child',
          mode,
          '--project',
          values.project,
          ...values.glob.flatMap(glob => ['--glob', glob]),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (child.status !== 0) {
        console.error(child.stderr);
        process.exit(1);
      }
      const report = JSON.parse(child.stdout.trim().split('\n').pop());
      results[mode].push({ wall, ...report });
      console.log(
        `${mode.padEnd(7)} run ${run + 1}: ${wall.toFixed(1)} s, peak RSS ${report.rssMb} MB, ${report.files} files, ${report.privlint} privlint messages`,
      );
    }
  }
  const median = list => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const ratios = results.with.map((entry, index) => entry.wall / results.without[index].wall);
  console.log(`\nwithout privlint: median ${median(results.without.map(entry => entry.wall)).toFixed(1)} s`);
  console.log(`with privlint:    median ${median(results.with.map(entry => entry.wall)).toFixed(1)} s`);
  console.log(
    `ratio with/without, pair by pair: ${ratios.map(ratio => ratio.toFixed(3)).join(', ')}; median ${median(ratios).toFixed(3)}`,
  );
  console.log(`added cost: ${((median(ratios) - 1) * 100).toFixed(1)}% (target: at most 15%)`);
}

async function lintOnce(withPrivlint, project, globs) {
  const { ESLint } = await import('eslint');
  const { default: tseslint } = await import('typescript-eslint');
  const { default: privlint } = await import(path.join(here, '../packages/eslint-plugin/dist/index.js'));
  const files = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
  const parser = {
    files,
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: project } },
  };
  const config = [
    ...tseslint.configs.recommendedTypeChecked.map(entry => ({ ...entry, files })),
    parser,
    ...(withPrivlint ? [{ ...privlint.configs.all, files }] : []),
  ];
  const eslint = new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: config,
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles(globs);
  const privlintMessages = results.reduce(
    (sum, result) => sum + result.messages.filter(message => message.ruleId?.startsWith('privlint/')).length,
    0,
  );
  console.log(
    JSON.stringify({
      files: results.length,
      privlint: privlintMessages,
      rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
