import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findProjectRoot, lstatPath, printable, type Inventory } from '@privlint/core';
import { ScanError, scan, type ScanProgress } from '@privlint/scanner';
import { readBaseline, writeBaseline } from './baseline.js';
import { diffInventories, readInventory, renderDiff } from './diff.js';
import { starterManifest } from './init.js';
import { checkPolicy, draft, renderPolicyReport } from './policy.js';
import { OutputError, writeOutputs, writeNewFile } from './output.js';
import { createProgress } from './progress.js';
import { formatNames, reporters, type FormatName } from './reporters/index.js';
import type { CliIo } from './io.js';

export const helpText = `Usage: privlint <command> [options]

Commands:
  scan [dir]                 Scan a project (default: the current folder) and report what its code does with
                             personal data, against its privacy.yml.
  diff <old.json> <new.json> What a change adds or removes: categories, recipients, flows, findings.
  init [dir]                 Scan, then write a starter privacy.yml from what the code does (purposes are TODO).
  policy check <policy> [dir]
                             Hold a privacy policy (Markdown, HTML or text) against what the code does: data and
                             recipients it never mentions, promises the code breaks.
  policy draft [dir]         Draft the policy sections from what the code does and privacy.yml declares.

Options for scan:
  --config <file>            The privacy manifest (default: privacy.yml or privacy.yaml in dir).
  --format <name>            text (default), json, sarif, markdown, html or fides; repeat for several.
  --output <file|dir>        Write there instead of standard output; a folder when there are several formats.
  --fail-on <level>          error (default), warning or never: exit 1 when findings at that level remain.
  --baseline <file>          Accept the findings recorded in this baseline: reported, but they do not fail.
  --write-baseline <file>    Record the current findings as the baseline (then exit 0).
  --fail-on-incomplete <yes|no>
                             yes (default): exit 1 when a file could not be analysed completely (too deep for
                             TypeScript, an analysis error, a time budget cut); no: such files are only reported.
  --read-outside-root        Follow symbolic links and tsconfig paths that lead out of the project (the folder
                             holding .git, else dir); by default they are skipped, with the reason.
  --timestamp                Record the time in reports (off by default: output is byte-identical across runs).

Options for init:
  --read-outside-root        As for scan.

Options for diff:
  --format <name>            text (default), json or markdown.
  --fail-on-new              Exit 1 when the change adds anything.

Options for policy:
  --inventory <file>         Use a JSON inventory from \`scan --format json\` instead of scanning dir.
  --config <file>            The privacy manifest, when scanning.
  --read-outside-root        As for scan, when scanning.
  --format <name>            check: text (default), json, markdown or sarif; draft: markdown.
  --output <file>            Write there instead of standard output.
  --fail-on <level>          check: error (default), warning or never.
  --fail-on-incomplete <yes|no>
                             check: as for scan.

Other options:
  -h, --help                 Show this help.
  -v, --version              Show the version.

Exit codes: 0 nothing at or above --fail-on, 1 findings or files not analysed completely (or, for diff with
--fail-on-new, additions), 2 usage or configuration error.
`;

export type { CliIo } from './io.js';

/** A mistake in how the command was called: said in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
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
      if (error instanceof UsageError) io.stderr.write(`Run \`privlint --help\` for usage.\n`);
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

function failOnIncompleteOf(values: Record<string, unknown>): boolean {
  const value = (values['fail-on-incomplete'] as string | undefined) ?? 'yes';
  if (value !== 'yes' && value !== 'no') {
    throw new UsageError(`--fail-on-incomplete must be yes or no, not \`${printable(value)}\``);
  }
  return value === 'yes';
}

function outputOf(values: Record<string, unknown>): string | undefined {
  const output = values['output'] as string | undefined;
  if (output !== undefined && output.trim() === '') throw new UsageError('--output needs a file or folder name');
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
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(helpText);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${version}\n`);
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

type ParseOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(
  args: readonly string[],
  options: ParseOptions,
): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/su, '') : String(error),
    );
  }
}

async function scanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: 'string' },
    format: { type: 'string', multiple: true },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
    'fail-on-incomplete': { type: 'string' },
    'read-outside-root': { type: 'boolean' },
    timestamp: { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout.write(helpText);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`scan takes one folder, got ${positionals.length}`);
  const formats = ((values['format'] as string[] | undefined) ?? ['text']).flatMap(format => format.split(','));
  for (const format of formats) {
    if (!formatNames.includes(format as FormatName)) {
      throw new UsageError(`unknown format \`${printable(format)}\`; expected one of ${formatNames.join(', ')}`);
    }
  }
  const failOn = (values['fail-on'] as string | undefined) ?? 'error';
  if (!['error', 'warning', 'never'].includes(failOn))
    throw new UsageError(`--fail-on must be error, warning or never, not \`${printable(failOn)}\``);
  const failOnIncomplete = failOnIncompleteOf(values);
  const output = outputOf(values);
  if (formats.length > 1 && output === undefined) throw new UsageError('several formats need --output <dir>');
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const readOutsideRoot = values['read-outside-root'] === true;
  const baselinePath = values['baseline'] as string | undefined;
  const baseline = baselinePath === undefined ? undefined : readBaseline(path.resolve(io.cwd, baselinePath));

  const progress = createProgress(io);
  let result;
  try {
    result = await scan({
      root,
      manifest: values['config'] === undefined ? undefined : path.resolve(io.cwd, values['config'] as string),
      version,
      timestamp: values['timestamp'] ? new Date().toISOString() : undefined,
      baseline,
      readOutsideRoot,
      onProgress: (event: ScanProgress) => progress.update(event),
    });
  } finally {
    progress.done();
  }
  const { inventory } = result;
  // Outputs go where the user said, but never through a link inside the project or the working directory.
  const anchors = [io.cwd, root, findProjectRoot(root)];

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
  const texts = formats.map(format => ({
    format: format as FormatName,
    text: reporters[format as FormatName].report({ inventory, color: format === 'text' && color }),
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
    for (const file of written) io.stderr.write(`privlint: wrote ${shown(io, file)}\n`);
    // The summary still reaches the terminal when the report went to a file.
    if (!formats.includes('text'))
      io.stdout.write(reporters.text.report({ inventory, color: !io.env['NO_COLOR'] && Boolean(io.stdout.isTTY) }));
  }
  return exitCode(inventory, failOn, failOnIncomplete);
}

async function diffCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, 'fail-on-new': { type: 'boolean' } });
  if (values['help']) {
    io.stdout.write(helpText);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('diff takes two inventories: privlint diff <old.json> <new.json>');
  const format = (values['format'] as string | undefined) ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format))
    throw new UsageError(`diff formats are text, json and markdown, not \`${printable(format)}\``);
  const [oldFile, newFile] = positionals.map(file => path.resolve(io.cwd, file));
  const diff = diffInventories(readInventory(oldFile!), readInventory(newFile!));
  io.stdout.write(renderDiff(diff, format as 'text' | 'json' | 'markdown'));
  return values['fail-on-new'] && diff.added ? 1 : 0;
}

async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { 'read-outside-root': { type: 'boolean' } });
  if (values['help']) {
    io.stdout.write(helpText);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`init takes one folder, got ${positionals.length}`);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const target = path.join(root, 'privacy.yml');
  for (const name of ['privacy.yml', 'privacy.yaml']) {
    // Anything there (a FIFO, a link) counts: it is never opened, and never overwritten.
    if (lstatPath(path.join(root, name))) {
      throw new UsageError(`${shown(io, path.join(root, name))} already exists; privlint init does not overwrite it`);
    }
  }
  const progress = createProgress(io);
  let result;
  try {
    result = await scan({
      root,
      version,
      readOutsideRoot: values['read-outside-root'] === true,
      onProgress: event => progress.update(event),
    });
  } finally {
    progress.done();
  }
  writeNewFile(target, starterManifest(result.inventory), [io.cwd, root, findProjectRoot(root)]);
  io.stdout.write(
    `privlint: wrote ${shown(io, target)}; replace every TODO with the real purpose before relying on it.\n`,
  );
  return 0;
}

async function policyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check' && sub !== 'draft') throw new UsageError('policy takes `check <policy> [dir]` or `draft [dir]`');
  const { values, positionals } = parse(rest, {
    inventory: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    'fail-on-incomplete': { type: 'string' },
    'read-outside-root': { type: 'boolean' },
  });
  if (values['help']) {
    io.stdout.write(helpText);
    return 0;
  }
  const expected = sub === 'check' ? 2 : 1;
  if (positionals.length > expected || (sub === 'check' && positionals.length === 0)) {
    throw new UsageError(
      sub === 'check'
        ? 'policy check takes a policy file and an optional folder'
        : 'policy draft takes an optional folder',
    );
  }
  const format = (values['format'] as string | undefined) ?? (sub === 'check' ? 'text' : 'markdown');
  const formats = sub === 'check' ? ['text', 'json', 'markdown', 'sarif'] : ['markdown'];
  if (!formats.includes(format))
    throw new UsageError(`policy ${sub} formats are ${formats.join(', ')}, not \`${printable(format)}\``);
  const failOn = (values['fail-on'] as string | undefined) ?? 'error';
  if (!['error', 'warning', 'never'].includes(failOn))
    throw new UsageError(`--fail-on must be error, warning or never, not \`${printable(failOn)}\``);
  const failOnIncomplete = failOnIncompleteOf(values);
  const output = outputOf(values);

  const dir = positionals[sub === 'check' ? 1 : 0];
  const inventoryFile = values['inventory'] as string | undefined;
  if (inventoryFile !== undefined && dir !== undefined)
    throw new UsageError('give a folder to scan or --inventory, not both');
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
