import { defaultKnowledge } from '../knowledge/index.js';
import type { RegionsFile } from '../knowledge/regions-schema.js';

/** Where a transfer goes, as GDPR Chapter V sees it. */
export interface TransferPlace {
  /** As written in privacy.yml or the catalogue (`US`, `Germany`). */
  readonly place: string;
  /** Inside the EEA: not a transfer to a third country at all. */
  readonly eea: boolean;
  /** The Commission's adequacy decision for the country, with its scope when it does not cover everything. */
  readonly adequacy?: { readonly name: string; readonly scope?: string | undefined } | undefined;
}

const placesOf = (regions: RegionsFile) => {
  const words = (entry: { code: string; name: string; aliases: readonly string[] }): string[] =>
    [entry.code, entry.name, ...entry.aliases].map(word => word.toLowerCase());
  const eea = new Set([...regions.eeaAliases.map(word => word.toLowerCase()), ...regions.eea.flatMap(words)]);
  const adequacy = new Map(regions.adequacy.flatMap(entry => words(entry).map(word => [word, entry] as const)));
  return { eea, adequacy };
};
const defaults = placesOf(defaultKnowledge.regions);

/** Whether a place is in the EEA, or has an adequacy decision: data in rules/regions.yml, matched by code or name. */
export function transferPlace(place: string, regions?: RegionsFile): TransferPlace {
  const { eea, adequacy } = regions === undefined ? defaults : placesOf(regions);
  const word = place.trim().toLowerCase();
  if (eea.has(word)) return { place, eea: true };
  const decision = adequacy.get(word);
  return decision === undefined
    ? { place, eea: false }
    : { place, eea: false, adequacy: { name: decision.name, ...(decision.scope ? { scope: decision.scope } : {}) } };
}

/** The places of a list that are outside the EEA: the transfers to third countries. */
export function outsideEea(places: readonly string[], regions?: RegionsFile): TransferPlace[] {
  return places.map(place => transferPlace(place, regions)).filter(place => !place.eea);
}

/** The transfer mechanisms a `safeguards:` text names (`SCCs and supplementary measures`), in the data's order. */
export function safeguardsIn(text: string, regions: RegionsFile = defaultKnowledge.regions): RegionsFile['safeguards'] {
  const lower = text.toLowerCase();
  return regions.safeguards.filter(safeguard =>
    safeguard.words.some(word =>
      new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(word.toLowerCase())}(?:$|[^a-z0-9])`, 'u').test(lower),
    ),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
