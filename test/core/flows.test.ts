import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Analyzer, compileKnowledge, defaultKnowledge, emptyManifestView } from '@privlint/core';
import { analyzeFiles, createTestProgram, findingLines, sourceFileOf, testRoot } from '../helpers/program.js';

const declarations = `declare const logger: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
declare const member: { email: string; id: string; displayName: string };
`;

/** The first words of each finding: rule and position, for expectations about where, not what. */
function places(lines: readonly string[]): string[] {
  return lines.map(line => line.split(' ').slice(0, 2).join(' '));
}

describe('data moved by assignments', () => {
  it('follows writes into an object, a reassigned let, a property and a list to the logger', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}export function report() {
  const context: { who?: string } = {};
  context.who = member.email;
  logger.info(context);
  let label = 'anonymous';
  label = member.displayName;
  logger.info(label);
  const bag: Record<string, unknown> = {};
  bag.contact = member.email;
  logger.info(bag.contact);
  const seen: string[] = [];
  seen.push(member.email);
  logger.info(seen);
}
`,
    });
    expect(places(findingLines(results))).toEqual([
      'no-pii-in-logs src/a.ts:6:15',
      'no-pii-in-logs src/a.ts:9:15',
      'no-pii-in-logs src/a.ts:12:15',
      'no-pii-in-logs src/a.ts:15:15',
    ]);
    expect(findingLines(results)[0]).toContain('`member.email` is email');
  });

  it('takes a shorthand property for the variable it holds, also one renamed by destructuring', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}export function report() {
  const { email: address, id } = member;
  const { displayName: shownAs } = member;
  logger.info({ address, id });
  logger.warn({ shownAs });
  // Configuration, as it is without the shorthand: a literal that is somebody's is no-hardcoded-pii's to report.
  const email = 'support@acme.test';
  logger.info({ email });
  logger.info(email);
}
`,
    });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/a.ts:6:15 Personal data reaches the logger `logger.info`: `address` is email (name `email` reads as email).',
      'no-pii-in-logs src/a.ts:7:15 Personal data reaches the logger `logger.warn`: `shownAs` is name (name `displayName` on a person-like `member` reads as name).',
    ]);
  });

  it('ignores a write that comes after the read in the same function, unless a loop brings it round', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}export function report(rows: string[]) {
  let last = 'none';
  logger.info(last);
  last = member.email;
  let previous = 'none';
  for (const row of rows) {
    logger.info(previous, row.length);
    previous = member.email;
  }
}
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:9:17']);
  });

  it('drops a value a later plain assignment replaces before the read, and keeps one only sometimes replaced', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}declare function redactPii<T>(value: T): T;
function copy<T>(value: T): T { return value; }
export function report(urgent: boolean) {
  let changes = copy(member);
  changes = redactPii(changes);
  logger.info(changes);
  let note: string;
  note = member.email;
  note = redactPii(note);
  logger.info(note);
  let kept = member.email;
  if (urgent) kept = 'none';
  logger.info(kept);
}
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:15:15']);
  });

  it('judges an object literal kept in a const by the keys it holds, not every field its annotation declares', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}type LogFields = { path: string; ipAddress?: string };
declare const req: any;
const base: LogFields = { path: '/x' };
logger.info(base);
const forwarded: LogFields = { path: '/x', ipAddress: req.headers.forwarded };
logger.info(forwarded);
const later: LogFields = { path: '/y' };
later.ipAddress = req.headers.forwarded;
logger.info(later);
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:8:13', 'no-pii-in-logs src/a.ts:11:13']);
  });

  it('reads the element of a list in an array callback, and a destructuring write', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}declare const emails: string[];
emails.forEach(entry => logger.info(entry));
let address = '';
({ email: address } = member);
logger.warn(address);
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:4:37', 'no-pii-in-logs src/a.ts:7:13']);
  });
});

describe('functions whose parameters reach a sink', () => {
  const auditFile = `import pino from 'pino';
const base = pino();
export function audit(action: string, detail: unknown) {
  base.info({ action, detail });
}
`;
  const handler = `import { audit } from './audit.js';
declare const member: { email: string; id: string };
export function onLogin() {
  audit('login', member.id.length);
  audit('login', member.email);
}
`;

  it('reports the caller’s argument, naming the function and the sink, across files (typed)', async () => {
    const results = await analyzeFiles({ 'src/audit.ts': auditFile, 'src/handler.ts': handler });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/handler.ts:5:18 Personal data reaches the logger `base.info` through `audit()` (src/audit.ts:3): `member.email` is email (name `email` reads as email).',
    ]);
  });

  it('sees only the same file without types', async () => {
    const untyped = await analyzeFiles({ 'src/audit.ts': auditFile, 'src/handler.ts': handler }, { typed: false });
    expect(findingLines(untyped)).toEqual([]);
    const sameFile = await analyzeFiles(
      { 'src/a.ts': `${auditFile}declare const member: { email: string };\naudit('x', member.email);\n` },
      { typed: false },
    );
    expect(places(findingLines(sameFile))).toEqual(['no-pii-in-logs src/a.ts:7:12']);
  });

  it('follows a chain of wrappers to a third party, through object spread', async () => {
    const results = await analyzeFiles({
      'src/analytics.ts': `import posthog from 'posthog-js';
export function track(event: string, properties: Record<string, unknown> = {}) {
  send(event, properties);
}
function send(event: string, properties: Record<string, unknown>) {
  posthog.capture(event, { ...properties, source: 'web' });
}
posthog.init('phc_test', { opt_out_capturing_by_default: true });
`,
      'src/signup.ts': `import { track } from './analytics.js';
declare const member: { email: string };
track('signed_up', { plan: 'free' });
track('signed_up', { contact: member.email });
`,
    });
    expect(findingLines(results)).toEqual([
      'no-undeclared-sharing src/signup.ts:4:20 Personal data goes to PostHog (analytics) through `track()` (src/analytics.ts:2) and `send()` (src/analytics.ts:5), which privacy.yml does not declare: `member.email` is email (name `email` reads as email). Declare it with its purpose: `recipients: { posthog: { purposes: [analytics], categories: [email] } }`.',
    ]);
  });

  it('reports a caller once when the function sends its parameter twice the same way (a retry)', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}async function notify(text: string) {
  try {
    logger.info(text);
  } catch {
    logger.info(text);
  }
}
void notify(member.email);
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:10:13']);
    expect(results.flatMap(result => result.flows).filter(flow => flow.line === 10)).toHaveLength(2);
  });

  it('judges a call once when several properties of one parameter reach the same sink', async () => {
    const results = await analyzeFiles({
      'src/analytics.ts': `import { PostHog } from 'posthog-node';
const client = new PostHog('key', {});
export function capture(who: { id: string }, event: { name: string; properties?: Record<string, unknown> }) {
  client.capture({ ...event, distinctId: who.id, properties: { ...event.properties, source: 'server' } });
}
`,
      'src/settings.ts': `import { capture } from './analytics.js';
declare const member: { id: string; email: string };
capture(member, { name: 'email_changed', properties: { previous: member.email } });
`,
    });
    expect(places(findingLines(results))).toEqual(['no-undeclared-sharing src/settings.ts:3:17']);
  });

  it('takes a property an object argument leaves out, or sets to a constant, as holding no data', async () => {
    const results = await analyzeFiles({
      'src/audit.ts': `${declarations}export const UNKNOWN = 'unknown';
type Input = { action: string; userId: string; ipAddress?: string };
export function record({ action, userId, ipAddress = UNKNOWN }: Input) {
  send({ action, userId, ipAddress });
}
function send(event: object) {
  logger.info(event);
}
`,
      'src/use.ts': `import { record, UNKNOWN } from './audit.js';
declare const req: any;
record({ action: 'login', userId: 'u1' });
record({ action: 'login', userId: 'u1', ipAddress: UNKNOWN });
record({ action: 'login', userId: 'u1', ipAddress: 'n/a' });
record({ action: 'login', userId: 'u1', ipAddress: req.ip });
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/audit.ts:6:8', 'no-pii-in-logs src/use.ts:6:8']);
  });

  it('binds a destructured parameter and a rest parameter to the caller’s arguments', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}function note({ who }: { who: unknown; when: number }) { logger.info(who); }
function all(...parts: unknown[]) { logger.warn(...parts); }
note({ who: member.email, when: 1 });
note({ who: 'system', when: member.email.length });
all('a', member.displayName);
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:5:6', 'no-pii-in-logs src/a.ts:7:10']);
  });

  it('follows a field set by the constructor to the method that logs it', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}class Reminder {
  private readonly target: string;
  constructor(target: string) { this.target = target; }
  fail() { logger.warn('reminder failed', this.target); }
}
class Receipt {
  constructor(private readonly to: string) {}
  send() { logger.info('receipt', this.to); }
}
export function remind() {
  new Reminder(member.email).fail();
  new Receipt(member.email).send();
  new Receipt('noreply').send();
}
`,
    });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/a.ts:13:16 Personal data reaches the logger `logger.warn` through `new Reminder()` (src/a.ts:5) and `Reminder.fail()` (src/a.ts:6): `member.email` is email (name `email` reads as email).',
      'no-pii-in-logs src/a.ts:14:15 Personal data reaches the logger `logger.info` through `new Receipt()` (src/a.ts:9) and `Receipt.send()` (src/a.ts:10): `member.email` is email (name `email` reads as email).',
    ]);
  });

  it('reads what a project getter returns, inside its class and from outside', async () => {
    const results = await analyzeFiles({
      'src/profile.ts': `${declarations}export class Profile {
  constructor(private readonly owner: typeof member) {}
  get contact() { return this.owner.email; }
  get label() { return 'profile'; }
  show() { logger.info({ contact: this.contact, label: this.label }); }
}
`,
      'src/page.ts': `${declarations}import type { Profile } from './profile.js';
export function render(profile: Profile) {
  logger.warn(profile.contact);
  logger.warn(profile.label);
}
`,
    });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/profile.ts:7:24 Personal data reaches the logger `logger.info`: `this.owner.email` is email (name `email` reads as email, returned by the getter `Profile.contact` (src/profile.ts:5)).',
      'no-pii-in-logs src/page.ts:5:15 Personal data reaches the logger `logger.warn`: `this.owner.email` is email (name `email` reads as email, returned by the getter `Profile.contact` (src/profile.ts:5)).',
    ]);
  });

  it('reports where the sink stands, not at every caller, when the parameter is personal data by itself', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}function logAddress(email: string) { logger.info(email); }
logAddress(member.email);
logAddress(member.email.trim());
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:3:50']);
  });

  it('takes a method stored in an object, an arrow in an object and a class field arrow as wrappers', async () => {
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}const tools = { record: (value: unknown) => logger.info(value) };
class Desk { write = (value: unknown) => { logger.warn(value); }; }
tools.record(member.email);
new Desk().write(member.displayName);
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:5:14', 'no-pii-in-logs src/a.ts:6:18']);
  });
});

describe('wrappers named like the sink they wrap', () => {
  const loggers = `import winston from 'winston';
function redact(meta: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(meta).map(key => [key, '[redacted]']));
}
class RedactingLogger {
  private readonly inner = winston.createLogger({});
  info(message: string, meta: Record<string, unknown>) { this.inner.info(message, redact(meta)); }
}
class PlainLogger {
  private readonly inner = winston.createLogger({});
  info(message: string, meta: Record<string, unknown>) { this.inner.info(message, meta); }
}
class QueueLogger {
  info(message: string, meta: Record<string, unknown>) { queue.push({ message, meta }); }
}
declare const queue: unknown[];
export const appLogger = new RedactingLogger();
export const plainLogger = new PlainLogger();
export const queueLogger = new QueueLogger();
export function audit(action: string, who: string) { plainLogger.info(action, { who }); }
`;
  const calls = `import { appLogger, audit, plainLogger, queueLogger } from './loggers.js';
declare const member: { email: string };
appLogger.info('joined', { email: member.email });
plainLogger.info('joined', { email: member.email });
queueLogger.info('joined', { email: member.email });
audit('joined', member.email);
`;
  const expected = [
    // Judged through the body: once, with the logger it reaches.
    'no-pii-in-logs src/calls.ts:4:28 Personal data reaches the logger `this.inner.info` through `PlainLogger.info()` (src/loggers.ts:11): `member.email` is email (name `email` reads as email).',
    // A body that reaches no logger the catalogue knows leaves the name to say it is one.
    'no-pii-in-logs src/calls.ts:5:28 Personal data reaches the logger `queueLogger.info`: `member.email` is email (name `email` reads as email).',
    'no-pii-in-logs src/calls.ts:6:17 Personal data reaches the logger `this.inner.info` through `audit()` (src/loggers.ts:20) and `PlainLogger.info()` (src/loggers.ts:11): `member.email` is email (name `email` reads as email).',
  ];

  it('judges a call through the project method it reaches: a redacting logger is no finding, a plain one is one', async () => {
    const results = await analyzeFiles({ 'src/loggers.ts': loggers, 'src/calls.ts': calls });
    expect(findingLines(results)).toEqual(expected);
  });

  it('says the same in one file without types', async () => {
    const untyped = await analyzeFiles(
      { 'src/calls.ts': `${loggers}${calls.split('\n').slice(1).join('\n')}` },
      { typed: false },
    );
    expect(places(findingLines(untyped))).toEqual([
      'no-pii-in-logs src/calls.ts:23:28',
      'no-pii-in-logs src/calls.ts:24:28',
      'no-pii-in-logs src/calls.ts:25:17',
    ]);
  });
});

describe('loggers as teams export them', () => {
  it('recognises bound methods of a logger stored in an object, spread, exported and imported', async () => {
    const results = await analyzeFiles({
      'src/log.ts': `import pino from 'pino';
const base = pino();
const levels = { info: base.info.bind(base), audit: base.warn.bind(base) };
export const log = { ...levels, child: () => base };
export const warn = base.warn.bind(base);
`,
      'src/use.ts': `import { log, warn } from './log.js';
declare const member: { email: string };
log.info({ contact: member.email });
log.audit(member.email);
warn(member.email);
`,
    });
    expect(places(findingLines(results))).toEqual([
      'no-pii-in-logs src/use.ts:3:10',
      'no-pii-in-logs src/use.ts:4:11',
      'no-pii-in-logs src/use.ts:5:6',
    ]);
  });
});

describe('clients returned by factories, singletons and hooks', () => {
  it('follows a client made on first use and kept in a module variable', async () => {
    const results = await analyzeFiles({
      'src/client.ts': `import { PostHog } from 'posthog-node';
let shared: PostHog | undefined;
export function client() {
  if (!shared) shared = new PostHog('key', {});
  return shared;
}
`,
      'src/use.ts': `import { client } from './client.js';
declare const member: { email: string };
client()?.capture({ distinctId: member.email, event: 'signed_in' });
`,
    });
    expect(places(findingLines(results))).toEqual(['no-undeclared-sharing src/use.ts:3:1']);
  });

  it('follows a workspace package that re-exports a client from a package that is not installed', async () => {
    const results = await analyzeFiles({
      'packages/telemetry/index.ts': `export { PostHog } from 'posthog-node';
`,
      'src/use.ts': `import { PostHog } from '../packages/telemetry/index.js';
declare const member: { email: string };
new PostHog('key').capture({ distinctId: member.email, event: 'x' });
`,
    });
    expect(places(findingLines(results))).toEqual(['no-undeclared-sharing src/use.ts:3:1']);
  });

  it('follows a hook that returns functions which load the SDK with a dynamic import', async () => {
    const results = await analyzeFiles({
      'src/use-tracking.ts': `let sdk: Promise<typeof import('posthog-js')> | null = null;
const load = async () => {
  if (!sdk) sdk = import('posthog-js');
  return sdk;
};
export function useTracking() {
  const capture = (event: string, properties?: Record<string, unknown>) => {
    void load().then(({ default: posthog }) => posthog.capture(event, properties));
  };
  return { capture };
}
`,
      'src/claim.ts': `import { useTracking } from './use-tracking.js';
declare const member: { email: string };
export function onClaim() {
  const tracking = useTracking();
  tracking.capture('claimed', { email: member.email });
}
`,
    });
    expect(findingLines(results)).toEqual([
      // Nothing in the project starts PostHog: its events are judged as the load would be.
      'require-cookie-consent src/use-tracking.ts:8:48 `posthog.capture` sends an event to PostHog (posthog-js), which reads and sets its cookies (`ph_<project_api_key>_posthog`, for analytics), before any consent check; nothing in the code loads PostHog (posthog-js) (its snippet may sit in an HTML template or a tag manager), so nothing shows it waits for consent. Send events only after consent, or load the tag in the code where consent is checked (then its load is judged instead).',
      'no-undeclared-sharing src/claim.ts:5:31 Personal data goes to PostHog (analytics) through `capture()` (src/use-tracking.ts:7), which privacy.yml does not declare: `member.email` is email (name `email` reads as email). Declare it with its purpose: `recipients: { posthog: { purposes: [analytics], categories: [email] } }`.',
    ]);
  });

  it('takes a level given in a logger’s options as a log method of that logger only', async () => {
    const results = await analyzeFiles({
      'src/log.ts': `import pino from 'pino';
const base = pino({ customLevels: { audit: 35 } });
export const log = { audit: (base as typeof base & { audit: typeof base.info }).audit.bind(base) };
declare const member: { email: string };
declare const ledger: { audit(entry: unknown): void };
log.audit({ who: member.email });
ledger.audit({ who: member.email });
`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/log.ts:6:11']);
  });
});

describe('results do not depend on order', () => {
  const first = `export function outer(u: { email: string }, n: number): string { return n > 0 ? inner(u, n - 1) : u.email; }
export function inner(u: { email: string }, n: number): string { return outer(u, n); }
`;
  const second = `export function inner(u: { email: string }, n: number): string { return outer(u, n); }
export function outer(u: { email: string }, n: number): string { return n > 0 ? inner(u, n - 1) : u.email; }
`;
  const use = `import { inner } from './rec.js';
declare const logger: { info(...args: unknown[]): void };
declare const member: { email: string };
logger.info(inner(member, 2));
`;

  it('solves mutually recursive functions to the same answer whichever is defined or analysed first', async () => {
    const lines = async (rec: string, order: 'rec-first' | 'use-first'): Promise<string[]> => {
      const files =
        order === 'rec-first' ? { 'src/rec.ts': rec, 'src/use.ts': use } : { 'src/use.ts': use, 'src/rec.ts': rec };
      const results = await analyzeFiles(files);
      return findingLines(results.filter(result => result.file === 'src/use.ts'));
    };
    const expected = await lines(first, 'rec-first');
    expect(places(expected)).toEqual(['no-pii-in-logs src/use.ts:4:13']);
    expect(expected[0]).toContain('`u.email` is email');
    expect(await lines(first, 'use-first')).toEqual(expected);
    expect((await lines(second, 'rec-first')).map(line => line.replace(/rec\.ts:\d/gu, 'rec.ts:N'))).toEqual(
      expected.map(line => line.replace(/rec\.ts:\d/gu, 'rec.ts:N')),
    );
  });
});

describe('bounds', () => {
  const env = { ts, knowledge: compileKnowledge(defaultKnowledge), manifest: emptyManifestView, rootDir: testRoot };

  it('marks a file incomplete, with a problem, when a question runs out of steps, and never caches it as complete', () => {
    const files = {
      'src/a.ts': `${declarations}function describe(u: { email: string }) { return [u.email, u.id, u.email.trim(), String(u.id)].join(); }
logger.info(describe(member as never));
`,
    };
    const program = createTestProgram(files);
    const tight = new Analyzer(env, program, { budget: 3 });
    const cut = tight.analyzeFile(sourceFileOf(program, 'src/a.ts'));
    expect(cut.incomplete).toBe(true);
    expect(cut.problems.some(problem => problem.incomplete)).toBe(true);
    const roomy = new Analyzer(env, program).analyzeFile(sourceFileOf(program, 'src/a.ts'));
    expect(roomy.incomplete).toBe(false);
    expect(
      places(roomy.findings.map(finding => `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`)),
    ).toEqual(['no-pii-in-logs src/a.ts:4:13']);
  });

  it('follows a value wrapped in any number of parentheses and casts, and a sum of thousands of terms', async () => {
    const wrapped = `${'('.repeat(300)}member.email${' as string)'.repeat(300)}`;
    const sum = Array.from({ length: 5000 }, () => 'member.id').join(' + ');
    const results = await analyzeFiles({
      'src/a.ts': `${declarations}logger.info(${wrapped});\nlogger.info(${sum} + member.email);\n`,
    });
    expect(places(findingLines(results))).toEqual(['no-pii-in-logs src/a.ts:3:13', 'no-pii-in-logs src/a.ts:4:13']);
  });
});
