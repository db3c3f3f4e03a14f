/**
 * The shapes of the knowledge base in `rules/*.yml`.
 *
 * `rules/` is data, not code: adding a category, a logger or a vendor is a change there plus a test. This file is
 * the one definition of what that data may look like; `pnpm generate` validates every file in `rules/` against it
 * and writes the typed copies in `./generated/`, and the same schemas produce the JSON Schemas in `rules/schema/`
 * that editors use to complete the YAML.
 */
import { z } from 'zod';

import { kebabId, regexSource, typeKind } from './primitives.js';
import { regionsFile } from './regions-schema.js';
import { schemasFile } from './schemas-schema.js';
import { consentFile, cookiesFile } from './cookies-schema.js';
import { platformFile } from './platform-schema.js';
import { policyFile } from './policy-schema.js';
import { recipientsFile } from './recipients-schema.js';
import { loggersFile, storageFile, urlsFile } from './sinks-schema.js';

export { kebabId, regexSource };

export { typeKind };
export type TypeKind = z.infer<typeof typeKind>;

/** Validators are code (checksums, range checks); the data names them. See `values/validators.ts`. */
export const validatorName = z.enum([
  'luhn',
  'iban',
  'email',
  'e164',
  'phone',
  'ipv4',
  'ipv6',
  'us-ssn',
  'uk-nino',
  'date-of-birth',
  'coordinates',
  'mac-address',
]);
export type ValidatorName = z.infer<typeof validatorName>;

export const namePatterns = z.strictObject({
  /**
   * Regex sources matched against the end of the normalised name (`billingAddressLine1` becomes
   * `billing_address_line_1`). Anchoring at the end makes the head noun decide: `emailTemplateId` ends in `id`, so
   * it is not an email. The longest match across all categories wins (`ip_address` beats `address`).
   */
  include: z.array(regexSource).min(1),
  /**
   * Like `include`, but only when the owner is a person-like object (`user.name`, `Customer.address`): a bare
   * `name` on a product is not personal data.
   */
  contextual: z.array(regexSource).optional(),
  /**
   * Like `include`, but only when the value's type is known and is one of `types`: `recipient: string` is an address,
   * a `recipient` object is a record and `recipient: number` an id; `lng: number` is a longitude, `lng: string`
   * (i18next's option) a language. Untyped code never matches these.
   */
  typed: z.array(z.strictObject({ pattern: regexSource, types: z.array(typeKind).min(1) })).optional(),
  /** Regex sources that, found anywhere in the normalised name, rule the match out (`wallet_address`). */
  exclude: z.array(regexSource).optional(),
  /** Types that rule a name match out when the type is known. */
  excludeTypes: z.array(typeKind).optional(),
});
export type NamePatterns = z.infer<typeof namePatterns>;

export const valuePattern = z.strictObject({
  /** Stable id of the shape, e.g. `e164`, `visa`, `us-ssn`. */
  id: kebabId,
  /** Regex source matched against the whole trimmed literal. */
  pattern: regexSource,
  /** Named validator that must also accept the value (a checksum, a range check). */
  validator: validatorName.optional(),
  description: z.string().min(1),
});
export type ValuePattern = z.infer<typeof valuePattern>;

export const categoryDef = z.strictObject({
  id: kebabId,
  /** The fideslang data category key this category maps to (`user.contact.email`). */
  fides: z.string().regex(/^user(?:\.[a-z_]+)+$/u, 'expected a fideslang `user.*` data category key'),
  /** Human title, used in reports and docs. */
  title: z.string().min(1),
  /** `special` marks the special categories of GDPR Art. 9 (and Art. 10 for criminal records). */
  sensitivity: z.enum(['standard', 'special']),
  description: z.string().min(1),
  /** Field names that must be classified as this category (the data is tested against them). */
  examples: z.array(z.string()).min(1),
  /** Field names that look close but must not be classified as this category (tested too). */
  counterexamples: z.array(z.string()).default([]),
  names: namePatterns,
  values: z.array(valuePattern).default([]),
});
export type CategoryDef = z.infer<typeof categoryDef>;

export const categoriesFile = z.strictObject({ categories: z.array(categoryDef).min(1) });

export const vocabularyFile = z.strictObject({
  /** Tokens that name a person-like object (`user`, `patient`); they make contextual name patterns apply. */
  personObjects: z.array(z.string().regex(/^[a-z]+$/u)).min(1),
  /** Requests to sign-up and sign-in handlers: their body and query hold credentials and contact. */
  signInRequests: z.strictObject({
    /** Regex source over a function's name, a route path or a file path, normalised. */
    handlers: regexSource,
    /** Names of the request object (`req`). */
    requests: z.array(z.string().min(1)).min(1),
    /** Its members that hold what the person sent (`body`, `query`). */
    inputs: z.array(z.string().min(1)).min(1),
    categories: z.array(kebabId).min(1),
  }),
  /** Payload keys of a mail that hold its recipients' addresses (`to`, `cc`, `bcc`, `replyTo`). */
  mailRecipientKeys: z.array(z.string().regex(/^[A-Za-z_]+$/u)).default([]),
  /** Tokens that name an object of the deployment's configuration (`config`, `env`): its members are not personal. */
  configurationObjects: z.array(z.string().regex(/^[a-z]+$/u)).default([]),
  /**
   * Regex sources for names that hold metadata about personal data rather than the data itself, whatever
   * category they would match (`email_template`, `phone_regex`, `is_email`).
   */
  notData: z.array(regexSource),
  /**
   * Local parts of mailboxes that belong to a role or a system, not a person (`noreply@`, `support@`): a literal
   * address with one of them is configuration, not personal data. Lower case; `+tags` are ignored.
   */
  roleMailboxes: z.array(z.string().regex(/^[a-z0-9._-]+$/u)).default([]),
  /**
   * Generic names of the value inside a typed wrapper: `EmailAddress.address`, `PhoneNumber.number`, `Email.value`
   * hold what their owner's name says.
   */
  wrapperValueNames: z.array(z.string().regex(/^[a-z_]+$/u)).default([]),
  /** Consumer mail providers: there, `admin@` is somebody's own account, so role local parts do not apply. */
  webmailDomains: z.array(z.string().regex(/^[a-z0-9.-]+$/u)).default([]),
  /** What a literal must be to be somebody's data (`no-hardcoded-pii`). */
  literals: z.strictObject({
    /** Categories whose values name a person by themselves; other value patterns are not reported as literals. */
    categories: z.array(kebabId).min(1),
    /** Local parts that stand for anybody (`john.doe`, `you`, `example`). */
    placeholderMailboxes: z.array(z.string().regex(/^[a-z0-9._-]+$/u)),
    /** Domains used as placeholders (`email.com`, `company.com`). */
    placeholderDomains: z.array(z.string().regex(/^[a-z0-9.-]+$/u)),
    /** Regex sources over a phone number's digits alone: fictional ranges, toll-free numbers, placeholders. */
    nonPersonalPhones: z.array(regexSource),
    /** Published example and test values (test cards, documentation IBANs), without spaces. */
    exampleValues: z.array(z.string().regex(/^[A-Z0-9]+$/u)),
    /** Regex source over the normalised name that holds a literal: such a holder holds an example. */
    exampleHolders: regexSource,
    /** Regex source over each segment of a file's path: such files and folders hold sample content. */
    samplePaths: regexSource,
  }),
});
export type Vocabulary = z.infer<typeof vocabularyFile>;

export const sanitizerDef = z.strictObject({
  id: kebabId,
  description: z.string().min(1),
  /**
   * Regex source matched against the normalised name of the called function or method (`maskEmail` ->
   * `mask_email`), anchored at the start: the verb decides.
   */
  callee: regexSource.optional(),
  /** Exact dotted call paths, e.g. `crypto.createHash`. */
  calls: z.array(z.string()).optional(),
});
export type SanitizerDef = z.infer<typeof sanitizerDef>;

export const sanitizersFile = z.strictObject({ sanitizers: z.array(sanitizerDef).min(1) });

const taxonomyEntry = z.strictObject({
  key: z.string().regex(/^[a-z_]+(?:\.[a-z_]+)*$/u),
  description: z.string(),
});

/** The fideslang taxonomy, kept as data so category, purpose and subject keys can be checked offline. */
export const fideslangFile = z.strictObject({
  source: z.string(),
  license: z.string(),
  dataCategories: z.array(taxonomyEntry).min(1),
  dataUses: z.array(taxonomyEntry).min(1),
  dataSubjects: z.array(taxonomyEntry).min(1),
});

export const purposeDef = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u),
  /** The fideslang data use key (`essential.service.payment_processing`). */
  fides: z.string().regex(/^[a-z_]+(?:\.[a-z_]+)*$/u),
  title: z.string().min(1),
});
export type PurposeDef = z.infer<typeof purposeDef>;

export const purposesFile = z.strictObject({ purposes: z.array(purposeDef).min(1) });

/** Every knowledge file: its name in `rules/` and its schema. Sinks, recipients and consent APIs join here. */
export const knowledgeFiles = {
  fideslang: fideslangFile,
  categories: categoriesFile,
  vocabulary: vocabularyFile,
  sanitizers: sanitizersFile,
  purposes: purposesFile,
  loggers: loggersFile,
  storage: storageFile,
  urls: urlsFile,
  cookies: cookiesFile,
  consent: consentFile,
  recipients: recipientsFile,
  policy: policyFile,
  schemas: schemasFile,
  platform: platformFile,
  regions: regionsFile,
} as const;
export type KnowledgeFileName = keyof typeof knowledgeFiles;

/** The validated content of every knowledge file, by file name. */
export type KnowledgeData = { [K in KnowledgeFileName]: z.infer<(typeof knowledgeFiles)[K]> };

/**
 * The JSON Schema of a zod schema, for editors (YAML language server) and for the published manifest schema. Input
 * shape: fields with defaults are optional, as a person writing the file sees them.
 */
export function jsonSchemaOf(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return { $schema: json.$schema, $id: id, title, ...json };
}
