import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { optionsSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[]; requireDeclaredEssential?: boolean; checkDefaultLifetimes?: boolean }];
export type MessageIds =
  | 'cookieWithoutConsent'
  | 'computedCookieWithoutConsent'
  | 'preferenceCookieWithoutConsent'
  | 'essentialNotDeclared'
  | 'wrongPurpose'
  | 'tagWithoutConsent'
  | 'eventWithoutConsent'
  | 'grantWithoutConsent'
  | 'cookieOutlivesLimit'
  | 'tagOutlivesLimit'
  | 'tagDefaultOutlivesLimit'
  | 'personalDataInCookie'
  | 'invalidManifest'
  | 'ignoreWithoutReason'
  | 'unknownRuleInComment'
  | 'notAnalysed';

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
