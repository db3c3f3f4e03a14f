/**
 * The shapes of `rules/recipients.yml`: third parties (vendors' SDKs and their hosts) and the HTTP clients whose
 * requests to other hosts are sharing too.
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';
import { apiShape } from './sinks-schema.js';

export const recipientKind = z.enum([
  'analytics',
  'advertising',
  'monitoring',
  'payments',
  'crm',
  'email',
  'sms',
  'support',
  'llm',
  'product',
  'hosting',
  /** Identity verification and KYC (documents, selfies, sanctions checks). */
  'identity',
  /** Sign-in and user directories run by a third party. */
  'authentication',
  /** Hosted search indexes. */
  'search',
  /** Event pipelines, warehouses and enrichment APIs (CDPs, IP geolocation). */
  'data',
  /** Bot and fraud checks (captchas, device fingerprinting, risk scoring). */
  'security',
  /** Push notifications and notification infrastructure. */
  'push',
  /** Workspace tools the data is posted into (chat, documents, spreadsheets). */
  'workspace',
  'other',
]);

/** A region a vendor offers (`EU`), with the hosts that serve it: a request there is processed in that region. */
const regionDef = z.strictObject({
  region: z.string().min(1),
  hosts: z.array(z.string().min(1)).min(1),
});

export const recipientDef = z.strictObject({
  id: kebabId,
  name: z.string().min(1),
  kind: recipientKind,
  /** The short purpose id (`rules/purposes.yml`) this vendor is usually used for. */
  purpose: z.string().min(1),
  /** Where the vendor usually processes data, for the inventory's transfers when the manifest says nothing. */
  transfers: z.array(z.string()).default([]),
  /** Hosts of its APIs, for HTTP calls made without its SDK; `*.` globs. */
  hosts: z.array(z.string()).default([]),
  /**
   * Data regions the vendor documents, each with its hosts (`api-eu.mixpanel.com` is `EU`): a request to one of
   * these hosts is a transfer to that region instead of `transfers`. Every host here is also in `hosts`.
   */
  regions: z.array(regionDef).default([]),
  /**
   * Environment variables that hold the vendor's API URL (regex sources matched against the whole name,
   * `^TINYBIRD_(?:API_)?(?:URL|HOST)$`): `fetch(process.env.TINYBIRD_API_URL)` is a request to the vendor even
   * though the code never names a host. Names that say nothing about the vendor (`API_URL`) never belong here.
   */
  envNames: z.array(regexSource).default([]),
  /** The API's documented default base URL; required with `envNames`, whose requests count as going there. */
  baseUrl: z.string().url().optional(),
  /** The calls that send data, as API shapes; `payload` says which arguments carry it. */
  calls: z.array(apiShape).default([]),
  docs: z.string().url().optional(),
});
export type RecipientDef = z.infer<typeof recipientDef>;

const slot = z.strictObject({ arg: z.number().int().min(0), key: z.string().min(1).optional() });

export const httpClientShape = apiShape.extend({
  /** Where the URL (or an options object with `url`/`hostname`/`host`) is. */
  url: z.array(slot).min(1),
  /**
   * `call`: the URL is in the call's arguments (`fetch(url)`). `factory`: in the arguments of the call that made the
   * receiver (`nodemailer.createTransport({ host })` for `transport.sendMail(…)`, `new Client({ node })` for an
   * Elasticsearch client), so a client configured for a hosted service is a request to it.
   */
  urlFrom: z.enum(['call', 'factory']).default('call'),
  /**
   * Names the client accepts instead of a host, lower case, with the host they stand for (nodemailer's well-known
   * services: `service: 'SendGrid'` is `smtp.sendgrid.net`).
   */
  knownServices: z.record(z.string().regex(/^[a-z0-9 ._-]+$/u), z.string().min(1)).default({}),
  /** The client sends mail (Nodemailer): the recipient slots of its payload hold addresses (`vocabulary.yml`). */
  sendsMail: z.boolean().optional(),
});
export type HttpClientShape = z.infer<typeof httpClientShape>;

export const recipientsFile = z.strictObject({
  recipients: z.array(recipientDef).min(1),
  httpClients: z.array(httpClientShape).min(1),
  /** AI SDK providers: the package a `model` comes from, and the recipient it sends prompts to. */
  aiProviders: z.array(z.strictObject({ module: z.string().min(1), recipient: kebabId })).default([]),
  /**
   * Environment variables that hold the application's own URL by a framework's or host's convention (NextAuth's
   * `NEXTAUTH_URL`, Vercel's `VERCEL_URL`): a request built on one goes to the application itself, whatever literal
   * stands in for it when it is unset (`process.env.NEXTAUTH_URL || 'https://app.example.com'`).
   */
  ownUrlEnvNames: z.array(regexSource).default([]),
});
