import path from 'node:path';
import type { Inventory } from '@privlint/core';

/**
 * The one line standard output carries when the reports went to files (`--output`): what a CI log needs (the
 * verdict, the counts, where the reports are), not thousands of lines of findings.
 */
export function summaryLine(inventory: Inventory, written: readonly string[], cwd: string): string {
  const { error, warning } = inventory.summary.bySeverity;
  const total = error + warning;
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const accepted = inventory.findings.filter(finding => finding.baseline).length;
  // Fail closed: a scan that could not analyse everything never reads as clean.
  const incomplete = inventory.summary.incomplete ?? 0;
  const parts = [
    total === 0 && incomplete === 0
      ? '✔ no problems'
      : total === 0
        ? '✖ no problems found'
        : `✖ ${plural(total, 'problem')} (${plural(error, 'error')}, ${plural(warning, 'warning')})`,
    `in ${plural(inventory.summary.files, 'file')}`,
  ];
  const notes = [
    ...(incomplete > 0 ? [`${plural(incomplete, 'file')} not analysed completely (findings may be missing)`] : []),
    ...(accepted > 0 ? [`${accepted} accepted by the baseline`] : []),
    ...(inventory.exceptions.length > 0 ? [`${inventory.exceptions.length} accepted in the code`] : []),
    ...(inventory.problems.length > 0 ? [`${plural(inventory.problems.length, 'scan problem')} (see the report)`] : []),
  ];
  const files = written.map(file => path.relative(cwd, file).split(path.sep).join('/') || file);
  return `privlint: ${parts.join(' ')}${notes.length > 0 ? `, ${notes.join(', ')}` : ''}; wrote ${files.join(', ')}\n`;
}
