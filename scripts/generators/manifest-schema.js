// The manifest's zod schema, with the ids of rules/ as enums -> packages/core/schema/privacy.schema.json, the
// published JSON Schema editors use.
import { manifestJsonSchema } from '../../packages/core/dist/index.js';

export async function manifestSchemaFile() {
  return {
    outputs: [
      {
        file: 'packages/core/schema/privacy.schema.json',
        content: `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`,
      },
    ],
    problems: [],
  };
}
