import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from 'eslint-plugin-privlint';
import { describe, expect, it } from 'vitest';
import { rulesFixtureDir } from '../rules/rule-tester.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly typed: boolean;
  readonly options: unknown[];
  readonly code: string;
  readonly line: number;
}

/** The fenced `ts incorrect` / `ts correct` blocks of a rule page, with their fence options. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gmu;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    const info = match[2] ?? '';
    const kind = /\bincorrect\b/u.test(info) ? 'incorrect' : /\bcorrect\b/u.test(info) ? 'correct' : undefined;
    if (!kind) continue;
    const options = /options='([^']*)'/u.exec(info);
    out.push({
      kind,
      typed: /\btyped\b/u.test(info),
      options: options ? [JSON.parse(options[1]!)] : [],
      code: match[3]!,
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return out;
}

// Linted from the fixture folder, as a project of its own: paths in messages are relative to it.
const linter = new Linter({ configType: 'flat', cwd: rulesFixtureDir });

function lint(id: string, example: Example): Linter.LintMessage[] {
  const filename = path.join(rulesFixtureDir, 'file.ts');
  return linter.verify(
    example.code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: example.typed ? { projectService: true, tsconfigRootDir: rulesFixtureDir } : {},
        },
        plugins: { privlint: plugin as never },
        rules: { [`privlint/${id}`]: ['error', ...example.options] as Linter.RuleEntry },
      },
    ],
    filename,
  );
}

describe.each(Object.keys(plugin.rules))('docs/rules/%s.md', id => {
  const markdown = readFileSync(path.join(root, 'docs/rules', `${id}.md`), 'utf8');
  const rule = plugin.rules[id as keyof typeof plugin.rules];

  it('has the generated header and the sections every rule page has', () => {
    expect(markdown.startsWith(`# privlint/${id}\n`)).toBe(true);
    expect(markdown).toContain('<!-- begin auto-generated rule header -->');
    for (const section of [
      '## Rule details',
      '## Examples',
      '## Typed and untyped',
      '## Options',
      '## When Not To Use It',
    ]) {
      expect(markdown, section).toContain(`\n${section}\n`);
    }
    const schema = (rule.meta.schema as unknown as { properties?: Record<string, unknown> }[])[0];
    for (const option of Object.keys(schema?.properties ?? {})) {
      expect(markdown, `option ${option}`).toContain(`\n### ${option}\n`);
    }
  });

  const cases = examples(markdown);

  it('has incorrect and correct examples', () => {
    expect(cases.some(example => example.kind === 'incorrect')).toBe(true);
    expect(cases.some(example => example.kind === 'correct')).toBe(true);
  });

  it.each(cases.map(example => [`${example.kind} example at line ${example.line}`, example] as const))(
    '%s',
    (_, example) => {
      const messages = lint(id, example);
      const fatal = messages.filter(message => message.fatal);
      expect(fatal).toEqual([]);
      const reported = messages.filter(message => message.ruleId === `privlint/${id}`);
      if (example.kind === 'incorrect') expect(reported.length).toBeGreaterThan(0);
      else expect(reported).toEqual([]);
    },
  );
});
