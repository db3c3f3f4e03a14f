import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  | 'undeclaredRecipient'
  | 'undeclaredCategory'
  | 'recipientWithoutPurpose'
  | 'invalidManifest'
  | 'ignoreWithoutReason'
  | 'unknownRuleInComment'
  | 'notAnalysed';

const meta = ruleMeta('no-undeclared-sharing');

export default createRule<Options, MessageIds>({
  name: 'no-undeclared-sharing',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: optionsSchema('no-undeclared-sharing'),
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-undeclared-sharing', options);
      },
    };
  },
});
