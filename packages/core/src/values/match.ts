import type { KnowledgeData } from '../knowledge/schema.js';
import { maskValue } from './mask.js';
import { validators } from './validators.js';

export interface ValueMatch {
  readonly category: string;
  /** The value pattern's id (`e164`, `card-number`). */
  readonly shape: string;
  /** The value as reports may show it. */
  readonly masked: string;
}

export interface ValueMatcher {
  /** The category a literal is a value of (the whole trimmed literal must match a pattern and its validator). */
  match(text: string): ValueMatch | undefined;
}

/** Literals longer than this are not one value (a document, a bundle); they are not scanned for values. */
const maxValueLength = 254;

/** Compiles the value patterns of every category once. */
export function createValueMatcher(knowledge: Pick<KnowledgeData, 'categories'>): ValueMatcher {
  const patterns = knowledge.categories.categories.flatMap(category =>
    category.values.map(value => ({
      category: category.id,
      shape: value.id,
      regex: new RegExp(`^(?:${value.pattern})$`, 'u'),
      validator: value.validator === undefined ? undefined : validators[value.validator],
    })),
  );
  return {
    match(text) {
      const value = text.trim();
      if (value.length < 6 || value.length > maxValueLength) return undefined;
      for (const pattern of patterns) {
        if (!pattern.regex.test(value)) continue;
        if (pattern.validator && !pattern.validator(value)) continue;
        return { category: pattern.category, shape: pattern.shape, masked: maskValue(value, pattern.category) };
      }
      return undefined;
    },
  };
}
