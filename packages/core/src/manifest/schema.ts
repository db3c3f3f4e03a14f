/**
 * The one definition of `privacy.yml`. The loader validates against it, the published JSON Schema
 * (`packages/core/schema/privacy.schema.json`) is generated from it, and `docs/manifest.md` documents it. Category
 * and purpose ids are checked against the knowledge base after this structural check (see `load.ts`).
 */
import { z } from 'zod';
import { presets, ruleSettingSchemas } from '../findings/policy.js';

const stringList = (description: string) => z.array(z.string().min(1)).default([]).describe(description);

export const legalBases = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LegalBasis = (typeof legalBases)[number];

const party = z.strictObject({
  name: z.string().min(1).optional().describe('Name of the person or office.'),
  contact: z.string().min(1).optional().describe('Email address, postal address or URL to reach them.'),
});

export const recipientSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Display name, e.g. `HubSpot CRM`; defaults to the id.'),
    purposes: stringList(
      'Why data goes to this recipient: purpose ids (`analytics`, `payment`) or fideslang data uses.',
    ),
    categories: stringList(
      'Categories of personal data this recipient receives: short ids (`email`) or fideslang data category keys.',
    ),
    legalBasis: z
      .enum(legalBases)
      .optional()
      .describe(
        'GDPR Art. 6(1) basis: consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests.',
      ),
    retention: z.string().min(1).optional().describe('How long the recipient keeps the data, e.g. `13 months`.'),
    transfers: stringList('Countries or regions outside the EEA the data is transferred to, e.g. `US`.'),
    safeguards: z.string().min(1).optional().describe('Transfer safeguards, e.g. `SCCs`, `adequacy decision`.'),
    hosts: stringList('Hosts that belong to this recipient, for HTTP calls (`api.hubapi.com`, `*.segment.io`).'),
    review: z
      .string()
      .min(1)
      .optional()
      .describe(
        'What a person still has to confirm about this entry (`privlint init` proposes purposes from the catalogue and says so here). privlint warns while it is present; delete it once checked.',
      ),
  })
  .describe('A third party that receives personal data.');

export const manifestSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    version: z.literal(1).optional().describe('The manifest format version; only 1 exists.'),
    controller: z
      .strictObject({
        name: z.string().min(1).describe('The organisation responsible for the processing.'),
        contact: z.string().min(1).optional().describe('How to reach it about privacy, e.g. `privacy@acme.example`.'),
        address: z.string().min(1).optional().describe('Its postal address.'),
        dpo: party.optional().describe('The data protection officer.'),
        representative: party.optional().describe('The EU or UK representative, where one is required.'),
      })
      .optional()
      .describe('Who is responsible for the processing (GDPR Art. 30(1)(a)).'),
    security: z
      .strictObject({
        measures: stringList(
          'Technical and organisational security measures (GDPR Art. 32(1)), a few words each: `TLS 1.2+ in transit`, `AES-256 at rest`, `role-based access, reviewed quarterly`.',
        ),
        document: z
          .string()
          .min(1)
          .optional()
          .describe('Where the full description of the measures is kept: a URL or a document reference.'),
      })
      .optional()
      .describe('The general description of security measures a record of processing gives (GDPR Art. 30(1)(g)).'),
    dataSubjects: stringList(
      'Whose data the code processes: fideslang data subjects (`customer`, `employee`, `patient`).',
    ),
    recipients: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9._-]*$/u, 'expected a lower-case recipient id such as `segment`'),
        recipientSchema,
      )
      .default({})
      .describe('Third parties that receive personal data, by recipient id (`segment`, `stripe`, or your own).'),
    firstParty: z
      .strictObject({
        hosts: stringList(
          'Hosts that are yours (`api.acme.example`, `*.acme.example`): calls to them are not sharing.',
        ),
      })
      .optional()
      .describe('The controller’s own services.'),
    cookies: z
      .strictObject({
        essential: stringList('Cookies that need no consent: exact names and `prefix*` globs (`session`, `csrf_*`).'),
        purposes: z
          .record(z.string().min(1), z.string().min(1))
          .default({})
          .describe('The purpose of a cookie (`_ga: analytics`), so a check for the wrong purpose is caught.'),
        retention: z
          .record(z.string().min(1), z.string().min(1))
          .default({})
          .describe(
            'How long cookies of a purpose may live (`analytics: 6 months`); without it, 13 months, the CNIL’s ceiling.',
          ),
      })
      .optional()
      .describe('Cookies the code writes.'),
    consent: z
      .strictObject({
        functions: stringList(
          'The project’s consent checks, plain or dotted names (`hasConsent`, `consentManager.allows`).',
        ),
        purposes: z
          .record(z.string().min(1), z.string().min(1))
          .default({})
          .describe('The purpose a consent function checks, when its name or arguments do not say.'),
      })
      .optional()
      .describe('How the code checks consent.'),
    sanitizers: stringList('Project functions whose result carries no personal data (`maskEmail`, `audit.scrub`).'),
    loggers: stringList('Project functions, objects or classes that write logs (`log`, `audit.write`, `AppLogger`).'),
    fields: z
      .record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
      .default({})
      .describe(
        'Categories of fields, without changing code: `User.taxRef: government-id`, `"*.msisdn": phone`, `none`.',
      ),
    ignore: stringList('Paths the scanner skips, as globs relative to this file (`scripts/**`).'),
    testCode: z
      .strictObject({
        check: z
          .boolean()
          .default(false)
          .describe(
            'Report findings in test code and count its data in the inventory, as for production code. Off by default: specs, e2e suites, fixtures, seeds, stories and mocks work on made-up data.',
          ),
        paths: stringList(
          'More paths that are test code, as globs relative to this file (`qa/**`, `src/**/*.demo.tsx`), besides the usual test folders and file names and what the test runners’ configs include.',
        ),
      })
      .optional()
      .describe('Test code: not processing of personal data, so not reported and not in the inventory by default.'),
    preset: z
      .enum(presets)
      .optional()
      .describe(
        'The rules that run by default: `recommended`, `strict` (the default: every rule at its own severity) or `all`, as the ESLint presets of the same name.',
      ),
    rules: z
      .strictObject(ruleSettingSchemas)
      .default({})
      .describe(
        'Rules on top of the preset, as in ESLint: `no-pii-in-url: warn`, `no-hardcoded-pii: [error, { allowDomains: [acme.example] }]`, `no-pii-in-logs: off`. The CLI applies them; in the editor, ESLint’s own config wins.',
      ),
  })
  .describe('privlint privacy manifest: what the project declares about the personal data its code processes.');

export type ManifestInput = z.input<typeof manifestSchema>;
export type ManifestData = z.output<typeof manifestSchema>;
