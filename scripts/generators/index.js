// Every generator returns the files it owns; scripts/generate.js writes them or, with --check, compares them.
import { catalogueDocs } from './catalogue-docs.js';
import { categoriesDoc } from './categories-doc.js';
import { inventorySchemaFile } from './inventory-schema.js';
import { knowledge } from './knowledge.js';
import { manifestSchemaFile } from './manifest-schema.js';
import { ruleDocs } from './rule-docs.js';
import { ruleIndex } from './rule-index.js';

/** @typedef {{ outputs: Array<{ file: string; content: string }>; problems: string[]; ownedDirs?: string[] }} GeneratorResult */
/** @type {Array<(root: string) => Promise<GeneratorResult>>} */
export const generators = [
  knowledge,
  categoriesDoc,
  catalogueDocs,
  ruleIndex,
  ruleDocs,
  inventorySchemaFile,
  manifestSchemaFile,
];
