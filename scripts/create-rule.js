#!/usr/bin/env node
// Scaffolds a rule: the one id everywhere (rule = doc = test). Adds the id and its metadata to
// packages/core/src/findings/rules.ts, writes packages/eslint-plugin/src/rules/<id>.ts, docs/rules/<id>.md (from
// docs/rules/_template.md) and test/rules/<id>.test.ts, then regenerates the rule index, doc headers and the README
// table. What it cannot write for you, the analysis that finds something, it lists at the end.
//
//   pnpm create-rule <id> --description 'Disallow …' [--message-id personalDataInX] [--preset recommended|strict]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const files = {
  meta: 'packages/core/src/findings/rules.ts',
  rule: (/** @type {string} */ id) => `packages/eslint-plugin/src/rules/${id}.ts`,
  doc: (/** @type {string} */ id) => `docs/rules/${id}.md`,
  test: (/** @type {string} */ id) => `test/rules/${id}.test.ts`,
  template: 'docs/rules/_template.md',
};

/**
 * The edits for a new rule, as `{ file, content }` (whole files), without touching the disk: the script writes them,
 * the test checks them.
 * @param {string} root
 * @param {{ id: string; description: string; messageId: string; preset: 'recommended' | 'strict' }} rule
 * @returns {{ file: string; content: string }[]}
 */
export function scaffoldRule(root, { id, description, messageId, preset }) {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/u.test(id)) throw new Error(`\`${id}\` is not a kebab-case rule id`);
  if (!/^(?:Disallow|Require|Enforce) .+[^.]$/u.test(description)) {
    throw new Error('the description starts with Disallow, Require or Enforce and has no final period');
  }
  if (!/^[a-z][A-Za-z0-9]*$/u.test(messageId)) throw new Error(`\`${messageId}\` is not a camelCase message id`);
  for (const file of [files.rule(id), files.doc(id), files.test(id)]) {
    if (existsSync(path.join(root, file))) throw new Error(`${file} exists already`);
  }
  const read = (/** @type {string} */ file) => readFileSync(path.join(root, file), 'utf8');
  const severity = preset === 'recommended' ? 'error' : 'warning';

  let meta = read(files.meta);
  if (meta.includes(`'${id}'`)) throw new Error(`${files.meta} already knows \`${id}\``);
  const idsEnd = meta.indexOf('] as const;');
  const recordEnd = meta.indexOf('\n};\n', meta.indexOf('const rules: Record<RuleId, RuleMeta> = {'));
  if (idsEnd < 0 || recordEnd < 0) throw new Error(`${files.meta} no longer has the shape this script edits`);
  meta =
    meta.slice(0, idsEnd) +
    `  '${id}',\n` +
    meta.slice(idsEnd, recordEnd) +
    [
      '',
      `  '${id}': {`,
      `    id: '${id}',`,
      `    description: '${description.replaceAll("'", "\\'")}',`,
      `    preset: '${preset}',`,
      `    severity: '${severity}',`,
      '    messages: {',
      '      invalidManifest,',
      '      ignoreWithoutReason,',
      '      unknownRuleInComment,',
      '      notAnalysed,',
      `      ${messageId}: 'TODO: what reaches what, with {{ details }}.',`,
      '    },',
      '  },',
    ].join('\n') +
    meta.slice(recordEnd);

  const rule = [
    "import { ruleMeta } from '@privlint/core';",
    "import { createRule } from '../utils/create-rule.js';",
    "import { optionsSchema, reportFindings } from '../utils/report.js';",
    '',
    'export type Options = [{ allow?: string[] }];',
    `export type MessageIds = '${messageId}' | 'invalidManifest' | 'ignoreWithoutReason' | 'unknownRuleInComment' | 'notAnalysed';`,
    '',
    `const meta = ruleMeta('${id}');`,
    '',
    'export default createRule<Options, MessageIds>({',
    `  name: '${id}',`,
    '  meta: {',
    "    type: 'problem',",
    `    docs: { description: meta.description, recommended: '${preset}', requiresTypeChecking: false },`,
    '    messages: meta.messages as Record<MessageIds, string>,',
    `    schema: optionsSchema('${id}'),`,
    '    defaultOptions: [{}],',
    '  },',
    '  create(context, [options]) {',
    '    return {',
    '      Program() {',
    `        reportFindings(context, '${id}', options);`,
    '      },',
    '    };',
    '  },',
    '});',
    '',
  ].join('\n');

  const doc = read(files.template).replace('# privlint/RULE-ID', `# privlint/${id}`);

  const test = [
    `import rule from '../../packages/eslint-plugin/src/rules/${id}.js';`,
    "import { brokenManifest, createRuleTester } from './rule-tester.js';",
    '',
    '// Fails until core reports the finding: write the family in packages/core/src/analysis/families/ first.',
    `createRuleTester({ typed: false }).run('${id}', rule, {`,
    "  valid: ['console.log(user.id);'],",
    '  invalid: [',
    '    {',
    "      code: 'TODO(user.email);',",
    `      errors: [{ messageId: '${messageId}', line: 1, column: 6, endLine: 1, endColumn: 16 }],`,
    '    },',
    '  ],',
    '});',
    '',
  ].join('\n');

  return [
    { file: files.meta, content: meta },
    { file: files.rule(id), content: rule },
    { file: files.doc(id), content: doc },
    { file: files.test(id), content: test },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      description: { type: 'string' },
      'message-id': { type: 'string', default: 'finding' },
      preset: { type: 'string', default: 'strict' },
    },
  });
  const [id] = positionals;
  if (id === undefined || values.description === undefined || !['recommended', 'strict'].includes(values.preset)) {
    console.error(
      "usage: pnpm create-rule <id> --description 'Disallow …' [--message-id personalDataInX] [--preset recommended|strict]",
    );
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const edits = scaffoldRule(root, {
      id,
      description: values.description,
      messageId: values['message-id'],
      preset: /** @type {'recommended' | 'strict'} */ (values.preset),
    });
    for (const { file, content } of edits) {
      writeFileSync(path.join(root, file), content);
      console.log(`wrote ${file}`);
    }
  } catch (error) {
    console.error(`create-rule: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  console.log(`
Next:
  1. npx --yes pnpm@10 build && npx --yes pnpm@10 generate   (rule index, doc header, README table)
  2. Write the analysis: a family in packages/core/src/analysis/families/ that reports '${id}', registered in
     familyFactories (packages/core/src/analysis/analyze.ts); its knowledge goes in rules/*.yml.
  3. Replace the TODO message in ${files.meta}, the test cases in ${files.test(id)} and the doc in ${files.doc(id)}.
  4. npx --yes pnpm@10 check`);
}
