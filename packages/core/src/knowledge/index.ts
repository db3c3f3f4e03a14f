import { categories } from './generated/categories.js';
import { consent } from './generated/consent.js';
import { cookies } from './generated/cookies.js';
import { fideslang } from './generated/fideslang.js';
import { loggers } from './generated/loggers.js';
import { platform } from './generated/platform.js';
import { policy } from './generated/policy.js';
import { purposes } from './generated/purposes.js';
import { regions } from './generated/regions.js';
import { recipients } from './generated/recipients.js';
import { sanitizers } from './generated/sanitizers.js';
import { schemas } from './generated/schemas.js';
import { storage } from './generated/storage.js';
import { urls } from './generated/urls.js';
import { vocabulary } from './generated/vocabulary.js';
import type { KnowledgeData } from './schema.js';

/** The knowledge base as shipped in `rules/`, validated at generation time. */
export const defaultKnowledge: KnowledgeData = {
  fideslang,
  categories,
  vocabulary,
  sanitizers,
  purposes,
  loggers,
  storage,
  urls,
  cookies,
  consent,
  recipients,
  policy,
  schemas,
  platform,
  regions,
};

export * from './schema.js';
export * from './sinks-schema.js';
export * from './cookies-schema.js';
export * from './recipients-schema.js';
export * from './policy-schema.js';
export * from './schemas-schema.js';
export * from './platform-schema.js';
export * from './regions-schema.js';
export { checkKnowledge } from './check.js';
