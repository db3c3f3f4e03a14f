import rule from '../../packages/eslint-plugin/src/rules/no-pii-in-logs.js';
import { brokenManifest, createRuleTester, rulesManifest, withManifest } from './rule-tester.js';

const typed = createRuleTester({ typed: true });
const untyped = createRuleTester({ typed: false });

typed.run('no-pii-in-logs', rule, {
  valid: [
    // Helpers named for what they return (hashedEmail, maskedPhone, anonymizedIp) are sanitizers like maskEmail.
    `declare function hashedEmail(v: string): string;
declare function maskedPhone(v: string): string;
declare function anonymizedIp(v: string): string;
export function f(user: { email: string; phone: string }, ip: string) {
  console.log({ email: hashedEmail(user.email), phone: maskedPhone(user.phone), ipAddress: anonymizedIp(ip) });
}`,
    `import pino from 'pino';
const logger = pino();
export function f(user: { id: string; isEmailVerified: boolean; emailTemplateId: string }) {
  logger.info(user.id, user.isEmailVerified, user.emailTemplateId);
}`,
    `import type { User } from './models/user.js';
export function f(user: User) {
  console.log('signed in', user.id, user.backupEmail);
}`,
    // A numeric recipient is an id; \`lng\` as a string is i18next's language, not a longitude.
    `import pino from 'pino';
const logger = pino();
export function f(job: { recipient: number; lng: string }) {
  logger.info({ recipient: job.recipient, lng: job.lng }, 'queued');
}`,
  ],
  invalid: [
    // A label in the log line names the value that follows it, when the value says nothing itself.
    {
      code: `export function trace(value: string, n: number) {
  console.log('email:', value);
  console.log('count:', n, 'Sent the reset link to:', value);
}`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 25 }],
    },
    // logvault: an audit event's metadata is kept as a log line by the service
    {
      code: `import { Client } from '@logvault/client';
const audit = new Client(process.env.LOGVAULT_API_KEY ?? '');
await audit.log({ action: 'user.created', userId: user.id, metadata: { email: user.email } });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 17 }],
    },
    {
      // What a log line calls the recipient of a mail (a string) is an address.
      code: `import pino from 'pino';
const logger = pino();
export function failed(options: { to: string; subject: string }, error: unknown) {
  logger.error({ error, recipient: options.to, subject: options.subject }, 'mail not sent');
}`,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 4,
          column: 16,
          data: {
            sink: 'logger.error',
            via: '',
            details: '`recipient: options.to` is email (name `recipient` reads as email)',
          },
        },
      ],
    },
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
    // Child bindings without personal data; a child's options (second argument) are not logged.
    `import pino from 'pino';
const logger = pino();
const billing = logger.child({ module: 'billing' }, { redact: ['email'] });
billing.info('invoice sent');`,
    // The dataset name is not a log line.
    `import { Axiom } from '@axiomhq/js';
const axiom = new Axiom({ token: TOKEN });
axiom.ingest(user.email ? 'signups' : 'visits', [{ plan: 'pro' }]);`,
    `import * as Sentry from '@sentry/node';
Sentry.logger.info('export finished', { rows: 120 });`,
    // A document whose reads are not personal (\`doc.name\` of a document is its title) is not.
    `export async function show(id) { const doc = await Page.findById(id); console.log(doc.name, doc); }`,
    // A request body is what a person sent only where they send credentials: not in other routes.
    `router.post('/invoices', (req, res) => { logger.info({ body: req.body }, 'invoice draft'); res.end(); });`,
    `export function registerRoutes(app) {
  app.post('/orders', req => logger.info({ order: req.body }));
}`,
    // A file name in a loop over files, the deployment's settings and a service's own password.
    `for (const fname of files) console.log(\`\${fname}: missing keys\`);`,
    `console.log('mail settings', config.email, smtpConfig.password, env.ADMIN_EMAIL);`,
    `logger.debug({ merchantPassword: gateway.merchantPassword, smtpPassword, supportEmail });`,
  ],
  invalid: [
    {
      // The body of a sign-up request holds the person's credentials and contact, whatever it is called.
      code: `router.post('/auth/signup', async (req, res) => {
  logger.info({ body: req.body }, 'signup attempt');
});
export async function handleLogin(request) {
  console.log('login', request.query);
}`,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 2,
          column: 15,
          data: {
            sink: 'logger.info',
            via: '',
            details:
              '`req.body` is credentials, email (`req.body` in the sign-up or sign-in handler for `/auth/signup` is what a person sends for an account)',
          },
        },
        { messageId: 'personalDataInLog', line: 5, column: 24 },
      ],
    },
    {
      // An untyped document (Mongoose, Sequelize without their types) whose \`.email\` the code reads holds an email.
      code: `export async function remind(id) {
  const doc = await Subscriber.findById(id);
  if (!doc || !doc.email) return;
  logger.warn('reminder failed', doc);
}`,
      errors: [
        {
          messageId: 'personalDataInLog',
          line: 4,
          column: 34,
          data: {
            sink: 'logger.warn',
            via: '',
            details: '`doc` is email (untyped `doc` has its `email` read nearby, which reads as email)',
          },
        },
      ],
    },
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
    // logger-child: the bindings go out with every later line, so the child call is the sink; the child is a logger.
    {
      code: `import pino from 'pino';
const logger = pino();
const requestLogger = logger.child({ ipAddress: req.ip, requestId });
requestLogger.info({ email: session.user.email });`,
      errors: [
        { messageId: 'personalDataInLog', line: 3, column: 36, endLine: 3, endColumn: 68 },
        { messageId: 'personalDataInLog', line: 4, column: 20, endLine: 4, endColumn: 49 },
      ],
    },
    // named-logger-child: a logger nothing resolves, by its name.
    {
      code: `export function withRequest(ctx: { logger: unknown; clientIp: string }) {
  return ctx.logger.child({ clientIp: ctx.clientIp });
}`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 27, endLine: 2, endColumn: 53 }],
    },
    // sentry-logger
    {
      code: `import * as Sentry from '@sentry/nextjs';
Sentry.logger.warn('password reset requested', { email: account.email });`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 48, endColumn: 72 }],
    },
    // axiom: the events (second argument) are the log lines.
    {
      code: `import { Axiom } from '@axiomhq/js';
const axiom = new Axiom({ token: TOKEN });
axiom.ingest('signups', [{ email: form.email, plan: 'pro' }]);`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 25, endColumn: 61 }],
    },
    // axiom-logger: next-axiom's log, and `with` fields that every later line carries.
    {
      code: `import { log } from 'next-axiom';
const scoped = log.with({ phone: customer.phoneNumber });
scoped.info('checkout', { customerName: customer.fullName });`,
      errors: [
        { messageId: 'personalDataInLog', line: 2, column: 25, endColumn: 56 },
        { messageId: 'personalDataInLog', line: 3, column: 25, endColumn: 60 },
      ],
    },
    // logtail
    {
      code: `import { Logtail } from '@logtail/node';
const logtail = new Logtail(SOURCE_TOKEN);
logtail.error('payment failed', { billingAddress: order.billingAddress });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 33, endColumn: 73 }],
    },
    // google-cloud-logging
    {
      code: `import { Logging } from '@google-cloud/logging';
const log = new Logging().log('signups');
await log.write(log.entry({ severity: 'INFO' }, { email: signup.email }));`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 49, endColumn: 72 }],
    },
    // powertools-logger: appended keys go out with every later line.
    {
      code: `import { Logger } from '@aws-lambda-powertools/logger';
const logger = new Logger({ serviceName: 'orders' });
logger.appendKeys({ customerEmail: event.customerEmail });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 19, endColumn: 57 }],
    },
    // datadog-logs-context
    {
      code: `import { datadogLogs } from '@datadog/browser-logs';
datadogLogs.setUser({ id: viewer.id, email: viewer.email });`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 21, endColumn: 59 }],
    },
    // opentelemetry-logs
    {
      code: `import { logs } from '@opentelemetry/api-logs';
const otel = logs.getLogger('auth');
otel.emit({ body: 'login', attributes: { 'user.email': credentials.email } });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 11, endColumn: 77 }],
    },
    // electron-log
    {
      code: `import log from 'electron-log/main';
log.scope('sync').info('synced contacts of', profile.email);`,
      errors: [{ messageId: 'personalDataInLog', line: 2, column: 46, endColumn: 59 }],
    },
    // workos-audit-logs: the event (second argument) with its actor and context.
    {
      code: `import { WorkOS } from '@workos-inc/node';
const workos = new WorkOS(API_KEY);
await workos.auditLogs.createEvent(orgId, { action: 'user.signed_in', context: { location: request.ipAddress, user_agent: ua } });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 43, endColumn: 129 }],
    },
    // pangea-audit
    {
      code: `import { AuditService, PangeaConfig } from 'pangea-node-sdk';
const audit = new AuditService(TOKEN, new PangeaConfig({ domain: DOMAIN }));
await audit.log({ message: 'exported', actor: member.email });`,
      errors: [{ messageId: 'personalDataInLog', line: 3, column: 17, endColumn: 61 }],
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
