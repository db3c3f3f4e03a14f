import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { allowSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  'undeclaredRecipient' | 'undeclaredCategory' | 'recipientWithoutPurpose' | 'invalidManifest' | 'notAnalysed';

const meta = ruleMeta('no-undeclared-sharing');

export default createRule<Options, MessageIds>({
  name: 'no-undeclared-sharing',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: [{ type: 'object', additionalProperties: false, properties: { allow: allowSchema } }],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-undeclared-sharing', options);
      },
    };
  },
});
