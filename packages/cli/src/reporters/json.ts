import { inventorySchemaUrl } from '@privlint/core';
import { escapeJsonText } from '@privlint/core';
import type { Reporter } from './context.js';

/** The inventory itself, with its schema, for machines (`privlint diff`, dashboards, other tools). */
export const json: Reporter = ({ inventory }) =>
  `${escapeJsonText(JSON.stringify({ $schema: inventorySchemaUrl, ...inventory }, null, 2))}\n`;
