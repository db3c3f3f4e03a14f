#!/usr/bin/env node
// Writes a large, deterministic TypeScript project that looks like a real product backend plus a browser client:
// models with personal and non-personal fields (some tagged `@pii`), repositories, services, controllers, jobs,
// a pino logger module and winston usage, console calls, cookie writes, Segment/Stripe/Sentry/OpenAI SDK calls,
// fetch calls, and helpers imported across domains. The same seed and size always give byte-identical files, so
// benchmark runs compare like with like.
//
//   node bench/generate-project.js [--files 4000] [--seed 1] [--profile app|dense|monorepo] [--out bench/out/project-3000]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** mulberry32: tiny, fast and good enough to vary generated code; Math.random would make runs incomparable. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: p => next() < p,
    pick: list => list[Math.floor(next() * list.length)],
    sample(list, count) {
      const copy = [...list];
      const out = [];
      while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

const DOMAINS = [
  'customer',
  'patient',
  'order',
  'invoice',
  'subscription',
  'appointment',
  'shipment',
  'employee',
  'ticket',
  'review',
  'booking',
  'payment',
  'account',
  'profile',
  'message',
  'notification',
  'referral',
  'lead',
  'contract',
  'device',
  'claim',
  'prescription',
  'vehicle',
  'enrollment',
  'donation',
  'membership',
  'applicant',
  'tenant',
  'visit',
  'survey',
];

/** Personal fields: name, TypeScript type, the `@pii` tag a careful team would write (or none), a sample value. */
const PERSONAL_FIELDS = [
  { name: 'email', type: 'string', tag: 'email', sample: "'ada@example.com'" },
  { name: 'contactEmail', type: 'string', tag: 'email', sample: "'grace@example.org'" },
  { name: 'phoneNumber', type: 'string', tag: 'phone', sample: "'+44 20 7946 0958'" },
  { name: 'mobile', type: 'string | null', tag: 'phone', sample: 'null' },
  { name: 'firstName', type: 'string', tag: 'name', sample: "'Ada'" },
  { name: 'lastName', type: 'string', tag: 'name', sample: "'Lovelace'" },
  { name: 'fullName', type: 'string', tag: 'name', sample: "'Ada Lovelace'" },
  { name: 'dateOfBirth', type: 'string', tag: 'date-of-birth', sample: "'1815-12-10'" },
  { name: 'postalAddress', type: 'PostalAddress', tag: 'postal-address', sample: 'EMPTY_ADDRESS' },
  { name: 'ipAddress', type: 'string', tag: 'ip-address', sample: "'203.0.113.7'" },
  { name: 'deviceId', type: 'string', tag: 'device-id', sample: "'dev_4f2a'" },
  { name: 'taxId', type: 'string', tag: 'government-id', sample: "'AB123456C'" },
  { name: 'iban', type: 'string', tag: 'bank-account', sample: "'GB82WEST12345698765432'" },
  { name: 'cardLast4', type: 'string', tag: 'payment-card', sample: "'4242'" },
  { name: 'diagnosis', type: 'string', tag: 'health', sample: "'asthma'" },
  { name: 'allergies', type: 'string[]', tag: 'health', sample: '[]' },
  { name: 'passwordHash', type: 'string', tag: 'credentials', sample: "'x'" },
  { name: 'lastKnownLocation', type: 'GeoPoint', tag: 'location', sample: '{ lat: 51.5, lng: -0.12 }' },
];

const PLAIN_FIELDS = [
  { name: 'status', type: 'STATUS', sample: "'active'" },
  { name: 'createdAt', type: 'Date', sample: 'new Date(0)' },
  { name: 'updatedAt', type: 'Date', sample: 'new Date(0)' },
  { name: 'currency', type: "'EUR' | 'GBP' | 'USD'", sample: "'EUR'" },
  { name: 'amountCents', type: 'number', sample: '0' },
  { name: 'quantity', type: 'number', sample: '1' },
  { name: 'sku', type: 'string', sample: "'SKU-1'" },
  { name: 'locale', type: 'string', sample: "'en-GB'" },
  { name: 'timezone', type: 'string', sample: "'Europe/London'" },
  { name: 'tags', type: 'string[]', sample: '[]' },
  { name: 'version', type: 'number', sample: '1' },
  { name: 'isArchived', type: 'boolean', sample: 'false' },
  { name: 'retryCount', type: 'number', sample: '0' },
  { name: 'plan', type: "'free' | 'pro' | 'enterprise'", sample: "'free'" },
  { name: 'emailVerified', type: 'boolean', sample: 'false' },
  { name: 'externalRef', type: 'string | undefined', sample: 'undefined' },
  { name: 'priority', type: 'number', sample: '3' },
  { name: 'notes', type: 'string', sample: "''" },
];

const STATUSES = ['active', 'pending', 'suspended', 'closed', 'draft', 'archived', 'failed', 'completed'];

const pascal = text => text.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
const camel = text => {
  const value = pascal(text);
  return value[0].toLowerCase() + value.slice(1);
};

function domainsFor(count) {
  const domains = [];
  for (let index = 0; index < count; index++) {
    const base = DOMAINS[index % DOMAINS.length];
    const round = Math.floor(index / DOMAINS.length);
    const kebab = round === 0 ? base : `${base}-${round + 1}`;
    domains.push({ index, kebab, type: pascal(kebab), value: camel(kebab) });
  }
  return domains;
}

/** The fields of one model: a few personal ones (some tagged), the rest operational. */
function modelFields(random) {
  const personal = random.sample(PERSONAL_FIELDS, random.int(2, 6)).map(field => ({
    ...field,
    personal: true,
    tagged: random.chance(0.4),
  }));
  const plain = random.sample(PLAIN_FIELDS, random.int(4, 9)).map(field => ({ ...field, personal: false }));
  const fields = [...personal, ...plain];
  fields.sort((a, b) => (a.name < b.name ? -1 : 1));
  return fields;
}

const LIB_FILES = {
  'src/types/vendor.d.ts': `// Minimal typings of the SDKs the app uses, so the project type-checks without node_modules.
declare module 'pino' {
  export interface Logger {
    info(obj: unknown, msg?: string, ...args: unknown[]): void;
    warn(obj: unknown, msg?: string, ...args: unknown[]): void;
    error(obj: unknown, msg?: string, ...args: unknown[]): void;
    debug(obj: unknown, msg?: string, ...args: unknown[]): void;
    child(bindings: Record<string, unknown>): Logger;
  }
  export interface LoggerOptions {
    level?: string;
    redact?: string[];
    base?: Record<string, unknown>;
  }
  export default function pino(options?: LoggerOptions): Logger;
}

declare module 'winston' {
  export interface Logger {
    info(message: string, meta?: Record<string, unknown>): Logger;
    warn(message: string, meta?: Record<string, unknown>): Logger;
    error(message: string, meta?: Record<string, unknown>): Logger;
  }
  export interface Format {
    readonly kind: 'format';
  }
  export const format: { json(): Format; timestamp(): Format; combine(...formats: Format[]): Format };
  export const transports: { Console: new () => object; File: new (options: { filename: string }) => object };
  export function createLogger(options: { level?: string; format?: Format; transports?: object[] }): Logger;
}

declare module '@segment/analytics-node' {
  export interface TrackParams {
    userId?: string;
    anonymousId?: string;
    event: string;
    properties?: Record<string, unknown>;
  }
  export class Analytics {
    constructor(options: { writeKey: string });
    track(params: TrackParams): void;
    identify(params: { userId: string; traits?: Record<string, unknown> }): void;
  }
}

declare module 'stripe' {
  export interface CustomerParams {
    email?: string;
    name?: string;
    phone?: string;
    metadata?: Record<string, string>;
  }
  export default class Stripe {
    constructor(key: string, options?: { apiVersion?: string });
    customers: {
      create(params: CustomerParams): Promise<{ id: string }>;
      update(id: string, params: CustomerParams): Promise<{ id: string }>;
    };
    paymentIntents: {
      create(params: {
        amount: number;
        currency: string;
        customer?: string;
        receipt_email?: string;
      }): Promise<{ id: string; client_secret: string | null }>;
    };
  }
}

declare module '@sentry/node' {
  export function init(options: { dsn?: string; sendDefaultPii?: boolean; tracesSampleRate?: number }): void;
  export function captureException(error: unknown, context?: { extra?: Record<string, unknown> }): string;
  export function captureMessage(message: string): string;
  export function setUser(user: { id?: string; email?: string; ip_address?: string } | null): void;
}

declare module 'openai' {
  export interface ChatMessage {
    role: 'system' | 'user' | 'assistant';
    content: string;
  }
  export default class OpenAI {
    constructor(options?: { apiKey?: string });
    chat: {
      completions: {
        create(params: {
          model: string;
          messages: ChatMessage[];
        }): Promise<{ choices: { message: { content: string | null } }[] }>;
      };
    };
  }
}

declare module 'express' {
  export interface Request {
    body: unknown;
    params: Record<string, string>;
    query: Record<string, string | undefined>;
    headers: Record<string, string | undefined>;
    ip?: string;
    cookies: Record<string, string>;
  }
  export interface CookieOptions {
    httpOnly?: boolean;
    secure?: boolean;
    maxAge?: number;
    sameSite?: 'lax' | 'strict' | 'none';
  }
  export interface Response {
    status(code: number): Response;
    json(body: unknown): Response;
    cookie(name: string, value: string, options?: CookieOptions): Response;
    clearCookie(name: string): Response;
    send(body?: unknown): Response;
  }
  export type NextFunction = (error?: unknown) => void;
  export type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  export interface Router {
    get(path: string, ...handlers: Handler[]): Router;
    post(path: string, ...handlers: Handler[]): Router;
    put(path: string, ...handlers: Handler[]): Router;
    delete(path: string, ...handlers: Handler[]): Router;
    use(path: string, router: Router): Router;
  }
  export function Router(): Router;
}

declare const process: { env: Record<string, string | undefined> };
`,
  'src/lib/config.ts': `export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly apiBase: string;
  readonly segmentKey: string;
  readonly stripeKey: string;
  readonly sentryDsn: string | undefined;
  readonly openaiKey: string | undefined;
  readonly logLevel: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(\`Missing environment variable \${name}\`);
  return value;
}

export const config: AppConfig = {
  env: process.env.NODE_ENV === 'production' ? 'production' : process.env.NODE_ENV === 'test' ? 'test' : 'development',
  apiBase: process.env.API_BASE ?? 'https://api.acme.example',
  segmentKey: process.env.SEGMENT_WRITE_KEY ?? 'dev',
  stripeKey: process.env.STRIPE_SECRET_KEY ?? required('STRIPE_KEY'),
  sentryDsn: process.env.SENTRY_DSN,
  openaiKey: process.env.OPENAI_API_KEY,
  logLevel: process.env.LOG_LEVEL ?? 'info',
};
`,
  'src/lib/logger.ts': `import pino from 'pino';
import { config } from './config';

/** The application logger; services log through it so redaction is configured once. */
export const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'password'],
  base: { service: 'acme-api' },
});

export function requestLogger(requestId: string) {
  return logger.child({ requestId });
}
`,
  'src/lib/audit-log.ts': `import { createLogger, format, transports } from 'winston';

/** Audit trail of background jobs, kept apart from the request logs. */
export const auditLog = createLogger({
  level: 'info',
  format: format.combine(format.timestamp(), format.json()),
  transports: [new transports.Console(), new transports.File({ filename: 'audit.log' })],
});
`,
  'src/lib/analytics.ts': `import { Analytics } from '@segment/analytics-node';
import { config } from './config';

export const analytics = new Analytics({ writeKey: config.segmentKey });
`,
  'src/lib/payments.ts': `import Stripe from 'stripe';
import { config } from './config';

export const stripe = new Stripe(config.stripeKey, { apiVersion: '2024-06-20' });
`,
  'src/lib/monitoring.ts': `import * as Sentry from '@sentry/node';
import { config } from './config';

Sentry.init({ dsn: config.sentryDsn, sendDefaultPii: false, tracesSampleRate: 0.1 });

export { Sentry };
`,
  'src/lib/ai.ts': `import OpenAI from 'openai';
import { config } from './config';

export const openai = new OpenAI({ apiKey: config.openaiKey });
`,
  'src/lib/errors.ts': `export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(\`\${what} not found\`, 404, 'not_found');
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: string[]) {
    super(\`Invalid input: \${issues.join(', ')}\`, 400, 'invalid');
  }
}
`,
  'src/lib/repository.ts': `export interface Entity {
  readonly id: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly cursor: string | undefined;
}

/** A small in-memory store standing in for the database layer. */
export class Repository<T extends Entity> {
  protected readonly rows = new Map<string, T>();

  async findById(id: string): Promise<T | undefined> {
    return this.rows.get(id);
  }

  async findWhere(predicate: (row: T) => boolean, limit = 50): Promise<Page<T>> {
    const items = [...this.rows.values()].filter(predicate).slice(0, limit);
    return { items, total: items.length, cursor: items.at(-1)?.id };
  }

  async insert(row: T): Promise<T> {
    this.rows.set(row.id, row);
    return row;
  }

  async update(id: string, patch: Partial<T>): Promise<T | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    const next = { ...row, ...patch };
    this.rows.set(id, next);
    return next;
  }

  async remove(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}
`,
  'src/lib/http.ts': `import { config } from './config';

export interface HttpResult<T> {
  readonly ok: boolean;
  readonly status: number;
  readonly data: T | undefined;
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<HttpResult<T>> {
  const response = await fetch(\`\${config.apiBase}\${path}\`, { ...init, headers: { accept: 'application/json' } });
  const data = response.ok ? ((await response.json()) as T) : undefined;
  return { ok: response.ok, status: response.status, data };
}

export async function postJson<T>(path: string, body: unknown): Promise<HttpResult<T>> {
  const response = await fetch(\`\${config.apiBase}\${path}\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = response.ok ? ((await response.json()) as T) : undefined;
  return { ok: response.ok, status: response.status, data };
}
`,
  'src/lib/shared-types.ts': `export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

export const EMPTY_ADDRESS: PostalAddress = { line1: '', city: '', postcode: '', country: 'GB' };

export type Id<T extends string> = string & { readonly __kind: T };
`,
};

/** Extra service methods: the bulk of a real service is many small operations like these. */
function serviceOperations(ctx, random) {
  const { T, v, kebab, fields, personal, plain, emailField, hasStatus, statuses } = ctx;
  const used = new Map();
  const named = base => {
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}${count}`;
  };
  const stringField = fields.find(field => field.type === 'string') ?? { name: 'id' };
  const templates = [
    () => {
      const columns = random.sample(fields, random.int(2, 5)).map(field => field.name);
      return [
        `  async ${named('exportCsv')}(ids: readonly string[]): Promise<string> {`,
        `    const rows: string[] = ['id,${columns.join(',')}'];`,
        '    for (const id of ids) {',
        '      const entity = await this.repository.findById(id);',
        '      if (!entity) {',
        `        logger.warn({ id }, 'skipping missing ${kebab}');`,
        '        continue;',
        '      }',
        `      rows.push([entity.id, ${columns.map(name => `String(entity.${name})`).join(', ')}].join(','));`,
        '    }',
        `    logger.info({ count: rows.length - 1 }, '${kebab} export built');`,
        "    return rows.join('\\n');",
        '  }',
      ];
    },
    () => {
      const sent = random.sample(personal, random.int(1, 3)).map(field => field.name);
      return [
        `  async ${named('syncToCrm')}(id: string, reason: string): Promise<boolean> {`,
        '    const entity = await this.get(id);',
        "    const response = await fetch('https://api.hubapi.com/crm/v3/objects/contacts', {",
        "      method: 'POST',",
        "      headers: { 'content-type': 'application/json' },",
        `      body: JSON.stringify({ ${sent.map(name => `${name}: entity.${name}`).join(', ')}, reason }),`,
        '    });',
        '    if (!response.ok) {',
        `      logger.error({ status: response.status, ${v}Id: id }, 'crm sync failed');`,
        '      return false;',
        '    }',
        '    return true;',
        '  }',
      ];
    },
    () => {
      const key = random.pick(plain.length > 0 ? plain : fields).name;
      return [
        `  async ${named('countBy')}(limit = 1000): Promise<Record<string, number>> {`,
        '    const page = await this.repository.findWhere(() => true, limit);',
        '    return page.items.reduce<Record<string, number>>((counts, item) => {',
        `      const key = String(item.${key});`,
        '      counts[key] = (counts[key] ?? 0) + 1;',
        '      return counts;',
        '    }, {});',
        '  }',
      ];
    },
    () => {
      if (!hasStatus) return [];
      const lines = [
        `  async ${named('transition')}(id: string, next: ${T}Status): Promise<${T}> {`,
        '    const entity = await this.get(id);',
        '    switch (next) {',
      ];
      for (const status of statuses.slice(0, 3)) {
        lines.push(`      case '${status}':`);
        lines.push(
          `        logger.info({ id, from: entity.status, to: next }, '${kebab} ${status}');`,
          '        break;',
        );
      }
      lines.push('      default:', `        logger.debug({ id, next }, '${kebab} status changed');`, '    }');
      lines.push('    const updated = await this.repository.update(id, { status: next });');
      lines.push(`    if (!updated) throw new NotFoundError('${T}');`, '    return updated;', '  }');
      return lines;
    },
    () => {
      const traits = random.sample(fields, random.int(1, 3)).map(field => field.name);
      return [
        `  async ${named('identify')}(id: string): Promise<void> {`,
        '    const entity = await this.get(id);',
        `    analytics.identify({ userId: entity.id, traits: { ${traits.map(name => `${name}: entity.${name}`).join(', ')} } });`,
        '  }',
      ];
    },
    () => {
      if (!emailField) return [];
      return [
        `  async ${named('charge')}(id: string, amount: number): Promise<string | null> {`,
        '    const entity = await this.get(id);',
        "    if (amount <= 0) throw new ConflictError('amount must be positive');",
        '    const intent = await stripe.paymentIntents.create({',
        '      amount,',
        "      currency: 'eur',",
        `      receipt_email: entity.${emailField.name},`,
        '    });',
        "    logger.info({ intent: intent.id, amount }, 'payment intent created');",
        '    return intent.client_secret;',
        '  }',
      ];
    },
    () => [
      `  async ${named('search')}(term: string, limit = 20): Promise<string[]> {`,
      '    const needle = term.trim().toLowerCase();',
      '    if (needle.length < 2) return [];',
      `    const page = await this.repository.findWhere(row => String(row.${stringField.name}).toLowerCase().includes(needle), limit);`,
      `    return page.items.map(row => describe${T}(row));`,
      '  }',
    ],
    () => [
      `  async ${named('touch')}(id: string, attempts = 3): Promise<boolean> {`,
      '    for (let attempt = 1; attempt <= attempts; attempt++) {',
      '      try {',
      '        const entity = await this.get(id);',
      '        await this.repository.update(entity.id, {});',
      '        return true;',
      '      } catch (error) {',
      "        logger.warn({ attempt, id, error }, 'touch failed');",
      '        if (attempt === attempts) Sentry.captureException(error);',
      '        await new Promise(resolve => setTimeout(resolve, attempt * 100));',
      '      }',
      '    }',
      '    return false;',
      '  }',
    ],
  ];
  const lines = [];
  const count = random.int(8, 18);
  for (let index = 0; index < count; index++) {
    const block = random.pick(templates)();
    if (block.length > 0) lines.push('', ...block);
  }
  return lines;
}

/** Field formatters and comparators: the helper files of a real codebase grow one small function at a time. */
function utilHelpers(ctx, random) {
  const { T, fields } = ctx;
  const lines = [];
  for (const field of random.sample(fields, random.int(Math.ceil(fields.length / 2), fields.length))) {
    const name = pascal(field.name);
    lines.push(`export function format${T}${name}(entity: Pick<${T}, '${field.name}'>): string {`);
    lines.push(`  const value: unknown = entity.${field.name};`);
    lines.push("  if (value === null || value === undefined) return '';");
    lines.push("  return typeof value === 'string' ? value.trim() : JSON.stringify(value);", '}', '');
    if (random.chance(0.7)) {
      lines.push(`export function compare${T}By${name}(a: ${T}, b: ${T}): number {`);
      lines.push(`  return String(a.${field.name}).localeCompare(String(b.${field.name}));`, '}', '');
    }
  }
  return lines;
}

/** Browser helpers: more fetch calls, some with personal data in the query string. */
function clientExtras(ctx, random) {
  const { T, kebab, personal } = ctx;
  const lines = [];
  const count = random.int(2, 6);
  for (let index = 0; index < count; index++) {
    const field = random.pick(personal);
    const name = `lookup${T}By${pascal(field.name)}${index === 0 ? '' : index + 1}`;
    lines.push(`export async function ${name}(value: string): Promise<${T}Response | undefined> {`);
    if (random.chance(0.5)) {
      lines.push(
        `  const response = await fetch(\`/api/${kebab}s/lookup?${field.name}=\${encodeURIComponent(value)}\`);`,
      );
    } else {
      lines.push(`  const response = await fetch('/api/${kebab}s/lookup', {`, "    method: 'POST',");
      lines.push(
        `    body: JSON.stringify({ ${field.name}: value }),`,
        "    headers: { 'content-type': 'application/json' },",
        '  });',
      );
    }
    lines.push(
      '  if (!response.ok) {',
      `    console.error('lookup failed', response.status);`,
      '    return undefined;',
      '  }',
    );
    lines.push(`  return (await response.json()) as ${T}Response;`, '}', '');
  }
  return lines;
}

/** Generates every file of one domain; `others` are domains whose helpers it imports. */
function domainFiles(domain, fields, others, random) {
  const { kebab, type: T, value: v } = domain;
  const personal = fields.filter(field => field.personal);
  const plain = fields.filter(field => !field.personal);
  const stringPersonal = personal.filter(field => field.type === 'string');
  const emailField = fields.find(field => field.name === 'email' || field.name === 'contactEmail');
  const nameField = fields.find(field => ['fullName', 'firstName', 'lastName'].includes(field.name));
  const anyPersonal = random.pick(personal);
  const anyString = stringPersonal[0] ?? anyPersonal;
  const files = {};
  const statusType = `${T}Status`;
  const needsShared = fields.some(field => field.type === 'PostalAddress' || field.type === 'GeoPoint');
  const sharedImports = ['PostalAddress', 'GeoPoint'].filter(name => fields.some(field => field.type === name));
  const statuses = random.sample(STATUSES, random.int(3, 6));
  const ctx = {
    T,
    v,
    kebab,
    fields,
    personal,
    plain,
    emailField,
    statuses,
    hasStatus: fields.some(f => f.type === 'STATUS'),
  };

  // models
  {
    const lines = [];
    if (needsShared) lines.push(`import type { ${sharedImports.join(', ')} } from '../lib/shared-types';`, '');
    lines.push(`export type ${statusType} = ${statuses.map(status => `'${status}'`).join(' | ')};`, '');
    lines.push(`/** A ${kebab.replace(/-/g, ' ')} as stored and returned by the API. */`);
    lines.push(`export interface ${T} {`, '  readonly id: string;');
    for (const field of fields) {
      if (field.personal && field.tagged) lines.push(`  /** @pii ${field.tag} */`);
      else if (!field.personal && field.name === 'notes' && random.chance(0.5)) lines.push('  /** @pii none */');
      lines.push(`  ${field.name}: ${field.type === 'STATUS' ? statusType : field.type};`);
    }
    lines.push('}', '');
    lines.push(`export type ${T}Summary = Pick<${T}, 'id'${plain.length > 0 ? ` | '${plain[0].name}'` : ''}>;`, '');
    lines.push(`export type ${T}Patch = Partial<Omit<${T}, 'id'>>;`, '');
    lines.push(`export const ${v.toUpperCase().replace(/-/g, '_')}_STATUSES: readonly ${statusType}[] = [`);
    for (const status of statuses) lines.push(`  '${status}',`);
    lines.push('];', '');
    lines.push(`export function is${T}Status(value: string): value is ${statusType} {`);
    lines.push(`  return (${v.toUpperCase()}_STATUSES as readonly string[]).includes(value);`, '}', '');
    lines.push(
      `export interface ${T}Event {`,
      `  readonly type: '${kebab}.created' | '${kebab}.updated' | '${kebab}.deleted';`,
    );
    lines.push(`  readonly ${v}Id: string;`, '  readonly at: Date;', `  readonly changes?: ${T}Patch;`, '}', '');
    files[`src/models/${kebab}.model.ts`] = lines.join('\n');
  }

  // dto
  {
    const lines = [`import type { ${T}, ${statusType} } from '../models/${kebab}.model';`, ''];
    lines.push(`export interface Create${T}Dto {`);
    for (const field of personal) lines.push(`  ${field.name}: ${T}['${field.name}'];`);
    lines.push(`  status?: ${statusType};`, '}', '');
    lines.push(`export interface Update${T}Dto {`);
    for (const field of fields.slice(0, 4)) lines.push(`  ${field.name}?: ${T}['${field.name}'];`);
    lines.push('}', '');
    const responseFields = random.sample(fields, 3);
    lines.push(`export interface ${T}Response {`, '  id: string;');
    for (const field of responseFields) lines.push(`  ${field.name}: ${T}['${field.name}'];`);
    lines.push('}', '');
    lines.push(`export function to${T}Response(entity: ${T}): ${T}Response {`, '  return {', '    id: entity.id,');
    for (const field of responseFields) lines.push(`    ${field.name}: entity.${field.name},`);
    lines.push('  };', '}', '');
    files[`src/dto/${kebab}.dto.ts`] = lines.join('\n');
  }

  // repositories
  {
    const lines = [
      `import { Repository, type Page } from '../lib/repository';`,
      `import type { ${T}, ${statusType} } from '../models/${kebab}.model';`,
      '',
      `export class ${T}Repository extends Repository<${T}> {`,
    ];
    if (emailField) {
      lines.push(`  async findByEmail(email: string): Promise<${T} | undefined> {`);
      lines.push(
        `    const page = await this.findWhere(row => row.${emailField.name}.toLowerCase() === email.toLowerCase(), 1);`,
      );
      lines.push('    return page.items[0];', '  }', '');
    }
    lines.push(`  async findByStatus(status: ${statusType}, limit = 100): Promise<Page<${T}>> {`);
    lines.push(
      `    return this.findWhere(row => ${fields.some(f => f.type === 'STATUS') ? 'row.status === status' : 'status.length > 0'}, limit);`,
    );
    lines.push('  }', '');
    lines.push(`  async count(): Promise<number> {`, '    return this.rows.size;', '  }');
    lines.push('}', '', `export const ${v}Repository = new ${T}Repository();`, '');
    files[`src/repositories/${kebab}.repository.ts`] = lines.join('\n');
  }

  // utils: helpers other domains import
  {
    const lines = [`import type { ${T} } from '../models/${kebab}.model';`, ''];
    lines.push(`export function describe${T}(entity: ${T}): string {`);
    lines.push(`  return \`${T} \${entity.id}${nameField ? ` (\${entity.${nameField.name}})` : ''}\`;`, '}', '');
    lines.push(`export function mask${T}${pascal(anyString.name)}(value: string): string {`);
    lines.push(
      "  if (value.length <= 4) return '****';",
      "  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;",
      '}',
      '',
    );
    lines.push(
      `export function ${v}Key(entity: Pick<${T}, 'id'>): string {`,
      `  return \`${kebab}:\${entity.id}\`;`,
      '}',
      '',
    );
    lines.push(`export function sort${T}s(items: readonly ${T}[]): ${T}[] {`);
    lines.push('  return [...items].sort((a, b) => a.id.localeCompare(b.id));', '}', '');
    lines.push(`export function chunk${T}s<T>(items: readonly T[], size: number): T[][] {`);
    lines.push(
      '  const chunks: T[][] = [];',
      '  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));',
    );
    lines.push('  return chunks;', '}', '');
    lines.push(...utilHelpers(ctx, random));
    files[`src/utils/${kebab}.utils.ts`] = lines.join('\n');
  }

  // validators
  {
    const lines = [
      `import { ValidationError } from '../lib/errors';`,
      `import type { Create${T}Dto } from '../dto/${kebab}.dto';`,
      '',
      `export function validateCreate${T}(input: Create${T}Dto): Create${T}Dto {`,
      '  const issues: string[] = [];',
    ];
    for (const field of personal) {
      if (field.type === 'string')
        lines.push(`  if (input.${field.name}.trim() === '') issues.push('${field.name} is required');`);
      if (field.name === 'email' || field.name === 'contactEmail') {
        lines.push(
          `  if (!/^[^@\\s]+@[^@\\s]+$/.test(input.${field.name})) issues.push('${field.name} is not an email address');`,
        );
      }
    }
    lines.push('  if (issues.length > 0) {');
    if (random.chance(0.3)) lines.push(`    console.warn('invalid ${kebab} input', input);`);
    lines.push('    throw new ValidationError(issues);', '  }', '  return input;', '}', '');
    files[`src/validators/${kebab}.validator.ts`] = lines.join('\n');
  }

  // mappers
  {
    const lines = [
      `import { randomId } from '../utils/ids';`,
      `import type { Create${T}Dto } from '../dto/${kebab}.dto';`,
      `import type { ${T} } from '../models/${kebab}.model';`,
    ];
    lines.push('', `export function to${T}(input: Create${T}Dto): ${T} {`, '  return {', '    id: randomId(),');
    for (const field of fields) {
      if (field.personal) lines.push(`    ${field.name}: input.${field.name},`);
      else if (field.type === 'STATUS') lines.push(`    status: input.status ?? '${statuses[0]}',`);
      else lines.push(`    ${field.name}: ${field.sample},`);
    }
    lines.push('  };', '}', '');
    lines.push(`export function ${v}ToRow(entity: ${T}): Record<string, unknown> {`);
    lines.push(
      '  return Object.fromEntries(Object.entries(entity).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));',
    );
    lines.push('}', '');
    files[`src/mappers/${kebab}.mapper.ts`] = lines.join('\n');
  }

  // services: where personal data meets loggers and SDKs
  {
    const helpers = others.map(other => ({ other, name: `${other.value}Key` }));
    const lines = [
      `import { analytics } from '../lib/analytics';`,
      `import { ConflictError, NotFoundError } from '../lib/errors';`,
      `import { logger } from '../lib/logger';`,
      `import { stripe } from '../lib/payments';`,
      `import { Sentry } from '../lib/monitoring';`,
      `import type { Create${T}Dto, Update${T}Dto } from '../dto/${kebab}.dto';`,
      `import { to${T} } from '../mappers/${kebab}.mapper';`,
      `import type { ${T}${ctx.hasStatus ? `, ${statusType}` : ''} } from '../models/${kebab}.model';`,
      `import { ${v}Repository, type ${T}Repository } from '../repositories/${kebab}.repository';`,
      `import { describe${T} } from '../utils/${kebab}.utils';`,
      ...helpers.map(({ other, name }) => `import { ${name} } from '../utils/${other.kebab}.utils';`),
      `import { validateCreate${T} } from '../validators/${kebab}.validator';`,
      '',
      `export class ${T}Service {`,
      `  constructor(private readonly repository: ${T}Repository = ${v}Repository) {}`,
      '',
      `  async create(input: Create${T}Dto): Promise<${T}> {`,
      `    const valid = validateCreate${T}(input);`,
    ];
    if (emailField) {
      lines.push(`    const existing = await this.repository.findByEmail(valid.${emailField.name});`);
      lines.push('    if (existing) {');
      lines.push(`      logger.warn({ ${emailField.name}: valid.${emailField.name} }, '${kebab} already exists');`);
      lines.push(`      throw new ConflictError(\`${T} \${existing.id} already exists\`);`, '    }');
    }
    lines.push(`    const entity = await this.repository.insert(to${T}(valid));`);
    lines.push(`    logger.info({ ${v}Id: entity.id }, '${kebab} created');`);
    lines.push('    analytics.track({', '      userId: entity.id,', `      event: '${T} Created',`);
    lines.push(
      `      properties: { ${random
        .sample(fields, 2)
        .map(field => `${field.name}: entity.${field.name}`)
        .join(', ')} },`,
      '    });',
    );
    if (emailField && random.chance(0.6)) {
      lines.push(`    const customer = await stripe.customers.create({`);
      lines.push(`      email: entity.${emailField.name},`);
      if (nameField) lines.push(`      name: entity.${nameField.name},`);
      lines.push(`      metadata: { ${v}Id: entity.id },`, '    });');
      lines.push(`    logger.debug({ stripeCustomer: customer.id }, 'stripe customer linked');`);
    }
    lines.push('    return entity;', '  }', '');
    lines.push(`  async get(id: string): Promise<${T}> {`, '    const entity = await this.repository.findById(id);');
    lines.push(`    if (!entity) throw new NotFoundError('${T}');`, '    return entity;', '  }', '');
    lines.push(`  async update(id: string, patch: Update${T}Dto): Promise<${T}> {`);
    lines.push('    const updated = await this.repository.update(id, patch);');
    lines.push(`    if (!updated) throw new NotFoundError('${T}');`);
    if (random.chance(0.5)) lines.push(`    logger.info(updated, 'updated ${kebab}');`);
    else lines.push(`    logger.info({ id, fields: Object.keys(patch) }, 'updated ${kebab}');`);
    lines.push('    return updated;', '  }', '');
    lines.push(
      `  async remove(id: string): Promise<void> {`,
      '    try {',
      '      const removed = await this.repository.remove(id);',
    );
    lines.push(`      if (!removed) throw new NotFoundError('${T}');`, '    } catch (error) {');
    lines.push(
      `      Sentry.captureException(error, { extra: { ${v}Id: id } });`,
      '      throw error;',
      '    }',
      '  }',
      '',
    );
    lines.push(`  async summarize(id: string): Promise<string> {`, '    const entity = await this.get(id);');
    lines.push(`    const keys = [${helpers.map(({ name }) => `${name}({ id })`).join(', ')}];`);
    if (random.chance(0.2))
      lines.push(`    console.log('summarizing', describe${T}(entity), entity.${anyPersonal.name});`);
    lines.push('    return `${describe' + T + "(entity)} [${keys.join(', ')}]`;", '  }');
    lines.push(...serviceOperations(ctx, random));
    lines.push('}', '', `export const ${v}Service = new ${T}Service();`, '');
    files[`src/services/${kebab}.service.ts`] = lines.join('\n');
  }

  // controllers
  {
    const lines = [
      `import { Router, type Request, type Response } from 'express';`,
      `import { to${T}Response, type Create${T}Dto, type Update${T}Dto } from '../dto/${kebab}.dto';`,
      `import { AppError } from '../lib/errors';`,
      `import { requestLogger } from '../lib/logger';`,
      `import { ${v}Service } from '../services/${kebab}.service';`,
      '',
      'function fail(res: Response, error: unknown): Response {',
      '  if (error instanceof AppError) return res.status(error.status).json({ code: error.code, message: error.message });',
      "  return res.status(500).json({ code: 'internal' });",
      '}',
      '',
      `export const ${v}Router = Router();`,
      '',
      `${v}Router.post('/${kebab}s', async (req: Request, res: Response) => {`,
      "  const log = requestLogger(req.headers['x-request-id'] ?? 'none');",
      '  try {',
      `    const created = await ${v}Service.create(req.body as Create${T}Dto);`,
    ];
    if (random.chance(0.5)) {
      lines.push(`    res.cookie('last_${v}', created.id, { httpOnly: true, secure: true, sameSite: 'lax' });`);
    } else if (emailField) {
      lines.push(`    res.cookie('${v}_email', created.${emailField.name}, { maxAge: 86_400_000 });`);
    }
    lines.push(`    log.info({ id: created.id, ip: req.ip }, '${kebab} created');`);
    lines.push(`    return res.status(201).json(to${T}Response(created));`, '  } catch (error) {');
    lines.push(
      `    log.error({ error, body: req.body }, 'create ${kebab} failed');`,
      '    return fail(res, error);',
      '  }',
      '});',
      '',
    );
    lines.push(`${v}Router.get('/${kebab}s/:id', async (req: Request, res: Response) => {`, '  try {');
    lines.push(`    return res.json(to${T}Response(await ${v}Service.get(req.params.id ?? '')));`);
    lines.push('  } catch (error) {', '    return fail(res, error);', '  }', '});', '');
    lines.push(`${v}Router.put('/${kebab}s/:id', async (req: Request, res: Response) => {`, '  try {');
    lines.push(`    const updated = await ${v}Service.update(req.params.id ?? '', req.body as Update${T}Dto);`);
    lines.push(
      `    return res.json(to${T}Response(updated));`,
      '  } catch (error) {',
      '    return fail(res, error);',
      '  }',
      '});',
      '',
    );
    lines.push(`${v}Router.delete('/${kebab}s/:id', async (req: Request, res: Response) => {`);
    lines.push(
      `  await ${v}Service.remove(req.params.id ?? '');`,
      `  res.clearCookie('last_${v}');`,
      '  return res.status(204).send();',
      '});',
      '',
    );
    files[`src/controllers/${kebab}.controller.ts`] = lines.join('\n');
  }

  // client: browser code with fetch, cookies and storage
  {
    const lines = [
      `import { getJson, postJson } from '../lib/http';`,
      `import type { Create${T}Dto, ${T}Response } from '../dto/${kebab}.dto';`,
      '',
      `export async function load${T}(id: string): Promise<${T}Response | undefined> {`,
      `  const cached = localStorage.getItem('${kebab}:' + id);`,
      `  if (cached) return JSON.parse(cached) as ${T}Response;`,
      `  const result = await getJson<${T}Response>(\`/${kebab}s/\${encodeURIComponent(id)}\`);`,
      `  if (result.data) localStorage.setItem('${kebab}:' + id, JSON.stringify(result.data));`,
      '  return result.data;',
      '}',
      '',
      `export async function submit${T}(input: Create${T}Dto): Promise<boolean> {`,
      `  const result = await postJson<${T}Response>('/${kebab}s', input);`,
    ];
    if (random.chance(0.4))
      lines.push(`  document.cookie = \`${v}_id=\${result.data?.id ?? ''}; path=/; max-age=31536000\`;`);
    if (emailField && random.chance(0.4)) {
      lines.push(`  sessionStorage.setItem('${v}Email', input.${emailField.name});`);
    }
    lines.push('  return result.ok;', '}', '');
    if (random.chance(0.5)) {
      lines.push(`export async function search${T}s(query: Partial<Create${T}Dto>): Promise<${T}Response[]> {`);
      lines.push('  const params = new URLSearchParams();');
      lines.push(
        "  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') params.set(key, value);",
      );
      lines.push(`  const response = await fetch(\`/api/${kebab}s?\${params.toString()}\`);`);
      lines.push(`  return response.ok ? ((await response.json()) as ${T}Response[]) : [];`, '}', '');
    }
    lines.push(...clientExtras(ctx, random));
    files[`src/client/${kebab}.client.ts`] = lines.join('\n');
  }

  // jobs: background work with winston, Sentry and OpenAI
  {
    const lines = [
      `import { openai } from '../lib/ai';`,
      `import { auditLog } from '../lib/audit-log';`,
      `import { Sentry } from '../lib/monitoring';`,
      `import type { ${T} } from '../models/${kebab}.model';`,
      `import { ${v}Repository } from '../repositories/${kebab}.repository';`,
      `import { chunk${T}s, sort${T}s } from '../utils/${kebab}.utils';`,
      '',
      `export async function nightly${T}Digest(): Promise<number> {`,
      `  const page = await ${v}Repository.findWhere(() => true, 500);`,
      '  let processed = 0;',
      `  for (const batch of chunk${T}s(sort${T}s(page.items), 25)) {`,
      '    await Promise.all(batch.map(item => summarizeOne(item)));',
      '    processed += batch.length;',
      '  }',
      `  auditLog.info('${kebab} digest finished', { processed });`,
      '  return processed;',
      '}',
      '',
      `async function summarizeOne(item: ${T}): Promise<void> {`,
      '  try {',
      '    const completion = await openai.chat.completions.create({',
      "      model: 'gpt-4o-mini',",
      '      messages: [',
      `        { role: 'system', content: 'Summarize this ${kebab.replace(/-/g, ' ')} for the support team.' },`,
      `        { role: 'user', content: ${random.chance(0.5) ? 'JSON.stringify(item)' : `\`${T} \${item.id}\``} },`,
      '      ],',
      '    });',
      "    const text = completion.choices[0]?.message.content ?? '';",
      `    auditLog.info('${kebab} summarized', { id: item.id, length: text.length${random.chance(0.3) ? `, ${anyPersonal.name}: item.${anyPersonal.name}` : ''} });`,
      '  } catch (error) {',
      `    Sentry.captureException(error, { extra: { ${v}Id: item.id } });`,
    ];
    if (emailField && random.chance(0.3))
      lines.push(`    Sentry.setUser({ id: item.id, email: item.${emailField.name} });`);
    lines.push('  }', '}', '');
    files[`src/jobs/${kebab}.job.ts`] = lines.join('\n');
  }

  return files;
}

/** Writes the project and returns its statistics. */
/**
 * Code with no sink at all, as most of a real application is: view models, reducers, filters, formatting, access
 * checks over the domain's own types. Outline has a log call in about 7% of its files; these files bring the generated
 * project to a similar share, so the scan is measured on the mix it meets in practice (`--profile dense` leaves them
 * out: every file then logs, shares or sets cookies).
 */
function featureFiles(domain, fields, random, count) {
  const { kebab, type: T } = domain;
  const statusType = `${T}Status`;
  const numeric = fields.filter(field => field.type === 'number');
  const texts = fields.filter(field => field.type === 'string');
  const dates = fields.filter(field => field.type === 'Date');
  const files = {};
  const kinds = ['summary', 'view', 'state', 'filters', 'format', 'access'];
  for (let index = 0; index < count; index++) {
    const kind = kinds[index % kinds.length];
    const suffix = `${kind}-${Math.floor(index / kinds.length) + 1}`;
    const N = `${T}${pascal(suffix)}`;
    const lines = [`import type { ${T}, ${statusType} } from '../../models/${kebab}.model';`, ''];
    const num = numeric.length > 0 ? random.pick(numeric).name : undefined;
    const text = texts.length > 0 ? random.pick(texts).name : undefined;
    const date = dates.length > 0 ? random.pick(dates).name : undefined;
    switch (kind) {
      case 'summary':
        lines.push(
          `export interface ${N} {`,
          '  readonly total: number;',
          `  readonly byStatus: Partial<Record<${statusType} | 'none', number>>;`,
          '  readonly newest: string | undefined;',
          ...(num ? ['  readonly sum: number;', '  readonly average: number;'] : []),
          '}',
          '',
          `export function summarize${N}(items: readonly ${T}[]): ${N} {`,
          `  const byStatus: Partial<Record<${statusType} | 'none', number>> = {};`,
          '  let newest: string | undefined;',
          ...(num ? ['  let sum = 0;'] : []),
          '  for (const item of items) {',
          `    const key: ${statusType} | 'none' = ${fields.some(f => f.type === 'STATUS') ? 'item.status' : "'none'"};`,
          '    byStatus[key] = (byStatus[key] ?? 0) + 1;',
          '    if (newest === undefined || item.id > newest) newest = item.id;',
          ...(num ? [`    sum += item.${num};`] : []),
          '  }',
          `  return { total: items.length, byStatus, newest${num ? ', sum, average: items.length === 0 ? 0 : sum / items.length' : ''} };`,
          '}',
          '',
          `export function merge${N}(a: ${N}, b: ${N}): ${N} {`,
          `  const byStatus: Partial<Record<${statusType} | 'none', number>> = { ...a.byStatus };`,
          `  for (const [key, value] of Object.entries(b.byStatus) as [${statusType} | 'none', number][]) {`,
          '    byStatus[key] = (byStatus[key] ?? 0) + value;',
          '  }',
          '  const total = a.total + b.total;',
          `  return { total, byStatus, newest: [a.newest, b.newest].filter((x): x is string => x !== undefined).sort().at(-1)${num ? ', sum: a.sum + b.sum, average: total === 0 ? 0 : (a.sum + b.sum) / total' : ''} };`,
          '}',
        );
        break;
      case 'view':
        lines.push(
          `export interface ${N}Row {`,
          '  readonly key: string;',
          '  readonly label: string;',
          '  readonly badge: { readonly tone: "neutral" | "good" | "bad"; readonly text: string } | null;',
          ...(date ? ['  readonly updated: string;'] : []),
          '}',
          '',
          `const tones: Record<string, "neutral" | "good" | "bad"> = { active: 'good', completed: 'good', failed: 'bad', suspended: 'bad' };`,
          '',
          `export function to${N}Row(entity: ${T}, locale = 'en-GB'): ${N}Row {`,
          `  const status: string = ${fields.some(f => f.type === 'STATUS') ? 'String(entity.status)' : "'none'"};`,
          '  return {',
          '    key: entity.id,',
          `    label: ${text ? `entity.${text}.length > 0 ? \`\${entity.id} · \${entity.${text}.slice(0, 24)}\` : entity.id` : '`#${entity.id}`'},`,
          "    badge: status === 'none' ? null : { tone: tones[status] ?? 'neutral', text: status.toUpperCase() },",
          ...(date
            ? [`    updated: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(entity.${date}),`]
            : []),
          '  };',
          '}',
          '',
          `export function group${N}Rows(rows: readonly ${N}Row[]): Map<string, ${N}Row[]> {`,
          `  const groups = new Map<string, ${N}Row[]>();`,
          '  for (const row of rows) {',
          "    const key = row.badge?.tone ?? 'neutral';",
          '    const list = groups.get(key) ?? [];',
          '    list.push(row);',
          '    groups.set(key, list);',
          '  }',
          '  return groups;',
          '}',
        );
        break;
      case 'state':
        lines.push(
          `export type ${N}Action =`,
          `  | { readonly type: 'loaded'; readonly items: readonly ${T}[] }`,
          `  | { readonly type: 'selected'; readonly id: string }`,
          `  | { readonly type: 'removed'; readonly id: string }`,
          `  | { readonly type: 'failed'; readonly reason: string };`,
          '',
          `export interface ${N} {`,
          `  readonly items: readonly ${T}[];`,
          '  readonly selected: string | null;',
          '  readonly error: string | null;',
          '  readonly version: number;',
          '}',
          '',
          `export const initial${N}: ${N} = { items: [], selected: null, error: null, version: 0 };`,
          '',
          `export function reduce${N}(state: ${N}, action: ${N}Action): ${N} {`,
          '  switch (action.type) {',
          "    case 'loaded':",
          '      return { ...state, items: action.items, error: null, version: state.version + 1 };',
          "    case 'selected':",
          '      return state.items.some(item => item.id === action.id) ? { ...state, selected: action.id } : state;',
          "    case 'removed':",
          '      return {',
          '        ...state,',
          '        items: state.items.filter(item => item.id !== action.id),',
          '        selected: state.selected === action.id ? null : state.selected,',
          '        version: state.version + 1,',
          '      };',
          "    case 'failed':",
          '      return { ...state, error: action.reason };',
          '  }',
          '}',
        );
        break;
      case 'filters':
        lines.push(
          `export interface ${N} {`,
          '  readonly query?: string;',
          `  readonly statuses?: readonly ${statusType}[];`,
          '  readonly page: number;',
          '  readonly pageSize: number;',
          `  readonly sort: { readonly key: keyof ${T}; readonly direction: 'asc' | 'desc' };`,
          '}',
          '',
          `export function apply${N}(items: readonly ${T}[], filters: ${N}): { page: ${T}[]; total: number } {`,
          '  const query = filters.query?.trim().toLowerCase();',
          '  const matching = items.filter(item => {',
          ...(fields.some(f => f.type === 'STATUS')
            ? ['    if (filters.statuses && !filters.statuses.includes(item.status)) return false;']
            : []),
          `    return query === undefined || query === '' || item.id.toLowerCase().includes(query)${text ? ` || item.${text}.toLowerCase().includes(query)` : ''};`,
          '  });',
          '  const { key, direction } = filters.sort;',
          '  const sorted = [...matching].sort((a, b) => {',
          '    const left = a[key];',
          '    const right = b[key];',
          '    const order = left === right ? 0 : String(left) < String(right) ? -1 : 1;',
          "    return direction === 'asc' ? order : -order;",
          '  });',
          '  const start = Math.max(0, (filters.page - 1) * filters.pageSize);',
          '  return { page: sorted.slice(start, start + filters.pageSize), total: matching.length };',
          '}',
          '',
          `export function pageCount${N}(total: number, filters: Pick<${N}, 'pageSize'>): number {`,
          '  return Math.max(1, Math.ceil(total / Math.max(1, filters.pageSize)));',
          '}',
        );
        break;
      case 'format':
        lines.push(
          'const units = [',
          "  ['year', 365 * 24 * 3600],",
          "  ['month', 30 * 24 * 3600],",
          "  ['day', 24 * 3600],",
          "  ['hour', 3600],",
          "  ['minute', 60],",
          '] as const;',
          '',
          `export function relative${N}(from: Date, to: Date, locale = 'en'): string {`,
          '  const seconds = Math.round((from.getTime() - to.getTime()) / 1000);',
          "  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });",
          '  for (const [unit, size] of units) {',
          '    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);',
          '  }',
          "  return format.format(seconds, 'second');",
          '}',
          '',
          `export function amount${N}(cents: number, currency: 'EUR' | 'GBP' | 'USD', locale = 'en-GB'): string {`,
          "  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);",
          '}',
          '',
          `export function describe${N}(entity: Pick<${T}, 'id'>, count: number): string {`,
          "  const noun = count === 1 ? 'item' : 'items';",
          `  return \`${kebab} \${entity.id}: \${count} \${noun}\`;`,
          '}',
          ...(date
            ? [
                '',
                `export function age${N}(entity: ${T}, now = new Date()): string {`,
                `  return relative${N}(entity.${date}, now);`,
                '}',
              ]
            : []),
        );
        break;
      default:
        lines.push(
          "export type Role = 'owner' | 'admin' | 'editor' | 'viewer';",
          "export type Action = 'read' | 'update' | 'delete' | 'share' | 'export';",
          '',
          'const grants: Record<Role, readonly Action[]> = {',
          "  owner: ['read', 'update', 'delete', 'share', 'export'],",
          "  admin: ['read', 'update', 'delete', 'share'],",
          "  editor: ['read', 'update'],",
          "  viewer: ['read'],",
          '};',
          '',
          `export interface ${N}Context {`,
          '  readonly role: Role;',
          '  readonly teamIds: readonly string[];',
          '  readonly suspended: boolean;',
          '}',
          '',
          `export function can${N}(context: ${N}Context, action: Action, entity: Pick<${T}, 'id'>): boolean {`,
          '  if (context.suspended) return false;',
          "  if (action === 'export' && context.teamIds.length === 0) return false;",
          '  return grants[context.role].includes(action) && entity.id.length > 0;',
          '}',
          '',
          `export function allowed${N}(context: ${N}Context, entity: Pick<${T}, 'id'>): Action[] {`,
          "  return (['read', 'update', 'delete', 'share', 'export'] as const).filter(action =>",
          `    can${N}(context, action, entity),`,
          '  );',
          '}',
        );
    }
    lines.push('');
    files[`src/features/${kebab}/${suffix}.ts`] = lines.join('\n');
  }
  return files;
}

/**
 * Sink-free feature files per domain, by profile: `app` mixes them in as real code has them, `dense` has none,
 * `monorepo` is `app` split into packages that repeat each other's names.
 */
const FEATURE_FILES = { app: 30, dense: 0, monorepo: 30 };

/** Domains per package of the `monorepo` profile: every package has the same ones, under the same names. */
const PACKAGE_DOMAINS = 5;

/**
 * What each package of the `monorepo` profile adds: wrappers that pass their parameter to a logger and to
 * analytics, a cookie written inside an exported function whose callers check consent, and calls of the next
 * package's wrappers by the same names: every package has its own `audit`, `track`, `rememberVariant`.
 */
function packageFiles(index, count) {
  const next = `@mono/pkg-${(index + 1) % count}`;
  return {
    'src/lib/audit.ts': `import { logger } from './logger';

/** One audit line per action; the detail is whatever the caller hands over. */
export function audit(action: string, detail: unknown): void {
  logger.info({ action, detail }, 'audit');
}
`,
    'src/lib/track.ts': `import { analytics } from './analytics';

export function track(event: string, properties: Record<string, unknown>): void {
  analytics.track({ userId: 'system', event, properties });
}
`,
    'src/lib/consent.ts': `declare function hasConsent(purpose: string): boolean;

/** Remembers the A/B variant; only ever called once the visitor agreed to analytics. */
export function rememberVariant(variant: string): void {
  document.cookie = \`ab_variant=\${variant}; Max-Age=2592000; Path=/\`;
}

export function startExperiment(variant: string): void {
  if (hasConsent('analytics')) rememberVariant(variant);
}
`,
    'src/index.ts': `export { audit } from './lib/audit';
export { track } from './lib/track';
export { rememberVariant, startExperiment } from './lib/consent';
`,
    'src/cross.ts': `import { audit, track } from '${next}';

export interface Contact {
  id: string;
  email: string;
}

export function notifyNeighbour(contact: Contact): void {
  audit('neighbour.notified', contact.id);
  track('neighbour_notified', { contact: contact.email });
}
`,
  };
}

export function generateProject({ files: fileCount = 4000, seed = 1, out, profile = 'app' }) {
  if (!(profile in FEATURE_FILES)) throw new Error(`unknown profile ${profile}: use app, dense or monorepo`);
  if (profile === 'monorepo') return generateMonorepo({ fileCount, seed, out });
  const random = createRandom(seed);
  const features = FEATURE_FILES[profile];
  const fixed = Object.keys(LIB_FILES).length + 3; // + ids.ts, routes.ts, tsconfig.json
  const domainCount = Math.max(1, Math.ceil((fileCount - fixed) / (10 + features)));
  const domains = domainsFor(domainCount);
  const output = { ...LIB_FILES };
  output['src/utils/ids.ts'] = `let counter = 0;

export function randomId(prefix = 'id'): string {
  counter += 1;
  return \`\${prefix}_\${Date.now().toString(36)}_\${counter.toString(36)}\`;
}
`;
  for (const domain of domains) {
    const fields = modelFields(random);
    const others = random.sample(
      domains.filter(other => other !== domain),
      Math.min(domains.length - 1, random.int(1, 4)),
    );
    Object.assign(output, domainFiles(domain, fields, others, random));
    Object.assign(output, featureFiles(domain, fields, random, features));
  }
  output['src/routes.ts'] = [
    `import { Router } from 'express';`,
    ...domains.map(domain => `import { ${domain.value}Router } from './controllers/${domain.kebab}.controller';`),
    '',
    'export const api = Router();',
    ...domains.map(domain => `api.use('/${domain.kebab}', ${domain.value}Router);`),
    '',
  ].join('\n');
  output['tsconfig.json'] = `${JSON.stringify(
    {
      compilerOptions: {
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noUncheckedIndexedAccess: true,
        // Self-contained: never pick up @types from folders above the output directory.
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['src'],
    },
    null,
    2,
  )}\n`;
  output['package.json'] =
    `${JSON.stringify({ name: `bench-project-${fileCount}`, private: true, type: 'module' }, null, 2)}\n`;

  return writeProject(out, output, domainCount);
}

/**
 * The `monorepo` profile: packages under `packages/pkg-N/`, each with the same five domains, the same library
 * modules and the same wrappers under the same names, importing the next package by its workspace name, with one
 * tsconfig at the root (as `tsc --noEmit -p` checks it). Repeated names are what make a monorepo expensive for an
 * analysis that works by name.
 */
function generateMonorepo({ fileCount, seed, out }) {
  const random = createRandom(seed);
  const features = FEATURE_FILES.monorepo;
  const perPackage = Object.keys(LIB_FILES).length - 1 + 6 + PACKAGE_DOMAINS * (10 + features);
  const packageCount = Math.max(2, Math.round(fileCount / perPackage));
  const domains = domainsFor(PACKAGE_DOMAINS);
  const output = { 'types/vendor.d.ts': LIB_FILES['src/types/vendor.d.ts'] };
  for (let index = 0; index < packageCount; index++) {
    const prefix = `packages/pkg-${index}/`;
    const files = { ...Object.fromEntries(Object.entries(LIB_FILES).filter(([name]) => !name.endsWith('.d.ts'))) };
    files['src/utils/ids.ts'] = `let counter = 0;

export function randomId(prefix = 'id'): string {
  counter += 1;
  return \`\${prefix}_\${counter.toString(36)}\`;
}
`;
    for (const domain of domains) {
      const fields = modelFields(random);
      const others = random.sample(
        domains.filter(other => other !== domain),
        random.int(1, 3),
      );
      Object.assign(files, domainFiles(domain, fields, others, random));
      Object.assign(files, featureFiles(domain, fields, random, features));
    }
    Object.assign(files, packageFiles(index, packageCount));
    for (const [name, text] of Object.entries(files)) output[prefix + name] = text;
    output[`${prefix}package.json`] =
      `${JSON.stringify({ name: `@mono/pkg-${index}`, private: true, type: 'module', main: 'src/index.ts' }, null, 2)}\n`;
  }
  output['tsconfig.json'] = `${JSON.stringify(
    {
      compilerOptions: {
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noUncheckedIndexedAccess: true,
        types: [],
        noEmit: true,
        skipLibCheck: true,
        paths: { '@mono/*': ['./packages/*/src/index.ts'] },
      },
      include: ['packages/*/src', 'types'],
    },
    null,
    2,
  )}\n`;
  output['package.json'] =
    `${JSON.stringify({ name: `bench-monorepo-${fileCount}`, private: true, type: 'module', workspaces: ['packages/*'] }, null, 2)}\n`;
  return writeProject(out, output, packageCount * PACKAGE_DOMAINS);
}

function writeProject(out, output, domainCount) {
  rmSync(out, { recursive: true, force: true });
  let lines = 0;
  let sourceFiles = 0;
  for (const [name, text] of Object.entries(output)) {
    const file = path.join(out, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (/\.tsx?$/.test(name)) {
      sourceFiles += 1;
      lines += text.split('\n').length;
    }
  }
  return { out, files: sourceFiles, lines, domains: domainCount };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '4000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      profile: { type: 'string', default: 'app' },
    },
  });
  const files = Number(values.files);
  if (!Number.isInteger(files) || files < 20) {
    console.error('--files must be an integer of at least 20');
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.resolve(values.out ?? path.join(here, 'out', `project-${files}`));
  const stats = generateProject({ files, seed: Number(values.seed), out, profile: values.profile });
  console.log(`wrote ${stats.files} source files, ${stats.lines} lines (${stats.domains} domains) to ${stats.out}`);
}
