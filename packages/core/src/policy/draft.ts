import { escapeMarkdown, markdownCode } from '../findings/printable.js';
import type { Inventory } from '../inventory/schema.js';
import type { KnowledgeData } from '../knowledge/schema.js';

const todo = (what: string): string => `**TODO:** ${what}`;

/**
 * Drafts the sections of a privacy policy that a privacy officer writes, from what the code does (the inventory) and
 * what the manifest declares: what we collect, why, who receives it, cookies and consent, transfers, retention.
 * Plain sentences in the project's own terms; `TODO` wherever the manifest has no answer (a purpose, a retention
 * period, a legal basis) rather than a guess.
 */
export function draftPolicy(scanned: Inventory, knowledge: KnowledgeData): string {
  const inventory = markdownSafe(scanned);
  const titles = new Map(knowledge.categories.categories.map(category => [category.id, category.title]));
  const purposeTitles = new Map(knowledge.purposes.purposes.map(purpose => [purpose.id, purpose.title]));
  const controller = inventory.controller;
  const name = controller?.name ?? 'We';
  const lines: string[] = [];
  lines.push('# Privacy policy (draft)', '');
  lines.push(
    `> Drafted by privlint ${inventory.tool.version} from the code${inventory.manifest ? ` and ${inventory.manifest}` : ''}. Every statement below is what the code does or what the manifest declares; replace each TODO before publishing, and have it reviewed.`,
    '',
  );
  lines.push('## Who we are', '');
  lines.push(
    controller
      ? `${controller.name} is responsible for the personal data described here.${controller.contact ? ` You can reach us about privacy at ${controller.contact}.` : ` ${todo('add a privacy contact (`controller.contact` in privacy.yml).')}`}${controller.dpo ? ` Our data protection officer: ${controller.dpo}.` : ''}`
      : todo('name the controller and a contact (`controller` in privacy.yml).'),
    '',
  );

  const seen = inventory.categories.filter(category => category.seenInCode);
  lines.push('## What we collect', '');
  if (seen.length === 0) lines.push('Our services do not process personal data.', '');
  else {
    lines.push(
      `${controller ? controller.name : 'We'} process${controller ? 'es' : ''} these kinds of personal data:`,
      '',
    );
    for (const category of seen) {
      const special =
        category.sensitivity === 'special'
          ? ' (a special category of personal data: we process it only on the grounds the law allows; ' +
            todo('state the condition of Art. 9(2) GDPR') +
            ')'
          : '';
      lines.push(`- ${titles.get(category.id) ?? category.id}${special}.`);
    }
    lines.push('');
  }

  const recipients = inventory.recipients.filter(recipient => recipient.seenInCode || recipient.declared);
  const purposes = new Set(recipients.flatMap(recipient => recipient.purposes));
  lines.push('## Why we use it', '');
  lines.push(`We use personal data to provide our services${purposes.size > 0 ? ', and for:' : '.'}`, '');
  for (const purpose of [...purposes].sort()) lines.push(`- ${purposeTitles.get(purpose) ?? purpose}.`);
  if (purposes.size > 0) lines.push('');
  const undeclared = recipients.filter(recipient => recipient.purposes.length === 0);
  if (undeclared.length > 0)
    lines.push(
      todo(
        `state why data goes to ${undeclared.map(recipient => recipient.name).join(', ')} (\`purposes\` in privacy.yml).`,
      ),
      '',
    );

  lines.push('## Who receives it', '');
  if (recipients.length === 0) lines.push('We do not share personal data with third parties.', '');
  else {
    lines.push('We share personal data with these service providers and partners:', '');
    for (const recipient of recipients) {
      const categories = [...new Set([...recipient.categories, ...recipient.declaredCategories])].map(
        id => titles.get(id)?.toLowerCase() ?? id,
      );
      const why =
        recipient.purposes.length > 0
          ? recipient.purposes.map(purpose => (purposeTitles.get(purpose) ?? purpose).toLowerCase()).join(', ')
          : todo('purpose');
      const basis = recipient.legalBasis
        ? `; legal basis: ${recipient.legalBasis.replace(/-/gu, ' ')}`
        : `; ${todo('legal basis')}`;
      lines.push(
        `- **${recipient.name}**${recipient.kind ? ` (${recipient.kind})` : ''}: ${categories.join(', ') || 'personal data'}, for ${why}${basis}.`,
      );
    }
    lines.push('');
  }

  lines.push('## Cookies and consent', '');
  const cookies = [
    ...new Map(inventory.cookies.filter(cookie => !cookie.deletion).map(cookie => [cookie.name, cookie])).values(),
  ];
  if (cookies.length === 0) lines.push('Our services do not set cookies.', '');
  else {
    const essential = cookies.filter(cookie => cookie.essential).map(cookie => markdownCode(cookie.name));
    const optional = cookies.filter(cookie => !cookie.essential);
    if (essential.length > 0)
      lines.push(
        `These cookies are necessary for the service and are set without consent: ${essential.join(', ')}.`,
        '',
      );
    if (optional.length > 0) {
      lines.push(
        `We set these cookies only with your consent, which you can withdraw at any time: ${optional.map(cookie => `${markdownCode(cookie.name)}${cookie.purpose ? ` (${cookie.purpose})` : ''}`).join(', ')}.`,
        '',
      );
      const unconsented = optional.filter(cookie => cookie.consent === undefined);
      if (unconsented.length > 0) {
        lines.push(
          todo(
            `the code writes ${unconsented.map(cookie => markdownCode(cookie.name)).join(', ')} before any consent check: fix the code or declare them essential before publishing this sentence.`,
          ),
          '',
        );
      }
    }
  }

  lines.push('## International transfers', '');
  const transfers = recipients.filter(recipient => recipient.transfers.length > 0);
  if (transfers.length === 0) lines.push(todo('state whether personal data leaves the EEA.'), '');
  else {
    for (const recipient of transfers)
      lines.push(
        `- ${recipient.name}: ${recipient.transfers.join(', ')}. ${todo('name the safeguard (adequacy decision, SCCs).')}`,
      );
    lines.push('');
  }

  lines.push('## How long we keep it', '');
  const retained = recipients.filter(recipient => recipient.retention);
  for (const recipient of retained) lines.push(`- ${recipient.name}: ${recipient.retention}.`);
  if (retained.length > 0) lines.push('');
  if (retained.length < recipients.length || recipients.length === 0)
    lines.push(
      todo('state retention periods (`retention` in privacy.yml) for the data we keep and for each recipient.'),
      '',
    );

  lines.push('## Your rights', '');
  lines.push(
    `You can ask ${name === 'We' ? 'us' : name} for access to, correction or deletion of your personal data, object to its processing, and complain to a supervisory authority. ${controller?.contact ? `Write to ${controller.contact}.` : todo('give a contact.')}`,
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The names the draft shows, escaped for Markdown: they come from the manifest and the code (a host, a vendor's name),
 * and a name like `![](https://…)` must stay text in a policy someone will publish. Cookie names are shown as code.
 */
function markdownSafe(inventory: Inventory): Inventory {
  const md = (text: string): string => escapeMarkdown(text);
  const controller = inventory.controller;
  return {
    ...inventory,
    ...(inventory.manifest === undefined ? {} : { manifest: md(inventory.manifest) }),
    ...(controller === undefined
      ? {}
      : {
          controller: {
            name: md(controller.name),
            ...(controller.contact === undefined ? {} : { contact: md(controller.contact) }),
            ...(controller.dpo === undefined ? {} : { dpo: md(controller.dpo) }),
            ...(controller.representative === undefined ? {} : { representative: md(controller.representative) }),
          },
        }),
    recipients: inventory.recipients.map(recipient => ({
      ...recipient,
      name: md(recipient.name),
      ...(recipient.kind === undefined ? {} : { kind: md(recipient.kind) }),
      ...(recipient.legalBasis === undefined ? {} : { legalBasis: md(recipient.legalBasis) }),
      ...(recipient.retention === undefined ? {} : { retention: md(recipient.retention) }),
      transfers: recipient.transfers.map(md),
    })),
    cookies: inventory.cookies.map(cookie => ({
      ...cookie,
      ...(cookie.purpose === undefined ? {} : { purpose: md(cookie.purpose) }),
    })),
  };
}
