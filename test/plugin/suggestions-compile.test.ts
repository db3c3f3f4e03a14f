import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-privlint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every fixture project with a tsconfig whose files the rules make suggestions in, or could. */
const projects = [
  'fixtures/suggestions/pharmacy-portal',
  'fixtures/demo',
  'fixtures/eval/api-server',
  'fixtures/eval/web-app',
  'fixtures/eval/consent-site',
  'fixtures/eval/saas-app',
  'fixtures/agreement/policy-app',
];

const baselines = new Map<string, ts.Program>();

/** TypeScript's diagnostics of a project, with one file's text replaced, as `tsc --noEmit -p` gives them. */
function diagnostics(root: string, replaced?: { file: string; text: string }): string[] {
  const configFile = path.join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: diagnostic => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  // The lib files are TypeScript's own and unchanged: checking them again for every fix would only cost time.
  const options = { ...config.options, skipLibCheck: true };
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = file => (replaced && path.resolve(file) === replaced.file ? replaced.text : readFile(file));
  // The unchanged files (and the lib files) are reused from the project's own program.
  const oldProgram = baselines.get(root);
  const program = ts.createProgram({ rootNames: config.fileNames, options, host, oldProgram });
  if (!replaced) baselines.set(root, program);
  return ts.getPreEmitDiagnostics(program).map(diagnostic => {
    const where = diagnostic.file
      ? `${path.relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    return `${where} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

function applyFix(text: string, fix: Linter.LintSuggestion['fix']): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('every suggestion in the fixtures compiles', () => {
  it.each(projects)('%s: applying any suggestion adds no TypeScript error', async project => {
    const root = path.join(repoRoot, project);
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.allTypeChecked as object,
        { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
      ],
    });
    const results = await eslint.lintFiles(['**/*.ts']);
    const before = diagnostics(root);
    const applied: string[] = [];
    for (const result of results) {
      for (const message of result.messages) {
        for (const suggestion of message.suggestions ?? []) {
          const fixed = applyFix(readFileSync(result.filePath, 'utf8'), suggestion.fix);
          expect(diagnostics(root, { file: result.filePath, text: fixed }), fixed).toEqual(before);
          applied.push(`${path.relative(root, result.filePath)}:${message.line} ${suggestion.desc}`);
        }
      }
    }
    if (project === 'fixtures/suggestions/pharmacy-portal') {
      // Where a fix is safe it is offered, with its import; where it is not (a record, its JSON string, a phone for
      // maskEmail) it is not.
      expect(applied).toEqual([
        'src/web/contact.ts:4 Wrap `contact.email` in `maskEmail()`.',
        'src/web/portal.ts:4 Wrap `patient.allergies` in `redact()`.',
        'src/web/portal.ts:9 Wrap `patient.email` in `maskEmail()`.',
        'src/web/portal.ts:10 Wrap `patient.phone` in `redact()`.',
      ]);
    }
  });

  it('imports the sanitizer in the file’s style, after its imports or its directive', async () => {
    const root = path.join(repoRoot, 'fixtures/suggestions/pharmacy-portal');
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommendedTypeChecked as object,
        { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
      ],
    });
    const [contact] = await eslint.lintFiles(['src/web/contact.ts']);
    const fix = contact!.messages[0]!.suggestions![0]!.fix;
    expect(applyFix(readFileSync(contact!.filePath, 'utf8'), fix)).toBe(`'use client';

import { maskEmail } from '../lib/privacy';

export function showContact(contact: { email: string }): void {
  console.debug('contact', maskEmail(contact.email));
}
`);
  });
});
