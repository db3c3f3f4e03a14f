import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  | 'personalDataInStorage'
  | 'wrapInSanitizer'
  | 'invalidManifest'
  | 'ignoreWithoutReason'
  | 'unknownRuleInComment'
  | 'notAnalysed';

const meta = ruleMeta('no-pii-in-client-storage');

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-client-storage',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    hasSuggestions: true,
    messages: meta.messages as Record<MessageIds, string>,
    schema: optionsSchema('no-pii-in-client-storage'),
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-pii-in-client-storage', options);
      },
    };
  },
});
