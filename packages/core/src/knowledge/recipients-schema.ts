/**
 * The shapes of `rules/recipients.yml`: third parties (vendors' SDKs and their hosts) and the HTTP clients whose
 * requests to other hosts are sharing too.
 */
import { z } from 'zod';
import { kebabId } from './primitives.js';
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
  'other',
]);

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
  /** The calls that send data, as API shapes; `payload` says which arguments carry it. */
  calls: z.array(apiShape).default([]),
  docs: z.string().url().optional(),
});
export type RecipientDef = z.infer<typeof recipientDef>;

const slot = z.strictObject({ arg: z.number().int().min(0), key: z.string().min(1).optional() });

export const httpClientShape = apiShape.extend({
  /** Where the URL (or an options object with `url`/`hostname`/`host`) is. */
  url: z.array(slot).min(1),
});
export type HttpClientShape = z.infer<typeof httpClientShape>;

export const recipientsFile = z.strictObject({
  recipients: z.array(recipientDef).min(1),
  httpClients: z.array(httpClientShape).min(1),
  /** AI SDK providers: the package a `model` comes from, and the recipient it sends prompts to. */
  aiProviders: z.array(z.strictObject({ module: z.string().min(1), recipient: kebabId })).default([]),
});
