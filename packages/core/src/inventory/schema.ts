/**
 * The data inventory: what personal data the code holds, where it flows, under which declared purpose, behind which
 * consent check, and what the rules found. One versioned shape, defined here once: the CLI writes it as JSON, every
 * reporter reads it, and `packages/core/schema/inventory.schema.json` is generated from it for other tools.
 *
 * Compatibility: adding optional fields keeps `schemaVersion`; renaming, removing or changing the meaning of a field
 * bumps it (a breaking change for `privlint diff`, baselines and consumers).
 */
import { z } from 'zod';

export const inventorySchemaVersion = 1;

const location = z.strictObject({
  file: z.string().describe("Relative to the project root (the manifest's folder), POSIX separators."),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});

const evidence = z.strictObject({
  source: z.enum(['tag', 'manifest', 'schema', 'type-tag', 'name', 'value']),
  category: z.string(),
  symbol: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  detail: z.string(),
});

const dataItem = z.strictObject({
  text: z.string().describe('The expression as written where the data is read; never a literal value.'),
  categories: z.array(z.string()),
  fields: z.array(z.string()).describe('Personal fields of a whole object.'),
  declared: z.boolean(),
  evidence: z.array(evidence),
  steps: z.array(z.string()),
  file: z.string(),
  line: z.number().int(),
});

const sink = z.strictObject({
  kind: z.enum(['log', 'storage', 'url', 'cookie', 'third-party']),
  api: z.string(),
  text: z.string(),
  basis: z.enum(['origin', 'type', 'manifest', 'name']),
});

export const inventoryField = location.extend({
  symbol: z.string(),
  categories: z.array(z.string()),
  declared: z.boolean(),
  evidence: z.array(evidence),
});

/** What the cookie family records of one cookie write or tag: the facts that decided it. */
export const cookieFlowDetails = z.strictObject({
  name: z.string().describe('The cookie name, a `*` pattern, the computed code, or a tag’s cookies.'),
  essential: z.boolean(),
  essentialBasis: z.enum(['declared', 'inferred']).optional(),
  essentialReason: z.string().optional(),
  preference: z.boolean().optional(),
  deletion: z.boolean(),
  namePattern: z.boolean().optional().describe('`name` is a `*` pattern: part of it is computed.'),
  nameUnknown: z.string().optional().describe('Why the name, or a part of it, cannot be read.'),
  consent: z.string().optional(),
  purpose: z.string().optional(),
  lifetime: z.string().optional(),
  lifetimeSeconds: z.number().optional(),
  lifetimeSource: z.enum(['code', 'default']).optional(),
  tag: z.string().optional(),
  vendor: z.string().optional(),
  cookies: z.array(z.string()).optional(),
  cookiesOff: z.string().optional(),
  grant: z.boolean().optional().describe('The call grants the tag consent (`gtag("consent", "update", …)`).'),
});

/** What the sharing family records of one call to a third party: who receives it and what privacy.yml says. */
export const sharingFlowDetails = z.strictObject({
  recipient: z.string().describe('The recipient id: privacy.yml’s, the catalogue’s, or `host:<host>`.'),
  recipientName: z.string(),
  kind: z.string().optional().describe('The catalogue’s kind of service (`analytics`, `payments`), or `other`.'),
  declared: z.boolean(),
  purposes: z.array(z.string()),
  legalBasis: z.string().optional(),
  retention: z.string().optional(),
  transfers: z.array(z.string()),
  host: z.string().optional(),
  consent: z.string().optional(),
});

export const inventoryFlow = location.extend({
  endLine: z.number().int(),
  endColumn: z.number().int(),
  sink,
  categories: z.array(z.string()),
  data: z.array(dataItem),
  sanitized: z.array(z.strictObject({ text: z.string(), sanitizer: z.string(), categories: z.array(z.string()) })),
  ruleId: z.string(),
  reported: z.boolean().describe('Whether a rule reported this flow as a finding.'),
  details: z
    .union([cookieFlowDetails, sharingFlowDetails])
    .optional()
    .describe('Cookie flows carry the cookie’s facts, third-party flows the recipient’s; other flows none.'),
});

export const inventoryCategory = z.strictObject({
  id: z.string(),
  fides: z.string(),
  title: z.string(),
  sensitivity: z.enum(['standard', 'special']),
  fields: z.array(inventoryField),
  flows: z.number().int().describe('Flows that carry this category.'),
  sinks: z.array(z.enum(['log', 'storage', 'url', 'cookie', 'third-party'])),
  declared: z.boolean().describe('Named by a recipient in privacy.yml.'),
  seenInCode: z.boolean(),
});

export const inventoryRecipient = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.string().optional(),
  declared: z.boolean().describe('Declared under `recipients:` in privacy.yml.'),
  seenInCode: z.boolean(),
  purposes: z.array(z.string()),
  declaredCategories: z.array(z.string()),
  categories: z.array(z.string()).describe('Categories the code sends.'),
  legalBasis: z.string().optional(),
  retention: z.string().optional(),
  transfers: z.array(z.string()),
  safeguards: z.string().optional().describe('Transfer safeguards as privacy.yml declares them (`SCCs`).'),
  locations: z.array(location),
});

export const inventoryCookie = location.extend({
  name: z
    .string()
    .describe('The cookie name, a `*` pattern when part of it is computed, `(computed)`, or a tag’s cookies.'),
  api: z.string().describe('The cookie API (`express`, `document-cookie`) or the tag (`google-tag`, `posthog`).'),
  essential: z.boolean(),
  essentialBasis: z
    .enum(['declared', 'inferred'])
    .optional()
    .describe('Declared in privacy.yml `cookies.essential`, or inferred as strictly necessary from its name and use.'),
  essentialReason: z
    .string()
    .optional()
    .describe('Why it reads as strictly necessary: `a session cookie name, httpOnly`.'),
  preference: z.boolean().optional().describe('A preference cookie (theme, language, UI state).'),
  deletion: z.boolean(),
  consent: z.string().optional().describe('The consent check that guards the write, or what makes a tag wait for one.'),
  purpose: z.string().optional(),
  lifetime: z.string().optional().describe('How long the cookie lasts, where the code or the tag’s default says.'),
  lifetimeSeconds: z.number().optional(),
  lifetimeSource: z
    .enum(['code', 'default'])
    .optional()
    .describe('Stated by the code, or the tag’s documented default.'),
  tag: z.string().optional().describe('The tag or SDK that sets the cookies (`rules/cookies.yml` `tags`).'),
  vendor: z.string().optional(),
  cookies: z.array(z.string()).optional().describe('The cookies a tag sets, as its vendor names them.'),
  cookiesOff: z
    .string()
    .optional()
    .describe('The option that keeps a tag from setting cookies (`persistence: memory`).'),
  nameUnknown: z.string().optional().describe('Why the name (or part of it) is not known from the code.'),
  categories: z.array(z.string()).describe('Personal data in the value.'),
  reported: z.boolean(),
  declared: z
    .boolean()
    .optional()
    .describe('Named in privacy.yml `cookies:` (essential, or with a purpose): disclosed. Always written.'),
});

export const inventoryFinding = location.extend({
  endLine: z.number().int(),
  endColumn: z.number().int(),
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  categories: z.array(z.string()),
  evidence: z.array(evidence),
  sink: sink.optional(),
  fingerprint: z.string(),
  baseline: z.boolean().optional().describe('Accepted by the baseline: reported but not failing the build.'),
});

export const inventoryException = location.extend({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  categories: z.array(z.string()),
  fingerprint: z.string(),
  via: z
    .enum(['privlint-ignore', 'eslint-disable'])
    .describe('The comment that accepts it: `// privlint-ignore <rule> -- reason` or an ESLint disable comment.'),
  reason: z.string().optional().describe('Why it is acceptable, as the comment says after `--`.'),
  commentLine: z.number().int().describe('The line of the comment.'),
  commentFile: z
    .string()
    .optional()
    .describe('The file of the comment, when it is at a sink the finding reaches through a function.'),
});

export const inventorySchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(inventorySchemaVersion),
  tool: z.strictObject({ name: z.literal('privlint'), version: z.string() }),
  generatedAt: z
    .string()
    .optional()
    .describe('Only with `--timestamp`: output is otherwise byte-identical across runs.'),
  controller: z
    .strictObject({
      name: z.string(),
      contact: z.string().optional(),
      dpo: z.string().optional(),
      representative: z.string().optional(),
    })
    .optional(),
  manifest: z.string().optional().describe('The privacy.yml used, relative to the project root.'),
  dataSubjects: z.array(z.string()),
  security: z
    .strictObject({
      measures: z.array(z.string()).describe('As privacy.yml `security.measures` declares them.'),
      document: z.string().optional(),
      sanitizers: z
        .array(z.strictObject({ name: z.string(), flows: z.number().int() }))
        .describe('Sanitizers the code applies before data reaches a sink (pseudonymisation, masking), with counts.'),
    })
    .optional()
    .describe('Security measures (GDPR Art. 30(1)(g)): declared ones, and what the code shows. Always written.'),
  summary: z.strictObject({
    files: z.number().int(),
    skipped: z.number().int(),
    categories: z.number().int(),
    specialCategories: z.number().int(),
    flows: z.number().int(),
    recipients: z.number().int(),
    findings: z.number().int(),
    exceptions: z.number().int(),
    incomplete: z
      .number()
      .int()
      .optional()
      .describe(
        'Files (or, without a file, other parts of the scan) whose analysis did not complete: their findings may be missing, and the scan fails by default.',
      ),
    bySeverity: z.strictObject({ error: z.number().int(), warning: z.number().int() }),
    byRule: z.record(z.string(), z.number().int()),
  }),
  categories: z.array(inventoryCategory),
  flows: z.array(inventoryFlow),
  recipients: z.array(inventoryRecipient),
  cookies: z.array(inventoryCookie),
  unused: z.strictObject({
    recipients: z.array(z.string()).describe('Declared in privacy.yml, never seen in code.'),
    categories: z.array(z.string()).describe('Declared in privacy.yml, never seen in code.'),
  }),
  findings: z.array(inventoryFinding),
  exceptions: z
    .array(inventoryException)
    .describe('Findings the code accepts with a comment and a reason: not reported, listed here for review.'),
  skipped: z.array(z.strictObject({ file: z.string(), reason: z.string(), detail: z.string().optional() })),
  problems: z.array(
    z.strictObject({
      file: z.string().optional(),
      line: z.number().int().optional(),
      column: z.number().int().optional(),
      message: z.string(),
      incomplete: z
        .boolean()
        .optional()
        .describe('The analysis of this file (or expression) did not complete: findings may be missing.'),
    }),
  ),
});

export type Inventory = z.infer<typeof inventorySchema>;
export type InventoryCategory = z.infer<typeof inventoryCategory>;
export type InventoryFlow = z.infer<typeof inventoryFlow>;
export type CookieFlowDetails = z.infer<typeof cookieFlowDetails>;
export type SharingFlowDetails = z.infer<typeof sharingFlowDetails>;
export type InventoryRecipient = z.infer<typeof inventoryRecipient>;
export type InventoryCookie = z.infer<typeof inventoryCookie>;
export type InventoryFinding = z.infer<typeof inventoryFinding>;
export type InventoryException = z.infer<typeof inventoryException>;
export type InventoryField = z.infer<typeof inventoryField>;

/** A flow's cookie facts, when it is a cookie write or tag. */
export function cookieDetailsOf(flow: {
  readonly sink: { readonly kind: string };
  readonly details?: CookieFlowDetails | SharingFlowDetails | undefined;
}): CookieFlowDetails | undefined {
  return flow.sink.kind === 'cookie' && flow.details !== undefined && 'essential' in flow.details
    ? flow.details
    : undefined;
}

/** A flow's recipient facts, when it goes to a third party. */
export function sharingDetailsOf(flow: {
  readonly sink: { readonly kind: string };
  readonly details?: CookieFlowDetails | SharingFlowDetails | undefined;
}): SharingFlowDetails | undefined {
  return flow.sink.kind === 'third-party' && flow.details !== undefined && 'recipient' in flow.details
    ? flow.details
    : undefined;
}
