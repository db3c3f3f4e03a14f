import type { KnowledgeData, TypeKind } from '../knowledge/schema.js';
import { normalizeName } from './tokenize.js';

export interface NameMatch {
  readonly category: string;
  /** The normalised name that was matched. */
  readonly normalized: string;
  /** The pattern source that matched, for the evidence. */
  readonly pattern: string;
  /** Whether the match needed a person-like owner (`user.name`). */
  readonly contextual: boolean;
  /** Read from the owner's name: `address` of `EmailAddress` is an email (`wrapperValueNames`). */
  readonly viaOwner?: string | undefined;
}

export interface NameContext {
  /** The value's type, when known: some types rule a name out (`isEmailVerified: boolean`). */
  readonly typeKind?: TypeKind | undefined;
  /** The name of the owning object, type or variable (`user`, `CustomerDto`), for contextual patterns. */
  readonly owner?: string | undefined;
}

interface CompiledCategory {
  readonly id: string;
  readonly include: readonly (readonly [RegExp, string])[];
  readonly contextual: readonly (readonly [RegExp, string])[];
  readonly typed: readonly (readonly [RegExp, string, ReadonlySet<TypeKind>])[];
  readonly exclude: readonly RegExp[];
  readonly excludeTypes: ReadonlySet<TypeKind>;
}

export interface NameMatcher {
  /** The category a name denotes, or undefined. Pure and cached: the same name always gives the same answer. */
  match(name: string, context?: NameContext): NameMatch | undefined;
  /**
   * Whether a name can match once its value's type is known: `match` without a type, or a `typed` pattern
   * (`recipient: string`). Lets callers skip asking for types of names that can never match.
   */
  mayMatch(name: string, context?: NameContext): boolean;
  /** Whether a name (an owner, a variable) denotes a person-like object: `user`, `currentCustomer`, `PatientDto`. */
  isPersonObject(name: string): boolean;
  /**
   * Whether a name is a person record itself: its head noun is a person word (`user`, `currentCustomer`, `members`),
   * not something about one (`userId`, `userService`).
   */
  isPersonRecord(name: string): boolean;
}

/** Compiles the name patterns of the knowledge base once; matching is then a few regex tests per name. */
export function createNameMatcher(knowledge: Pick<KnowledgeData, 'categories' | 'vocabulary'>): NameMatcher {
  const compile = (source: string): readonly [RegExp, string] => [new RegExp(`(?:^|_)(?:${source})$`, 'u'), source];
  const categories: CompiledCategory[] = knowledge.categories.categories.map(category => ({
    id: category.id,
    include: category.names.include.map(compile),
    contextual: (category.names.contextual ?? []).map(compile),
    typed: (category.names.typed ?? []).map(({ pattern, types }) => [...compile(pattern), new Set(types)] as const),
    exclude: (category.names.exclude ?? []).map(source => new RegExp(source, 'u')),
    excludeTypes: new Set(category.names.excludeTypes ?? []),
  }));
  const notData = knowledge.vocabulary.notData.map(source => new RegExp(source, 'u'));
  const configurationObjects = new Set(knowledge.vocabulary.configurationObjects);
  /** `config.email`, `SmtpConfig.password`, `env.ADMIN_EMAIL`: the deployment's settings. */
  const isConfiguration = (owner: string | undefined): boolean => {
    const head = owner?.split('.').at(-1);
    if (head === undefined) return false;
    const tokens = normalizeName(head).split('_');
    return configurationObjects.has(tokens[tokens.length - 1] ?? '');
  };
  const personTokens = new Set(knowledge.vocabulary.personObjects);
  const cache = new Map<string, readonly Candidate[]>();

  const candidatesFor = (normalized: string): readonly Candidate[] => {
    let candidates = cache.get(normalized);
    if (candidates) return candidates;
    const found: Candidate[] = [];
    if (normalized !== '' && !notData.some(regex => regex.test(normalized))) {
      for (const category of categories) {
        if (category.exclude.some(regex => regex.test(normalized))) continue;
        for (const [list, contextual] of [
          [category.include, false],
          [category.contextual, true],
        ] as const) {
          for (const [regex, source] of list) {
            const hit = regex.exec(normalized);
            if (hit) found.push({ category, length: hit[0].replace(/^_/u, '').length, source, contextual });
          }
        }
        for (const [regex, source, types] of category.typed) {
          const hit = regex.exec(normalized);
          if (hit) found.push({ category, length: hit[0].replace(/^_/u, '').length, source, contextual: false, types });
        }
      }
    }
    // Longest match first: `ip_address` is an IP address, not a postal address. Unconditional before contextual.
    found.sort((a, b) => b.length - a.length || Number(a.contextual) - Number(b.contextual));
    candidates = found;
    cache.set(normalized, candidates);
    return candidates;
  };

  const isPersonWord = (token: string): boolean =>
    personTokens.has(token) || (token.endsWith('s') && personTokens.has(token.slice(0, -1)));
  // The head noun of each segment decides: `UserPasskey` is a passkey, `User.address` holds a person's address.
  const isPersonObject = (name: string): boolean =>
    name.split('.').some(segment => {
      const tokens = normalizeName(segment).split('_');
      return isPersonWord(tokens[tokens.length - 1] ?? '');
    });

  /** The owner's own name, without the path it was reached by: `data.from.EmailAddress` -> `EmailAddress`. */
  const ownerHead = (owner: string | undefined): string | undefined => owner?.split('.').at(-1);

  const ownerExcluded = (category: CompiledCategory, owner: string | undefined): boolean => {
    const head = ownerHead(owner);
    if (head === undefined) return false;
    const normalized = normalizeName(head);
    return category.exclude.some(regex => regex.test(normalized));
  };

  const wrapperValueNames = new Set(knowledge.vocabulary.wrapperValueNames);
  const wrappedValue = (normalized: string, context: NameContext): NameMatch | undefined => {
    const head = ownerHead(context.owner);
    if (head === undefined || !wrapperValueNames.has(normalized)) return undefined;
    const owner = normalizeName(head);
    const candidate = candidatesFor(owner).find(entry => !entry.contextual);
    if (!candidate) return undefined;
    if (context.typeKind !== undefined && candidate.category.excludeTypes.has(context.typeKind)) return undefined;
    return {
      category: candidate.category.id,
      normalized,
      pattern: candidate.source,
      contextual: false,
      viaOwner: head,
    };
  };

  const isPersonRecord = (name: string): boolean => {
    // `MEMBER` (an enum member, a constant) names a value, not a record; `hasRecipients`, `sendEmailToOwner` are
    // flags and options about people, as `notData` says of every name.
    if (/^[A-Z][A-Z0-9_]*$/u.test(name) && /[A-Z]{2}/u.test(name)) return false;
    const normalized = normalizeName(name);
    if (notData.some(regex => regex.test(normalized))) return false;
    const tokens = normalized.split('_');
    return isPersonWord(tokens[tokens.length - 1] ?? '');
  };

  return {
    isPersonObject,
    isPersonRecord,
    mayMatch(name, context = {}) {
      if (this.match(name, context)) return true;
      return !isConfiguration(context.owner) && candidatesFor(normalizeName(name)).some(candidate => candidate.types);
    },
    match(name, context = {}) {
      if (isConfiguration(context.owner)) return undefined;
      const normalized = normalizeName(name);
      for (const candidate of candidatesFor(normalized)) {
        if (context.typeKind !== undefined && candidate.category.excludeTypes.has(context.typeKind)) return undefined;
        if (candidate.types && (context.typeKind === undefined || !candidate.types.has(context.typeKind))) continue;
        if (candidate.contextual && (context.owner === undefined || !isPersonObject(context.owner))) continue;
        // `EmailAddress.address` is the owner's kind of address, not a street: the category's exclusions apply to it.
        if (candidate.contextual && ownerExcluded(candidate.category, context.owner)) continue;
        return {
          category: candidate.category.id,
          normalized,
          pattern: candidate.source,
          contextual: candidate.contextual,
        };
      }
      return wrappedValue(normalized, context);
    },
  };
}

interface Candidate {
  readonly category: CompiledCategory;
  readonly length: number;
  readonly source: string;
  readonly contextual: boolean;
  /** Only for values of these types (`typed` patterns). */
  readonly types?: ReadonlySet<TypeKind>;
}
