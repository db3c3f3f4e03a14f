import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  'personalDataInUrl' | 'invalidManifest' | 'ignoreWithoutReason' | 'unknownRuleInComment' | 'notAnalysed';

const meta = ruleMeta('no-pii-in-url');

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-url',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: optionsSchema('no-pii-in-url'),
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-pii-in-url', options);
      },
    };
  },
});
