import { ESLintUtils } from '@typescript-eslint/utils';
import { ruleDocsUrl, type RuleId } from '@privlint/core';

/** The extra `meta.docs` fields of privlint rules (read by the configs, the docs generator and meta tests). */
export interface PrivlintDocs {
  /** The lightest preset that enables the rule. */
  recommended: 'recommended' | 'strict';
  /**
   * Whether the rule needs type information. privlint rules never do: they use types when the parser provides them
   * (cross-file declarations, types of whole objects) and fall back to names and same-file declarations otherwise.
   */
  requiresTypeChecking: false;
}

export const createRule = ESLintUtils.RuleCreator<PrivlintDocs>(name => ruleDocsUrl(name as RuleId));
