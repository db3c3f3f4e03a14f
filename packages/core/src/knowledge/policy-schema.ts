/**
 * The shape of `rules/policy.yml`: how privacy policies say what they disclose and promise. Phrases are regex sources
 * matched case-insensitively at word boundaries in a policy's sentences.
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';

const phrases = z.array(regexSource).min(1);

export const policyFile = z.strictObject({
  /** Category id -> the ways policies name it ("e-mail address", "ID number", "bank card"). */
  categories: z.record(kebabId, phrases),
  /** Phrases that look like a category but are not (`company name`, `domain name`, `web address`). */
  notCategories: z.array(regexSource),
  /** Named recipients: the catalogue ids a name covers (`Google` covers Google Analytics, Ads and Tag Manager). */
  recipients: z.array(z.strictObject({ names: phrases, ids: z.array(kebabId).min(1) })),
  /** Kinds of recipients, by the recipient kinds of `rules/recipients.yml` they describe. */
  recipientKinds: z.array(z.strictObject({ phrases, kinds: z.array(z.string().min(1)).min(1) })),
  /**
   * Generic third parties ("service providers", "vendors"): they describe the kinds listed here, and others only when
   * the same sentence names a purpose of that kind (analytics providers described as "to analyse usage").
   */
  genericRecipients: z.strictObject({ phrases, kinds: z.array(z.string().min(1)) }),
  /** Purpose id -> phrases. */
  purposes: z.record(kebabId, phrases),
  /** Kind of recipient -> purpose ids whose mention next to a generic recipient describes it. */
  kindPurposes: z.record(z.string().min(1), z.array(kebabId)),
  cookies: phrases,
  consent: phrases,
  /** Words that negate what follows them in a clause. */
  negations: phrases,
  /** Words that split a sentence into clauses ("but", "except", ";"). */
  clauseBreaks: phrases,
  collectVerbs: phrases,
  shareVerbs: phrases,
  /** Promises, each a regex over one sentence; `{category}` is not used, categories come from the sentence. */
  promises: z.array(
    z.strictObject({
      id: kebabId,
      title: z.string().min(1),
      /** All must match the sentence (case-insensitive). */
      all: phrases,
      /** None may match. */
      none: z.array(regexSource).default([]),
    }),
  ),
});
