import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { allowSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds = 'personalDataInLog' | 'wrapInSanitizer' | 'invalidManifest' | 'notAnalysed';

const meta = ruleMeta('no-pii-in-logs');

export default createRule<Options, MessageIds>({
  name: 'no-pii-in-logs',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    hasSuggestions: true,
    messages: meta.messages as Record<MessageIds, string>,
    schema: [{ type: 'object', additionalProperties: false, properties: { allow: allowSchema } }],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-pii-in-logs', options);
      },
    };
  },
});
