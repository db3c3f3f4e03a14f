import path from 'node:path';
import type { ZodError } from 'zod';
import type { DeclaredField, DeclaredRecipient, ManifestView } from '../analysis/environment.js';
import { compileKnowledge } from '../analysis/environment.js';
import { parseDuration } from '../knowledge/duration.js';
import { FileReader, isInsideDir, lstatPath } from '../files/reader.js';
import { defaultKnowledge } from '../knowledge/index.js';
import type { KnowledgeData } from '../knowledge/schema.js';
import { formatKeyPath, parseYaml, type DataProblem, type ParsedYaml } from '../yaml.js';
import { ruleOptionSchemas, rulePolicy, type RulePolicy } from '../findings/policy.js';
import { ruleIds, type RuleId } from '../findings/rules.js';
import { closest } from '../names/closest.js';
import { manifestSchema, type ManifestData } from './schema.js';

export { closest } from '../names/closest.js';

export const manifestFileNames = ['privacy.yml', 'privacy.yaml'] as const;

/** Larger manifests are refused: a manifest is a page of declarations, not data. */
export const maxManifestBytes = 1024 * 1024;
/** `fields` keys with `*`: each is tried on every name the code classifies, so their number is bounded. */
export const maxFieldGlobs = 1000;
/** Entries of a list the analysis tries one by one (sanitizers, loggers, consent functions, cookies, hosts). */
export const maxListEntries = 1000;

interface FieldEntry {
  readonly key: string;
  /** Position in the manifest: the first matching key wins. */
  readonly order: number;
  readonly glob: boolean;
  readonly matcher: RegExp;
  readonly categories: string[];
  readonly none: boolean;
  readonly line: number;
}

/** A declared recipient with its resolved ids and where it is written. */
export type ResolvedRecipient = DeclaredRecipient;

/** The manifest after validation: ids resolved to short ids, globs compiled, positions kept for evidence. */
export interface ResolvedManifest {
  /** The file it was read from, as given to the loader. */
  readonly file: string;
  readonly data: ManifestData;
  readonly controller: ManifestData['controller'];
  readonly dataSubjects: readonly string[];
  readonly recipients: ReadonlyMap<string, ResolvedRecipient>;
  readonly ignore: readonly string[];
  /** Which rules run, with which options and levels: the preset and `rules:`. */
  readonly policy: RulePolicy;
  /** What is valid but needs a person's attention (entries marked `review:`, a recipient id one typo from a vendor). */
  readonly warnings: readonly DataProblem[];
  /** What the analysis reads; `file` in evidence is given relative to `rootDir`. */
  view(rootDir: string): ManifestView;
}

export interface ManifestResult {
  readonly manifest?: ResolvedManifest | undefined;
  readonly problems: readonly DataProblem[];
  /** Problems that do not stop the analysis (see `ResolvedManifest.warnings`). */
  readonly warnings?: readonly DataProblem[];
}

/**
 * Parses and validates manifest text. Never executes anything: YAML's core schema only, no custom tags, no aliases.
 * Every problem names the file, line, column and key path.
 */
export function parseManifest(text: string, file: string, knowledge: KnowledgeData = defaultKnowledge): ManifestResult {
  const parsed = parseYaml(text.replace(/^\uFEFF/u, ''), file);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [
        {
          file,
          keyPath: '',
          line: 1,
          column: 1,
          message: 'expected a mapping of keys such as `recipients:` at the top level',
        },
      ],
    };
  }
  const result = manifestSchema.safeParse(value, { reportInput: true });
  if (!result.success) return { problems: structuralProblems(result.error, parsed, file) };
  return resolve(result.data, parsed, file, knowledge);
}

export interface LoadManifestOptions {
  /**
   * The project root when the manifest was found in the project rather than named by the user: a manifest that is a
   * symbolic link leading out of it is refused, like every other file privlint finds in a repository.
   */
  readonly root?: string | undefined;
}

/**
 * Reads and validates a manifest file; missing, unreadable, binary, oversized or special files (a FIFO, a link to a
 * device) are problems too, found before the file is opened.
 */
export function loadManifest(
  filePath: string,
  knowledge: KnowledgeData = defaultKnowledge,
  options: LoadManifestOptions = {},
): ManifestResult {
  const problem = (message: string): ManifestResult => ({
    problems: [{ file: filePath, keyPath: '', line: 1, column: 1, message }],
  });
  const read = new FileReader({ root: options.root }).readText(filePath, {
    maxBytes: maxManifestBytes,
    refuseBinary: true,
  });
  if (!read.ok) {
    if (read.reason === 'missing') return problem('no such file');
    if (read.reason === 'directory') return problem('is a folder, not a privacy.yml file');
    if (read.reason === 'binary') return problem('is a binary file, not YAML');
    if (read.reason === 'too-large') {
      return problem(
        `is ${read.size ?? maxManifestBytes + 1} bytes; a manifest may be at most ${maxManifestBytes} bytes`,
      );
    }
    return problem(read.message);
  }
  return parseManifest(read.text, filePath, knowledge);
}

const found = new Map<string, string | DataProblem | null>();

/**
 * The nearest `privacy.yml` (or `privacy.yaml`) from a folder upward, or undefined; the search stops at `stopDir` (the
 * project root: a manifest above it belongs to some other project and is never used). Both names in one folder is a
 * problem. Cached per folder: an ESLint run over thousands of files asks the same folders again and again.
 */
export function findManifest(startDir: string, stopDir?: string): string | DataProblem | undefined {
  const visited: string[] = [];
  let dir = path.resolve(startDir);
  const stop = stopDir === undefined ? undefined : path.resolve(stopDir);
  // Outside its project root a file has no project manifest to look for.
  if (stop !== undefined && !isInsideDir(stop, dir)) return undefined;
  const cacheKey = (folder: string): string => `${stop ?? ''}\u0000${folder}`;
  let result: string | DataProblem | undefined;
  for (;;) {
    const cached = found.get(cacheKey(dir));
    if (cached !== undefined) {
      result = cached ?? undefined;
      break;
    }
    visited.push(dir);
    const present = manifestFileNames.map(name => path.join(dir, name)).filter(candidate => exists(candidate));
    if (present.length > 1) {
      result = {
        file: present[0]!,
        keyPath: '',
        line: 1,
        column: 1,
        message: `both ${manifestFileNames.join(' and ')} exist in ${dir}; keep one`,
      };
      break;
    }
    if (present.length === 1) {
      result = present[0];
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop) break;
    dir = parent;
  }
  for (const entry of visited) found.set(cacheKey(entry), result ?? null);
  return result;
}

/** Whether anything is at the path, a FIFO or a broken link included: the loader then says what is wrong with it. */
function exists(file: string): boolean {
  try {
    return lstatPath(file) !== undefined;
  } catch {
    return false;
  }
}

/** Forgets cached lookups (the editor calls this when files change; tests between fixtures). */
export function clearManifestCache(): void {
  found.clear();
}

function structuralProblems(error: ZodError, parsed: ParsedYaml, file: string): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const known = knownKeysAt(issue.path);
        const suggestion = closest(key, known);
        problems.push({
          file,
          keyPath: formatKeyPath(path),
          message: `unknown key \`${key}\`${suggestion ? `; did you mean \`${suggestion}\`?` : known.length > 0 ? `; expected one of ${known.map(name => `\`${name}\``).join(', ')}` : ''}`,
          ...parsed.locateKey(path),
        });
      }
      continue;
    }
    const keyPath = formatKeyPath(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = `expected ${describeExpected(issue.expected, issue.path)}, got ${describeValue(issue.input)}`;
    } else if (issue.code === 'invalid_value' && issue.path[issue.path.length - 1] === 'legalBasis') {
      message = `unknown legal basis ${JSON.stringify(issue.input)}; expected one of consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests`;
    } else if (issue.code === 'invalid_union' && issue.path[0] === 'rules') {
      message = ruleSettingProblem(String(issue.path[1]), issue.input);
    } else if (issue.code === 'invalid_union') {
      message = `expected a category id or a list of them (or \`none\`), got ${describeValue(issue.input)}`;
    }
    problems.push({ file, keyPath, message, ...parsed.locate(issue.path) });
  }
  return dedupe(problems);
}

function resolve(data: ManifestData, parsed: ParsedYaml, file: string, knowledgeData: KnowledgeData): ManifestResult {
  const knowledge = compileKnowledge(knowledgeData);
  const problems: DataProblem[] = [];
  const at = (keyPath: readonly PropertyKey[], message: string): void => {
    problems.push({ file, keyPath: formatKeyPath(keyPath), message, ...parsed.locate(keyPath) });
  };
  const categoryWords = [
    ...knowledgeData.categories.categories.map(category => category.id),
    ...knowledgeData.categories.categories.map(category => category.fides),
  ];
  const resolveCategories = (words: readonly string[], keyPath: readonly PropertyKey[], indexed = true): string[] => {
    const ids: string[] = [];
    words.forEach((word, index) => {
      const resolved = knowledge.resolveCategory(word);
      if (resolved.length === 0) {
        const suggestion = closest(word.toLowerCase(), categoryWords);
        at(
          indexed ? [...keyPath, index] : keyPath,
          `unknown category \`${word}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (see docs/categories.md)`,
        );
      }
      ids.push(...resolved);
    });
    return [...new Set(ids)].sort();
  };
  const purposeIds = new Map(knowledgeData.purposes.purposes.map(purpose => [purpose.id, purpose.id]));
  for (const purpose of knowledgeData.purposes.purposes) purposeIds.set(purpose.fides, purpose.id);
  const dataUses = new Set(knowledgeData.fideslang.dataUses.map(entry => entry.key));
  const resolvePurpose = (word: string, keyPath: readonly PropertyKey[]): string | undefined => {
    const id = purposeIds.get(word) ?? (dataUses.has(word) ? word : undefined);
    if (id === undefined) {
      const suggestion = closest(word, [...purposeIds.keys()]);
      at(
        keyPath,
        `unknown purpose \`${word}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}; use a purpose id of docs/manifest.md or a fideslang data use`,
      );
    }
    return id;
  };

  const subjects = new Set(knowledgeData.fideslang.dataSubjects.map(entry => entry.key));
  data.dataSubjects.forEach((subject, index) => {
    if (!subjects.has(subject)) {
      const suggestion = closest(subject, [...subjects]);
      at(
        ['dataSubjects', index],
        `unknown data subject \`${subject}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
      );
    }
  });

  const warnings: DataProblem[] = [];
  const catalogueIds = knowledgeData.recipients.recipients.map(entry => entry.id);
  // Each entry of these lists is tried on every call, cookie or host of the code: a list is a page of names, and a
  // bound keeps a crafted manifest from making each of the code's calls pay for a hundred thousand of them.
  const lists: [readonly PropertyKey[], readonly unknown[] | undefined][] = [
    [['sanitizers'], data.sanitizers],
    [['loggers'], data.loggers],
    [['consent', 'functions'], data.consent?.functions],
    [['cookies', 'essential'], data.cookies?.essential],
    [['firstParty', 'hosts'], data.firstParty?.hosts],
    [['recipients'], Object.keys(data.recipients)],
    [['cookies', 'purposes'], Object.keys(data.cookies?.purposes ?? {})],
    [['consent', 'purposes'], Object.keys(data.consent?.purposes ?? {})],
  ];
  for (const [keyPath, list] of lists) {
    if (list && list.length > maxListEntries) at(keyPath, `${list.length} entries; at most ${maxListEntries}`);
  }
  const hostCount = Object.values(data.recipients).reduce((total, recipient) => total + recipient.hosts.length, 0);
  if (hostCount > maxListEntries) at(['recipients'], `${hostCount} hosts in all; at most ${maxListEntries}`);
  const recipientLines = parsed.locateChildren(['recipients']);
  const recipients = new Map<string, ResolvedRecipient>();
  for (const [id, recipient] of Object.entries(data.recipients)) {
    if (recipient.review !== undefined) {
      const keyPath = ['recipients', id, 'review'];
      warnings.push({
        file,
        keyPath: formatKeyPath(keyPath),
        message: `to review: ${recipient.review} (delete \`review\` once checked)`,
        ...parsed.locateKey(keyPath),
      });
    }
    // Your own ids (`crm`) are fine; one typo away from a catalogue id (`stirpe`) is almost surely that vendor, whose
    // calls would then count as undeclared.
    const guess = catalogueIds.includes(id) ? undefined : closest(id, catalogueIds);
    if (guess !== undefined && recipient.hosts.length === 0) {
      warnings.push({
        file,
        keyPath: formatKeyPath(['recipients', id]),
        message: `\`${id}\` is not a recipient privlint knows and names no \`hosts\`, so no call matches it; did you mean \`${guess}\`?`,
        ...parsed.locateKey(['recipients', id]),
      });
    }
    const purposes = recipient.purposes
      .map((purpose, index) => resolvePurpose(purpose, ['recipients', id, 'purposes', index]))
      .filter((purpose): purpose is string => purpose !== undefined);
    recipients.set(id, {
      id,
      name: recipient.name,
      purposes: [...new Set(purposes)],
      categories: resolveCategories(recipient.categories, ['recipients', id, 'categories']),
      legalBasis: recipient.legalBasis,
      retention: recipient.retention,
      transfers: recipient.transfers,
      safeguards: recipient.safeguards,
      hosts: recipient.hosts,
      line: (recipientLines.get(id) ?? parsed.locate(['recipients', id])).line,
    });
  }
  const cookiePurposes = new Map<string, string>();
  for (const [name, purpose] of Object.entries(data.cookies?.purposes ?? {})) {
    const id = resolvePurpose(purpose, ['cookies', 'purposes', name]);
    if (id !== undefined) cookiePurposes.set(name, id);
  }
  const consentPurposes = new Map<string, string>();
  for (const [name, purpose] of Object.entries(data.consent?.purposes ?? {})) {
    const id = resolvePurpose(purpose, ['consent', 'purposes', name]);
    if (id !== undefined) consentPurposes.set(name, id);
  }
  // Exact keys are looked up by name; only globs are tried one by one, and there may be at most `maxFieldGlobs` of
  // them: a manifest of 20,000 fields took two minutes for 10,000 lookups, and every name in the code is one.
  const fieldLines = parsed.locateChildren(['fields']);
  const fields: FieldEntry[] = [];
  for (const [key, value] of Object.entries(data.fields)) {
    const words = Array.isArray(value) ? value : [value];
    const none = words.length === 1 && words[0]!.toLowerCase() === 'none';
    const categories = none ? [] : resolveCategories(words, ['fields', key], Array.isArray(value));
    // Case-insensitive: untyped code names the owner by its variable (`order.notes` for `Order.notes`).
    const line = (fieldLines.get(key) ?? parsed.locate(['fields', key])).line;
    fields.push({
      key,
      order: fields.length,
      glob: key.includes('*'),
      matcher: globToRegExp(key, 'iu'),
      categories,
      none,
      line,
    });
  }
  const fieldGlobs = fields.filter(field => field.glob);
  if (fieldGlobs.length > maxFieldGlobs) {
    at(
      ['fields'],
      `${fieldGlobs.length} keys with \`*\`; at most ${maxFieldGlobs} (name fields exactly, or with a few globs)`,
    );
  }
  const exactFields = { dotted: new Map<string, FieldEntry>(), plain: new Map<string, FieldEntry>() };
  for (const field of fields) {
    if (field.glob) continue;
    const index = field.key.includes('.') ? exactFields.dotted : exactFields.plain;
    const lower = field.key.toLowerCase();
    if (!index.has(lower)) index.set(lower, field);
  }
  const cookieRetention = new Map<string, number>();
  for (const [purpose, text] of Object.entries(data.cookies?.retention ?? {})) {
    const id = resolvePurpose(purpose, ['cookies', 'retention', purpose]);
    const seconds = parseDuration(text);
    if (seconds === undefined) {
      at(
        ['cookies', 'retention', purpose],
        `\`${text}\` is not a duration; write it as \`13 months\`, \`6 months\` or \`90 days\``,
      );
    } else if (id !== undefined) cookieRetention.set(id, seconds);
  }
  for (const id of ruleIds) {
    const setting = data.rules[id];
    if (typeof setting !== 'object' || id === 'require-cookie-consent') continue;
    const allow = (setting[1] as { allow?: string[] } | undefined)?.allow;
    if (allow) resolveCategories(allow, ['rules', id, 1, 'allow']);
  }
  if (problems.length > 0) return { problems: dedupe(problems), warnings: dedupe(warnings) };
  const policy = rulePolicy({ preset: data.preset, rules: data.rules as Partial<Record<RuleId, never>> });
  const essential = (data.cookies?.essential ?? []).map(glob => globToRegExp(glob));
  const cookieMatchers = [...cookiePurposes].map(([glob, purpose]) => [globToRegExp(glob), purpose] as const);
  const firstParty = (data.firstParty?.hosts ?? []).map(host => globToRegExp(host.toLowerCase()));
  const hostMatchers = [...recipients.values()].flatMap(recipient =>
    recipient.hosts.map(host => [globToRegExp(host.toLowerCase()), recipient.id] as const),
  );
  const manifest: ResolvedManifest = {
    file,
    data,
    controller: data.controller,
    dataSubjects: data.dataSubjects,
    recipients,
    ignore: data.ignore,
    policy,
    warnings: dedupe(warnings),
    view(rootDir) {
      const relative = path.relative(rootDir, path.resolve(file)).split(path.sep).join('/');
      return {
        file: relative,
        fieldCategories(owner, name): DeclaredField | undefined {
          const full = owner === undefined ? name : `${owner}.${name}`;
          // The first key in the manifest's order that matches, as before: the earliest exact key, unless a glob
          // written above it matches too.
          const exact = [exactFields.dotted.get(full.toLowerCase()), exactFields.plain.get(name.toLowerCase())]
            .filter((field): field is FieldEntry => field !== undefined)
            .sort((a, b) => a.order - b.order)[0];
          let found = exact;
          for (const field of fieldGlobs) {
            if (exact !== undefined && field.order > exact.order) break;
            if (field.matcher.test(field.key.includes('.') ? full : name)) {
              found = field;
              break;
            }
          }
          return found && { categories: found.categories, none: found.none, key: found.key, line: found.line };
        },
        sanitizers: data.sanitizers,
        loggers: data.loggers,
        consentFunctions: data.consent?.functions ?? [],
        consentPurpose: name => consentPurposes.get(name),
        isEssentialCookie: name => essential.some(matcher => matcher.test(name)),
        cookiePurpose: name => cookieMatchers.find(([matcher]) => matcher.test(name))?.[1],
        cookieRetention: purpose => cookieRetention.get(purpose),
        recipients,
        recipientForHost: host => hostMatchers.find(([matcher]) => matcher.test(host.toLowerCase()))?.[1],
        isFirstPartyHost: host => firstParty.some(matcher => matcher.test(host.toLowerCase())),
        testCode: {
          check: data.testCode?.check ?? false,
          // Globs are relative to the manifest; the analysis matches them against paths relative to `rootDir`.
          paths: (data.testCode?.paths ?? []).map(glob => rebaseGlob(path.dirname(path.resolve(file)), rootDir, glob)),
        },
      };
    },
  };
  return { manifest, problems: [], warnings: manifest.warnings };
}

/** A glob relative to `from`, made relative to `to` (a folder above or equal to it). */
function rebaseGlob(from: string, to: string, glob: string): string {
  const prefix = path.relative(to, from).split(path.sep).join('/');
  const bare = glob.replace(/^\.\//u, '');
  return prefix === '' || prefix.startsWith('..') ? bare : `${prefix}/${bare}`;
}

/**
 * `*` matches any run of characters (dots included); nothing else is special.
 *
 * Linear in the length of the text: the obvious `^a.*b.*c$` backtracks, and eight stars against a 60-character cookie
 * name from the code took a minute. A glob of stars is matched by placing each middle part at its leftmost occurrence
 * (which never loses a match), and each placement sits in a lookahead whose capture is then consumed: lookaheads are
 * atomic, so the engine never goes back to try another occurrence.
 */
export function globToRegExp(glob: string, flags = 'u'): RegExp {
  const escape = (part: string): string => part.replace(/[.+?^${}()|[\]\\/]/gu, '\\$&');
  const parts = glob.split('*');
  if (parts.length === 1) return new RegExp(`^${escape(glob)}$`, flags);
  const middle = parts.slice(1, -1).filter(part => part !== '');
  const placed = middle.map((part, index) => `(?=([\\s\\S]*?${escape(part)}))\\${index + 1}`).join('');
  return new RegExp(`^${escape(parts[0]!)}${placed}[\\s\\S]*${escape(parts.at(-1)!)}$`, flags);
}

const topLevelKeys = Object.keys(manifestSchema.shape);

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return topLevelKeys;
  const [head] = path;
  const nested: Record<string, string[]> = {
    controller: ['name', 'contact', 'address', 'dpo', 'representative'],
    firstParty: ['hosts'],
    cookies: ['essential', 'purposes', 'retention'],
    consent: ['functions', 'purposes'],
    testCode: ['check', 'paths'],
    security: ['measures', 'document'],
  };
  if (head === 'recipients' && path.length === 2) {
    return ['name', 'purposes', 'categories', 'legalBasis', 'retention', 'transfers', 'safeguards', 'hosts', 'review'];
  }
  if (head === 'rules' && path.length === 1) return [...ruleIds];
  if (head === 'rules' && path.length === 3) return Object.keys(ruleOptionSchemas[path[1] as RuleId]?.shape ?? {});
  if (head === 'controller' && path.length === 2) return ['name', 'contact'];
  return path.length === 1 ? (nested[String(head)] ?? []) : [];
}

const levels = ['error', 'warn', 'warning', 'off'];

/** What is wrong with a rule's setting: its level, or an option the rule does not take. */
function ruleSettingProblem(id: string, input: unknown): string {
  const shape = `expected a level (\`error\`, \`warn\` or \`off\`) or \`[level, { …options }]\``;
  const level = Array.isArray(input) ? input[0] : input;
  if (typeof level !== 'string' || !levels.includes(level)) {
    const guess = typeof level === 'string' ? closest(level, levels) : undefined;
    return `${shape}, got ${describeValue(level)}${guess ? `; did you mean \`${guess}\`?` : ''}`;
  }
  const options = Array.isArray(input) ? input[1] : undefined;
  const known = Object.keys(ruleOptionSchemas[id as RuleId]?.shape ?? {});
  if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
    const unknown = Object.keys(options).filter(key => !known.includes(key));
    if (unknown.length > 0) {
      return `\`${id}\` takes no option \`${unknown[0]}\`; its options are ${known.map(key => `\`${key}\``).join(', ')}`;
    }
    return `the options of \`${id}\` are lists of names: ${known.map(key => `\`${key}: […]\``).join(', ')}`;
  }
  return `${shape}, got ${describeValue(input)}`;
}

function describeExpected(expected: string, keyPath: readonly PropertyKey[]): string {
  const last = String(keyPath.filter(key => typeof key === 'string').pop() ?? '');
  if (expected === 'array') {
    const lists: Record<string, string> = {
      categories: 'a list of category ids',
      purposes: 'a list of purposes',
      hosts: 'a list of host names',
      transfers: 'a list of countries',
      essential: 'a list of cookie names',
      functions: 'a list of function names',
      sanitizers: 'a list of function names',
      loggers: 'a list of names',
      dataSubjects: 'a list of data subjects',
      ignore: 'a list of path globs',
    };
    return lists[last] ?? 'a list';
  }
  if (expected === 'object' || expected === 'record') return last === '' ? 'a mapping' : `a mapping under \`${last}\``;
  return `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function dedupe(problems: readonly DataProblem[]): DataProblem[] {
  const seen = new Set<string>();
  return problems
    .filter(problem => {
      const key = `${problem.line}:${problem.column}:${problem.keyPath}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
