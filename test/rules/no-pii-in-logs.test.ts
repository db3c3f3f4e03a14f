import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-logs.js';
import { brokenManifest, createRuleTester, withManifest } from './rule-tester.js';

const typed = createRuleTester({ typed: true });
const untyped = createRuleTester({ typed: false });

typed.run('no-pii-in-logs', rule, {
  valid: [
    `import pino from 'pino';
const logger = pino();
export function f(user: { id: string; isEmailVerified: boolean; emailTemplateId: string }) {
  logger.info(user.id, user.isEmailVerified, user.emailTemplateId);
}`,
    `import type { User } from './models/user.js';
export function f(user: User) {
  console.log('signed in', user.id, user.backupEmail);
}`,
  ],
  invalid: [
    {
      code: `import type { User } from './models/user.js';
import pino from 'pino';
const log = pino();
export function f(user: User) {
  log.info(user.contact);
}`,
      errors: [{ messageId: 'personalDataInLog', line: 5, column: 12, endLine: 5, endColumn: 24 }],
    },
    {
      code: `import { describeUser, type User } from './models/user.js';
export function f(user: User) {
  console.warn(\`signed in: \${describeUser(user)}\`);
}`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 16 }],
    },
    {
      code: `import type { User } from './models/user.js';
export function f(user: User) {
  console.error({ user });
}`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 17 }],
    },
  ],
});

untyped.run('no-pii-in-logs', rule, {
  valid: [
    `logger.info(user.id, user.emailTemplateId);`,
    `logger.info(maskEmail(user.email));`,
    // Configuration from the environment is the deployment's, not a person's.
    `console.log('service account', process.env.DELETED_ACCOUNT_EMAIL, import.meta.env.VITE_SUPPORT_EMAIL);`,
    // Constants are configuration: a literal address is no-hardcoded-pii's to judge.
    `const SUPPORT_EMAIL = process.env.SUPPORT_EMAIL ?? 'help@acme-corp.com';
const fallbackEmail = 'ops@acme-corp.com';
console.log('support at', SUPPORT_EMAIL, fallbackEmail);`,
    // Flags and enum members about people are not records of people.
    `logger.info({ hasExpiredRecipients, sendEmailToOwner, role: OrganisationMemberRole.MEMBER });`,
  ],
  invalid: [
    {
      code: "console.log('sending', user.email);",
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 1,
          column: 24,
          suggestions: [{ messageId: 'wrapInSanitizer', output: "console.log('sending', maskEmail(user.email));" }],
        },
      ],
    },
    {
      code: "audit.write('order', order.notes);",
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 1,
          column: 22,
          suggestions: [{ messageId: 'wrapInSanitizer', output: "audit.write('order', maskEmail(order.notes));" }],
        },
      ],
    },
    {
      code: 'console.log(user.email);',
      filename: brokenManifest,
      errors: [{ messageId: 'invalidManifest', line: 1, column: 1 }],
    },
    {
      // Over the size limit (settings.privlint.maxFileBytes): said once, at the top, never passed as a clean file.
      code: 'console.log(user.email);',
      settings: { privlint: { maxFileBytes: 16 } },
      errors: [
        {
          messageId: 'notAnalysed',
          line: 1,
          column: 1,
          data: {
            reason: 'the file is 24 bytes, more than the 16 bytes privlint analyses (settings.privlint.maxFileBytes)',
          },
        },
      ],
    },
    {
      code: `logger.info(user.email);`,
      errors: [{ messageId: 'personalDataInLog', line: 1, column: 13, endColumn: 23 }],
    },
    {
      code: `logger.info({ organisationMembers, env: process.env.NODE_ENV });`,
      errors: [{ messageId: 'personalDataInLog', line: 1, column: 13, endColumn: 63 }],
    },
    {
      code: `import debug from 'debug';
const trace = debug('app:auth');
trace('login %s', req.body.email);`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 19 }],
    },
  ],
});
