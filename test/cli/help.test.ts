import { commandHelp, helpText } from '@privlint/cli';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('help', () => {
  it.each([
    [['--help'], helpText],
    [['help'], helpText],
    [['scan', '--help'], commandHelp.scan],
    [['scan', 'some/folder', '--format', 'nope', '-h'], commandHelp.scan],
    [['help', 'scan'], commandHelp.scan],
    [['diff', '--help'], commandHelp.diff],
    [['init', '-h'], commandHelp.init],
    [['policy', '--help'], commandHelp.policy],
    [['policy', 'check', '--help'], commandHelp.policy],
    [['policy', 'draft', '-h'], commandHelp.policy],
  ])('%j prints its help and exits 0', async (argv, text) => {
    const result = await run(argv);
    expect(result).toEqual({ code: 0, stdout: text, stderr: '' });
  });

  it('without a command, prints the overview and exits 2', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: helpText, stderr: '' });
  });

  it('each command help names every option the command takes', () => {
    expect(helpText).toContain('Run `privlint <command> --help`');
    for (const option of ['--config', '--format', '--output', '--skip-path', '--quiet', '--severity', '--fail-on'])
      expect(commandHelp.scan).toContain(option);
  });

  it('a usage error points at the help of its own command', async () => {
    const result = await run(['diff', 'only-one.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'privlint: diff takes two inventories: privlint diff <old.json> <new.json>\nRun `privlint diff --help` for usage.\n',
    );
    const unknown = await run(['help', 'launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no help for `launch`; commands are scan, diff, init, policy');
  });
});
