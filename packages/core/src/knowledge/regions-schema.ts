/**
 * Where personal data may go without a transfer mechanism (GDPR Chapter V): the EEA, and the countries with an
 * adequacy decision. Kept as data (`rules/regions.yml`) so the list is reviewed and changed as a list.
 */
import { z } from 'zod';

const country = z.strictObject({
  /** ISO 3166-1 alpha-2. */
  code: z.string().regex(/^[A-Z]{2}$/u),
  name: z.string().min(1),
  /** Other names a manifest or a vendor uses (`UK`, `Czech Republic`). */
  aliases: z.array(z.string().min(1)).default([]),
});

export const regionsFile = z.strictObject({
  sources: z.strictObject({ eea: z.string().url(), adequacy: z.string().url() }),
  /** Words that mean the whole area (`EU`, `EEA`). */
  eeaAliases: z.array(z.string().min(1)).min(1),
  eea: z.array(country).min(1),
  adequacy: z.array(
    country.extend({
      /** What the decision covers when it is not the whole country (Canada: PIPEDA; the US: certified organisations). */
      scope: z.string().min(1).optional(),
    }),
  ),
  /** Transfer mechanisms, as a manifest's `safeguards:` text names them, with Fides' `legal_basis_for_transfers`. */
  safeguards: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/u),
      title: z.string().min(1),
      fides: z.enum(['Adequacy Decision', 'SCCs', 'BCRs', 'Supplementary Measures', 'Other']),
      words: z.array(z.string().min(1)).min(1),
    }),
  ),
});
export type RegionsFile = z.infer<typeof regionsFile>;
