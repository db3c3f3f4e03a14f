import { ruleMeta } from '@privlint/core';
import { createRule } from '../utils/create-rule.js';
import { allowSchema, reportFindings } from '../utils/report.js';

export type Options = [{ allow?: string[]; allowDomains?: string[] }];
export type MessageIds = 'literalPersonalData' | 'invalidManifest' | 'notAnalysed';

const meta = ruleMeta('no-hardcoded-pii');

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-pii',
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: 'strict', requiresTypeChecking: false },
    messages: meta.messages as Record<MessageIds, string>,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: allowSchema,
          allowDomains: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Email domains that are not personal (your own support addresses, a staging domain); subdomains included.',
          },
        },
      },
    ],
    defaultOptions: [{ allow: [], allowDomains: [] }],
  },
  create(context, [options]) {
    const domains = (options.allowDomains ?? []).map(domain => domain.toLowerCase().replace(/^\.|^\*\./u, ''));
    return {
      Program() {
        reportFindings(context, 'no-hardcoded-pii', options, finding => {
          const domain = finding.data['domain'] ?? '';
          return domain !== '' && domains.some(allowed => domain === allowed || domain.endsWith(`.${allowed}`));
        });
      },
    };
  },
});
