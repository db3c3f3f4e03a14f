import path from 'node:path';
import type TS from 'typescript';
import type { CategoryDef, KnowledgeData } from '../knowledge/schema.js';
import { createNameMatcher, type NameMatcher } from '../names/match.js';

/** What the analysis needs from the project's `privacy.yml`, already resolved (category ids are short ids). */
export interface ManifestView {
  /** The manifest file, for evidence (`privacy.yml fields \`*.msisdn\``); undefined when there is none. */
  readonly file?: string | undefined;
  /** Categories declared for a field by `fields:`: `owner` is `User` for `User.email`. `none` silences a guess. */
  fieldCategories(owner: string | undefined, name: string): DeclaredField | undefined;
  /** `sanitizers:`: plain or dotted names of project functions whose result carries no personal data. */
  readonly sanitizers: readonly string[];
  /** `loggers:`: plain or dotted names of project functions, objects or classes that write logs. */
  readonly loggers: readonly string[];
  /** `consent.functions`: plain or dotted names of the project's consent checks (`hasConsent`, `cmp.allows`). */
  readonly consentFunctions: readonly string[];
  /** `consent.purposes`: the purpose a consent function checks, when declared (`hasAnalyticsConsent` -> analytics). */
  consentPurpose(functionName: string): string | undefined;
  /** `cookies.essential`: exact names and `prefix*` globs of cookies that need no consent. */
  isEssentialCookie(name: string): boolean;
  /** `cookies.purposes`: the purpose of a cookie, when declared (`_ga` -> analytics). */
  cookiePurpose(name: string): string | undefined;
  /** `cookies.retention`: how long cookies of a purpose may live, in seconds, when declared (`analytics: 6 months`). */
  cookieRetention(purpose: string): number | undefined;
  /** `recipients:` by id. */
  readonly recipients: ReadonlyMap<string, DeclaredRecipient>;
  /** The declared recipient whose `hosts:` cover a host, if any. */
  recipientForHost(host: string): string | undefined;
  /** `firstParty.hosts`: hosts (and `*.` globs) that are the controller's own. */
  isFirstPartyHost(host: string): boolean;
  /**
   * `testCode`: whether findings in test code are reported (`check`), and more test paths as globs relative to the
   * analysis' `rootDir`. Absent: test code is not reported and no paths are added.
   */
  readonly testCode?: { readonly check: boolean; readonly paths: readonly string[] } | undefined;
}

/** A third party as `privacy.yml` declares it; purposes and categories are resolved ids. */
export interface DeclaredRecipient {
  readonly id: string;
  readonly name?: string | undefined;
  /** Short purpose ids (`analytics`). */
  readonly purposes: readonly string[];
  /** Short category ids (`email`). */
  readonly categories: readonly string[];
  readonly legalBasis?: string | undefined;
  readonly retention?: string | undefined;
  readonly transfers: readonly string[];
  /** Transfer safeguards as declared (`SCCs`, `EU-US Data Privacy Framework`). */
  readonly safeguards?: string | undefined;
  readonly hosts: readonly string[];
  /** Line of the recipient's key in the manifest. */
  readonly line?: number | undefined;
}

export interface DeclaredField {
  readonly categories: readonly string[];
  readonly none: boolean;
  /** The `fields:` key that matched, as written. */
  readonly key: string;
  readonly line?: number | undefined;
}

export const emptyManifestView: ManifestView = {
  fieldCategories: () => undefined,
  sanitizers: [],
  loggers: [],
  consentFunctions: [],
  consentPurpose: () => undefined,
  isEssentialCookie: () => false,
  cookiePurpose: () => undefined,
  cookieRetention: () => undefined,
  recipients: new Map(),
  recipientForHost: () => undefined,
  isFirstPartyHost: () => false,
};

/** The knowledge base compiled once for matching: regexes built, lookups indexed. */
export interface CompiledKnowledge {
  readonly data: KnowledgeData;
  readonly names: NameMatcher;
  readonly categories: ReadonlyMap<string, CategoryDef>;
  /**
   * Category ids a word denotes: a short id (`email`), a fideslang key (`user.contact.email`), a more specific key
   * (`user.contact.address.city` -> `postal-address`) or a broader one (`user.contact` -> every contact category).
   * Empty when the word is unknown.
   */
  resolveCategory(word: string): readonly string[];
}

const compiled = new WeakMap<KnowledgeData, CompiledKnowledge>();

export function compileKnowledge(data: KnowledgeData): CompiledKnowledge {
  const cached = compiled.get(data);
  if (cached) return cached;
  const categories = new Map(data.categories.categories.map(category => [category.id, category]));
  const words = new Map<string, readonly string[]>();
  const resolveCategory = (word: string): readonly string[] => {
    const key = word.trim().toLowerCase();
    let ids = words.get(key);
    if (ids) return ids;
    if (categories.has(key)) {
      ids = [key];
    } else {
      const specific = [...categories.values()]
        .filter(category => key === category.fides || key.startsWith(`${category.fides}.`))
        .sort((a, b) => b.fides.length - a.fides.length);
      ids =
        specific.length > 0
          ? [specific[0]!.id]
          : [...categories.values()]
              .filter(category => category.fides.startsWith(`${key}.`))
              .map(category => category.id)
              .sort();
    }
    words.set(key, ids);
    return ids;
  };
  const result: CompiledKnowledge = { data, names: createNameMatcher(data), categories, resolveCategory };
  compiled.set(data, result);
  return result;
}

/** Everything an analysis of one program (or one file, untyped) needs besides the AST. */
export interface AnalysisEnvironment {
  /** The TypeScript copy that produced the AST: never compare kinds across copies. */
  readonly ts: typeof TS;
  readonly knowledge: CompiledKnowledge;
  readonly manifest: ManifestView;
  /** Paths in evidence and findings are relative to this folder, with POSIX separators. */
  readonly rootDir: string;
  /**
   * How long the analysis of one file may run, in milliseconds, before it stops and reports the file incomplete.
   * @default 30000
   */
  readonly fileTimeBudgetMs?: number | undefined;
  /**
   * Every source file of the project, across its programs, for the few questions about the project as a whole (is a
   * tag loaded anywhere, does anything make it wait for consent). The scanner sets it; without it (the ESLint plugin)
   * the file's program stands for the project.
   */
  readonly projectSources?: (() => Iterable<TS.SourceFile>) | undefined;
  /**
   * Every program of the project (the scanner's tsconfig projects), for the callers of a function that one package
   * exports and another calls. Without it (the ESLint plugin) only the callers in the file's own program are seen.
   */
  readonly projectPrograms?: (() => Iterable<TS.Program>) | undefined;
  /**
   * The files do not change while this environment is used: one scan. What it learns of the file system (test runner
   * configs) is then kept for its whole life; without it (an editor keeps the ESLint plugin loaded for hours) answers
   * expire after a few seconds.
   */
  readonly snapshot?: boolean | undefined;
}

/** Far above what any real file takes (milliseconds): only input built to be slow reaches it. */
export const defaultFileTimeBudgetMs = 30_000;

/**
 * How the scanner names, for TypeScript, a file whose name holds a backslash (legal on POSIX): TypeScript reads every
 * `\\` as a folder separator, so `a\\b.ts` would be looked for as `a/b.ts` and never scanned. The character, from a
 * private use area, is turned back into `\\` in every path a report shows.
 */
export const backslashInFileName = '\ue05c';

/** By root, then by file: a key made of both would be a new string at every call. */
const relativePaths = new Map<string, Map<string, string>>();
let relativePathCount = 0;

/** `fileName` relative to `rootDir`, POSIX separators; memoised, since evidence asks for it per item. */
export function relativePath(rootDir: string, fileName: string): string {
  let byFile = relativePaths.get(rootDir);
  if (byFile === undefined) {
    byFile = new Map();
    relativePaths.set(rootDir, byFile);
  }
  let relative = byFile.get(fileName);
  if (relative === undefined) {
    const raw = path.relative(rootDir, fileName);
    relative = (raw === '' ? path.basename(fileName) : raw)
      .split(path.sep)
      .join('/')
      .replaceAll(backslashInFileName, '\\');
    if (++relativePathCount > 100_000) {
      // Bounded: an editor keeps the plugin loaded across many roots and files.
      relativePaths.clear();
      relativePathCount = 1;
      byFile = new Map();
      relativePaths.set(rootDir, byFile);
    }
    byFile.set(fileName, relative);
  }
  return relative;
}
