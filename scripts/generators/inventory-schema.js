// The inventory's zod schema -> packages/core/schema/inventory.schema.json, the published JSON Schema of `--format json`.
import { inventorySchema, inventorySchemaUrl, jsonSchemaOf } from '../../packages/core/dist/index.js';

export async function inventorySchemaFile() {
  const schema = jsonSchemaOf(inventorySchema, inventorySchemaUrl, 'privlint data inventory');
  return {
    outputs: [{ file: 'packages/core/schema/inventory.schema.json', content: `${JSON.stringify(schema, null, 2)}\n` }],
    problems: [],
  };
}
