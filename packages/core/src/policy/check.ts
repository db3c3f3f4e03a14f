import { sharingDetailsOf, type Inventory } from '../inventory/schema.js';
import { outsideEea } from '../inventory/transfers.js';
import type { KnowledgeData } from '../knowledge/schema.js';
import type { PolicyCitation, PolicyDisclosures } from './extract.js';

export type PolicyResultKind = 'undisclosed-category' | 'undisclosed-recipient' | 'broken-promise' | 'no-trace-in-code';

/** One difference between what a policy says and what the code does, citing both. */
export interface PolicyResult {
  readonly kind: PolicyResultKind;
  /** Undisclosed data and broken promises are errors; disclosures with no trace in the code are for review. */
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly category?: string | undefined;
  readonly recipient?: string | undefined;
  readonly promise?: string | undefined;
  /** The policy sentence it concerns (absent for what the policy never mentions). */
  readonly policy?: PolicyCitation | undefined;
  /** Where in the code, relative to the scanned folder. */
  readonly code?: { readonly file: string; readonly line: number; readonly column: number } | undefined;
}

/** Recipient kinds that process data for the controller (processors); the others use it for their own ends too. */
const ownEnds = new Set(['analytics', 'advertising', 'product']);

/**
 * Holds a policy's disclosures against a scan's inventory: data the code holds that the policy never mentions,
 * recipients the code reaches that it neither names nor describes, promises the code breaks, and disclosures with
 * no trace in the code (worth a review). Results cite the policy sentence and the code location.
 */
export function comparePolicy(
  disclosures: PolicyDisclosures,
  inventory: Inventory,
  knowledge: KnowledgeData,
): PolicyResult[] {
  const results: PolicyResult[] = [];
  const titles = new Map(knowledge.categories.categories.map(category => [category.id, category.title.toLowerCase()]));
  const disclosedCategories = new Set(
    disclosures.categories.filter(mention => !mention.negated).map(mention => mention.category),
  );
  const noCollect = disclosures.promises.filter(promise => promise.id === 'no-collect');

  for (const category of inventory.categories.filter(entry => entry.seenInCode)) {
    const where = category.fields[0] ?? inventory.flows.find(flow => flow.categories.includes(category.id));
    const code = where ? { file: where.file, line: where.line, column: where.column } : undefined;
    const promise = noCollect.find(entry => entry.categories.includes(category.id));
    if (promise && !disclosedCategories.has(category.id)) {
      results.push({
        kind: 'broken-promise',
        severity: 'error',
        promise: 'no-collect',
        category: category.id,
        message: `The policy says ${titles.get(category.id) ?? category.id} is not collected, but the code holds it (${describeHolding(category)}).`,
        policy: promise,
        code,
      });
    } else if (!disclosedCategories.has(category.id)) {
      results.push({
        kind: 'undisclosed-category',
        severity: 'error',
        category: category.id,
        message: `The code holds ${titles.get(category.id) ?? category.id} (${describeHolding(category)}), which the policy never mentions.`,
        code,
      });
    }
  }

  const affirmative = disclosures.recipients.filter(mention => !mention.negated);
  for (const recipient of inventory.recipients.filter(entry => entry.seenInCode && entry.categories.length > 0)) {
    const kind = recipient.kind ?? 'other';
    const named = affirmative.find(mention => mention.ids.includes(recipient.id));
    const described = affirmative.find(mention => mention.by !== 'name' && mention.kinds.includes(kind));
    if (named || described) continue;
    const location = recipient.locations[0];
    results.push({
      kind: 'undisclosed-recipient',
      severity: 'error',
      recipient: recipient.id,
      message: `The code sends ${recipient.categories.join(', ')} to ${recipient.name}${recipient.kind ? ` (${recipient.kind})` : ''}, which the policy neither names nor describes.`,
      code: location,
    });
  }

  for (const promise of disclosures.promises) {
    switch (promise.id) {
      case 'no-advertisers':
      case 'no-sale':
        for (const recipient of inventory.recipients.filter(
          entry => entry.seenInCode && entry.kind === 'advertising' && entry.categories.length > 0,
        )) {
          results.push({
            kind: 'broken-promise',
            severity: promise.id === 'no-advertisers' ? 'error' : 'warning',
            promise: promise.id,
            recipient: recipient.id,
            message:
              promise.id === 'no-advertisers'
                ? `The policy says personal data is not shared with advertisers, but the code sends ${recipient.categories.join(', ')} to ${recipient.name}, an advertising platform.`
                : `The policy says personal data is not sold, but the code sends ${recipient.categories.join(', ')} to ${recipient.name}, an advertising platform; under the CCPA/CPRA that can be a sale or a share.`,
            policy: promise,
            code: recipient.locations[0],
          });
        }
        break;
      case 'cookies-need-consent':
        for (const cookie of inventory.cookies.filter(
          entry => !entry.essential && !entry.deletion && entry.consent === undefined,
        )) {
          results.push({
            kind: 'broken-promise',
            severity: 'error',
            promise: promise.id,
            message: `The policy says cookies need consent, but the code writes cookie \`${cookie.name}\` with ${cookie.api} before any consent check.`,
            policy: promise,
            code: { file: cookie.file, line: cookie.line, column: cookie.column },
          });
        }
        break;
      case 'consent-before-sharing':
        for (const flow of inventory.flows) {
          const details = sharingDetailsOf(flow);
          const kind = details?.kind ?? 'other';
          if (
            flow.sink.kind !== 'third-party' ||
            flow.categories.length === 0 ||
            !ownEnds.has(kind) ||
            details?.consent !== undefined
          )
            continue;
          results.push({
            kind: 'broken-promise',
            severity: 'error',
            promise: promise.id,
            recipient: details?.recipient,
            message: `The policy says personal data goes to third parties only with consent, but the code sends ${flow.categories.join(', ')} to ${details?.recipientName ?? flow.sink.api} without a consent check.`,
            policy: promise,
            code: { file: flow.file, line: flow.line, column: flow.column },
          });
        }
        break;
      case 'no-transfer-outside-eu':
        for (const recipient of inventory.recipients.filter(entry => entry.seenInCode && entry.categories.length > 0)) {
          const outside = outsideEea(recipient.transfers, knowledge.regions).map(place => place.place);
          if (outside.length === 0) continue;
          results.push({
            kind: 'broken-promise',
            severity: 'error',
            promise: promise.id,
            recipient: recipient.id,
            message: `The policy says personal data stays in the EU, but the code sends ${recipient.categories.join(', ')} to ${recipient.name}, which processes it in ${outside.join(', ')}.`,
            policy: promise,
            code: recipient.locations[0],
          });
        }
        break;
      default:
        break;
    }
  }

  // The other direction: disclosures with no trace in the code, for review (the code may be elsewhere).
  const seenCategories = new Set(inventory.categories.filter(entry => entry.seenInCode).map(entry => entry.id));
  const firstMention = new Map<string, PolicyCitation>();
  for (const mention of disclosures.categories)
    if (!mention.negated && !firstMention.has(mention.category)) firstMention.set(mention.category, mention);
  for (const [category, mention] of firstMention) {
    if (seenCategories.has(category)) continue;
    results.push({
      kind: 'no-trace-in-code',
      severity: 'info',
      category,
      message: `The policy discloses ${titles.get(category) ?? category}, which the scanned code never shows; review whether it is collected elsewhere or no longer.`,
      policy: mention,
    });
  }
  const seenRecipients = new Set(inventory.recipients.filter(entry => entry.seenInCode).map(entry => entry.id));
  const named = new Map<string, PolicyCitation>();
  for (const mention of affirmative.filter(entry => entry.by === 'name'))
    if (!named.has(mention.phrase)) named.set(mention.phrase, mention);
  for (const [name, mention] of named) {
    const ids = affirmative.find(entry => entry.phrase === name)?.ids ?? [];
    if (ids.some(id => seenRecipients.has(id))) continue;
    results.push({
      kind: 'no-trace-in-code',
      severity: 'info',
      recipient: ids[0],
      message: `The policy names ${name}, which the scanned code never sends data to; review whether it is used elsewhere or no longer.`,
      policy: mention,
    });
  }
  return results.sort(
    (a, b) =>
      order(a.kind) - order(b.kind) ||
      compare(a.code?.file ?? '', b.code?.file ?? '') ||
      (a.code?.line ?? 0) - (b.code?.line ?? 0) ||
      (a.policy?.line ?? 0) - (b.policy?.line ?? 0) ||
      compare(a.message, b.message),
  );
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function order(kind: PolicyResultKind): number {
  return ['broken-promise', 'undisclosed-category', 'undisclosed-recipient', 'no-trace-in-code'].indexOf(kind);
}

function describeHolding(category: Inventory['categories'][number]): string {
  const fields = category.fields.slice(0, 3).map(field => field.symbol);
  const parts: string[] = [];
  if (fields.length > 0)
    parts.push(
      `fields ${fields.map(field => `\`${field}\``).join(', ')}${category.fields.length > 3 ? ' and more' : ''}`,
    );
  if (category.flows > 0)
    parts.push(`${category.flows} flow${category.flows === 1 ? '' : 's'} to ${category.sinks.join(', ')}`);
  return parts.join('; ') || 'in the code';
}
