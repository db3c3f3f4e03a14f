import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[]; requireDeclaredEssential?: boolean; checkDefaultLifetimes?: boolean }];
export type MessageIds =
  | 'cookieWithoutConsent'
  | 'computedCookieWithoutConsent'
  | 'preferenceCookieWithoutConsent'
  | 'essentialNotDeclared'
  | 'wrongPurpose'
  | 'tagWithoutConsent'
  | 'grantWithoutConsent'
  | 'cookieOutlivesLimit'
  | 'tagOutlivesLimit'
  | 'tagDefaultOutlivesLimit'
  | 'personalDataInCookie'
  | 'invalidManifest';

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
          requireDeclaredEssential: {
            type: 'boolean',
            description: meta.options!['requireDeclaredEssential']!.description,
          },
          checkDefaultLifetimes: {
            type: 'boolean',
            description: meta.options!['checkDefaultLifetimes']!.description,
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], requireDeclaredEssential: false, checkDefaultLifetimes: false }],
  },
  create(context, [options]) {
    // Messages an option turns on stay off unless it is set (the CLI reports as these defaults do).
    const gated = new Set([
      ...(options.requireDeclaredEssential ? [] : meta.options!['requireDeclaredEssential']!.messages),
      ...(options.checkDefaultLifetimes ? [] : meta.options!['checkDefaultLifetimes']!.messages),
    ]);
    const allowed = (options.allow ?? []).map(
      glob =>
        new RegExp(
          `^${glob
            .split('*')
            .map(part => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
            .join('.*')}$`,
          'u',
        ),
    );
    return {
      Program() {
        reportFindings(
          context,
          'require-cookie-consent',
          {},
          finding => gated.has(finding.messageId) || allowed.some(regex => regex.test(finding.data['name'] ?? '')),
        );
      },
    };
  },
});
