import ts from 'typescript';
import {
  analyzeFile,
  applyPolicy,
  compileKnowledge,
  defaultKnowledge,
  emptyManifestView,
  isTestCode,
  parseManifest,
  rulePolicy,
  type RulePolicy,
} from '@privlint/core';
import { describe, expect, it } from 'vitest';

const knowledge = compileKnowledge(defaultKnowledge);

/** Analyses one untyped file and applies a policy to it, as the CLI does (ESLint comments honoured). */
function check(
  code: string,
  policy: RulePolicy = rulePolicy(),
  { eslintComments = true, fileName = '/project/src/file.ts', checkTestCode = false } = {},
) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, kind);
  const env = { ts, knowledge, manifest: emptyManifestView, rootDir: '/project' };
  const analysis = analyzeFile(sourceFile, { env });
  const result = applyPolicy({
    ts,
    sourceFile,
    file: analysis.file,
    findings: analysis.findings,
    policy,
    resolveCategory: word => knowledge.resolveCategory(word),
    eslintComments,
    testCode: { isTest: isTestCode(env, fileName), check: checkTestCode },
  });
  return {
    reported: result.findings.map(finding => `${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`),
    messages: result.findings.map(finding => finding.message),
    exceptions: result.exceptions.map(exception => ({
      line: exception.finding.line,
      via: exception.via,
      reason: exception.reason,
      commentLine: exception.commentLine,
    })),
  };
}

const policyOf = (yaml: string): RulePolicy => {
  const { manifest, problems } = parseManifest(yaml, 'privacy.yml');
  expect(problems).toEqual([]);
  return manifest!.policy;
};

describe('the rule policy', () => {
  it('defaults to the recommended preset, each rule at its own severity; strict adds the strict-only rules', () => {
    const code = `console.log(user.email);\nconst owner = 'maria.lopez@gmail.com';`;
    expect(check(code).reported).toEqual(['1:13 error no-pii-in-logs']);
    expect(check(code, policyOf('preset: strict\n')).reported).toEqual([
      '1:13 error no-pii-in-logs',
      '2:15 warning no-hardcoded-pii',
    ]);
  });

  it('takes the preset, levels and options from privacy.yml', () => {
    const policy = policyOf(`preset: recommended
rules:
  no-pii-in-logs: [warn, { allow: [ip-address] }]
  no-pii-in-url: off
`);
    expect(
      check(
        `console.log(req.ip);
console.log(user.email);
fetch(\`/u?email=\${user.email}\`);
const owner = 'maria.lopez@gmail.com';`,
        policy,
      ).reported,
    ).toEqual(['2:13 warning no-pii-in-logs']);
  });

  it('accepts a finding with privlint-ignore and its reason, on the line before or at the end of the line', () => {
    const result = check(`// privlint-ignore no-pii-in-logs -- audit trail required by the regulator
console.log(user.email);
console.log(user.phone); // privlint-ignore privlint/no-pii-in-logs -- support callback
console.log(user.name);`);
    expect(result.reported).toEqual(['4:13 error no-pii-in-logs']);
    expect(result.exceptions).toEqual([
      { line: 2, via: 'privlint-ignore', reason: 'audit trail required by the regulator', commentLine: 1 },
      { line: 3, via: 'privlint-ignore', reason: 'support callback', commentLine: 3 },
    ]);
  });

  it('reports a privlint-ignore without a reason, and accepts nothing with it', () => {
    const result = check(`// privlint-ignore no-pii-in-logs
console.log(user.email);`);
    expect(result.reported).toEqual(['1:1 error no-pii-in-logs', '2:13 error no-pii-in-logs']);
    expect(result.messages[0]).toContain('needs a reason');
    expect(result.exceptions).toEqual([]);
  });

  it('reports unknown rule ids in comments with the nearest rule', () => {
    const result = check(`// privlint-ignore no-pii-in-log -- reviewed
console.log(user.email);
/* eslint-disable-next-line privlint/no-pii-in-urls */
fetch(\`/u?email=\${user.email}\`);`);
    expect(result.reported).toEqual([
      '1:1 error no-pii-in-logs',
      '2:13 error no-pii-in-logs',
      '3:1 error no-pii-in-url',
      '4:7 error no-pii-in-url',
    ]);
    expect(result.messages[0]).toBe('privlint has no rule `no-pii-in-log`; did you mean `no-pii-in-logs`?');
    expect(result.messages[2]).toBe('privlint has no rule `privlint/no-pii-in-urls`; did you mean `no-pii-in-url`?');
  });

  it('honours ESLint disable comments for privlint rules in the CLI, and only for the rules they name', () => {
    const code = `// eslint-disable-next-line privlint/no-pii-in-logs -- reviewed
console.log(user.email);
console.log(user.phone); // eslint-disable-line privlint/no-pii-in-logs
// eslint-disable-next-line no-console -- another plugin's rule
console.log(user.name);
/* eslint-disable privlint/no-pii-in-logs */
console.log(user.email);
/* eslint-enable privlint/no-pii-in-logs */
console.log(user.email);
// eslint-disable-next-line
console.log(user.email);`;
    const result = check(code);
    expect(result.reported).toEqual(['5:13 error no-pii-in-logs', '9:13 error no-pii-in-logs']);
    expect(result.exceptions).toEqual([
      { line: 2, via: 'eslint-disable', reason: 'reviewed', commentLine: 1 },
      { line: 3, via: 'eslint-disable', reason: undefined, commentLine: 3 },
      { line: 7, via: 'eslint-disable', reason: undefined, commentLine: 6 },
      { line: 11, via: 'eslint-disable', reason: undefined, commentLine: 10 },
    ]);
    // In the editor ESLint applies its own comments: the policy leaves them alone.
    expect(check(code, rulePolicy(), { eslintComments: false }).reported).toHaveLength(6);
  });

  it('never reads a comment marker inside a string, a template or JSX text', () => {
    const result = check(
      `const hint = '// privlint-ignore no-pii-in-logs -- nope';
const other = \`/* eslint-disable privlint/no-pii-in-logs */\`;
export const view = <p>
  // privlint-ignore no-pii-in-logs -- this is text on the page
</p>;
console.log(user.email);`,
      rulePolicy(),
      { fileName: '/project/src/view.tsx' },
    );
    expect(result.reported).toEqual(['6:13 error no-pii-in-logs']);
  });
});

describe('privacy.yml rules:', () => {
  const problems = (yaml: string): string[] =>
    parseManifest(yaml, 'privacy.yml').problems.map(problem => `${problem.keyPath}: ${problem.message}`);

  it('names an unknown rule and the nearest one', () => {
    expect(problems(`rules:\n  no-pii-in-log: off\n`)).toEqual([
      'rules.no-pii-in-log: unknown key `no-pii-in-log`; did you mean `no-pii-in-logs`?',
    ]);
  });

  it('checks levels, options and the categories they name', () => {
    expect(problems(`rules:\n  no-pii-in-url: eror\n`)).toEqual([
      'rules.no-pii-in-url: expected a level (`error`, `warn` or `off`) or `[level, { …options }]`, got the string "eror"; did you mean `error`?',
    ]);
    expect(problems(`rules:\n  no-pii-in-url: [warn, { allowDomains: [a.example] }]\n`)).toEqual([
      'rules.no-pii-in-url[1].allowDomains: unknown key `allowDomains`; expected one of `allow`',
    ]);
    expect(problems(`rules:\n  no-pii-in-url: [warn, { allow: email }]\n`)).toEqual([
      'rules.no-pii-in-url: the options of `no-pii-in-url` are lists of names: `allow: […]`',
    ]);
    expect(problems(`rules:\n  no-pii-in-url: [warn, { allow: [emial] }]\n`)).toEqual([
      'rules.no-pii-in-url[1].allow[0]: unknown category `emial`; did you mean `email`? (see docs/categories.md)',
    ]);
    expect(problems(`preset: everything\n`)).toHaveLength(1);
  });
});

describe('test code', () => {
  const code = `import pino from 'pino';
const log = pino();
export function record(email: string) { log.info({ email }); }
`;

  it('is not reported by default: specs and fixtures run on made-up data', () => {
    expect(check(code).reported).toEqual(['3:50 error no-pii-in-logs']);
    expect(check(code, rulePolicy(), { fileName: '/project/src/record.test.ts' }).reported).toEqual([]);
    expect(check(code, rulePolicy(), { fileName: '/project/e2e/record.ts' }).reported).toEqual([]);
  });

  it('is reported when privacy.yml asks for it (`testCode.check`)', () => {
    expect(
      check(code, rulePolicy(), { fileName: '/project/src/record.test.ts', checkTestCode: true }).reported,
    ).toEqual(['3:50 error no-pii-in-logs']);
  });
});
