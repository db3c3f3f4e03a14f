// Everything that came from the scanned repository is data when printed: no escape sequence reaches a terminal, no
// Markdown becomes an image, no YAML becomes a key, no literal personal data is echoed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-privlint';
import tseslint from 'typescript-eslint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { controlFile, expectClean, expectControlFinding, inventoryOf, project, runInProcess } from './helpers.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** What a replayed report must never contain: every control character but LF, C1, bidi controls, separators. */
// eslint-disable-next-line no-control-regex -- control characters are what the reports must not contain.
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** Retitles the window, writes the clipboard, clears the line and forges the summary of a clean run. */
const forged = `${ESC}]0;pwned${BEL}${ESC}]52;c;ZXZpbA==${BEL}${ESC}[2K\r✔ no problems${ESC}[8m`;

/** Code whose cookie names, hosts and file names carry terminal sequences, bidi overrides and line separators. */
const hostileCode = [
  'declare const user: { email: string };',
  'declare const logger: { info(...args: unknown[]): void };',
  `document.cookie = ${JSON.stringify(`${forged}=1`)};`,
  `document.cookie = ${JSON.stringify('\u202e1=eman\u2028x=1')};`,
  `fetch(${JSON.stringify(`https://tracker${ESC}[31m.example/collect`)}, { method: 'POST', body: JSON.stringify({ email: user.email }) });`,
  'logger.info(user.email);',
  '',
].join('\n');

const lintRules: Linter.RulesRecord = Object.fromEntries(
  Object.keys(plugin.rules).map(id => [`privlint/${id}`, 'error'] as const),
);

function lint(code: string, filename: string, cwd: string): Linter.LintMessage[] {
  return new Linter({ configType: 'flat', cwd }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { privlint: plugin as never },
        rules: lintRules,
      },
    ],
    filename,
  );
}

describe('terminal injection', () => {
  it('names from the code, the file system and the tsconfig are escaped in the text report and on stderr', async () => {
    const root = project({
      [`src/${forged}.ts`]: hostileCode,
      'tsconfig.json': JSON.stringify({ compilerOptions: { [`${ESC}]0;title${BEL}`]: true }, include: ['src'] }),
    });
    const result = await runInProcess(['scan', '.'], root);
    expectClean(result);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(raw);
    expect(result.stderr).not.toMatch(raw);
    // The forged summary is shown as the data it is; the real summary is the last line.
    expect(result.stdout).toContain('\\x1b]0;pwned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x1b[2K\\r✔ no problems');
    expect(result.stdout).toMatch(/\n✖ \d+ problems \(\d+ errors?, \d+ warnings?\)\n$/u);
    expect(result.stdout).toContain("Unknown compiler option '\\x1b]0;title\\x07'");
    for (const format of ['json', 'sarif']) {
      const report = await runInProcess(['scan', '.', '--format', format], root);
      expect(report.stdout).not.toMatch(raw);
      expect(JSON.stringify(JSON.parse(report.stdout))).toContain('\\u001b]0;pwned');
    }
  });

  it('a manifest key with escape sequences is escaped in the error on stderr', async () => {
    const root = project({ 'privacy.yml': `${JSON.stringify(`${ESC}[2J${ESC}]0;x${BEL}`)}: 1\n` });
    const result = await runInProcess(['scan', '.'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(raw);
    expect(result.stderr).toContain('unknown key `\\x1b[2J\\x1b]0;x\\x07`');
  });

  it('ESLint messages carry the same escaped text, typed or not', () => {
    const root = project({});
    const messages = lint(hostileCode, path.join(root, 'src/file.ts'), root);
    expect(messages.filter(message => message.fatal)).toEqual([]);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const message of messages) expect(message.message).not.toMatch(raw);
    expect(messages.map(message => message.message).join('\n')).toContain('holds `\\u202e`, which no cookie name may');
  });
});

describe('Markdown and HTML injection', () => {
  it('a cookie named like an image, a link or HTML stays text, and a CR splits no table row', async () => {
    const root = project({
      'src/cookies.ts': [
        `document.cookie = '![](https://evil.example/pixel.png)=1';`,
        `document.cookie = '[click](https://evil.example)=1';`,
        `document.cookie = '<img src=https://evil.example/p.png>=1';`,
        `document.cookie = ${JSON.stringify('a\r| injected | row |\rb=1')};`,
        // Pipes are allowed in cookie names: one must stay in its cell.
        `document.cookie = '|a|b|=1';`,
        '',
      ].join('\n'),
    });
    const result = await runInProcess(['scan', '.', '--format', 'markdown'], root);
    const markdown = result.stdout;
    // Inside a code span Markdown is literal; outside one, nothing may open an image, a link or a tag.
    const outsideCode = markdown.replace(/`[^`\n]*`/gu, '');
    expect(outsideCode).not.toMatch(/(?<!\\)!(?<!\\)\[/u);
    expect(outsideCode).not.toMatch(/(?<!\\)\[[^\]\n]*(?<!\\)\]\(/u);
    expect(outsideCode).not.toMatch(/(?<!\\)<img/u);
    expect(markdown).not.toContain('\r');
    // A name no browser would read as one is said by its first bad character, never echoed; a real one is shown.
    expect(markdown).toContain('the text before `=` holds `[`, which no cookie name may');
    expect(markdown).toContain('| \\|a\\|b\\| | none |');
    // Every table row has as many cells as its header: nothing was split or added.
    for (const table of markdown.split('\n\n').filter(block => block.startsWith('| '))) {
      const rows = table.split('\n').filter(row => row !== '');
      const cells = (row: string): number => row.split(/(?<!\\)\|/u).length;
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0]!));
    }
    const html = (await runInProcess(['scan', '.', '--format', 'html'], root)).stdout;
    expect(html).not.toMatch(/<img src=https/u);
    expect(html).not.toMatch(raw);
  });
});

describe('the policy draft', () => {
  it('quotes names from the manifest and the code as text', async () => {
    const root = project({
      'privacy.yml':
        "recipients:\n  segment: { name: '![](https://evil.example/p.png)', purposes: [analytics], categories: [email] }\n",
      'src/track.ts':
        "import { Analytics } from '@segment/analytics-node';\ndeclare const user: { id: string; email: string };\nnew Analytics({ writeKey: 'k' }).identify({ userId: user.id, traits: { email: user.email } });\n",
      'src/cookie.ts':
        "declare const res: { cookie(name: string, value: string): void };\nres.cookie('a`b``c', '1');\n",
    });
    const result = await runInProcess(['policy', 'draft', '.'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\\!\\[\\](https://evil.example/p.png)');
    expect(result.stdout).not.toMatch(/(?<!\\)!(?<!\\)\[\]\(/u);
    expect(result.stdout).toContain('```a`b``c```');
  });
});

describe('YAML injection', () => {
  it('init cannot be made to write keys: a cookie name with newlines stays in its comment', async () => {
    const name = "ab\nfields: {'*': none}\nignore: ['**']\n#";
    const root = project({
      'src/cookie.ts': `declare const res: { cookie(name: string, value: string): void };\nres.cookie(${JSON.stringify(name)}, '1');\nres.cookie('theme', '1');\n`,
    });
    const init = await runInProcess(['init', '.'], root);
    expect(init.code).toBe(0);
    const written = readFileSync(path.join(root, 'privacy.yml'), 'utf8');
    const manifest = parse(written) as Record<string, unknown>;
    expect(Object.keys(manifest)).not.toContain('ignore');
    expect(Object.keys(manifest)).not.toContain('fields');
    // Only names a browser could send are listed; the forged one is not written at all, escaped or not.
    expect(written).toContain('# Cookies the code writes: theme.\n');
    expect(written).not.toMatch(/^\s*(?:fields|ignore):/mu);
    // The next scan still sees every file and its findings (TODO purposes aside, which it reports).
    const next = await runInProcess(['scan', '.', '--format', 'json'], root);
    expect(next.code).not.toBe(0);
    if (next.code === 1) {
      const inventory = inventoryOf(next);
      expect(inventory.summary.files).toBe(2);
      expectControlFinding(inventory);
    } else expect(next.stderr).toMatch(/TODO/u);
  });
});

describe('literal personal data', () => {
  it('an email inside a computed cookie name is masked in every report and in ESLint', async () => {
    const code = [
      'declare const choice: string;',
      "document.cookie = 'jane.doe@example.com' + choice + '=1';",
      'document.cookie = `jane.doe@example.com_${choice}=1`;',
      "document.cookie = `seen_${'+44 20 7946 0958'}=1`;",
      'declare const res: { cookie(name: string, value: string): void };',
      "res.cookie('jane.doe@example.com', '1');",
      '',
    ].join('\n');
    const root = project({ 'src/prefs.ts': code });
    for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
      const result = await runInProcess(['scan', '.', '--format', format], root);
      expect(result.stdout, format).not.toContain('jane.doe@example.com');
      expect(result.stdout, format).not.toContain('7946 0958');
    }
    const messages = lint(code, path.join(root, 'src/prefs.ts'), root);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.message).not.toContain('jane.doe@example.com');
      expect(message.message).not.toContain('7946 0958');
    }
    const inventory = inventoryOf(await runInProcess(['scan', '.', '--format', 'json'], root));
    expect(inventory.findings.map(finding => finding.message).join('\n')).toContain('j•••@e•••.com');
    expect(inventory.findings.some(finding => finding.file === controlFile)).toBe(true);
  });
});
