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
  return problems;
}
