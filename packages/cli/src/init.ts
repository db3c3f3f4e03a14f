import { Document } from 'yaml';
import { defaultKnowledge, manifestSchemaUrl, printable, type Inventory, type KnowledgeData } from '@privlint/core';

/** A recipient id of the manifest: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
const recipientId = /^[a-z0-9][a-z0-9._-]*$/u;

/**
 * A starter privacy.yml from what a scan observed: every recipient the code reaches, with the categories it receives
 * and the purpose privlint's catalogue gives the vendor, marked `review:` so privlint warns (never fails) until a
 * person confirms it; the cookies the code writes, in a comment. The file validates as written, so the next
 * `privlint scan` runs against it.
 *
 * Everything here comes from the scanned code (host names, cookie names), so it is serialised by the `yaml` package
 * only, values and comments alike: a name with a line break cannot add a key.
 */
export function starterManifest(inventory: Inventory, knowledge: KnowledgeData = defaultKnowledge): string {
  const catalogue = new Map(knowledge.recipients.recipients.map(entry => [entry.id, entry]));
  const purposeTitles = new Map(knowledge.purposes.purposes.map(purpose => [purpose.id, purpose.title]));
  const recipients: Record<string, Record<string, unknown>> = {};
  const used = new Set<string>();
  for (const recipient of inventory.recipients.filter(item => item.seenInCode)) {
    const host = recipient.id.startsWith('host:') ? recipient.id.slice('host:'.length) : undefined;
    const def = host === undefined ? catalogue.get(recipient.id) : undefined;
    const id = uniqueId(host === undefined ? recipient.id : hostId(host), used);
    const categories = [...recipient.categories].sort();
    const what = categories.length > 0 ? categories.join(', ') : 'personal data';
    if (def) {
      recipients[id] = {
        purposes: [def.purpose],
        categories,
        ...(def.transfers.length > 0 ? { transfers: [...def.transfers] } : {}),
        review: `\`${def.purpose}\` (${purposeTitles.get(def.purpose) ?? def.purpose}) is ${def.name}'s usual purpose in privlint's catalogue: confirm it is why the code sends ${what}, then add legalBasis and retention`,
      };
    } else {
      // A host privlint does not know: `service` (providing the service) is a placeholder, said as such.
      recipients[id] = {
        ...(host === undefined ? {} : { hosts: [host] }),
        purposes: ['service'],
        categories,
        review: `privlint does not know ${host ?? recipient.id}: \`service\` is a placeholder; say why the code sends it ${what} (see the purposes of docs/manifest.md), then add legalBasis and retention`,
      };
    }
  }
  // Cookies the code names (not a tag's vendor cookies, which need consent, nor patterns and unknown names).
  const written = inventory.cookies.filter(
    cookie =>
      !cookie.deletion && cookie.tag === undefined && cookie.name !== '(computed)' && !cookie.name.includes('*'),
  );
  const cookies = [...new Set(written.map(cookie => cookie.name))].sort();
  // Those that read as strictly necessary start out declared, with the reason, for a person to confirm.
  const inferred = new Map(
    written
      .filter(cookie => cookie.essentialBasis === 'inferred')
      .map(cookie => [cookie.name, cookie.essentialReason ?? 'strictly necessary'] as const),
  );
  const essential = [...inferred.keys()].sort();

  const doc = new Document(
    {
      ...(Object.keys(recipients).length > 0 ? { recipients } : {}),
      ...(cookies.length > 0 ? { cookies: { essential } } : {}),
      consent: { functions: [] },
    },
    // Each value written once: no YAML aliases, which past a hundred the yaml package refuses to read back.
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = [
    ` yaml-language-server: $schema=${manifestSchemaUrl}`,
    ' Written by `privlint init` from what the code does: review every entry marked `review:` (privlint warns until',
    ' it is gone), and add who is responsible, e.g. `controller: { name: …, contact: … }`, and whose data this is',
    ' (`dataSubjects: [customer]`). See docs/manifest.md.',
  ].join('\n');
  if (cookies.length > 0) {
    const cookieNode = doc.get('cookies', true) as { commentBefore?: string } | undefined;
    if (cookieNode) {
      cookieNode.commentBefore = [
        ` Cookies the code writes: ${cookies.map(shownName).join(', ')}.`,
        ' List under `essential` only those the service cannot work without; the others need consent.',
        ...(essential.length > 0
          ? [
              ` Listed as essential because they read as strictly necessary: ${essential.map(name => `${shownName(name)} (${inferred.get(name) ?? ''})`).join('; ')}. Check each.`,
            ]
          : []),
      ].join('\n');
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** A cookie name for a comment: plain when it is a plain name, else quoted with its control characters escaped. */
function shownName(name: string): string {
  return /^[\w.*-]+$/u.test(name) ? name : printable(JSON.stringify(name));
}

/** `api.mailer.example` -> `mailer-example`: a valid recipient id, whatever the host looks like. */
function hostId(host: string): string {
  const labels = host
    .toLowerCase()
    .split('.')
    .filter(label => !/^(?:api|www|app|hooks|v\d+)$/u.test(label));
  const id = labels
    .join('-')
    .replace(/[^a-z0-9._-]+/gu, '-')
    .replace(/^[^a-z0-9]+/u, '')
    .slice(0, 60);
  return recipientId.test(id) ? id : 'recipient';
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
