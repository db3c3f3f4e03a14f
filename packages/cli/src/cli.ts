import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  findProjectRoot,
  formatProblem,
  lstatPath,
  parseManifest,
  printable,
  type DataProblem,
  type Inventory,
} from '@privlint/core';
import { ScanError, scan, type ScanProgress } from '@privlint/scanner';
import { readBaseline, writeBaseline } from './baseline.js';
import { diffInventories, readInventory, renderDiff } from './diff.js';
import { starterManifest } from './init.js';
import { checkPolicy, draft, renderPolicyReport } from './policy.js';
import { OutputError, writeOutputs, writeNewFile } from './output.js';
import { commandHelp, helpText, type CommandName } from './help.js';
import { createProgress } from './progress.js';
import { formatNames, reporters, type FormatName } from './reporters/index.js';
import { atLeast, severities, type Severity } from './severity.js';
import { summaryLine } from './summary.js';
import type { CliIo } from './io.js';

export type { CliIo } from './io.js';

/** A mistake in how the command was called: said in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /** The command whose usage was wrong, so the hint names its own help. */
  readonly command: CommandName | undefined;

  constructor(message: string, command?: CommandName) {
    super(message);
    this.command = command;
  }
}

const version = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('../package.json'), 'utf8')) as { version: string }
).version;

/** Runs the CLI in process and returns the exit code; never throws for user errors. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScanError || error instanceof OutputError) {
      io.stderr.write(`privlint: ${printableLines(error.message)}\n`);
      if (error instanceof UsageError)
        io.stderr.write(
          `Run \`privlint ${error.command === undefined ? '' : `${error.command} `}--help\` for usage.\n`,
        );
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`privlint: internal error: ${printableLines(message)}\n`);
    if (io.env['PRIVLINT_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    else io.stderr.write('Set PRIVLINT_DEBUG=1 to see where it happened, and please report it.\n');
    return 2;
  }
}

/** Messages name files and keys of the scanned repository: each line is escaped, the line breaks are ours. */
function printableLines(message: string): string {
  return message.split('\n').map(printable).join('\n');
}

/** A path for a message: relative to the working directory when inside it, escaped. */
function shown(io: CliIo, file: string): string {
  return printable(path.relative(io.cwd, file) || file);
}

function failOnIncompleteOf(values: Record<string, unknown>, command: CommandName): boolean {
  const value = (values['fail-on-incomplete'] as string | undefined) ?? 'yes';
  if (value !== 'yes' && value !== 'no') {
    throw new UsageError(`--fail-on-incomplete must be yes or no, not \`${printable(value)}\``, command);
  }
  return value === 'yes';
}

function outputOf(values: Record<string, unknown>, command: CommandName): string | undefined {
  const output = values['output'] as string | undefined;
  if (output !== undefined && output.trim() === '')
    throw new UsageError('--output needs a file or folder name', command);
  return output;
}

/**
 * The exit code of a scan: 1 for findings at or above `--fail-on`, and (fail closed) for files whose analysis did not
 * complete, unless `--fail-on-incomplete no`; `--fail-on never` is always 0.
 */
function exitCode(inventory: Inventory, failOn: string, failOnIncomplete: boolean): number {
  const { error, warning } = inventory.summary.bySeverity;
  if (failOn === 'never') return 0;
  if (error > 0 || (failOn === 'warning' && warning > 0)) return 1;
  return failOnIncomplete && (inventory.summary.incomplete ?? 0) > 0 ? 1 : 0;
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' && rest.length > 0) {
    const topic = rest[0]!;
    if (!isCommand(topic))
      throw new UsageError(`no help for \`${printable(topic)}\`; commands are ${commandNames.join(', ')}`);
    io.stdout.write(commandHelp[topic]);
    return 0;
  }
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(helpText);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (isCommand(command) && wantsHelp(rest)) {
    io.stdout.write(commandHelp[command]);
    return 0;
  }
  switch (command) {
    case 'scan':
      return scanCommand(rest, io);
    case 'diff':
      return diffCommand(rest, io);
    case 'init':
      return initCommand(rest, io);
    case 'policy':
      return policyCommand(rest, io);
    default:
      throw new UsageError(`unknown command \`${printable(command)}\`; expected scan, diff, init or policy`);
  }
}

const commandNames = Object.keys(commandHelp) as CommandName[];
const isCommand = (name: string): name is CommandName => (commandNames as string[]).includes(name);

type ParseOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(
  command: CommandName,
  args: readonly string[],
  options: ParseOptions,
): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/su, '') : String(error),
      command,
    );
  }
}

/** `--help` anywhere among a command's arguments, before they are checked: help must work on a wrong command line. */
function wantsHelp(args: readonly string[]): boolean {
  return args.some(arg => arg === '--help' || arg === '-h');
}

async function scanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('scan', args, {
    config: { type: 'string' },
    format: { type: 'string', multiple: true },
    output: { type: 'string' },
    'skip-path': { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
    severity: { type: 'string' },
    'fail-on': { type: 'string' },
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
    'fail-on-incomplete': { type: 'string' },
    'read-outside-root': { type: 'boolean' },
    timestamp: { type: 'boolean' },
  });
  const usage = (message: string): UsageError => new UsageError(message, 'scan');
  if (positionals.length > 1) throw usage(`scan takes one folder, got ${positionals.length}`);
  const formats = ((values['format'] as string[] | undefined) ?? ['text']).flatMap(format => format.split(','));
  for (const format of formats) {
    if (!formatNames.includes(format as FormatName)) {
      throw usage(`unknown format \`${printable(format)}\`; expected one of ${formatNames.join(', ')}`);
    }
  }
  const failOn = (values['fail-on'] as string | undefined) ?? 'error';
  if (!['error', 'warning', 'never'].includes(failOn))
    throw usage(`--fail-on must be error, warning or never, not \`${printable(failOn)}\``);
  const lowest = lowestSeverity(values, failOn);
  const failOnIncomplete = failOnIncompleteOf(values, 'scan');
  const output = outputOf(values, 'scan');
  if (formats.length > 1 && output === undefined) throw usage('several formats need --output <dir>');
  const skipPaths = (values['skip-path'] as string[] | undefined) ?? [];
  if (skipPaths.some(glob => glob.trim() === '')) throw usage('--skip-path needs a glob, such as `scripts/**`');
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const baselinePath = values['baseline'] as string | undefined;
  const baseline = baselinePath === undefined ? undefined : readBaseline(path.resolve(io.cwd, baselinePath));

  const progress = createProgress(io);
  let result;
  try {
    result = await scan({
      root,
      cwd: io.cwd,
      manifest: values['config'] === undefined ? undefined : path.resolve(io.cwd, values['config'] as string),
      skipPaths,
      version,
      timestamp: values['timestamp'] ? new Date().toISOString() : undefined,
      baseline,
      readOutsideRoot: values['read-outside-root'] === true,
      onProgress: (event: ScanProgress) => progress.update(event),
    });
  } finally {
    progress.done();
  }
  const inventory = atLeast(result.inventory, lowest);
  writeManifestWarnings(result.warnings, io);
  // Outputs go where the user said, but never through a link inside the project or the working directory.
  const anchors = [io.cwd, root, result.projectRoot, findProjectRoot(root)];

  const writeBaselinePath = values['write-baseline'] as string | undefined;
  if (writeBaselinePath !== undefined) {
    const target = path.resolve(io.cwd, writeBaselinePath);
    writeBaseline(
      target,
      inventory.findings.map(finding => finding.fingerprint),
      anchors,
    );
    io.stderr.write(
      `privlint: wrote ${inventory.findings.length} finding${inventory.findings.length === 1 ? '' : 's'} to ${shown(io, target)}\n`,
    );
    return 0;
  }

  const color = !io.env['NO_COLOR'] && Boolean(io.stdout.isTTY) && output === undefined;
  // SARIF places results in the repository (code scanning's view); every other report speaks of the project.
  const repositoryPath = path.relative(result.repositoryRoot, result.projectRoot).split(path.sep).join('/');
  const texts = formats.map(format => ({
    format: format as FormatName,
    text: reporters[format as FormatName].report({ inventory, color: format === 'text' && color, repositoryPath }),
  }));
  if (output === undefined) {
    io.stdout.write(texts[0]!.text);
  } else {
    const written = writeOutputs(
      path.resolve(io.cwd, output),
      texts.map(({ format, text }) => ({ name: reporters[format].file, text })),
      texts.length > 1,
      anchors,
    );
    // A CI log gets the verdict and where the reports are, not the report again.
    io.stdout.write(summaryLine(inventory, written, io.cwd));
  }
  return exitCode(inventory, failOn, failOnIncomplete);
}

/** `--quiet` is `--severity error`; failing on warnings that are not reported would fail on what nobody sees. */
function lowestSeverity(values: Record<string, unknown>, failOn: string): Severity {
  const given = values['severity'] as string | undefined;
  if (given !== undefined && !(severities as readonly string[]).includes(given))
    throw new UsageError(`--severity must be warning or error, not \`${printable(given)}\``, 'scan');
  if (values['quiet'] && given === 'warning')
    throw new UsageError('--quiet reports errors only; it cannot go with --severity warning', 'scan');
  const lowest: Severity = values['quiet'] ? 'error' : ((given as Severity | undefined) ?? 'warning');
  if (lowest === 'error' && failOn === 'warning')
    throw new UsageError(
      `--fail-on warning cannot see warnings that ${values['quiet'] ? '--quiet' : '--severity error'} leaves out`,
      'scan',
    );
  return lowest;
}

/** Valid but worth a look (entries marked `review:`, a recipient id one typo from a vendor): said, never fatal. */
function writeManifestWarnings(warnings: readonly DataProblem[], io: CliIo): void {
  for (const warning of warnings) io.stderr.write(`privlint: warning: ${printableLines(formatProblem(warning))}\n`);
}

async function diffCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('diff', args, {
    format: { type: 'string' },
    'fail-on-new': { type: 'boolean' },
  });
  if (positionals.length !== 2)
    throw new UsageError('diff takes two inventories: privlint diff <old.json> <new.json>', 'diff');
  const format = (values['format'] as string | undefined) ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format))
    throw new UsageError(`diff formats are text, json and markdown, not \`${printable(format)}\``, 'diff');
  const [oldFile, newFile] = positionals.map(file => path.resolve(io.cwd, file));
  const diff = diffInventories(readInventory(oldFile!), readInventory(newFile!));
  io.stdout.write(renderDiff(diff, format as 'text' | 'json' | 'markdown'));
  return values['fail-on-new'] && diff.added ? 1 : 0;
}

async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('init', args, { 'read-outside-root': { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError(`init takes one folder, got ${positionals.length}`, 'init');
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const target = path.join(root, 'privacy.yml');
  for (const name of ['privacy.yml', 'privacy.yaml']) {
    // Anything there (a FIFO, a link) counts: it is never opened, and never overwritten.
    if (lstatPath(path.join(root, name))) {
      throw new UsageError(
        `${shown(io, path.join(root, name))} already exists; privlint init does not overwrite it`,
        'init',
      );
    }
  }
  const progress = createProgress(io);
  let result;
  try {
    result = await scan({
      root,
      cwd: io.cwd,
      manifest: false,
      version,
      readOutsideRoot: values['read-outside-root'] === true,
      onProgress: event => progress.update(event),
    });
  } finally {
    progress.done();
  }
  const text = starterManifest(result.inventory);
  // What init writes must be what scan accepts: a starter that fails validation would be a bug, not the user's.
  const checked = parseManifest(text, target);
  if (checked.problems.length > 0)
    throw new Error(`init wrote an invalid manifest: ${checked.problems.map(formatProblem).join('; ')}`);
  writeNewFile(target, text, [io.cwd, root, findProjectRoot(root)]);
  const where = shown(io, target);
  const toReview = checked.warnings?.length ?? 0;
  io.stdout.write(
    toReview > 0
      ? `privlint: wrote ${where}; review the ${toReview} ${toReview === 1 ? 'entry' : 'entries'} marked \`review:\` (privlint scan warns until they are gone).\n`
      : `privlint: wrote ${where}.\n`,
  );
  return 0;
}

async function policyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check' && sub !== 'draft')
    throw new UsageError('policy takes `check <policy> [dir]` or `draft [dir]`', 'policy');
  const { values, positionals } = parse('policy', rest, {
    inventory: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    'fail-on-incomplete': { type: 'string' },
    'read-outside-root': { type: 'boolean' },
  });
  const expected = sub === 'check' ? 2 : 1;
  if (positionals.length > expected || (sub === 'check' && positionals.length === 0)) {
    throw new UsageError(
      sub === 'check'
        ? 'policy check takes a policy file and an optional folder'
        : 'policy draft takes an optional folder',
      'policy',
    );
  }
  const format = (values['format'] as string | undefined) ?? (sub === 'check' ? 'text' : 'markdown');
  const formats = sub === 'check' ? ['text', 'json', 'markdown', 'sarif'] : ['markdown'];
  if (!formats.includes(format))
    throw new UsageError(`policy ${sub} formats are ${formats.join(', ')}, not \`${printable(format)}\``, 'policy');
  const failOn = (values['fail-on'] as string | undefined) ?? 'error';
  if (!['error', 'warning', 'never'].includes(failOn))
    throw new UsageError(`--fail-on must be error, warning or never, not \`${printable(failOn)}\``, 'policy');
  const failOnIncomplete = failOnIncompleteOf(values, 'policy');
  const output = outputOf(values, 'policy');

  const dir = positionals[sub === 'check' ? 1 : 0];
  const inventoryFile = values['inventory'] as string | undefined;
  if (inventoryFile !== undefined && dir !== undefined)
    throw new UsageError('give a folder to scan or --inventory, not both', 'policy');
  let inventory;
  const root = path.resolve(io.cwd, dir ?? '.');
  if (inventoryFile !== undefined) {
    inventory = readInventory(path.resolve(io.cwd, inventoryFile));
  } else {
    const progress = createProgress(io);
    try {
      inventory = (
        await scan({
          root,
          cwd: io.cwd,
          manifest: values['config'] === undefined ? undefined : path.resolve(io.cwd, values['config'] as string),
          version,
          readOutsideRoot: values['read-outside-root'] === true,
          onProgress: event => progress.update(event),
        })
      ).inventory;
    } finally {
      progress.done();
    }
  }

  let text: string;
  let code = 0;
  if (sub === 'draft') {
    text = draft(inventory);
  } else {
    const policyPath = path.resolve(io.cwd, positionals[0]!);
    const report = checkPolicy(policyPath, positionals[0]!, inventory);
    text = renderPolicyReport(report, format as 'text' | 'json' | 'markdown' | 'sarif', version);
    const errors = report.results.filter(result => result.severity === 'error').length;
    const warnings = report.results.filter(result => result.severity === 'warning').length;
    const incomplete = failOnIncomplete && (inventory.summary.incomplete ?? 0) > 0;
    code = failOn === 'never' ? 0 : errors > 0 || (failOn === 'warning' && warnings > 0) || incomplete ? 1 : 0;
  }
  if (output === undefined) io.stdout.write(text);
  else {
    const [file] = writeOutputs(
      path.resolve(io.cwd, output),
      [
        {
          name:
            sub === 'draft'
              ? 'privacy-policy.md'
              : `privlint-policy.${format === 'markdown' ? 'md' : format === 'text' ? 'txt' : format}`,
          text,
        },
      ],
      false,
      [io.cwd, root, findProjectRoot(root)],
    );
    io.stderr.write(`privlint: wrote ${shown(io, file!)}\n`);
  }
  return code;
}
