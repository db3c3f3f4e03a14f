import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-logs.js';
import { brokenManifest, createRuleTester, rulesManifest, withManifest } from './rule-tester.js';

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
      // The sanitizer is imported as part of the fix, in the file's own import style.
      code: `import type { User } from '../models/user.js';
export function f(user: User) {
  console.log('sending', user.contact);
}`,
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'wrapInSanitizer',
              output: `import type { User } from '../models/user.js';
import { maskEmail } from './mask.js';
export function f(user: User) {
  console.log('sending', maskEmail(user.contact));
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { maskEmail } from './mask.js';
export function f(user: { email: string }) {
  console.log('sending', user.email, maskEmail(user.email));
}`,
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'wrapInSanitizer',
              output: `import { maskEmail } from './mask.js';
export function f(user: { email: string }) {
  console.log('sending', maskEmail(user.email), maskEmail(user.email));
}`,
            },
          ],
        },
      ],
    },
    {
      // maskEmail compiles for a phone number, but its name says it is for emails: not offered.
      code: `export function f(user: { phone: string }) {
  console.log('calling', user.phone);
}`,
      filename: withManifest,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 26, suggestions: [] }],
    },
    {
      // maskEmail takes a string: wrapping the whole record would not compile and would hide the other fields.
      code: `import type { User } from '../models/user.js';
export function f(user: User) {
  console.log('sending', user);
}`,
      filename: withManifest,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 26, suggestions: [] }],
    },
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
      // Untyped, a sanitizer declared in the file is known: wrapping compiles.
      code: `declare const user: { email: string };
function maskEmail(email: string): string {
  return email.replace(/^[^@]+/u, '•••');
}
console.log('sending', user.email);`,
      filename: withManifest,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 5,
          column: 24,
          suggestions: [
            {
              messageId: 'wrapInSanitizer',
              output: `declare const user: { email: string };
function maskEmail(email: string): string {
  return email.replace(/^[^@]+/u, '•••');
}
console.log('sending', maskEmail(user.email));`,
            },
          ],
        },
      ],
    },
    {
      // Untyped, neither the value's type nor the sanitizer is known: no fix that might not compile.
      code: "audit.write('order', order.notes);",
      filename: withManifest,
      errors: [{ messageId: 'personalDataInLog', line: 1, column: 22, suggestions: [] }],
    },
    {
      code: 'console.log(user.email);',
      filename: brokenManifest,
      errors: [{ messageId: 'invalidManifest', line: 1, column: 1 }],
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

// The rule policy: privacy.yml `rules:` options (ESLint's own options win), and `privlint-ignore` comments.
untyped.run('no-pii-in-logs', rule, {
  valid: [
    `// privlint-ignore no-pii-in-logs -- the support desk needs the address in this audit line
console.log(user.email);`,
    `console.log(user.email); // privlint-ignore privlint/no-pii-in-logs -- local debugging script`,
    { code: `console.log(req.ip);`, filename: rulesManifest },
  ],
  invalid: [
    {
      code: `console.log(req.ip, user.email);`,
      filename: rulesManifest,
      errors: [{ messageId: 'personalDataInLog', line: 1, column: 21 }],
    },
    {
      // Options in the ESLint config win over the manifest's.
      code: `console.log(req.ip, user.email);`,
      filename: rulesManifest,
      options: [{ allow: ['email'] }],
      errors: [{ messageId: 'personalDataInLog', line: 1, column: 13 }],
    },
    {
      code: `// privlint-ignore no-pii-in-logs
console.log(user.email);`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1, endLine: 1, endColumn: 34 },
        { messageId: 'personalDataInLog', line: 2, column: 13 },
      ],
    },
    {
      code: `// privlint-ignore no-pii-in-log -- reviewed
console.log(user.email);`,
      errors: [
        {
          messageId: 'unknownRuleInComment',
          data: { rule: 'no-pii-in-log', hint: '; did you mean `no-pii-in-logs`?' },
          line: 1,
          column: 1,
        },
        { messageId: 'personalDataInLog', line: 2, column: 13 },
      ],
    },
    {
      // A comment for another rule accepts nothing of this one.
      code: `// privlint-ignore no-pii-in-url -- reviewed
console.log(user.email);`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 13 }],
    },
  ],
});
