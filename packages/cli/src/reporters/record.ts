import { defaultKnowledge, outsideEea, type Inventory, type TransferPlace } from '@privlint/core';

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
  /** 3 for a part of the section before it (the parts of "What needs attention"); 2 otherwise. */
  readonly level?: 2 | 3 | undefined;
  readonly paragraphs: readonly string[];
  /** A list after the paragraphs; `target` is the id of the section an item is about. */
  readonly list?:
    | readonly { readonly text: string; readonly target?: string | undefined; readonly clear?: boolean | undefined }[]
    | undefined;
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
  sections.push(...attentionSections(inventory));
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
      filters: recipients.map(recipient => ({
        category: [...new Set([...recipient.categories, ...recipient.declaredCategories])].join(' '),
        file: [...new Set(recipient.locations.map(location => location.file))].join(' '),
      })),
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
            headers: ['Recipient', 'Countries', 'Adequacy decision', 'Safeguards', 'Declared'],
            rows: transfers.map(recipient => [
              recipient.name,
              recipient.transfers.join(', '),
              adequacyOf(outsideEea(recipient.transfers)),
              recipient.safeguards ?? '—',
              recipient.declared ? 'yes' : 'no (vendor default)',
            ]),
            filters: transfers.map(recipient => ({ category: recipient.categories.join(' ') })),
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

  sections.push(securitySection(inventory));

  sections.push({
    id: 'cookies',
    title: 'Cookies',
    paragraphs: inventory.cookies.length === 0 ? ['The code writes no cookies.'] : [],
    ...(inventory.cookies.length > 0
      ? {
          table: {
            headers: [
              'Cookie',
              'API',
              'Essential',
              'Consent check',
              'Purpose',
              'Lifetime',
              'In privacy.yml',
              'Personal data',
              'Where',
            ],
            rows: inventory.cookies.map(cookie => [
              cookie.name,
              cookie.api,
              cookie.deletion
                ? 'deletion'
                : cookie.essentialBasis === 'inferred'
                  ? `essential (inferred: ${cookie.essentialReason ?? 'strictly necessary'})`
                  : cookie.essential
                    ? 'yes'
                    : cookie.cookiesOff
                      ? `no cookies (${cookie.cookiesOff})`
                      : 'no',
              cookie.consent ?? (cookie.essential || cookie.deletion || cookie.cookiesOff ? '—' : 'none'),
              cookie.purpose ?? '—',
              cookie.lifetime === undefined
                ? '—'
                : cookie.lifetimeSource === 'default'
                  ? `${cookie.lifetime} (default)`
                  : cookie.lifetime,
              cookie.declared === undefined ? '—' : cookie.declared ? 'yes' : 'no',
              cookie.categories.join(', ') || '—',
              `${cookie.file}:${cookie.line}`,
            ]),
            filters: inventory.cookies.map(cookie => ({ category: cookie.categories.join(' '), file: cookie.file })),
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

  sections.push(exceptionsSection(inventory));

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

/**
 * What a privacy officer should look at first, each with where it is: recipients the code reaches that privacy.yml
 * does not declare, special categories of data (Art. 9), transfers outside the EEA and their safeguards, cookies
 * privacy.yml does not disclose, and the findings the code accepts with a comment, with their reasons.
 */
export function attentionSections(inventory: Inventory): Section[] {
  // Only where personal data goes: an undeclared call that carries none (a health check) is not for the record.
  const undeclared = inventory.recipients.filter(
    recipient => recipient.seenInCode && !recipient.declared && recipient.categories.length > 0,
  );
  const special = inventory.categories.filter(category => category.seenInCode && category.sensitivity === 'special');
  const transfers = inventory.recipients
    .filter(recipient => recipient.declared || (recipient.seenInCode && recipient.categories.length > 0))
    .map(recipient => ({ recipient, places: outsideEea(recipient.transfers) }))
    .filter(({ places }) => places.length > 0);
  const unsafeguarded = transfers.filter(
    ({ recipient, places }) => recipient.safeguards === undefined && places.some(place => !fullyAdequate(place)),
  );
  const cookies = inventory.cookies.filter(cookie => !cookie.deletion && cookie.declared === false);
  const exceptions = inventory.exceptions;
  const recipientsOf = (category: string): string =>
    inventory.recipients
      .filter(recipient => recipient.categories.includes(category))
      .map(recipient => recipient.name)
      .join(', ') || '—';
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    {
      id: 'attention',
      title: 'What needs attention',
      paragraphs: [
        ...(inventory.manifest === undefined
          ? ['There is no privacy.yml: nothing the code does is declared yet (`privlint init` writes a first one).']
          : []),
        `${count(inventory.summary.findings, 'finding', 'findings')} in all (see Findings); for the record of processing:`,
      ],
      list: [
        {
          text: count(undeclared.length, 'recipient not declared', 'recipients not declared'),
          target: 'attention-recipients',
          clear: undeclared.length === 0,
        },
        {
          text: count(special.length, 'special category of data (Art. 9)', 'special categories of data (Art. 9)'),
          target: 'attention-special',
          clear: special.length === 0,
        },
        {
          text: `${count(transfers.length, 'recipient', 'recipients')} outside the EEA, ${unsafeguarded.length} without a declared safeguard`,
          target: 'attention-transfers',
          clear: unsafeguarded.length === 0,
        },
        {
          text: count(cookies.length, 'cookie not disclosed', 'cookies not disclosed'),
          target: 'attention-cookies',
          clear: cookies.length === 0,
        },
        {
          text: count(exceptions.length, 'finding accepted in the code', 'findings accepted in the code'),
          target: 'attention-exceptions',
          clear: exceptions.length === 0,
        },
      ],
    },
    {
      id: 'attention-recipients',
      level: 3,
      title: 'Recipients not declared in privacy.yml',
      paragraphs:
        undeclared.length === 0
          ? ['Every third party the code sends personal data to is declared.']
          : ['The code sends personal data to them, but privacy.yml gives no purpose, legal basis or retention.'],
      ...(undeclared.length > 0
        ? {
            table: {
              headers: ['Recipient', 'Kind', 'Categories sent', 'Where'],
              rows: undeclared.map(recipient => [
                recipient.name,
                recipient.kind ?? '—',
                recipient.categories.join(', ') || '—',
                where(recipient.locations),
              ]),
              filters: undeclared.map(recipient => ({
                category: recipient.categories.join(' '),
                file: [...new Set(recipient.locations.map(location => location.file))].join(' '),
              })),
            },
          }
        : {}),
    },
    {
      id: 'attention-special',
      level: 3,
      title: 'Special categories of personal data (Art. 9)',
      paragraphs:
        special.length === 0
          ? ['None found in the code.']
          : ['Processing them needs a condition of Art. 9(2) as well as a legal basis, and usually a DPIA (Art. 35).'],
      ...(special.length > 0
        ? {
            table: {
              headers: ['Category', 'Held in', 'Flows to', 'Recipients'],
              rows: special.map(category => [
                category.title,
                where(category.fields.map(field => ({ file: `${field.symbol} ${field.file}`, line: field.line }))),
                category.sinks.join(', ') || '—',
                recipientsOf(category.id),
              ]),
              filters: special.map(category => ({ category: category.id })),
            },
          }
        : {}),
    },
    {
      id: 'attention-transfers',
      level: 3,
      title: 'Transfers outside the EEA',
      paragraphs:
        transfers.length === 0
          ? ['No recipient is declared or known to process data outside the EEA.']
          : [
              'A transfer needs an adequacy decision (within its scope) or a safeguard of Art. 46 (SCCs, BCRs); declare it as `safeguards:` of the recipient.',
            ],
      ...(transfers.length > 0
        ? {
            table: {
              headers: ['Recipient', 'Countries', 'Adequacy decision', 'Safeguards declared', 'Categories'],
              rows: transfers.map(({ recipient, places }) => [
                recipient.name,
                places.map(place => place.place).join(', '),
                adequacyOf(places),
                recipient.safeguards ?? (places.every(fullyAdequate) ? '— (not needed)' : 'none'),
                recipient.categories.join(', ') || recipient.declaredCategories.join(', ') || '—',
              ]),
              filters: transfers.map(({ recipient }) => ({
                category: [...new Set([...recipient.categories, ...recipient.declaredCategories])].join(' '),
              })),
            },
          }
        : {}),
    },
    {
      id: 'attention-cookies',
      level: 3,
      title: 'Cookies privacy.yml does not disclose',
      paragraphs:
        cookies.length === 0
          ? ['Every cookie the code writes is named in privacy.yml (essential, or with its purpose).']
          : [
              'The code writes them, but privacy.yml names them neither as essential nor with a purpose (`cookies.purposes`), so a cookie notice built from it would miss them.',
            ],
      ...(cookies.length > 0
        ? {
            table: {
              headers: ['Cookie', 'Consent check', 'Personal data', 'Where'],
              rows: cookies.map(cookie => [
                cookie.name,
                cookie.consent ?? 'none',
                cookie.categories.join(', ') || '—',
                `${cookie.file}:${cookie.line}`,
              ]),
              filters: cookies.map(cookie => ({ category: cookie.categories.join(' '), file: cookie.file })),
            },
          }
        : {}),
    },
    {
      id: 'attention-exceptions',
      level: 3,
      title: 'Findings accepted in the code',
      paragraphs:
        exceptions.length === 0
          ? ['No finding is accepted by a comment in the code.']
          : ['Each was accepted by a developer with a comment; check that the reason holds.'],
      ...(exceptions.length > 0 ? { table: exceptionsTable(inventory) } : {}),
    },
  ];
}

/** Whether the third countries of a transfer have an adequacy decision; the country is named when there are several. */
function adequacyOf(places: readonly TransferPlace[]): string {
  if (places.length === 0) return '— (EEA only)';
  const text = (place: TransferPlace): string =>
    place.adequacy === undefined ? 'none' : place.adequacy.scope === undefined ? 'yes' : `only ${place.adequacy.scope}`;
  return places.length === 1 ? text(places[0]!) : places.map(place => `${place.place}: ${text(place)}`).join('; ');
}

/** An adequacy decision without a scope covers every recipient in the country; a scoped one only some. */
function fullyAdequate(place: TransferPlace): boolean {
  return place.adequacy !== undefined && place.adequacy.scope === undefined;
}

function exceptionsTable(inventory: Inventory): Table {
  return {
    headers: ['Where', 'Rule', 'Categories', 'Reason', 'Accepted by'],
    rows: inventory.exceptions.map(exception => [
      `${exception.file}:${exception.line}`,
      exception.ruleId,
      exception.categories.join(', ') || '—',
      exception.reason ?? 'no reason given',
      acceptedBy(exception),
    ]),
    filters: inventory.exceptions.map(exception => ({
      rule: exception.ruleId,
      category: exception.categories.join(' '),
      file: exception.file,
    })),
  };
}

/** The full list of accepted exceptions, with what each finding said. */
function exceptionsSection(inventory: Inventory): Section {
  const exceptions = inventory.exceptions;
  return {
    id: 'exceptions',
    title: 'Accepted exceptions',
    paragraphs:
      exceptions.length === 0 ? ['None: no `privlint-ignore` or ESLint disable comment accepts a finding.'] : [],
    ...(exceptions.length > 0
      ? {
          table: {
            headers: ['Where', 'Rule', 'The finding', 'Reason', 'Accepted by'],
            rows: exceptions.map(exception => [
              `${exception.file}:${exception.line}`,
              exception.ruleId,
              exception.message,
              exception.reason ?? 'no reason given',
              acceptedBy(exception),
            ]),
            filters: exceptionsTable(inventory).filters,
          },
        }
      : {}),
  };
}

const acceptedBy = (exception: Inventory['exceptions'][number]): string =>
  exception.via === 'privlint-ignore'
    ? `\`privlint-ignore\` (line ${exception.commentLine})`
    : `ESLint disable comment (line ${exception.commentLine})`;

/** GDPR Art. 30(1)(g): the general description of security measures, as declared, and what the code shows. */
function securitySection(inventory: Inventory): Section {
  const security = inventory.security ?? { measures: [], sanitizers: [] };
  const paragraphs: string[] = [];
  if (security.measures.length === 0)
    paragraphs.push('Not declared: add `security: { measures: [...] }` to privacy.yml (Art. 30(1)(g), Art. 32).');
  if (security.document) paragraphs.push(`The full description: ${security.document}.`);
  paragraphs.push(
    security.sanitizers.length === 0
      ? 'In the code: no sanitizer is applied to personal data before it reaches a log, storage, a URL or a third party.'
      : `In the code: personal data is masked or pseudonymised before it reaches a sink by ${security.sanitizers
          .map(sanitizer => `\`${sanitizer.name}\` (${sanitizer.flows} flow${sanitizer.flows === 1 ? '' : 's'})`)
          .join(', ')}.`,
  );
  return {
    id: 'security',
    title: 'Security measures (Art. 30(1)(g))',
    paragraphs,
    ...(security.measures.length > 0
      ? {
          table: {
            headers: ['Technical and organisational measure'],
            rows: security.measures.map(measure => [measure]),
          },
        }
      : {}),
  };
}
