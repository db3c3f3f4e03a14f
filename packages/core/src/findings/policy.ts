/**
 * The rule policy: which rules run, with which options and severity, and which findings the code itself accepts
 * (`// privlint-ignore <rule> -- reason`, and ESLint's own disable comments). One pure pass over a file's findings
 * and its comments, run by the scanner for every file and by the ESLint adapter, so the editor and CI cannot disagree.
 */
import { createHash } from 'node:crypto';
import type TS from 'typescript';
import { z } from 'zod';
import { closest as closestWord } from '../names/closest.js';
import type { Finding } from './finding.js';
import { formatMessage, ruleIds, ruleMeta, type RuleId } from './rules.js';

/** A rule's level: ESLint's words (`warn`) and SARIF's (`warning`) are both accepted in `privacy.yml`. */
export type RuleLevel = 'error' | 'warning' | 'off';
export type Preset = 'recommended' | 'strict' | 'all';
export const presets: readonly Preset[] = ['recommended', 'strict', 'all'];

const levelSchema = z
  .enum(['error', 'warn', 'warning', 'off'])
  .describe('`error`, `warn` (or `warning`) or `off`, as in ESLint.');

const categoryAllow = z
  .array(z.string().min(1))
  .optional()
  .describe('Categories this rule never reports (short ids such as `ip-address`, or fideslang keys).');

/**
 * The options of each rule: the ESLint rules' `meta.schema` and `privacy.yml` `rules:` are both made from these. A
 * data rule takes `allow` (categories); the others say here what they take instead.
 */
const optionsOf: Partial<Record<RuleId, z.ZodObject>> = {
  'require-cookie-consent': z.strictObject({
    allow: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Cookie names (or `prefix*` globs) never reported, for a lint setup without a privacy.yml; prefer declaring them in `cookies.essential`.',
      ),
    requireDeclaredEssential: z
      .boolean()
      .optional()
      .describe(
        'Report cookies that read as strictly necessary (session, CSRF, sign-in flow, load balancer, consent choice) until privacy.yml declares them in `cookies.essential`. On in `strict`.',
      ),
    checkDefaultLifetimes: z
      .boolean()
      .optional()
      .describe(
        'Report tags whose cookies outlive 13 months (or `cookies.retention`) by their vendor’s default, which the vendor’s own settings may change outside the code. On in `strict`.',
      ),
  }),
  'no-hardcoded-pii': z.strictObject({
    allow: categoryAllow,
    allowDomains: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Email domains that are not personal (your own support addresses, a staging domain); subdomains included.',
      ),
  }),
};

export const ruleOptionSchemas = Object.fromEntries(
  ruleIds.map(id => [id, optionsOf[id] ?? z.strictObject({ allow: categoryAllow })]),
) as Record<RuleId, z.ZodObject>;

/** What every rule option may hold; each rule reads only its own keys. */
export interface RuleOptions {
  readonly allow?: readonly string[] | undefined;
  readonly allowDomains?: readonly string[] | undefined;
  readonly requireDeclaredEssential?: boolean | undefined;
  readonly checkDefaultLifetimes?: boolean | undefined;
}

/**
 * Boolean options that turn on messages which are off by default, and the presets that set them: the finding is
 * dropped unless the option is true.
 */
const gatedMessages: Partial<
  Record<RuleId, Record<string, { messages: readonly string[]; presets: readonly Preset[] }>>
> = {
  'require-cookie-consent': {
    requireDeclaredEssential: { messages: ['essentialNotDeclared'], presets: ['strict'] },
    checkDefaultLifetimes: { messages: ['tagDefaultOutlivesLimit'], presets: ['strict'] },
  },
};

/** Whether a message is one an option keeps off in the default preset (`essentialNotDeclared` outside `strict`). */
export function isOffByDefault(ruleId: RuleId, messageId: string): boolean {
  const options = presetOptions(ruleId, defaultPreset) as Record<string, unknown>;
  return Object.entries(gatedMessages[ruleId] ?? {}).some(
    ([option, gate]) => gate.messages.includes(messageId) && options[option] !== true,
  );
}

/** The options a preset sets for a rule (`strict` makes `require-cookie-consent` ask for declared essentials). */
export function presetOptions(id: RuleId, preset: Preset): RuleOptions {
  const gates = gatedMessages[id] ?? {};
  return Object.fromEntries(
    Object.entries(gates)
      .filter(([, gate]) => gate.presets.includes(preset))
      .map(([option]) => [option, true]),
  ) as RuleOptions;
}

/** The JSON Schema of a rule's options, for ESLint's `meta.schema` (draft-04, which ESLint's Ajv reads). */
export function ruleOptionsJsonSchema(id: RuleId): Record<string, unknown> {
  const { $schema: _schema, ...json } = z.toJSONSchema(ruleOptionSchemas[id], { target: 'draft-4', io: 'input' });
  return json;
}

function settingSchema(id: RuleId) {
  return z
    .union([levelSchema, z.tuple([levelSchema]), z.tuple([levelSchema, ruleOptionSchemas[id]])])
    .optional()
    .describe(`${ruleMeta(id).description}: a level, or \`[level, { …options }]\`.`);
}

/** A rule in `privacy.yml` `rules:`: a level, or ESLint's `[level, options]`. */
export const ruleSettingSchemas = Object.fromEntries(ruleIds.map(id => [id, settingSchema(id)])) as Record<
  RuleId,
  ReturnType<typeof settingSchema>
>;

export type RuleSettingInput =
  | 'error'
  | 'warn'
  | 'warning'
  | 'off'
  | readonly ['error' | 'warn' | 'warning' | 'off']
  | readonly ['error' | 'warn' | 'warning' | 'off', Record<string, unknown>];

export interface RuleSetting {
  readonly level: RuleLevel;
  readonly options: RuleOptions;
  /** Whether `privacy.yml` set it (else it is the preset's). */
  readonly fromManifest: boolean;
}

export type RulePolicy = ReadonlyMap<RuleId, RuleSetting>;

/**
 * A rule's level in a preset: its own severity (one truth for the ESLint presets and the CLI) when the preset holds
 * it, else `off`. `recommended` ⊂ `strict` ⊂ `all`.
 */
export function presetLevel(id: RuleId, preset: Preset): RuleLevel {
  const meta = ruleMeta(id);
  if (preset === 'recommended' && meta.preset !== 'recommended') return 'off';
  return meta.severity;
}

function normalizeLevel(level: string): RuleLevel {
  return level === 'warn' ? 'warning' : (level as RuleLevel);
}

/**
 * The preset of a project that names none: `recommended`, as ESLint's `configs.recommended`: what every project
 * should hold to. Strictly necessary cookies are quiet there (the ePrivacy exemption is law, not a preference), and
 * literals in source code are `strict`'s business.
 */
export const defaultPreset: Preset = 'recommended';

/** The policy of a manifest: its preset (`recommended` unless it names another) with its `rules:` on top. */
export function rulePolicy(
  manifest: { readonly preset?: Preset | undefined; readonly rules?: Partial<Record<RuleId, RuleSettingInput>> } = {},
): RulePolicy {
  const preset = manifest.preset ?? defaultPreset;
  const policy = new Map<RuleId, RuleSetting>();
  for (const id of ruleIds) {
    const input = manifest.rules?.[id];
    if (input === undefined) {
      policy.set(id, { level: presetLevel(id, preset), options: presetOptions(id, preset), fromManifest: false });
      continue;
    }
    const [level, options] = typeof input === 'string' ? [input, {}] : [input[0], input[1] ?? {}];
    policy.set(id, { level: normalizeLevel(level), options: options as RuleOptions, fromManifest: true });
  }
  return policy;
}

/** A finding the code accepts with a comment: not reported, but listed in the inventory with its reason. */
export interface AcceptedException {
  readonly finding: Finding;
  /** The reason written after `--`; ESLint disable comments may give none. */
  readonly reason?: string | undefined;
  readonly via: 'privlint-ignore' | 'eslint-disable';
  /** Where the comment is (1-based). */
  readonly commentLine: number;
  /** The file of the comment when it is not the finding's: a comment at a sink reached through a function. */
  readonly commentFile?: string | undefined;
}

export interface RulePolicyInput {
  readonly ts: typeof TS;
  readonly sourceFile: TS.SourceFile;
  /** The file as reports name it (relative, POSIX). */
  readonly file: string;
  /** The analysis' findings of every rule. */
  readonly findings: readonly Finding[];
  readonly policy: RulePolicy;
  /** Resolves a category word (`email`, a fideslang key) to category ids, for `allow`. */
  readonly resolveCategory: (word: string) => readonly string[];
  /**
   * Honour `eslint-disable…` comments for privlint rules. The CLI does; in the editor ESLint applies its own
   * comments itself.
   */
  readonly eslintComments: boolean;
  /**
   * Whether the file is test code (specs, e2e suites, fixtures, seeds, stories, mocks: see `isTestCode`) and whether
   * `privacy.yml` `testCode.check` asks for its findings. Test code runs on made-up data: by default it is not
   * processing, and its findings are not reported.
   */
  readonly testCode?: { readonly isTest: boolean; readonly check: boolean } | undefined;
}

export interface RulePolicyResult {
  /** The findings to report: enabled rules, options applied, severities set, suppressions removed, sorted. */
  readonly findings: readonly Finding[];
  readonly exceptions: readonly AcceptedException[];
}

/** Applies the policy to one file's findings. */
export function applyPolicy(input: RulePolicyInput): RulePolicyResult {
  const { policy } = input;
  const quietTestCode = input.testCode?.isTest === true && !input.testCode.check;
  const directives = readDirectives(input.ts, input.sourceFile, input.eslintComments);
  const reported: Finding[] = [];
  const exceptions: AcceptedException[] = [];
  for (const finding of [...input.findings, ...directiveFindings(input, directives)]) {
    const setting = policy.get(finding.ruleId);
    if (!setting || setting.level === 'off') continue;
    if (quietTestCode && !isPolicyFinding(finding)) continue;
    if (!isPolicyFinding(finding) && optionsSkip(finding, setting.options, input.resolveCategory)) continue;
    const withLevel = finding.severity === setting.level ? finding : { ...finding, severity: setting.level };
    const suppression = isPolicyFinding(finding) ? undefined : suppressionOf(directives, finding);
    if (suppression) {
      exceptions.push({
        finding: withLevel,
        reason: suppression.reason,
        via: suppression.via,
        commentLine: suppression.line,
      });
    } else if (finding.accepted) {
      // Accepted at the sink it reaches through a function, by a comment there.
      exceptions.push({
        finding: withLevel,
        reason: finding.accepted.reason,
        via: finding.accepted.via,
        commentLine: finding.accepted.line,
        commentFile: finding.accepted.file,
      });
    } else {
      reported.push(withLevel);
    }
  }
  reported.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings: reported, exceptions };
}

/** Message ids of the findings the policy itself makes (about comments), in every rule's messages. */
export const policyMessageIds = ['ignoreWithoutReason', 'unknownRuleInComment'] as const;

function isPolicyFinding(finding: Finding): boolean {
  return (policyMessageIds as readonly string[]).includes(finding.messageId);
}

/**
 * Whether a rule's options drop a finding: `allow` lists categories for the data rules (a finding is dropped when
 * every category it carries is allowed) and cookie names or globs for `require-cookie-consent`; `allowDomains` lists
 * email domains (subdomains included) for `no-hardcoded-pii`.
 */
export function optionsSkip(
  finding: Finding,
  options: RuleOptions,
  resolveCategory: (word: string) => readonly string[],
): boolean {
  const gates = gatedMessages[finding.ruleId] ?? {};
  for (const [option, gate] of Object.entries(gates)) {
    if (gate.messages.includes(finding.messageId) && (options as Record<string, unknown>)[option] !== true) return true;
  }
  if (finding.ruleId === 'require-cookie-consent') {
    const name = finding.data['name'] ?? '';
    return (options.allow ?? []).some(glob => globMatches(glob, name));
  }
  const allowed = new Set((options.allow ?? []).flatMap(word => resolveCategory(word)));
  if (allowed.size > 0 && finding.categories.length > 0 && finding.categories.every(id => allowed.has(id))) {
    return true;
  }
  if (finding.ruleId === 'no-hardcoded-pii' && options.allowDomains && options.allowDomains.length > 0) {
    const domain = (finding.data['domain'] ?? '').toLowerCase();
    const domains = options.allowDomains.map(entry => entry.toLowerCase().replace(/^\.|^\*\./u, ''));
    return domain !== '' && domains.some(allowed => domain === allowed || domain.endsWith(`.${allowed}`));
  }
  return false;
}

function globMatches(glob: string, name: string): boolean {
  const source = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'u').test(name);
}

/** One comment that suppresses findings, or that is wrong (no reason, unknown rule). */
interface Directive {
  readonly via: 'privlint-ignore' | 'eslint-disable';
  /** `line`: these lines only; `range`: from `line` until a matching `eslint-enable` (or the end). */
  readonly scope: 'lines' | 'range';
  readonly fromLine: number;
  /** Inclusive; for a range, where the enable comment is (or Infinity). */
  readonly toLine: number;
  /** Rules it names, known ones only; empty means every privlint rule. */
  readonly rules: readonly RuleId[];
  readonly unknown: readonly string[];
  readonly reason?: string | undefined;
  /** The comment itself, for findings about it. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function suppressionOf(
  directives: readonly Directive[],
  finding: Pick<Finding, 'line' | 'ruleId'>,
): Directive | undefined {
  return directives.find(
    directive =>
      // A privlint-ignore without a reason accepts nothing: it is reported instead.
      !(directive.via === 'privlint-ignore' && directive.reason === undefined) &&
      finding.line >= directive.fromLine &&
      finding.line <= directive.toLine &&
      (directive.rules.length === 0 ? directive.unknown.length === 0 : directive.rules.includes(finding.ruleId)),
  );
}

/**
 * The comment that accepts a rule's findings at a line of a file, read the same way in the editor and in CI
 * (privlint-ignore and ESLint's disable comments alike): for a sink that callers reach through a function, a comment
 * at the sink accepts the flows of every caller, since ESLint cannot apply a comment in one file to another.
 */
export function acceptanceAt(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  line: number,
  ruleId: RuleId,
): { reason?: string | undefined; via: 'privlint-ignore' | 'eslint-disable'; commentLine: number } | undefined {
  const directive = suppressionOf(readDirectives(ts, sourceFile, true), { line, ruleId });
  return directive ? { reason: directive.reason, via: directive.via, commentLine: directive.line } : undefined;
}

const privlintPrefix = 'privlint/';

/** The findings about comments: a privlint-ignore without a reason, and rule ids that do not exist. */
function directiveFindings(input: RulePolicyInput, directives: readonly Directive[]): Finding[] {
  const findings: Finding[] = [];
  const make = (directive: Directive, ruleId: RuleId, messageId: string, data: Record<string, string>): Finding => {
    const template = ruleMeta(ruleId).messages[messageId] ?? messageId;
    const fingerprint = createHash('sha256')
      .update([ruleId, input.file, messageId, directive.text, directive.line].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    return {
      file: input.file,
      line: directive.line,
      column: directive.column,
      endLine: directive.endLine,
      endColumn: directive.endColumn,
      start: directive.start,
      end: directive.end,
      ruleId,
      messageId,
      data,
      message: formatMessage(template, data),
      severity: ruleMeta(ruleId).severity,
      categories: [],
      items: [],
      evidence: [],
      suggestions: [],
      fingerprint,
    };
  };
  for (const directive of directives) {
    for (const word of directive.unknown) {
      const guess = closestWord(word.startsWith(privlintPrefix) ? word.slice(privlintPrefix.length) : word, ruleIds);
      findings.push(
        make(directive, (guess as RuleId | undefined) ?? ruleIds[0], 'unknownRuleInComment', {
          rule: word,
          hint: guess === undefined ? `; privlint's rules are ${ruleIds.join(', ')}` : `; did you mean \`${guess}\`?`,
        }),
      );
    }
    if (directive.via === 'privlint-ignore' && directive.reason === undefined) {
      for (const ruleId of directive.rules.length > 0 ? directive.rules : directive.unknown.length > 0 ? [] : ruleIds) {
        findings.push(make(directive, ruleId, 'ignoreWithoutReason', { rule: ruleId }));
      }
    }
  }
  return findings;
}

const markers = /privlint-ignore|eslint-(?:disable|enable)/u;

/**
 * The suppression comments of a file. Every comment is trivia around some token, so reading the comment ranges of
 * every token finds each one (once: by position) and never mistakes a string or JSX text for a comment. Files
 * without a marker are not walked at all.
 */
function readDirectives(ts: typeof TS, sourceFile: TS.SourceFile, eslintComments: boolean): readonly Directive[] {
  if (!markers.test(sourceFile.text)) return [];
  // Each privlint rule applies the policy to the same file in ESLint: read its comments once.
  const cache = eslintComments ? directivesWithEslint : directivesWithoutEslint;
  let directives = cache.get(sourceFile);
  if (!directives) {
    directives = parseDirectives(ts, sourceFile, eslintComments);
    cache.set(sourceFile, directives);
  }
  return directives;
}

const directivesWithEslint = new WeakMap<TS.SourceFile, readonly Directive[]>();
const directivesWithoutEslint = new WeakMap<TS.SourceFile, readonly Directive[]>();

function parseDirectives(ts: typeof TS, sourceFile: TS.SourceFile, eslintComments: boolean): Directive[] {
  const text = sourceFile.text;
  const comments: TS.CommentRange[] = [];
  const seen = new Set<number>();
  const stack: TS.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind !== ts.SyntaxKind.JsxText) {
      // TypeScript splits trivia: comments on the line a token ends are its trailing ones, the rest the next
      // token's leading ones.
      for (const range of [
        ...(ts.getLeadingCommentRanges(text, node.pos) ?? []),
        ...(ts.getTrailingCommentRanges(text, node.end) ?? []),
      ]) {
        if (seen.has(range.pos)) continue;
        seen.add(range.pos);
        if (markers.test(text.slice(range.pos, range.end))) comments.push(range);
      }
    }
    if (node.kind >= ts.SyntaxKind.FirstToken && node.kind <= ts.SyntaxKind.LastToken) continue;
    for (const child of node.getChildren(sourceFile)) stack.push(child);
  }
  comments.sort((a, b) => a.pos - b.pos);

  const directives: Directive[] = [];
  const openRanges: { directive: Directive; index: number }[] = [];
  for (const range of comments) {
    const raw = text.slice(range.pos, range.end);
    const block = range.kind === ts.SyntaxKind.MultiLineCommentTrivia;
    const value = (block ? raw.slice(2, -2) : raw.slice(2)).trim();
    const match =
      /^(privlint-ignore|eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?=\s|$)/u.exec(
        value,
      );
    if (!match) continue;
    const kind = match[1]!;
    if (kind !== 'privlint-ignore' && !eslintComments) continue;
    // ESLint reads `eslint-disable`/`eslint-enable` in block comments only.
    if ((kind === 'eslint-disable' || kind === 'eslint-enable') && !block) continue;
    const [body, ...reasonParts] = value.slice(kind.length).split(/\s-{2,}\s?/u);
    const reasonText = reasonParts.join(' -- ').trim();
    const names = (body ?? '')
      .split(',')
      .map(name => name.trim())
      .filter(name => name !== '');
    const rules: RuleId[] = [];
    const unknown: string[] = [];
    let otherRulesOnly = names.length > 0;
    for (const name of names) {
      const isPrivlint = kind === 'privlint-ignore' || name.startsWith(privlintPrefix);
      if (!isPrivlint) continue;
      otherRulesOnly = false;
      const id = name.startsWith(privlintPrefix) ? name.slice(privlintPrefix.length) : name;
      if ((ruleIds as readonly string[]).includes(id)) rules.push(id as RuleId);
      else unknown.push(name);
    }
    // `eslint-disable-next-line no-console` is about other rules: nothing of privlint's.
    if (otherRulesOnly) continue;
    const from = sourceFile.getLineAndCharacterOfPosition(range.pos);
    const to = sourceFile.getLineAndCharacterOfPosition(range.end);
    const lineStart = sourceFile.getPositionOfLineAndCharacter(from.line, 0);
    const ownLine = text.slice(lineStart, range.pos).trim() === '';
    const base = {
      rules,
      unknown,
      reason: reasonText === '' ? undefined : reasonText,
      line: from.line + 1,
      column: from.character + 1,
      endLine: to.line + 1,
      endColumn: to.character + 1,
      start: range.pos,
      end: range.end,
      text: raw,
    };
    if (kind === 'privlint-ignore') {
      // On its own line it is about the next line; after code, about its own line.
      const target = ownLine ? to.line + 2 : from.line + 1;
      directives.push({ ...base, via: 'privlint-ignore', scope: 'lines', fromLine: target, toLine: target });
    } else if (kind === 'eslint-disable-next-line') {
      directives.push({
        ...base,
        via: 'eslint-disable',
        scope: 'lines',
        fromLine: to.line + 2,
        toLine: to.line + 2,
      });
    } else if (kind === 'eslint-disable-line') {
      directives.push({
        ...base,
        via: 'eslint-disable',
        scope: 'lines',
        fromLine: from.line + 1,
        toLine: from.line + 1,
      });
    } else if (kind === 'eslint-disable') {
      const directive: Directive = {
        ...base,
        via: 'eslint-disable',
        scope: 'range',
        fromLine: from.line + 1,
        toLine: Infinity,
      };
      openRanges.push({ directive, index: directives.length });
      directives.push(directive);
    } else {
      // eslint-enable closes the open ranges it names (all of them when it names none).
      for (let index = openRanges.length - 1; index >= 0; index--) {
        const open = openRanges[index]!;
        const closes =
          rules.length === 0 ||
          (open.directive.rules.length > 0 && open.directive.rules.every(rule => rules.includes(rule)));
        if (!closes) continue;
        directives[open.index] = { ...open.directive, toLine: from.line + 1 };
        openRanges.splice(index, 1);
      }
      // It suppresses nothing itself, but a misspelled rule in it is still worth saying.
      if (unknown.length > 0) {
        directives.push({ ...base, rules: [], via: 'eslint-disable', scope: 'lines', fromLine: 0, toLine: -1 });
      }
    }
  }
  return directives;
}
