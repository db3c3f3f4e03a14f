import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  | 'cookieWithoutConsent'
  | 'computedCookieWithoutConsent'
  | 'essentialNotDeclared'
  | 'wrongPurpose'
  | 'personalDataInCookie'
  | 'invalidManifest'
  | 'ignoreWithoutReason'
  | 'unknownRuleInComment';

const meta = ruleMeta('require-cookie-consent');

export default createRule<Options, MessageIds>({
  name: 'require-cookie-consent',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: optionsSchema('require-cookie-consent'),
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, 'require-cookie-consent', options);
      },
    };
  },
});
