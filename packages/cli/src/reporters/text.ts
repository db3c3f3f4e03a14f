import pc from 'picocolors';
import { outsideEea, printable as p, type Inventory } from '@privlint/core';
import type { Reporter } from './context.js';

/**
 * The terminal summary: what the code holds and sends where, then the findings grouped by file, eslint-style. Every
 * string from the scan (file names, recipient names, messages, problems) is escaped with `printable` before the
 * report adds its own colours, so a replayed report cannot move the cursor, retitle the window or forge a line.
 */
export const text: Reporter = ({ inventory, color }) => {
  const c = pc.createColors(color);
  const lines: string[] = [];
  const { summary } = inventory;
  lines.push(
    `${c.bold('privlint')} ${summary.files} file${summary.files === 1 ? '' : 's'} scanned` +
      (summary.skipped > 0 ? `, ${summary.skipped} skipped` : '') +
      (inventory.manifest ? `, manifest ${p(inventory.manifest)}` : c.yellow(', no privacy.yml')),
  );
  lines.push('');
  const seen = inventory.categories.filter(category => category.seenInCode);
  if (seen.length > 0) {
    lines.push(c.bold('Personal data in the code'));
    for (const category of seen) {
      const special = category.sensitivity === 'special' ? c.magenta(' special category') : '';
      const sinks = category.sinks.length > 0 ? ` → ${p(category.sinks.join(', '))}` : '';
      lines.push(
        `  ${p(category.id).padEnd(18)} ${String(category.fields.length).padStart(3)} field${category.fields.length === 1 ? ' ' : 's'} ${String(category.flows).padStart(3)} flow${category.flows === 1 ? ' ' : 's'}${sinks}${special}`,
      );
    }
    lines.push('');
  }
  const recipients = inventory.recipients.filter(recipient => recipient.seenInCode || recipient.declared);
  if (recipients.length > 0) {
    lines.push(c.bold('Recipients'));
    for (const recipient of recipients) {
      const state = !recipient.seenInCode
        ? c.dim('declared, not seen in code')
        : recipient.declared
          ? c.green('declared')
          : c.red('not declared');
      const categories = recipient.categories.length > 0 ? ` ${p(recipient.categories.join(', '))}` : '';
      lines.push(`  ${p(recipient.name).padEnd(24)} ${state}${categories}`);
    }
    lines.push('');
  }
  lines.push(...transfersAndSecurity(inventory, c));
  if (inventory.cookies.length > 0) {
    const unconsented = inventory.cookies.filter(cookie => cookie.reported).length;
    lines.push(
      `${c.bold('Cookies')} ${inventory.cookies.length} write${inventory.cookies.length === 1 ? '' : 's'}, ${unconsented} reported`,
    );
    lines.push('');
  }
  for (const [file, findings] of byFile(inventory.findings)) {
    lines.push(c.underline(p(file)));
    for (const finding of findings) {
      const level = finding.severity === 'error' ? c.red('error') : c.yellow('warning');
      const accepted = finding.baseline ? c.dim(' (baseline)') : '';
      lines.push(
        `  ${`${finding.line}:${finding.column}`.padEnd(8)} ${level}  ${p(finding.message)}  ${c.dim(`privlint/${p(finding.ruleId)}`)}${accepted}`,
      );
    }
    lines.push('');
  }
  for (const problem of inventory.problems) {
    const where =
      problem.file === undefined ? '' : `${p(problem.file)}${problem.line === undefined ? '' : `:${problem.line}`}: `;
    lines.push(
      problem.incomplete
        ? c.red(`  not analysed: ${where}${p(problem.message)}`)
        : c.yellow(`  problem: ${where}${p(problem.message)}`),
    );
  }
  if (inventory.problems.length > 0) lines.push('');
  const { error, warning } = summary.bySeverity;
  const accepted = inventory.findings.filter(finding => finding.baseline).length;
  const total = error + warning;
  const tail = accepted > 0 ? `, ${accepted} accepted by the baseline` : '';
  // Fail closed: a scan that could not analyse everything never says "no problems".
  const incomplete = summary.incomplete ?? 0;
  const unanalysed =
    incomplete > 0
      ? `${incomplete} file${incomplete === 1 ? '' : 's'} not analysed completely (findings may be missing)`
      : '';
  lines.push(
    total === 0 && incomplete === 0
      ? c.green(`✔ no problems${tail}`)
      : total === 0
        ? c.red(`✖ ${unanalysed}${tail}`)
        : c.red(
            `✖ ${total} problem${total === 1 ? '' : 's'} (${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'})${unanalysed ? `, ${unanalysed}` : ''}${tail}`,
          ),
  );
  return `${lines.join('\n')}\n`;
};

function byFile(findings: Inventory['findings']): Map<string, Inventory['findings']> {
  const map = new Map<string, Inventory['findings']>();
  for (const finding of findings) {
    const list = map.get(finding.file) ?? [];
    list.push(finding);
    map.set(finding.file, list);
  }
  return map;
}

/**
 * Two lines of the record a developer should see too: where data leaves the EEA and under which safeguard, and the
 * security measures of Art. 30(1)(g), or that privacy.yml declares none.
 */
function transfersAndSecurity(inventory: Inventory, c: ReturnType<typeof pc.createColors>): string[] {
  const lines: string[] = [];
  const transfers = inventory.recipients
    .filter(recipient => recipient.declared || (recipient.seenInCode && recipient.categories.length > 0))
    .map(recipient => ({ recipient, places: outsideEea(recipient.transfers) }))
    .filter(({ places }) => places.length > 0);
  if (transfers.length > 0) {
    lines.push(c.bold('Transfers outside the EEA'));
    for (const { recipient, places } of transfers) {
      const safeguards = recipient.safeguards
        ? c.green(recipient.safeguards)
        : places.every(place => place.adequacy && !place.adequacy.scope)
          ? c.green('adequacy decision')
          : c.yellow('no safeguard declared');
      lines.push(`  ${recipient.name.padEnd(24)} ${places.map(place => place.place).join(', ')}: ${safeguards}`);
    }
    lines.push('');
  }
  const measures = inventory.security?.measures ?? [];
  lines.push(
    `${c.bold('Security measures')} (Art. 30(1)(g)) ${
      measures.length > 0
        ? `${measures.length} declared${inventory.security?.document ? `, see ${inventory.security.document}` : ''}`
        : c.yellow('none declared in privacy.yml (security.measures)')
    }`,
    '',
  );
  return lines;
}
