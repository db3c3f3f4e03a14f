import type { FileAnalysis } from '../analysis/analyze.js';
import type { AnalysisEnvironment } from '../analysis/environment.js';
import type { Finding, FlowFact } from '../findings/finding.js';
import type { AcceptedException } from '../findings/policy.js';
import { maskLiterals } from '../findings/printable.js';
import { ruleIds } from '../findings/rules.js';
import {
  cookieDetailsOf,
  inventorySchemaVersion,
  sharingDetailsOf,
  type Inventory,
  type InventoryCategory,
  type InventoryCookie,
  type InventoryFinding,
  type InventoryFlow,
  type InventoryRecipient,
} from './schema.js';

export interface InventoryInput {
  readonly env: AnalysisEnvironment;
  readonly analyses: readonly FileAnalysis[];
  readonly toolVersion: string;
  /** From the manifest: who the controller is and whose data this is. */
  readonly controller?: Inventory['controller'];
  readonly manifestFile?: string | undefined;
  readonly dataSubjects?: readonly string[];
  readonly skipped?: readonly { file: string; reason: string; detail?: string | undefined }[];
  readonly problems?: readonly {
    file?: string | undefined;
    line?: number | undefined;
    column?: number | undefined;
    message: string;
    incomplete?: boolean | undefined;
  }[];
  /** ISO time, only when asked for (`--timestamp`): without it two runs give byte-identical output. */
  readonly generatedAt?: string | undefined;
  /** Fingerprints of findings accepted by a baseline. */
  readonly baseline?: ReadonlySet<string> | undefined;
  /** Findings accepted by comments in the code (see `applyPolicy`). */
  readonly exceptions?: readonly AcceptedException[] | undefined;
  /** The manifest's `security:` (GDPR Art. 30(1)(g)). */
  readonly security?: { readonly measures: readonly string[]; readonly document?: string | undefined } | undefined;
}

/** Builds the inventory from every file's analysis and the manifest: deterministic, sorted, paths relative. */
export function buildInventory(input: InventoryInput): Inventory {
  const { env } = input;
  const manifest = env.manifest;
  const analyses = [...input.analyses].sort((a, b) => compare(a.file, b.file));
  const flows = analyses
    .flatMap(analysis => analysis.flows)
    .map(toInventoryFlow)
    .sort(byLocation);
  const findings = analyses
    .flatMap(analysis => analysis.findings)
    .map(finding => toInventoryFinding(finding, input.baseline))
    .sort((a, b) => byLocation(a, b) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  const fields = analyses.flatMap(analysis => analysis.fields);
  const exceptions = (input.exceptions ?? [])
    .map(({ finding, reason, via, commentLine, commentFile }) => ({
      file: finding.file,
      line: finding.line,
      column: finding.column,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      categories: [...finding.categories],
      fingerprint: finding.fingerprint,
      via,
      ...(reason === undefined ? {} : { reason }),
      commentLine,
      ...(commentFile === undefined ? {} : { commentFile }),
    }))
    .sort((a, b) => byLocation(a, b) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));

  const declaredCategories = new Set([...manifest.recipients.values()].flatMap(recipient => recipient.categories));
  const categories: InventoryCategory[] = [];
  for (const def of env.knowledge.data.categories.categories) {
    const held = fields
      .filter(field => field.categories.includes(def.id))
      .map(field => ({
        symbol: field.symbol,
        categories: [...field.categories],
        declared: field.declared,
        evidence: field.evidence.map(plainEvidence),
        file: field.file,
        line: field.line,
        column: field.column,
      }));
    const carrying = flows.filter(flow => flow.categories.includes(def.id));
    const seenInCode = held.length > 0 || carrying.length > 0;
    const declared = declaredCategories.has(def.id);
    if (!seenInCode && !declared) continue;
    categories.push({
      id: def.id,
      fides: def.fides,
      title: def.title,
      sensitivity: def.sensitivity,
      fields: held,
      flows: carrying.length,
      sinks: [...new Set(carrying.map(flow => flow.sink.kind))].sort(),
      declared,
      seenInCode,
    });
  }

  const recipients = collectRecipients(flows, env);
  const cookies = collectCookies(flows, manifest);
  const bySeverity = { error: 0, warning: 0 };
  const byRule: Record<string, number> = Object.fromEntries(ruleIds.map(id => [id, 0]));
  for (const finding of findings) {
    if (finding.baseline) continue;
    bySeverity[finding.severity]++;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  }
  const problems = [...(input.problems ?? []), ...analyses.flatMap(analysis => analysis.problems)]
    .map(problem => ({
      ...(problem.file === undefined ? {} : { file: problem.file }),
      ...(problem.line === undefined ? {} : { line: problem.line }),
      ...(problem.column === undefined ? {} : { column: problem.column }),
      message: problem.message,
      ...(problem.incomplete ? { incomplete: true } : {}),
    }))
    .sort(
      (a, b) => compare(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message),
    );

  return {
    schemaVersion: inventorySchemaVersion,
    tool: { name: 'privlint', version: input.toolVersion },
    ...(input.generatedAt === undefined ? {} : { generatedAt: input.generatedAt }),
    ...(input.controller === undefined ? {} : { controller: input.controller }),
    ...(input.manifestFile === undefined ? {} : { manifest: input.manifestFile }),
    dataSubjects: [...(input.dataSubjects ?? [])],
    security: securityMeasures(input.security, flows),
    summary: {
      files: analyses.length,
      skipped: input.skipped?.length ?? 0,
      categories: categories.filter(category => category.seenInCode).length,
      specialCategories: categories.filter(category => category.seenInCode && category.sensitivity === 'special')
        .length,
      flows: flows.length,
      recipients: recipients.filter(recipient => recipient.seenInCode).length,
      findings: bySeverity.error + bySeverity.warning,
      exceptions: exceptions.length,
      // Fail closed: an analysis that did not complete never reads as clean, in any report.
      incomplete: new Set(problems.filter(problem => problem.incomplete).map(problem => problem.file ?? '')).size,
      bySeverity,
      byRule,
    },
    categories,
    flows,
    recipients,
    cookies,
    unused: {
      recipients: recipients
        .filter(recipient => recipient.declared && !recipient.seenInCode)
        .map(recipient => recipient.id),
      categories: categories.filter(category => category.declared && !category.seenInCode).map(category => category.id),
    },
    findings,
    exceptions,
    skipped: [...(input.skipped ?? [])]
      .map(entry => ({
        file: entry.file,
        reason: entry.reason,
        ...(entry.detail === undefined ? {} : { detail: entry.detail }),
      }))
      .sort((a, b) => compare(a.file, b.file)),
    problems,
  };
}

function collectRecipients(flows: readonly InventoryFlow[], env: AnalysisEnvironment): InventoryRecipient[] {
  const byId = new Map<string, InventoryRecipient>();
  const catalogue = new Map(env.knowledge.data.recipients.recipients.map(recipient => [recipient.id, recipient]));
  for (const declared of env.manifest.recipients.values()) {
    const known = catalogue.get(declared.id);
    byId.set(declared.id, {
      id: declared.id,
      name: declared.name ?? known?.name ?? declared.id,
      ...(known ? { kind: known.kind } : {}),
      declared: true,
      seenInCode: false,
      purposes: [...declared.purposes],
      declaredCategories: [...declared.categories],
      categories: [],
      ...(declared.legalBasis === undefined ? {} : { legalBasis: declared.legalBasis }),
      ...(declared.retention === undefined ? {} : { retention: declared.retention }),
      transfers: [...declared.transfers],
      ...(declared.safeguards === undefined ? {} : { safeguards: declared.safeguards }),
      locations: [],
    });
  }
  for (const flow of flows) {
    const details = sharingDetailsOf(flow);
    if (flow.sink.kind !== 'third-party') continue;
    const id = details?.recipient ?? flow.sink.api;
    const existing = byId.get(id) ?? {
      id,
      name: details?.recipientName ?? id,
      ...(details?.kind === undefined ? {} : { kind: details.kind }),
      declared: false,
      seenInCode: false,
      purposes: [],
      declaredCategories: [],
      categories: [],
      transfers: [],
      locations: [],
    };
    const kind = existing.kind ?? details?.kind;
    // A declaration without `name` shows the vendor's name the catalogue knows (`openai` -> OpenAI).
    const declaredName = env.manifest.recipients.get(id)?.name;
    const name = declaredName ?? details?.recipientName ?? existing.name;
    byId.set(id, {
      ...existing,
      name,
      ...(kind === undefined ? {} : { kind }),
      seenInCode: true,
      // Where an undeclared vendor usually processes data, until the manifest says.
      transfers:
        existing.declared || details === undefined
          ? existing.transfers
          : [...new Set([...existing.transfers, ...details.transfers])].sort(),
      categories: [...new Set([...existing.categories, ...flow.categories])].sort(),
      locations: [...existing.locations, { file: flow.file, line: flow.line, column: flow.column }],
    });
  }
  return [...byId.values()].sort((a, b) => compare(a.id, b.id));
}

/** What the record says about security: the declared measures, and the sanitizers the code is seen to apply. */
function securityMeasures(
  declared: InventoryInput['security'],
  flows: readonly InventoryFlow[],
): Inventory['security'] {
  const uses = new Map<string, number>();
  for (const flow of flows) {
    for (const sanitizer of new Set(flow.sanitized.map(use => use.sanitizer)))
      uses.set(sanitizer, (uses.get(sanitizer) ?? 0) + 1);
  }
  return {
    measures: [...(declared?.measures ?? [])],
    ...(declared?.document === undefined ? {} : { document: declared.document }),
    sanitizers: [...uses].map(([name, count]) => ({ name, flows: count })).sort((a, b) => compare(a.name, b.name)),
  };
}

function collectCookies(flows: readonly InventoryFlow[], manifest: AnalysisEnvironment['manifest']): InventoryCookie[] {
  const cookies: InventoryCookie[] = [];
  for (const flow of flows) {
    const details = cookieDetailsOf(flow);
    if (!details) continue;
    const optional = <K extends keyof typeof details>(key: K): { [P in K]?: (typeof details)[K] } =>
      (details[key] === undefined ? {} : { [key]: details[key] }) as { [P in K]?: (typeof details)[K] };
    cookies.push({
      file: flow.file,
      line: flow.line,
      column: flow.column,
      name: details.name,
      api: flow.sink.api,
      essential: details.essential,
      ...optional('essentialBasis'),
      ...optional('essentialReason'),
      ...(details.preference ? { preference: true } : {}),
      deletion: details.deletion,
      ...optional('consent'),
      ...optional('purpose'),
      ...optional('lifetime'),
      ...optional('lifetimeSeconds'),
      ...optional('lifetimeSource'),
      ...optional('tag'),
      ...optional('vendor'),
      ...(details.cookies ? { cookies: [...details.cookies] } : {}),
      ...optional('cookiesOff'),
      ...optional('nameUnknown'),
      categories: flow.categories.slice(),
      reported: flow.reported,
      // A purpose the catalogue knows (`_ga`), or an essential cookie privlint only infers, is not a disclosure:
      // only privacy.yml's own words are.
      declared: details.essentialBasis === 'declared' || manifest.cookiePurpose(details.name) !== undefined,
    });
  }
  return cookies;
}

function toInventoryFlow(flow: FlowFact): InventoryFlow {
  return {
    file: flow.file,
    line: flow.line,
    column: flow.column,
    endLine: flow.endLine,
    endColumn: flow.endColumn,
    sink: { ...flow.sink },
    categories: [...flow.categories],
    data: flow.items.map(item => ({
      text: item.text,
      categories: [...item.categories],
      fields: [...item.fields],
      declared: item.declared,
      evidence: item.evidence.map(plainEvidence),
      steps: [...item.steps],
      file: item.file,
      line: item.line,
    })),
    sanitized: flow.sanitized.map(use => ({
      text: use.text,
      sanitizer: use.sanitizer,
      categories: [...use.categories],
    })),
    ruleId: flow.ruleId,
    reported: flow.reported,
    ...(flow.details === undefined ? {} : { details: maskedDetails(flow.details) }),
  };
}

/**
 * A flow's details as the inventory keeps them: a cookie named `jane@example.com` is literal personal data from the
 * code, and the inventory never holds any (every report, `init`'s comments included, is built from it).
 */
function maskedDetails<T extends NonNullable<FlowFact['details']>>(details: T): T {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? maskLiterals(value) : value]),
  ) as T;
}

function toInventoryFinding(finding: Finding, baseline: ReadonlySet<string> | undefined): InventoryFinding {
  return {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    categories: [...finding.categories],
    evidence: finding.evidence.map(plainEvidence),
    ...(finding.sink ? { sink: { ...finding.sink } } : {}),
    fingerprint: finding.fingerprint,
    ...(baseline?.has(finding.fingerprint) ? { baseline: true } : {}),
  };
}

/** Drops `undefined` members so the JSON is the same however the evidence was built. */
function plainEvidence(
  evidence: FileAnalysis['fields'][number]['evidence'][number],
): InventoryFinding['evidence'][number] {
  return {
    source: evidence.source,
    category: evidence.category,
    symbol: evidence.symbol,
    ...(evidence.file === undefined ? {} : { file: evidence.file }),
    ...(evidence.line === undefined ? {} : { line: evidence.line }),
    detail: evidence.detail,
  };
}

function byLocation(
  a: { file: string; line: number; column: number },
  b: { file: string; line: number; column: number },
): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Code-point order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Recipients the manifest declares that no flow in the code reaches: the other direction of "the manifest and the
 * code agree" (a declaration to review, or a vendor the code stopped using).
 */
export function recipientsNeverSeen(flows: readonly FlowFact[], manifest: AnalysisEnvironment['manifest']): string[] {
  const seen = new Set(
    flows
      .filter(flow => flow.sink.kind === 'third-party')
      .map(flow => sharingDetailsOf(flow)?.recipient ?? flow.sink.api),
  );
  return [...manifest.recipients.keys()].filter(id => !seen.has(id)).sort();
}
