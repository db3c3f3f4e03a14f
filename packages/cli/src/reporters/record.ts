import { defaultKnowledge, type Inventory } from '@privlint/core';

/** A table of plain text cells; renderers escape for their format. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per row, values the HTML report filters on (rule, severity, category, file). */
  readonly filters?: readonly Readonly<Record<string, string>>[];
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly table?: Table | undefined;
}

const purposeTitles = new Map(defaultKnowledge.purposes.purposes.map(purpose => [purpose.id, purpose.title]));
const subjectDescriptions = new Map(
  defaultKnowledge.fideslang.dataSubjects.map(subject => [subject.key, subject.description]),
);

const where = (locations: readonly { file: string; line: number }[], max = 3): string => {
  const shown = locations.slice(0, max).map(location => `${location.file}:${location.line}`);
  return locations.length > max ? `${shown.join(', ')} and ${locations.length - max} more` : shown.join(', ') || '—';
};

/**
 * The record of processing built from the inventory, in the order GDPR Art. 30(1) lists it (controller, purposes,
 * categories of data subjects and of personal data, recipients, transfers, retention), each with where it is in the
 * code; then cookies, flows, what the manifest declares that the code never shows, and the findings. The Markdown and
 * HTML reports render these same sections.
 */
export function recordSections(inventory: Inventory): Section[] {
  const sections: Section[] = [];
  // Fail closed: a record built from a partial analysis says so before anything else.
  const incomplete = inventory.problems.filter(problem => problem.incomplete);
  if (incomplete.length > 0) {
    sections.push({
      id: 'incomplete',
      title: 'Analysis incomplete',
      paragraphs: [
        `privlint could not analyse ${inventory.summary.incomplete ?? incomplete.length} file${(inventory.summary.incomplete ?? incomplete.length) === 1 ? '' : 's'} completely: this record may be missing what ${(inventory.summary.incomplete ?? incomplete.length) === 1 ? 'it does' : 'they do'}.`,
        ...incomplete.map(problem =>
          `${problem.file ?? ''}${problem.line ? `:${problem.line}` : ''} ${problem.message}`.trim(),
        ),
      ],
    });
  }
  const controller = inventory.controller;
  sections.push({
    id: 'controller',
    title: 'Controller',
    paragraphs: controller ? [] : ['Not declared: add `controller: { name, contact }` to privacy.yml.'],
    ...(controller
      ? {
          table: {
            headers: ['Name', 'Contact', 'Data protection officer', 'Representative'],
            rows: [
              [controller.name, controller.contact ?? '—', controller.dpo ?? '—', controller.representative ?? '—'],
            ],
          },
        }
      : {}),
  });

  const purposes = new Map<string, Set<string>>();
  for (const recipient of inventory.recipients) {
    for (const purpose of recipient.purposes) {
      const set = purposes.get(purpose) ?? new Set();
      set.add(recipient.name);
      purposes.set(purpose, set);
    }
  }
  sections.push({
    id: 'purposes',
    title: 'Purposes of the processing',
    paragraphs: purposes.size === 0 ? ['No purpose is declared for any recipient in privacy.yml.'] : [],
    ...(purposes.size > 0
      ? {
          table: {
            headers: ['Purpose', 'Recipients'],
            rows: [...purposes]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([purpose, names]) => [purposeTitles.get(purpose) ?? purpose, [...names].sort().join(', ')]),
          },
        }
      : {}),
  });

  sections.push({
    id: 'data-subjects',
    title: 'Categories of data subjects',
    paragraphs:
      inventory.dataSubjects.length === 0
        ? ['Not declared: add `dataSubjects` to privacy.yml (customer, employee, …).']
        : [],
    ...(inventory.dataSubjects.length > 0
      ? {
          table: {
            headers: ['Data subject', 'Description'],
            rows: inventory.dataSubjects.map(subject => [subject, subjectDescriptions.get(subject) ?? '']),
          },
        }
      : {}),
  });

  sections.push({
    id: 'categories',
    title: 'Categories of personal data',
    paragraphs: inventory.categories.length === 0 ? ['No personal data was found in the code.'] : [],
    table: {
      headers: ['Category', 'fideslang', 'Sensitivity', 'Held in', 'Flows to', 'Declared'],
      rows: inventory.categories.map(category => [
        category.id,
        category.fides,
        category.sensitivity === 'special' ? 'special (Art. 9)' : 'standard',
        category.fields.length > 0
          ? where(category.fields.map(field => ({ file: `${field.symbol} ${field.file}`, line: field.line })))
          : '—',
        category.sinks.length > 0 ? `${category.sinks.join(', ')} (${category.flows})` : '—',
        category.declared ? 'yes' : category.seenInCode ? 'no' : 'declared only',
      ]),
      filters: inventory.categories.map(category => ({ category: category.id })),
    },
  });

  const recipients = inventory.recipients;
  sections.push({
    id: 'recipients',
    title: 'Recipients',
    paragraphs: recipients.length === 0 ? ['No personal data reaches a third party in the code.'] : [],
    table: {
      headers: [
        'Recipient',
        'Kind',
        'Declared',
        'Purposes',
        'Categories sent',
        'Categories declared',
        'Legal basis',
        'In the code',
      ],
      rows: recipients.map(recipient => [
        recipient.name,
        recipient.kind ?? '—',
        recipient.declared ? (recipient.seenInCode ? 'yes' : 'yes, never seen in code') : 'no',
        recipient.purposes.map(purpose => purposeTitles.get(purpose) ?? purpose).join(', ') || '—',
        recipient.categories.join(', ') || '—',
        recipient.declaredCategories.join(', ') || '—',
        recipient.legalBasis ?? '—',
        where(recipient.locations),
      ]),
    },
  });

  const transfers = recipients.filter(recipient => recipient.transfers.length > 0);
  sections.push({
    id: 'transfers',
    title: 'Transfers to third countries',
    paragraphs: transfers.length === 0 ? ['None declared or known.'] : [],
    ...(transfers.length > 0
      ? {
          table: {
            headers: ['Recipient', 'Countries', 'Declared'],
            rows: transfers.map(recipient => [
              recipient.name,
              recipient.transfers.join(', '),
              recipient.declared ? 'yes' : 'no (vendor default)',
            ]),
          },
        }
      : {}),
  });

  sections.push({
    id: 'retention',
    title: 'Retention',
    paragraphs: recipients.some(recipient => recipient.retention)
      ? []
      : ['No retention period is declared in privacy.yml.'],
    ...(recipients.some(recipient => recipient.retention)
      ? {
          table: {
            headers: ['Recipient', 'Retention'],
            rows: recipients
              .filter(recipient => recipient.retention)
              .map(recipient => [recipient.name, recipient.retention ?? '']),
          },
        }
      : {}),
  });

  sections.push({
    id: 'cookies',
    title: 'Cookies',
    paragraphs: inventory.cookies.length === 0 ? ['The code writes no cookies.'] : [],
    ...(inventory.cookies.length > 0
      ? {
          table: {
            headers: ['Cookie', 'API', 'Essential', 'Consent check', 'Purpose', 'Personal data', 'Where'],
            rows: inventory.cookies.map(cookie => [
              cookie.name,
              cookie.api,
              cookie.deletion ? 'deletion' : cookie.essential ? 'yes' : 'no',
              cookie.consent ?? (cookie.essential || cookie.deletion ? '—' : 'none'),
              cookie.purpose ?? '—',
              cookie.categories.join(', ') || '—',
              `${cookie.file}:${cookie.line}`,
            ]),
          },
        }
      : {}),
  });

  const flows = inventory.flows.filter(
    flow => flow.categories.length > 0 || flow.data.length > 0 || flow.sanitized.length > 0,
  );
  sections.push({
    id: 'flows',
    title: 'Flows of personal data',
    paragraphs:
      flows.length === 0 ? ['No personal data reaches a log, browser storage, a URL, a cookie or a third party.'] : [],
    ...(flows.length > 0
      ? {
          table: {
            headers: ['Sink', 'API', 'Data', 'Categories', 'Status', 'Where'],
            rows: flows.map(flow => [
              flow.sink.kind,
              flow.sink.text,
              [
                ...flow.data.map(item => item.text),
                ...flow.sanitized.map(use => `${use.text} (via ${use.sanitizer})`),
              ].join('; '),
              flow.categories.join(', ') || '—',
              flow.reported ? 'reported' : 'allowed',
              `${flow.file}:${flow.line}`,
            ]),
            filters: flows.map(flow => ({ category: flow.categories.join(' '), file: flow.file })),
          },
        }
      : {}),
  });

  const unused = [
    ...inventory.unused.recipients.map(
      id => `Recipient \`${id}\` is declared in privacy.yml but the code never sends it anything.`,
    ),
    ...inventory.unused.categories.map(
      id => `Category \`${id}\` is declared in privacy.yml but never seen in the code.`,
    ),
  ];
  sections.push({
    id: 'unused',
    title: 'Declared but never seen in the code',
    paragraphs: unused.length > 0 ? unused : ['Nothing: every declaration has a trace in the code.'],
  });

  sections.push({
    id: 'findings',
    title: 'Findings',
    paragraphs: inventory.findings.length === 0 ? ['No findings.'] : [],
    ...(inventory.findings.length > 0
      ? {
          table: {
            headers: ['Where', 'Rule', 'Severity', 'Categories', 'Message'],
            rows: inventory.findings.map(finding => [
              `${finding.file}:${finding.line}:${finding.column}`,
              finding.ruleId,
              finding.baseline ? `${finding.severity} (baseline)` : finding.severity,
              finding.categories.join(', ') || '—',
              finding.message,
            ]),
            filters: inventory.findings.map(finding => ({
              rule: finding.ruleId,
              severity: finding.severity,
              category: finding.categories.join(' '),
              file: finding.file,
            })),
          },
        }
      : {}),
  });

  if (inventory.skipped.length > 0 || inventory.problems.length > 0) {
    sections.push({
      id: 'scan',
      title: 'What was not scanned',
      paragraphs: inventory.problems.map(problem =>
        `${problem.file ?? ''}${problem.line ? `:${problem.line}` : ''} ${problem.message}`.trim(),
      ),
      ...(inventory.skipped.length > 0
        ? {
            table: {
              headers: ['Path', 'Reason', 'Detail'],
              rows: inventory.skipped.map(entry => [entry.file, entry.reason, entry.detail ?? '']),
            },
          }
        : {}),
    });
  }
  return sections;
}
