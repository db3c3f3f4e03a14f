import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandHelp, formatNames, type CommandName } from '@privlint/cli';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../cli/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/ci.md'), 'utf8');
const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gmu)].map(match => parse(match[1]!) as unknown);

interface GitHubWorkflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: { privlint: { steps: { run?: string; uses?: string; with?: Record<string, string> }[] } };
}

interface GitLabJobs {
  privlint: { script: string[]; artifacts: { paths: string[] } };
}

/** The shell lines a job runs, continuations joined. */
function shellLines(scripts: readonly string[]): string[] {
  return scripts.flatMap(script => script.replace(/\\\n\s*/gu, ' ').split('\n')).map(line => line.trim());
}

/** `npx privlint …` on a line: the arguments, up to a redirection or `||`. Quotes are dropped, as the shell does. */
function invocations(lines: readonly string[]): string[][] {
  return lines
    .filter(line => /\bnpx privlint\b/u.test(line))
    .map(line => {
      const words = line
        .slice(line.indexOf('npx privlint') + 'npx privlint'.length)
        .trim()
        .split(/\s+/u);
      const end = words.findIndex(word => word === '>' || word === '||' || word === '&&' || word === '|');
      return (end === -1 ? words : words.slice(0, end)).map(word => word.replace(/^"|"$/gu, ''));
    });
}

const github = blocks[0] as GitHubWorkflow;
const gitlab = blocks[1] as GitLabJobs;
const githubSteps = github.jobs.privlint.steps;
const githubCommands = invocations(shellLines(githubSteps.flatMap(step => (step.run ? [step.run] : []))));
const gitlabCommands = invocations(shellLines(gitlab.privlint.script));

describe('docs/ci.md', () => {
  it('gives a GitHub Actions workflow and a GitLab CI job, each valid YAML', () => {
    expect(blocks).toHaveLength(2);
    expect(github.on).toHaveProperty('pull_request');
    expect(github.permissions).toMatchObject({ 'security-events': 'write', 'pull-requests': 'write' });
    expect(githubSteps.map(step => step.uses?.split('@')[0]).filter(Boolean)).toContain(
      'github/codeql-action/upload-sarif',
    );
    expect(gitlab.privlint.artifacts.paths).toContain('privlint/privlint.sarif');
    const upload = githubSteps.find(step => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.['sarif_file']).toBe('privlint/privlint.sarif');
  });

  it.each([...githubCommands, ...gitlabCommands].map(argv => [argv.join(' '), argv] as const))(
    'runs `privlint %s`, which the CLI has, with options its help lists',
    (_, argv) => {
      const [command, ...args] = argv as [CommandName, ...string[]];
      expect(Object.keys(commandHelp)).toContain(command);
      for (const [index, arg] of args.entries()) {
        if (!arg.startsWith('-')) continue;
        expect(commandHelp[command]).toMatch(new RegExp(`^ {2}${arg}\\b`, 'mu'));
        if (arg === '--format') {
          const formats: readonly string[] = command === 'scan' ? formatNames : ['text', 'json', 'markdown'];
          expect(formats).toContain(args[index + 1]);
        }
      }
    },
  );

  // The commands, as written, on a small project in a repository: every one runs (exit 0 or 1, never a usage
  // error), the files the later steps read are there, and the diff is Markdown.
  it.each([
    ['GitHub Actions', githubCommands, '$RUNNER_TEMP'],
    ['GitLab CI', gitlabCommands, '/tmp/privlint-'],
  ] as const)('%s: the commands work on a project', async (_, commands, temp) => {
    const sandbox = tempDir('privlint-ci-');
    const repo = path.join(sandbox, 'repo');
    cpSync(path.join(root, 'fixtures/agreement/policy-app'), repo, { recursive: true });
    mkdirSync(path.join(repo, '.git'));
    for (const side of ['base', 'head']) cpSync(repo, path.join(sandbox, side), { recursive: true });
    const place = (word: string): string =>
      word.startsWith(`${temp}/`) || word.startsWith(temp)
        ? path.join(sandbox, word.endsWith('base') ? 'base' : 'head')
        : word;
    for (const argv of commands) {
      const result = await run(argv.map(place), repo);
      expect(result.stderr, argv.join(' ')).toBe('');
      expect([0, 1], argv.join(' ')).toContain(result.code);
    }
    for (const file of ['privlint/privlint.sarif', 'privlint/privlint.json', 'privlint/privlint.html', 'base.json'])
      expect(existsSync(path.join(repo, file)), file).toBe(true);
    const diffArgs = commands.find(argv => argv[0] === 'diff')!;
    const diff = await run(diffArgs, repo);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/^#/u);
  });
});
