import { categories } from './generated/categories.js';
import { fideslang } from './generated/fideslang.js';
import { sanitizers } from './generated/sanitizers.js';
import { vocabulary } from './generated/vocabulary.js';
import type { KnowledgeData } from './schema.js';

/** The knowledge base as shipped in `rules/`, validated at generation time. */
export const defaultKnowledge: KnowledgeData = { fideslang, categories, vocabulary, sanitizers };

export * from './schema.js';
export { checkKnowledge } from './check.js';
