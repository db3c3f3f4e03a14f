import { Document } from 'yaml';
import { printable, type Inventory } from '@privlint/core';

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
  const cookies = [
    ...new Set(
      inventory.cookies.filter(cookie => !cookie.deletion && cookie.name !== '(computed)').map(cookie => cookie.name),
    ),
  ].sort();
  const data = {
    controller: { name: 'TODO', contact: 'TODO' },
    dataSubjects: ['customer'],
    ...(Object.keys(recipients).length > 0 ? { recipients } : {}),
    ...(cookies.length > 0 ? { cookies: { essential: [] } } : {}),
    consent: { functions: [] },
  };
  // Everything goes through the yaml package's serializer, comments included: cookie names come from the scanned
  // code, and one holding a line break, concatenated into a comment, could add keys (`ignore: ['**']`) to the file.
  // Each name is also escaped, so the comment shows it on one line.
  const comment = [
    ' yaml-language-server: $schema=https://github.com/privlint/privlint/blob/main/packages/core/schema/privacy.schema.json',
    ' Written by `privlint init` from what the code does. Replace every TODO: a purpose is a decision (analytics,',
    ' payment, support, …; see docs/manifest.md), not something code can tell. privlint reports TODO purposes as unknown.',
    ...(cookies.length > 0
      ? [
          ` Cookies the code writes: ${cookies.map(name => printable(name)).join(', ')}. List under cookies.essential only those the service cannot`,
          ' work without; the others need consent.',
        ]
      : []),
  ].join('\n');
  const document = new Document(data, { aliasDuplicateObjects: false });
  document.commentBefore = comment;
  return document.toString({ lineWidth: 0 });
}
