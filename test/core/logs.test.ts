import { describe, expect, it } from 'vitest';
import { analyzeFiles, findingLines } from '../helpers/program.js';

const models = `export interface User {
  id: string;
  /** @pii email */
  contact: string;
  isEmailVerified: boolean;
  emailTemplateId: string;
}
`;

describe('no-pii-in-logs through the core analysis', () => {
  it('follows a logger and a helper across files (typed)', async () => {
    const results = await analyzeFiles({
      'src/models.ts': models,
      'src/logger.ts': `import pino from 'pino';\nexport const logger = pino({ level: 'info' });\n`,
      'src/format.ts': `import type { User } from './models.js';\nexport function describeUser(u: User) {\n  return \`\${u.id} <\${u.contact}>\`;\n}\n`,
      'src/service.ts': `import { logger } from './logger.js';
import { describeUser } from './format.js';
import type { User } from './models.js';
export function signIn(user: User) {
  logger.info(user.contact);
  logger.child({ module: 'auth' }).warn(\`hello \${describeUser(user)}\`);
  logger.info(user.id, user.isEmailVerified, user.emailTemplateId);
  logger.debug({ user });
}
`,
    });
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs src/service.ts:5:15 Personal data reaches the logger `logger.info`: `user.contact` is email (tagged `@pii email` on `User.contact`, src/models.ts:3).',
      "no-pii-in-logs src/service.ts:6:41 Personal data reaches the logger `logger.child({ module: 'auth' }).warn`: `u.contact` is email (tagged `@pii email` on `User.contact`, src/models.ts:3, returned by `describeUser()` (src/format.ts:2)).",
      'no-pii-in-logs src/service.ts:8:16 Personal data reaches the logger `logger.debug`: `user` holds email (fields `contact`).',
    ]);
  });
});

describe('what the tracer reports, untyped', () => {
  it('folds a name and the values assigned to it into one item', async () => {
    const results = await analyzeFiles(
      {
        'auth.ts': `import Logger from '@server/logging/Logger';
export function signIn(profile: { email?: string }, token: { email: string }) {
  const email = profile.email ?? token.email;
  Logger.debug('auth', 'signing in', { email });
}
`,
      },
      { typed: false },
    );
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs auth.ts:4:38 Personal data reaches the logger `Logger.debug`: `email` is email (name `email` reads as email, from `profile.email`, `token.email`).',
    ]);
  });

  it('judges values built in place by what they are made of, not by their key', async () => {
    const results = await analyzeFiles(
      {
        'seed.ts': `export function seed(logger: { info(...args: unknown[]): void }, rando: string, form: { value: string }) {
  logger.info('seeding', { email: \`\${rando}@example.com\`, kind: 'test' });
  logger.info('submitted', { email: form.value });
}
`,
      },
      { typed: false },
    );
    expect(findingLines(results)).toEqual([
      'no-pii-in-logs seed.ts:3:28 Personal data reaches the logger `logger.info`: `email: form.value` is email (name `email` reads as email).',
    ]);
  });
});
