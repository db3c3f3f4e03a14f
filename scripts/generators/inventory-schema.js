// The inventory's zod schema -> packages/core/schema/inventory.schema.json, the published JSON Schema of `--format json`.
import { inventorySchema, jsonSchemaOf } from '../../packages/core/dist/index.js';

export async function inventorySchemaFile() {
  const schema = jsonSchemaOf(
    inventorySchema,
    'https://github.com/privlint/privlint/blob/main/packages/core/schema/inventory.schema.json',
    'privlint data inventory',
  );
  return {
    outputs: [{ file: 'packages/core/schema/inventory.schema.json', content: `${JSON.stringify(schema, null, 2)}\n` }],
    problems: [],
  };
}
