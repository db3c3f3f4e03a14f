import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  analyzeFile,
  compileKnowledge,
  defaultKnowledge,
  loadManifest,
  recipientsNeverSeen,
  sharingDetailsOf,
} from '@privlint/core';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../helpers/program.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/eval/saas-app');

describe('sharing facts for the inventory', () => {
  it('records flows to declared recipients with their declarations, and lists declared recipients never used', () => {
    const manifest = loadManifest(path.join(root, 'privacy.yml')).manifest!.view(root);
    const env = { ts, knowledge: compileKnowledge(defaultKnowledge), manifest, rootDir: root };
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    )!;
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const flows = config.fileNames.flatMap(file => analyzeFile(program.getSourceFile(file)!, { env, program }).flows);
    const stripe = flows.find(flow => sharingDetailsOf(flow)?.recipient === 'stripe' && !flow.reported);
    expect(stripe?.details).toMatchObject({
      recipientName: 'Stripe',
      kind: 'payments',
      declared: true,
      purposes: ['payment'],
      legalBasis: 'contract',
    });
    const kyc = flows.find(flow => sharingDetailsOf(flow)?.recipient === 'kyc');
    expect(kyc).toMatchObject({ reported: false, categories: ['date-of-birth', 'government-id', 'name'] });
    expect(kyc?.details).toMatchObject({ recipientName: 'Verifio KYC', host: 'api.verifio.example.com' });
    expect(recipientsNeverSeen(flows, manifest)).toEqual([]);
    expect(
      recipientsNeverSeen(
        flows.filter(flow => sharingDetailsOf(flow)?.recipient !== 'sendgrid'),
        manifest,
      ),
    ).toEqual(['sendgrid']);
  });
});

describe('SDKs known only by their package', () => {
  const castle = (results: Awaited<ReturnType<typeof analyzeFiles>>) =>
    results.flatMap(result =>
      result.flows
        .filter(flow => sharingDetailsOf(flow)?.recipient === 'castle')
        .map(flow => `${result.file}:${flow.line}`),
    );
  const call = `export function screen(user: { email: string }) {
  return castle.filter({ user: { email: user.email } });
}`;

  // Each project reaches the package one way only: the check for an import must see that way.
  it('are found through an import in another file', async () => {
    const results = await analyzeFiles({
      'src/lib/castle.ts': `import { Castle } from '@castleio/sdk';\nexport const castle = new Castle({ apiSecret: 'x' });`,
      'src/signup.ts': `import { castle } from './lib/castle';\n${call}`,
    });
    expect(castle(results)).toEqual(['src/signup.ts:3']);
  });

  it('are found through require', async () => {
    const results = await analyzeFiles({
      'src/legacy.ts': `const { Castle } = require('@castleio/sdk');\nconst castle = new Castle({ apiSecret: 'x' });\n${call}`,
    });
    expect(castle(results)).toEqual(['src/legacy.ts:4']);
  });

  it('are found through import = require', async () => {
    const results = await analyzeFiles({
      'src/legacy.ts': `import sdk = require('@castleio/sdk');\nconst castle = new sdk.Castle({ apiSecret: 'x' });\n${call}`,
    });
    expect(castle(results)).toEqual(['src/legacy.ts:4']);
  });

  it('are found through a re-export', async () => {
    const results = await analyzeFiles({
      'src/sdk.ts': `export { Castle } from '@castleio/sdk';`,
      'src/login.ts': `import { Castle } from './sdk';\nconst castle = new Castle({ apiSecret: 'x' });\n${call}`,
    });
    expect(castle(results)).toEqual(['src/login.ts:4']);
  });

  it('are not looked for where nothing imports the package', async () => {
    const results = await analyzeFiles({
      'src/lists.ts': `const castle = { filter: (query: unknown) => [query] };\n${call}`,
    });
    expect(castle(results)).toEqual([]);
  });
});

describe('the vendor catalogue in flows', () => {
  const thirdParty = (results: Awaited<ReturnType<typeof analyzeFiles>>) =>
    results.flatMap(result => result.flows.filter(flow => flow.sink.kind === 'third-party'));

  it('takes the transfers of a request from the region its host serves', async () => {
    const flows = thirdParty(
      await analyzeFiles({
        'src/mail.ts': `export async function notify(user: { email: string }) {
  await fetch('https://api.eu.mailgun.net/v3/mg.acme.example/messages', { method: 'POST', body: JSON.stringify({ to: user.email }) });
  await fetch('https://api.mailgun.net/v3/mg.acme.example/messages', { method: 'POST', body: JSON.stringify({ to: user.email }) });
}`,
      }),
    );
    expect(
      flows.map(flow => [
        sharingDetailsOf(flow)?.recipient,
        sharingDetailsOf(flow)?.host,
        sharingDetailsOf(flow)?.transfers,
      ]),
    ).toEqual([
      ['mailgun', 'api.eu.mailgun.net', ['EU']],
      ['mailgun', 'api.mailgun.net', ['US']],
    ]);
  });

  it('counts a request to a URL held in a variable named after a vendor as going to that vendor', async () => {
    const flows = thirdParty(
      await analyzeFiles({
        'src/events.ts': `const TINYBIRD_URL = process.env.TINYBIRD_HOST;
export async function record(user: { email: string }) {
  await fetch(\`\${TINYBIRD_URL}/v0/events?name=visits\`, { method: 'POST', body: JSON.stringify({ email: user.email }) });
  await fetch(process.env.NEXT_PUBLIC_POSTHOG_HOST + '/capture', { method: 'POST', body: JSON.stringify({ email: user.email }) });
  await fetch(process.env.API_URL + '/capture', { method: 'POST', body: JSON.stringify({ email: user.email }) });
}`,
      }),
    );
    expect(flows.map(flow => sharingDetailsOf(flow)?.recipient)).toEqual(['tinybird', 'posthog']);
  });

  it('prefers a literal fallback to the documented default of an environment variable', async () => {
    const flows = thirdParty(
      await analyzeFiles({
        'src/events.ts': `export async function record(user: { email: string }) {
  await fetch((process.env.TINYBIRD_API_URL ?? 'https://api.eu-central-1.aws.tinybird.co') + '/v0/events', { method: 'POST', body: JSON.stringify({ email: user.email }) });
}`,
      }),
    );
    expect(flows.map(flow => [sharingDetailsOf(flow)?.host, sharingDetailsOf(flow)?.transfers])).toEqual([
      ['api.eu-central-1.aws.tinybird.co', ['EU']],
    ]);
  });

  it('judges a Nodemailer transport by the host it is created with, also through a constant', async () => {
    const flows = thirdParty(
      await analyzeFiles({
        'src/mailer.ts': `import nodemailer from 'nodemailer';
const smtp = { host: 'smtp.eu.mailgun.org', port: 587 };
const transport = nodemailer.createTransport(smtp);
export async function welcome(user: { email: string }) {
  await transport.sendMail({ to: user.email, subject: 'Welcome' });
}`,
      }),
    );
    expect(flows.map(flow => [sharingDetailsOf(flow)?.recipient, sharingDetailsOf(flow)?.transfers])).toEqual([
      ['mailgun', ['EU']],
    ]);
  });
});
