import { globToRegExp, ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[] }];
export type MessageIds =
  | 'cookieWithoutConsent'
  | 'computedCookieWithoutConsent'
  | 'essentialNotDeclared'
  | 'wrongPurpose'
  | 'personalDataInCookie'
  | 'invalidManifest'
  | 'notAnalysed';

const meta = ruleMeta('require-cookie-consent');

export default createRule<Options, MessageIds>({
  name: 'require-cookie-consent',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'recommended', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Cookie names (or `prefix*` globs) never reported, for a lint setup without a privacy.yml; prefer declaring them in `cookies.essential`.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    // The manifest's glob matcher: linear in the cookie name, which comes from the code.
    const allowed = (options.allow ?? []).map(glob => globToRegExp(glob));
    return {
      Program() {
        reportFindings(context, 'require-cookie-consent', {}, finding =>
          allowed.some(regex => regex.test(finding.data['name'] ?? '')),
        );
      },
    };
  },
});
