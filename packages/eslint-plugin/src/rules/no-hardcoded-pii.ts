import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[]; allowDomains?: string[] }];
export type MessageIds =
  'literalPersonalData' | 'invalidManifest' | 'ignoreWithoutReason' | 'unknownRuleInComment' | 'notAnalysed';

const meta = ruleMeta('no-hardcoded-pii');

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-pii',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'strict', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: optionsSchema('no-hardcoded-pii'),
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'no-hardcoded-pii', options);
      },
    };
  },
});
