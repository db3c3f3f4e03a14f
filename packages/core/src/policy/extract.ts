import type { KnowledgeData } from '../knowledge/schema.js';
import { readPolicy, type PolicyFormat, type PolicySentence } from './read.js';

/** Where a policy says something, and the words that matched: every match is explained. */
export interface PolicyCitation {
  readonly sentence: string;
  readonly line: number;
  readonly heading: string | undefined;
  /** The words of the sentence that matched. */
  readonly phrase: string;
}

export interface CategoryMention extends PolicyCitation {
  readonly category: string;
  /** Said under a negation ("we do not collect …"): a promise, not a disclosure. */
  readonly negated: boolean;
}

export interface RecipientMention extends PolicyCitation {
  /** Catalogue recipient ids a name covers (`Google`), or empty for a kind. */
  readonly ids: readonly string[];
  /** Kinds of recipient described (`payments`, `advertising`). */
  readonly kinds: readonly string[];
  readonly negated: boolean;
  /** Named (`Stripe`), described by kind (`payment processors`), or generic (`service providers`). */
  readonly by: 'name' | 'kind' | 'generic';
}

export interface PurposeMention extends PolicyCitation {
  readonly purpose: string;
}

export interface PolicyPromise extends PolicyCitation {
  readonly id: string;
  readonly title: string;
  /** For `no-collect`: the categories promised not to be collected. */
  readonly categories: readonly string[];
}

export interface PolicyDisclosures {
  readonly format: PolicyFormat;
  readonly sentences: number;
  readonly categories: readonly CategoryMention[];
  readonly recipients: readonly RecipientMention[];
  readonly purposes: readonly PurposeMention[];
  readonly cookies: readonly PolicyCitation[];
  readonly promises: readonly PolicyPromise[];
}

interface Compiled {
  readonly categories: readonly { id: string; regex: RegExp }[];
  readonly notCategories: readonly RegExp[];
  readonly names: readonly { regex: RegExp; ids: readonly string[] }[];
  readonly kinds: readonly { regex: RegExp; kinds: readonly string[] }[];
  readonly generic: { regex: RegExp; kinds: readonly string[] };
  readonly purposes: readonly { id: string; regex: RegExp }[];
  readonly kindPurposes: ReadonlyMap<string, readonly string[]>;
  readonly cookies: RegExp;
  readonly negation: RegExp;
  readonly clauseBreak: RegExp;
  readonly collect: RegExp;
  readonly share: RegExp;
  readonly promises: readonly { id: string; title: string; all: readonly RegExp[]; none: readonly RegExp[] }[];
}

const compiledCache = new WeakMap<KnowledgeData['policy'], Compiled>();

/** Word-bounded alternatives; `flags` adds `i` for vocabulary that is not a proper name. */
function words(sources: readonly string[], flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join('|')})(?![\\p{L}\\p{N}])`, `${flags}gu`);
}

function compile(policy: KnowledgeData['policy']): Compiled {
  const cached = compiledCache.get(policy);
  if (cached) return cached;
  const compiled: Compiled = {
    categories: Object.entries(policy.categories).map(([id, phrases]) => ({ id, regex: words(phrases, 'i') })),
    notCategories: policy.notCategories.map(source => words([source], 'i')),
    // Names are proper nouns: case matters (`Segment`, `Heap`, `Snap` are also common words).
    names: policy.recipients.map(entry => ({ regex: words(entry.names, ''), ids: entry.ids })),
    kinds: policy.recipientKinds.map(entry => ({ regex: words(entry.phrases, 'i'), kinds: entry.kinds })),
    generic: { regex: words(policy.genericRecipients.phrases, 'i'), kinds: policy.genericRecipients.kinds },
    purposes: Object.entries(policy.purposes).map(([id, phrases]) => ({ id, regex: words(phrases, 'i') })),
    kindPurposes: new Map(Object.entries(policy.kindPurposes)),
    cookies: words(policy.cookies, 'i'),
    negation: words(
      policy.negations.map(source => source.replace(/'/gu, "['’]")),
      'i',
    ),
    clauseBreak: new RegExp(
      policy.clauseBreaks.map(source => source.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'),
      'giu',
    ),
    collect: words(policy.collectVerbs, 'i'),
    share: words(policy.shareVerbs, 'i'),
    promises: policy.promises.map(promise => ({
      id: promise.id,
      title: promise.title,
      all: promise.all.map(source => new RegExp(source.replace(/'/gu, "['’]"), 'iu')),
      none: promise.none.map(source => new RegExp(source, 'iu')),
    })),
  };
  compiledCache.set(policy, compiled);
  return compiled;
}

interface Clause {
  readonly start: number;
  readonly text: string;
}

/** Splits a sentence into clauses: a negation holds within its clause ("we never sell data, but we share it …"). */
function clauses(sentence: string, compiled: Compiled): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  compiled.clauseBreak.lastIndex = 0;
  for (let match = compiled.clauseBreak.exec(sentence); match; match = compiled.clauseBreak.exec(sentence)) {
    out.push({ start, text: sentence.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  out.push({ start, text: sentence.slice(start) });
  return out;
}

/** Whether a match at `index` in the sentence is negated: a negation word earlier in its clause. */
function negatedAt(sentence: string, index: number, clauseList: readonly Clause[], compiled: Compiled): boolean {
  const clause = [...clauseList].reverse().find(entry => entry.start <= index) ?? clauseList[0]!;
  const before = sentence.slice(clause.start, index);
  compiled.negation.lastIndex = 0;
  return compiled.negation.test(before);
}

/** A negated collection: "we do not collect", "we never ask for", "is not stored". */
const negatedCollection =
  /\b(?:do not|don['’]t|does not|doesn['’]t|will not|won['’]t|never|not|no longer)\s+(?:\w+\s+){0,3}?(?:collect(?:ed)?|gather(?:ed)?|obtain(?:ed)?|request(?:ed)?|ask(?:ed)? for|store[sd]?|process(?:ed)?|record(?:ed)?|keep)\b/iu;

const notNegating =
  /\b(?:(?:but )?not (?:be )?limited to|not only|not just|not exhaustive|whether or not|if not all)\b/giu;

function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0] === '') {
      regex.lastIndex++;
      continue;
    }
    yield match;
  }
}

/**
 * Reads a policy and lists what it discloses (categories of data, recipients by name or kind, purposes, cookies)
 * and what it promises (no sale, no sharing with advertisers, consent before sharing or cookies, no transfers
 * outside the EU, categories never collected). Deterministic: the vocabulary is `rules/policy.yml`.
 */
export function extractDisclosures(text: string, format: PolicyFormat, knowledge: KnowledgeData): PolicyDisclosures {
  const compiled = compile(knowledge.policy);
  const sentenceList = readPolicy(text, format);
  const categories: CategoryMention[] = [];
  const recipients: RecipientMention[] = [];
  const purposes: PurposeMention[] = [];
  const cookies: PolicyCitation[] = [];
  const promises: PolicyPromise[] = [];
  for (const sentence of sentenceList) {
    const firstMention = categories.length;
    const cite = (phrase: string): PolicyCitation => ({
      sentence: sentence.text,
      line: sentence.line,
      heading: sentence.heading,
      phrase,
    });
    // "including but not limited to", "not only": negation words that negate nothing. Blanked out (same length, so
    // positions hold) before clauses and negations are read.
    const text = sentence.text.replace(notNegating, match => ' '.repeat(match.length));
    const clauseList = clauses(text, compiled);
    const excluded = compiled.notCategories.flatMap(regex =>
      [...matches(regex, text)].map(match => [match.index, match.index + match[0].length] as const),
    );
    // Inside a phrase that names something else: `address` in "email address", `name` in "company name". A match
    // that is the whole phrase ("email address" for email) stands.
    const inExcluded = (start: number, end: number): boolean =>
      excluded.some(([from, to]) => start >= from && end <= to && end - start < to - from);
    const negatedCategories: string[] = [];
    for (const { id, regex } of compiled.categories) {
      for (const match of matches(regex, text)) {
        if (inExcluded(match.index, match.index + match[0].length)) continue;
        const negated = negatedAt(text, match.index, clauseList, compiled);
        categories.push({ ...cite(match[0]), category: id, negated });
        if (negated) negatedCategories.push(id);
      }
    }
    for (const { regex, ids } of compiled.names) {
      for (const match of matches(regex, text)) {
        recipients.push({
          ...cite(match[0]),
          ids,
          kinds: [],
          negated: negatedAt(text, match.index, clauseList, compiled),
          by: 'name',
        });
      }
    }
    for (const { regex, kinds } of compiled.kinds) {
      for (const match of matches(regex, text)) {
        recipients.push({
          ...cite(match[0]),
          ids: [],
          kinds,
          negated: negatedAt(text, match.index, clauseList, compiled),
          by: 'kind',
        });
      }
    }
    const sentencePurposes: string[] = [];
    for (const { id, regex } of compiled.purposes) {
      for (const match of matches(regex, text)) {
        purposes.push({ ...cite(match[0]), purpose: id });
        sentencePurposes.push(id);
        break;
      }
    }
    compiled.share.lastIndex = 0;
    const sharing = compiled.share.test(text);
    for (const match of sharing ? matches(compiled.generic.regex, text) : []) {
      // "service providers that help us analyse usage" describes analytics providers too.
      const described = [...compiled.kindPurposes]
        .filter(([, ids]) => ids.some(id => sentencePurposes.includes(id)))
        .map(([kind]) => kind);
      recipients.push({
        ...cite(match[0]),
        ids: [],
        kinds: [...new Set([...compiled.generic.kinds, ...described])],
        negated: negatedAt(text, match.index, clauseList, compiled),
        by: 'generic',
      });
      break;
    }
    for (const match of matches(compiled.cookies, text)) {
      if (!negatedAt(text, match.index, clauseList, compiled)) {
        cookies.push(cite(match[0]));
        break;
      }
    }
    for (const promise of compiled.promises) {
      const found = promise.all.map(regex => regex.exec(text));
      if (found.every(Boolean) && !promise.none.some(regex => regex.test(text))) {
        promises.push({
          ...cite(found.map(match => match![0]).join(' … ')),
          id: promise.id,
          title: promise.title,
          categories: [],
        });
      }
    }
    // "We do not collect health data": a negated collection verb, and the categories after it in its clause.
    const notCollected = new Set<string>();
    // This sentence's mentions only: looking through all the mentions so far made many sentences quadratic.
    const mentionsHere = categories.slice(firstMention);
    for (const clause of clauseList) {
      const verb = negatedCollection.exec(clause.text);
      if (!verb) continue;
      const from = clause.start + verb.index;
      for (const mention of mentionsHere) {
        if (mention.sentence !== sentence.text || !mention.negated) continue;
        const at = text.indexOf(mention.phrase, from);
        if (at >= from && at < clause.start + clause.text.length) notCollected.add(mention.category);
      }
    }
    if (notCollected.size > 0) {
      promises.push({
        ...cite(text),
        id: 'no-collect',
        title: `these categories are not collected: ${[...notCollected].join(', ')}`,
        categories: [...notCollected],
      });
    }
  }
  return { format, sentences: sentenceList.length, categories, recipients, purposes, cookies, promises };
}

export type { PolicySentence };
