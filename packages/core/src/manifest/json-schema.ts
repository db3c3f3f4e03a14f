import { compileKnowledge } from '../analysis/environment.js';
import { ruleIds } from '../findings/rules.js';
import { defaultKnowledge } from '../knowledge/index.js';
import { jsonSchemaOf } from '../knowledge/schema.js';
import type { KnowledgeData } from '../knowledge/schema.js';
import { manifestSchema } from './schema.js';

/**
 * Where editors and tools fetch privlint's schemas: the raw files of the repository's main branch (a repository page
 * is HTML, which no editor can read as a schema). Every published schema's `$id` is this base and its path in the
 * repository, so the id is also where it can be fetched.
 */
export const schemaBaseUrl = 'https://raw.githubusercontent.com/privlint/privlint/main';

export const manifestSchemaUrl = `${schemaBaseUrl}/packages/core/schema/privacy.schema.json`;

/** The schema of `--format json`. */
export const inventorySchemaUrl = `${schemaBaseUrl}/packages/core/schema/inventory.schema.json`;

/** The schema of a knowledge file, `rules/<name>.yml`. */
export const knowledgeSchemaUrl = (name: string): string => `${schemaBaseUrl}/rules/schema/${name}.schema.json`;

type Json = Record<string, unknown>;

/**
 * The published JSON Schema of privacy.yml: the zod definition, plus the ids of `rules/` as enums, so an editor
 * completes categories, purposes and data subjects. The loader checks the same ids itself, with "did you mean".
 */
export function manifestJsonSchema(knowledge: KnowledgeData = defaultKnowledge): Json {
  const schema = jsonSchemaOf(manifestSchema, manifestSchemaUrl, 'privlint privacy manifest (privacy.yml)');
  const compiled = compileKnowledge(knowledge);
  const categories = sorted([
    ...knowledge.categories.categories.flatMap(category => [category.id, category.fides]),
    ...knowledge.fideslang.dataCategories
      .map(entry => entry.key)
      .filter(key => compiled.resolveCategory(key).length > 0),
  ]);
  const purposes = sorted([
    ...knowledge.purposes.purposes.flatMap(purpose => [purpose.id, purpose.fides]),
    ...knowledge.fideslang.dataUses.map(entry => entry.key),
  ]);
  const subjects = sorted(knowledge.fideslang.dataSubjects.map(entry => entry.key));
  const withEnum = (node: unknown, values: readonly string[]): void => {
    if (node && typeof node === 'object') (node as Json)['enum'] = [...values];
  };
  const properties = schema['properties'] as Record<string, Json>;
  const recipient = (properties['recipients']!['additionalProperties'] as Json)['properties'] as Record<string, Json>;
  withEnum(recipient['categories']!['items'], categories);
  withEnum(recipient['purposes']!['items'], purposes);
  withEnum(properties['dataSubjects']!['items'], subjects);
  const [single, list] = (properties['fields']!['additionalProperties'] as Json)['anyOf'] as Json[];
  withEnum(single, [...categories, 'none']);
  withEnum(list!['items'], categories);
  for (const key of ['cookies', 'consent']) {
    const purposesOf = (properties[key]!['properties'] as Record<string, Json>)['purposes']!;
    withEnum(purposesOf['additionalProperties'], purposes);
  }
  const rules = properties['rules']!['properties'] as Record<string, Json>;
  for (const id of ruleIds) {
    if (id === 'require-cookie-consent') continue;
    const withOptions = (rules[id]!['anyOf'] as Json[])[2]!;
    const options = (withOptions['prefixItems'] as Json[])[1]!;
    withEnum(((options['properties'] as Record<string, Json>)['allow'] as Json)['items'], categories);
  }
  return schema;
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
