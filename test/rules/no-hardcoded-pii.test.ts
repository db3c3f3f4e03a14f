import rule from '../../packages/eslint-plugin/src/rules/no-hardcoded-pii.js';
import { brokenManifest, createRuleTester, rulesFixtureDir } from './rule-tester.js';

const tester = createRuleTester({ typed: false });

tester.run('no-hardcoded-pii', rule, {
  valid: [
    `const placeholder = 'jane@example.com';`,
    {
      code: `export const Field = () => <input type="email" placeholder="jo.smith@gmail.com" />;`,
      filename: `src/field.tsx`,
    },
    `const field = { label: 'Email', emailPlaceholder: 'jo.smith@gmail.com' };`,
    `export const FROM = process.env.SMTP_FROM ?? 'noreply@acme-corp.com';`,
    `export const SUPPORT = 'Support+Billing@acme-corp.com';`,
    { code: `export const signer = 'maria.lopez@gmail.com';`, filename: 'packages/app-tests/constants/signers.ts' },
    { code: `export const signer = 'maria.lopez@gmail.com';`, filename: 'src/webhooks/generate-sample-data.ts' },
    `const version = '1.2.3.4'; const local = '192.168.0.12'; const doc = '203.0.113.9';`,
    `const config = { minVersion: '10.20.30.40' };`,
    `const order = '1234 5678 9012 3456';`,
    `const fiction = '(415) 555-0123';`,
    `import x from 'user@acme.com';`,
    `type Contact = 'ops@acme-corp.com';`,
    `const map = { 'ops@acme-corp.com': 1 };`,
    { code: `const support = 'help@acme-corp.com';`, options: [{ allowDomains: ['acme-corp.com'] }] },
    { code: `const ip = '81.2.69.160';`, options: [{ allow: ['ip-address'] }] },
    {
      code: `export const user = { email: 'maria.lopez@gmail.com' };`,
      filename: `${rulesFixtureDir}/src/users.test.ts`,
    },
    {
      code: `export const user = { email: 'maria.lopez@gmail.com' };`,
      filename: `${rulesFixtureDir}/fixtures/users.ts`,
    },
  ],
  invalid: [
    {
      code: `export const owner = 'admin@gmail.com';`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 22, endColumn: 39 }],
    },
    {
      code: `export const founder = 'lucas@acme-corp.com';`,
      filename: 'src/latest-news/authors.ts',
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 24, endColumn: 45 }],
    },
    {
      code: `export const founder = 'lucas@acme-corp.com';`,
      filename: 'src/user-stories/authors.ts',
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 24, endColumn: 45 }],
    },
    {
      code: `export const Footer = () => <a href="mailto:x">{'maria.lopez@gmail.com'}</a>;`,
      filename: `src/footer.tsx`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 49, endColumn: 72 }],
    },
    {
      code: `const owner = 'maria.lopez@gmail.com';`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 15, endColumn: 38 }],
    },
    {
      code: `const card = '4539 1488 0343 6467';`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 14 }],
    },
    {
      code: `const card = 4539148803436467;`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 14 }],
    },
    {
      code: `sendSms(\`+447946000123\`, body);`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 9 }],
    },
    {
      code: `const payout = { iban: 'GB82 WEST 1234 5698 7654 32', ssn: '536-90-4399' };`,
      errors: [
        { messageId: 'literalPersonalData', line: 1, column: 24 },
        { messageId: 'literalPersonalData', line: 1, column: 60 },
      ],
    },
    {
      code: `const allowlist = ['81.2.69.160'];`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 20 }],
    },
    {
      code: `const x = 'a';`,
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
  ],
});
