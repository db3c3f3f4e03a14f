import { escapeJsonText } from '@privlint/core';
import type { Reporter } from './context.js';

export const inventorySchemaUrl =
  'https://github.com/privlint/privlint/blob/main/packages/core/schema/inventory.schema.json';

/** The inventory itself, with its schema, for machines (`privlint diff`, dashboards, other tools). */
export const json: Reporter = ({ inventory }) =>
  `${escapeJsonText(JSON.stringify({ $schema: inventorySchemaUrl, ...inventory }, null, 2))}\n`;
