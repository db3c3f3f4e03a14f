import rule from '../../packages/eslint-plugin/src/rules/no-hardcoded-pii.js';
import path from 'node:path';
import { brokenManifest, createRuleTester, rulesFixtureDir, rulesManifest } from './rule-tester.js';

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
    // Servers, networks and places: an IP allowlist, a resolver, a map centre name nobody.
    `const allowlist = ['81.2.69.160', '81.2.69.161']; const resolver = '9.9.9.9';`,
    `export const mapCentre = '51.507351, -0.127758';`,
    // Placeholder mailboxes and domains, wherever they are.
    `export const sampleTo = 'john.doe@gmail.com'; const other = 'you@email.com';`,
    `const hint = { example: 'rosa.quintero@gmail.com' };`,
    `export const schema = z.string().meta({ example: 'rosa.quintero@gmail.com' });`,
    // Fiction, toll-free and placeholder numbers: NANP 555-01xx without an area code, Ofcom's drama ranges, ACMA's.
    `const a = '+1 555 0101'; const b = '+44 20 7946 0102'; const c = '+61 2 5550 0104'; const d = '07700 900123';`,
    `const helpline = '+1 (800) 724-3311'; const placeholderish = '+1 123 456 789';`,
    // Payment processors' test cards and documentation IBANs.
    `const card = '4242 4242 4242 4242'; const iban = 'GB82 WEST 1234 5698 7654 32';`,
    // Sample content: preview data, example responses.
    { code: `export const inviter = 'maria.lopez@gmail.com';`, filename: 'src/email/preview/data.ts' },
    { code: `export const rows = ['maria.lopez@gmail.com'];`, filename: 'src/lib/example-responses.ts' },
    // The project's own domain (its package.json names the @larkspur scope and hello@larkspur-health.io; its
    // privacy.yml makes that folder the root, as a project's own would).
    {
      code: `export const sender = 'accounts.team@larkspur.io'; export const author = 'nadia@larkspur-health.io';`,
      filename: path.join(rulesFixtureDir, 'own-domain/file.ts'),
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
      code: `const payout = { iban: 'GB83 BARC 2003 5388 7419 62', ssn: '536-90-4399' };`,
      errors: [
        { messageId: 'literalPersonalData', line: 1, column: 24 },
        { messageId: 'literalPersonalData', line: 1, column: 60 },
      ],
    },
    {
      code: `export const reviewer = 'nadia@larkspur.io';`,
      errors: [{ messageId: 'literalPersonalData', line: 1, column: 25 }],
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

// The rule policy: privacy.yml `rules:` options, and `privlint-ignore` comments.
tester.run('no-hardcoded-pii', rule, {
  valid: [
    { code: `const support = 'help@clinic.example';`, filename: rulesManifest },
    `// privlint-ignore no-hardcoded-pii -- the public address of our press office
const press = 'maria.lopez@gmail.com';`,
  ],
  invalid: [
    {
      code: `const support = 'help@clinic.example';
const a = 'maria.lopez@gmail.com';`,
      filename: rulesManifest,
      errors: [{ messageId: 'literalPersonalData', line: 2, column: 11 }],
    },
    {
      code: `// privlint-ignore no-hardcoded-pii
const press = 'maria.lopez@gmail.com';`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1 },
        { messageId: 'literalPersonalData', line: 2, column: 15 },
      ],
    },
    {
      code: `// privlint-ignore no-hardcoded-pi -- reviewed
const press = 'maria.lopez@gmail.com';`,
      errors: [
        { messageId: 'unknownRuleInComment', line: 1, column: 1 },
        { messageId: 'literalPersonalData', line: 2, column: 15 },
      ],
    },
  ],
});
