import type { Inventory } from '@privlint/core';

/** The severities, lowest first: `--severity error` (or `--quiet`) reports errors only. */
export const severities = ['warning', 'error'] as const;
export type Severity = (typeof severities)[number];

/**
 * The inventory with the findings below `lowest` left out, as ESLint's `--quiet` leaves out warnings: they are in no
 * report and count towards no total or exit code. Flows, recipients and the rest of the record are what the code
 * does, whatever its findings' severity, and stay.
 */
export function atLeast(inventory: Inventory, lowest: Severity): Inventory {
  if (lowest === 'warning') return inventory;
  const findings = inventory.findings.filter(finding => finding.severity === 'error');
  const counted = findings.filter(finding => !finding.baseline);
  const byRule = Object.fromEntries(Object.keys(inventory.summary.byRule).map(rule => [rule, 0]));
  for (const finding of counted) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return {
    ...inventory,
    summary: {
      ...inventory.summary,
      findings: counted.length,
      bySeverity: { error: counted.length, warning: 0 },
      byRule,
    },
    findings,
  };
}
