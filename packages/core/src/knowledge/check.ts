import type { KnowledgeData } from './schema.js';

/**
 * Checks that no schema can express: ids are unique, every fideslang key exists in the taxonomy. Returns one message
 * per problem, naming the file and the entry; `pnpm generate` refuses data with problems and a test runs it too.
 */
export function checkKnowledge(data: KnowledgeData): string[] {
  const problems: string[] = [];
  const fidesCategories = new Set(data.fideslang.dataCategories.map(entry => entry.key));
  const seen = new Set<string>();
  for (const category of data.categories.categories) {
    if (seen.has(category.id)) problems.push(`rules/categories.yml: category \`${category.id}\` is defined twice`);
    seen.add(category.id);
    if (!fidesCategories.has(category.fides)) {
      problems.push(
        `rules/categories.yml: category \`${category.id}\` maps to \`${category.fides}\`, which is not a fideslang data category`,
      );
    }
  }
  const sanitizerIds = new Set<string>();
  for (const sanitizer of data.sanitizers.sanitizers) {
    if (sanitizerIds.has(sanitizer.id))
      problems.push(`rules/sanitizers.yml: sanitizer \`${sanitizer.id}\` is defined twice`);
    sanitizerIds.add(sanitizer.id);
    if (sanitizer.callee === undefined && (sanitizer.calls ?? []).length === 0) {
      problems.push(
        `rules/sanitizers.yml: sanitizer \`${sanitizer.id}\` matches nothing: give \`callee\` or \`calls\``,
      );
    }
  }
  for (const validator of data.schemas.validators) {
    if (!seen.has(validator.category)) {
      problems.push(
        `rules/schemas.yml: a validator names category \`${validator.category}\`, which categories.yml does not define`,
      );
    }
    if (validator.methods.length + validator.decorators.length + validator.formats.length === 0) {
      problems.push(`rules/schemas.yml: the validator for \`${validator.category}\` matches nothing`);
    }
  }
  for (const id of data.vocabulary.literals.categories) {
    if (!seen.has(id)) {
      problems.push(`rules/vocabulary.yml: literals.categories names \`${id}\`, which categories.yml does not define`);
    }
  }
  const builderIds = new Set<string>();
  for (const builder of data.schemas.builders) {
    if (builderIds.has(builder.id)) problems.push(`rules/schemas.yml: builder \`${builder.id}\` is defined twice`);
    builderIds.add(builder.id);
  }
  const dataUses = new Set(data.fideslang.dataUses.map(entry => entry.key));
  for (const purpose of data.purposes.purposes) {
    if (!dataUses.has(purpose.fides)) {
      problems.push(
        `rules/purposes.yml: purpose \`${purpose.id}\` maps to \`${purpose.fides}\`, which is not a fideslang data use`,
      );
    }
  }
  const purposeIds = new Set(data.purposes.purposes.map(purpose => purpose.id));
  for (const recipient of data.recipients.recipients) {
    if (!purposeIds.has(recipient.purpose)) {
      problems.push(
        `rules/recipients.yml: recipient \`${recipient.id}\` has purpose \`${recipient.purpose}\`, which rules/purposes.yml does not define`,
      );
    }
  }
  problems.push(...checkRecipients(data.recipients));
  return problems;
}

/**
 * The catalogue of recipients: unique ids, a way to be seen (a host or a call), region and default hosts that the
 * vendor's own hosts cover, `envNames` with a `baseUrl`, and no package value claimed by two vendors (a call would be
 * attributed to whichever comes first).
 */
function checkRecipients(data: KnowledgeData['recipients']): string[] {
  const problems: string[] = [];
  const file = 'rules/recipients.yml';
  const ids = new Set<string>();
  const claimed = new Map<string, string>();
  for (const recipient of data.recipients) {
    const at = `${file}: recipient \`${recipient.id}\``;
    if (ids.has(recipient.id)) problems.push(`${at} is defined twice`);
    ids.add(recipient.id);
    if (recipient.hosts.length === 0 && recipient.calls.length === 0) {
      problems.push(`${at} has neither hosts nor calls, so no code can reach it`);
    }
    const hosts = recipient.hosts.map(globRegExp);
    const covered = (host: string): boolean => hosts.some(regex => regex.test(host.replaceAll('*', 'x')));
    for (const { region, hosts: regionHosts } of recipient.regions) {
      for (const host of regionHosts.filter(candidate => !covered(candidate))) {
        problems.push(`${at}: region ${region} host \`${host}\` is not among its hosts`);
      }
    }
    if (recipient.envNames.length > 0 && recipient.baseUrl === undefined) {
      problems.push(`${at} has envNames but no baseUrl for the requests they stand for`);
    }
    if (recipient.baseUrl !== undefined && !covered(new URL(recipient.baseUrl).hostname)) {
      problems.push(`${at}: baseUrl ${recipient.baseUrl} is not on one of its hosts`);
    }
    for (const call of recipient.calls) {
      for (const ref of [...call.instances, ...call.callables]) {
        const key = `${ref.module === undefined ? `global ${ref.global}` : ref.module} [${ref.path.join(', ')}]`;
        const owner = claimed.get(key);
        if (owner !== undefined && owner !== recipient.id) {
          problems.push(`${at} claims ${key}, which \`${owner}\` claims too`);
        }
        claimed.set(key, recipient.id);
      }
    }
  }
  for (const provider of data.aiProviders) {
    if (!ids.has(provider.recipient)) {
      problems.push(
        `${file}: AI provider \`${provider.module}\` names recipient \`${provider.recipient}\`, which is not defined`,
      );
    }
  }
  return problems;
}

/** A host glob (`*.segment.io`, `email.*.amazonaws.com`) as a regular expression. */
function globRegExp(glob: string): RegExp {
  const source = glob
    .toLowerCase()
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'u');
}
