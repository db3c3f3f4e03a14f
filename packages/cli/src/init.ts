import { stringify } from 'yaml';
import type { Inventory } from '@privlint/core';

/**
 * A starter privacy.yml from what a scan observed: every recipient the code reaches with the categories it receives,
 * the cookies it writes, the hosts it calls. Purposes are `TODO`: only people can say why data goes somewhere, and
 * the manifest does not validate until they do.
 */
export function starterManifest(inventory: Inventory): string {
  const recipients: Record<string, unknown> = {};
  for (const recipient of inventory.recipients.filter(item => item.seenInCode)) {
    const id = recipient.id.startsWith('host:')
      ? recipient.id.slice('host:'.length).replace(/\./gu, '-')
      : recipient.id;
    recipients[id] = {
      ...(recipient.id.startsWith('host:') ? { hosts: [recipient.id.slice('host:'.length)] } : {}),
      purposes: ['TODO'],
      categories: recipient.categories,
    };
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
  const body = stringify(
    {
      controller: { name: 'TODO', contact: 'TODO' },
      dataSubjects: ['customer'],
      ...(Object.keys(recipients).length > 0 ? { recipients } : {}),
      ...(cookies.length > 0 ? { cookies: { essential } } : {}),
      consent: { functions: [] },
    },
    { lineWidth: 0 },
  );
  const inferredNote =
    essential.length > 0
      ? `# Listed as essential because they read as strictly necessary: ${essential.map(name => `${name} (${inferred.get(name)})`).join('; ')}. Check each.\n`
      : '';
  const cookieNote =
    cookies.length > 0
      ? `# Cookies the code writes: ${cookies.join(', ')}. List under cookies.essential only those the service cannot\n# work without; the others need consent.\n${inferredNote}`
      : '';
  return `# yaml-language-server: $schema=https://github.com/privlint/privlint/blob/main/packages/core/schema/privacy.schema.json
# Written by \`privlint init\` from what the code does. Replace every TODO: a purpose is a decision (analytics,
# payment, support, …; see docs/manifest.md), not something code can tell. privlint reports TODO purposes as unknown.
${cookieNote}${body}`;
}
