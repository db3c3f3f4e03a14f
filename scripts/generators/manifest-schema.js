// The manifest's zod schema -> packages/core/schema/privacy.schema.json, the published JSON Schema editors use.
import { jsonSchemaOf, manifestSchema } from '../../packages/core/dist/index.js';

export async function manifestSchemaFile() {
  const schema = jsonSchemaOf(
    manifestSchema,
    'https://github.com/privlint/privlint/blob/main/packages/core/schema/privacy.schema.json',
    'privlint privacy manifest (privacy.yml)',
  );
  return {
    outputs: [{ file: 'packages/core/schema/privacy.schema.json', content: `${JSON.stringify(schema, null, 2)}\n` }],
    problems: [],
  };
}
