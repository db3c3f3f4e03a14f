import {
  cookieDetailsOf,
  escapeJsonText,
  escapeMarkdown,
  formatKeyPath,
  inventorySchema,
  inventorySchemaVersion,
  printable,
  readUserText,
  sharingDetailsOf,
  type Inventory,
} from '@privlint/core';
import { OutputError } from './output.js';

/** An inventory of a very large application is tens of megabytes; this leaves room and still bounds the read. */
const maxInventoryBytes = 512 * 1024 * 1024;

export interface InventoryDiff {
  readonly added: boolean;
  readonly categories: { readonly added: string[]; readonly removed: string[] };
  readonly recipients: { readonly added: string[]; readonly removed: string[] };
  readonly flows: { readonly added: string[]; readonly removed: string[] };
  readonly findings: { readonly added: string[]; readonly removed: string[] };
}

/**
 * Reads an inventory written by `scan --format json`: a regular file of bounded size, valid JSON, and valid against
 * the inventory's schema, so that a malformed one is a clear message rather than a crash halfway through the diff.
 */
export function readInventory(file: string): Inventory {
  const shown = printable(file);
  const hint = `write one with \`privlint scan --format json --output ${shown}\``;
  const read = readUserText(file, { maxBytes: maxInventoryBytes, refuseBinary: true });
  if (!read.ok)
    throw new OutputError(`${shown} ${read.reason === 'missing' ? 'cannot be read' : read.message}; ${hint}`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    throw new OutputError(`${shown} is not JSON; ${hint}`);
  }
  const inventory = data as Partial<Inventory> | null;
  if (inventory?.tool?.name !== 'privlint' || inventory.schemaVersion !== inventorySchemaVersion) {
    throw new OutputError(`${shown} is not a privlint inventory of schema version ${inventorySchemaVersion}`);
  }
  const { $schema: _schema, ...body } = data as Record<string, unknown>;
  const checked = inventorySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new OutputError(
      `${shown} is not a valid privlint inventory: \`${printable(formatKeyPath(issue.path))}\`: ${printable(issue.message)}`,
    );
  }
  return checked.data;
}

/** A flow without its line: what goes where, from which file. Moving code does not make a flow new. */
function flowKey(flow: Inventory['flows'][number]): string {
  const recipient = sharingDetailsOf(flow)?.recipient;
  const cookie = cookieDetailsOf(flow)?.name;
  const to = recipient === undefined ? '' : ` to ${recipient}`;
  const name = cookie === undefined ? '' : ` ${cookie}`;
  return `${flow.categories.join(', ') || 'no personal data'} → ${flow.sink.kind}${to}${name} (${flow.sink.text} in ${flow.file})`;
}

function findingKey(finding: Inventory['findings'][number]): string {
  return `${finding.file}: ${finding.message} [privlint/${finding.ruleId}]`;
}

function compare(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return {
    added: [...now].filter(item => !old.has(item)).sort(),
    removed: [...old].filter(item => !now.has(item)).sort(),
  };
}

/** What a change adds or removes: categories seen in code, recipients reached, flows, findings (by fingerprint). */
export function diffInventories(before: Inventory, after: Inventory): InventoryDiff {
  const categories = compare(
    before.categories.filter(category => category.seenInCode).map(category => category.id),
    after.categories.filter(category => category.seenInCode).map(category => category.id),
  );
  const recipients = compare(
    before.recipients.filter(recipient => recipient.seenInCode).map(recipient => recipient.id),
    after.recipients.filter(recipient => recipient.seenInCode).map(recipient => recipient.id),
  );
  const flows = compare(
    before.flows.filter(flow => flow.categories.length > 0).map(flowKey),
    after.flows.filter(flow => flow.categories.length > 0).map(flowKey),
  );
  const beforeFindings = new Map(before.findings.map(finding => [finding.fingerprint, findingKey(finding)]));
  const afterFindings = new Map(after.findings.map(finding => [finding.fingerprint, findingKey(finding)]));
  const findings = {
    added: [...afterFindings]
      .filter(([key]) => !beforeFindings.has(key))
      .map(([, text]) => text)
      .sort(),
    removed: [...beforeFindings]
      .filter(([key]) => !afterFindings.has(key))
      .map(([, text]) => text)
      .sort(),
  };
  const added = [categories, recipients, flows, findings].some(part => part.added.length > 0);
  return { added, categories, recipients, flows, findings };
}

export function renderDiff(diff: InventoryDiff, format: 'text' | 'json' | 'markdown'): string {
  if (format === 'json') return escapeJsonText(`${JSON.stringify(diff, null, 2)}\n`);
  // Items quote file names and code from the inventories: escaped for the terminal, or for Markdown.
  const show = (text: string): string => (format === 'markdown' ? escapeMarkdown(text) : printable(text));
  const parts: [string, { added: string[]; removed: string[] }][] = [
    ['Categories of personal data', diff.categories],
    ['Recipients', diff.recipients],
    ['Flows', diff.flows],
    ['Findings', diff.findings],
  ];
  const lines: string[] = [];
  if (format === 'markdown') lines.push('# Privacy changes', '');
  for (const [title, part] of parts) {
    if (part.added.length === 0 && part.removed.length === 0) continue;
    lines.push(format === 'markdown' ? `## ${title}` : title);
    if (format === 'markdown') lines.push('');
    for (const item of part.added) lines.push(`${format === 'markdown' ? '- ' : '  '}+ ${show(item)}`);
    for (const item of part.removed) lines.push(`${format === 'markdown' ? '- ' : '  '}- ${show(item)}`);
    lines.push('');
  }
  if (lines.length === (format === 'markdown' ? 2 : 0)) lines.push('No privacy-relevant changes.');
  return `${lines.join('\n').trimEnd()}\n`;
}
