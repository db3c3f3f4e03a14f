import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildInventory, compileKnowledge, defaultKnowledge, emptyManifestView, isOffByDefault } from '@privlint/core';
import { analyzeFiles, testRoot } from '../helpers/program.js';

/** The findings a front end shows by default, as `file:line messageId`. */
async function reported(files: Record<string, string>, typed = true): Promise<string[]> {
  const results = await analyzeFiles(files, { typed });
  return results.flatMap(result =>
    result.findings
      .filter(finding => !isOffByDefault(finding.ruleId, finding.messageId))
      .map(finding => `${finding.file}:${finding.line} ${finding.messageId}`),
  );
}

const consentDefaults = `declare global { function gtag(...args: unknown[]): void; }
gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' });
export {};
`;
const tag = `gtag('config', 'G-TEST01', { cookie_expires: 60 * 60 * 24 * 180 });
export {};
`;

describe('tags across files', () => {
  it('a tag waits for Consent Mode defaults set in another file of the program (typed)', async () => {
    expect(await reported({ 'src/consent-defaults.ts': consentDefaults, 'src/analytics.ts': tag })).toEqual([]);
  });

  it('one file alone cannot see them, and reports the tag', async () => {
    expect(await reported({ 'src/consent-defaults.ts': consentDefaults, 'src/analytics.ts': tag }, false)).toEqual([
      'src/analytics.ts:1 tagWithoutConsent',
    ]);
  });
});

describe('tracking events', () => {
  const events = `declare const analytics: { track(event: string): void; load(key: string): void };
declare const consentGiven: (purpose: string) => boolean;
export function checkout() {
  analytics.track('Checkout Started');
  if (consentGiven('analytics')) analytics.track('Checkout Completed');
}
`;
  const loader = `declare const analytics: { load(key: string): void };
declare const consentGiven: (purpose: string) => boolean;
export function start() {
  if (consentGiven('analytics')) analytics.load('write-key');
}
`;

  it('reports an event sent before consent when nothing in the project loads the tag', async () => {
    expect(await reported({ 'src/checkout.ts': events })).toEqual(['src/checkout.ts:4 eventWithoutConsent']);
  });

  it('leaves events to the load when another file of the project loads the tag (typed), not a file alone', async () => {
    const files = { 'src/checkout.ts': events, 'src/boot.ts': loader };
    expect(await reported(files)).toEqual([]);
    expect(await reported(files, false)).toEqual(['src/checkout.ts:4 eventWithoutConsent']);
  });

  it('judges the load, not its events, in a file that loads the tag', async () => {
    expect(await reported({ 'src/app.ts': `${events}analytics.load('write-key');\n` })).toEqual([
      'src/app.ts:7 tagWithoutConsent',
    ]);
  });
});

describe('names across files', () => {
  const cookies = `import { createCookie } from 'react-router';
export const themeCookie = createCookie('color_theme', { maxAge: 60 * 60 * 24 * 365 * 2 });
export const SESSION = \`\${'app'}_session\`;
`;
  const route = `import { themeCookie, SESSION } from './cookies.js';
declare const res: { cookie(name: string, value: string): void };
export async function action() {
  res.cookie(SESSION, 'id');
  return new Response(null, { headers: { 'Set-Cookie': await themeCookie.serialize('dark') } });
}
`;

  it('reads a cookie declared in one module and serialized in another, and a constant imported from it', async () => {
    expect(await reported({ 'src/cookies.ts': cookies, 'src/route.ts': route })).toEqual([
      'src/route.ts:5 preferenceCookieWithoutConsent',
    ]);
  });
});

describe('the inventory of cookies', () => {
  it('lists inferred essentials with the reason, tags with their cookies and default lifetime, and what turned cookies off', async () => {
    const files = {
      'src/server.ts': `declare const res: { cookie(name: string, value: string, options?: object): void };
const OAUTH_STATE = 'oauth_state';
res.cookie(OAUTH_STATE, 'nonce', { httpOnly: true, maxAge: 5 * 60 * 1000 });
res.cookie('promo', '', { expires: new Date(0) });
res.cookie(\`ab_\${Math.random()}\`, 'b', { maxAge: 30 * 24 * 3600 * 1000 });
`,
      'src/browser.ts': `declare global { interface Window { fbq(...args: unknown[]): void; } }
import posthog from 'posthog-js';
window.fbq('init', '1234');
posthog.init('phc_test', { persistence: 'memory' });
export {};
`,
    };
    // As the CLI builds it: the default preset's policy leaves out what only `strict` reports.
    const analyses = (await analyzeFiles(files)).map(analysis => ({
      ...analysis,
      findings: analysis.findings.filter(finding => !isOffByDefault(finding.ruleId, finding.messageId)),
    }));
    const env = { ts, knowledge: compileKnowledge(defaultKnowledge), manifest: emptyManifestView, rootDir: testRoot };
    const inventory = buildInventory({ env, analyses, toolVersion: 'test' });
    const rows = inventory.cookies.map(cookie => {
      const { file, line, column, categories, declared, ...rest } = cookie;
      void column;
      void categories;
      void declared;
      return { at: `${file}:${line}`, ...rest };
    });
    // No manifest: nothing is disclosed, the essential privlint only infers included.
    expect(inventory.cookies.map(cookie => cookie.declared)).toEqual(inventory.cookies.map(() => false));
    expect(rows).toEqual([
      {
        at: 'src/browser.ts:3',
        name: '_fbp, _fbc',
        api: 'meta-pixel',
        essential: false,
        deletion: false,
        purpose: 'advertising',
        lifetime: '90 days',
        lifetimeSeconds: 7_776_000,
        lifetimeSource: 'default',
        tag: 'meta-pixel',
        vendor: 'meta-pixel',
        cookies: ['_fbp', '_fbc'],
        reported: true,
      },
      {
        at: 'src/browser.ts:4',
        name: 'ph_<project_api_key>_posthog',
        api: 'posthog',
        essential: false,
        deletion: false,
        purpose: 'analytics',
        tag: 'posthog',
        vendor: 'posthog',
        cookies: ['ph_<project_api_key>_posthog'],
        cookiesOff: "persistence: 'memory'",
        reported: false,
      },
      {
        at: 'src/server.ts:3',
        name: 'oauth_state',
        api: 'express',
        essential: true,
        essentialBasis: 'inferred',
        essentialReason: 'sign-in flow state (OAuth state, PKCE verifier, nonce, the page to return to), httpOnly',
        deletion: false,
        lifetime: '5 minutes',
        lifetimeSeconds: 300,
        lifetimeSource: 'code',
        reported: false,
      },
      { at: 'src/server.ts:4', name: 'promo', api: 'express', essential: false, deletion: true, reported: false },
      {
        at: 'src/server.ts:5',
        name: 'ab_*',
        api: 'express',
        essential: false,
        deletion: false,
        lifetime: '30 days',
        lifetimeSeconds: 2_592_000,
        lifetimeSource: 'code',
        nameUnknown: '`Math.random()` is the result of a call privlint cannot follow',
        reported: true,
      },
    ]);
    // The inferred essential is reported only where the rule asks for declarations (`strict`).
    expect(inventory.findings.map(finding => `${finding.file}:${finding.line}`)).toEqual([
      'src/browser.ts:3',
      'src/server.ts:5',
    ]);
  });
});

describe('a helper that writes the cookie its caller names', () => {
  const helper = `export const ONBOARDING_COOKIE = 'viewed_onboarding';
export function setCookie(name: string, value: string) {
  document.cookie = \`\${name}=\${encodeURIComponent(value)}; path=/\`;
}
`;
  const page = `import { ONBOARDING_COOKIE, setCookie } from './cookies.js';
declare function hasConsent(purpose: string): boolean;
setCookie(ONBOARDING_COOKIE, 'yes');
setCookie('ab_variant', 'b');
if (hasConsent('analytics')) setCookie('utm_source', 'mail');
`;

  it('lists each cookie its callers name, across files, with the consent check of those calls (typed)', async () => {
    const results = await analyzeFiles({ 'src/cookies.ts': helper, 'src/page.ts': page });
    const cookies = results
      .flatMap(result => result.flows)
      .filter(flow => flow.sink.kind === 'cookie')
      .map(flow => {
        const details = flow.details as { name: string; consent?: string; preference?: boolean };
        return `${flow.file}:${flow.line} ${details.name}${details.consent ? ` after ${details.consent}` : ''}`;
      });
    expect(cookies).toEqual([
      'src/cookies.ts:3 viewed_onboarding',
      'src/cookies.ts:3 ab_variant',
      "src/cookies.ts:3 utm_source after hasConsent('analytics') (project)",
    ]);
    expect(await reported({ 'src/cookies.ts': helper, 'src/page.ts': page })).toEqual([
      'src/cookies.ts:3 cookieWithoutConsent',
      'src/cookies.ts:3 preferenceCookieWithoutConsent',
    ]);
  });

  it('one file alone sees no caller, and reports a name it cannot read', async () => {
    expect(await reported({ 'src/cookies.ts': helper, 'src/page.ts': page }, false)).toEqual([
      'src/cookies.ts:3 computedCookieWithoutConsent',
    ]);
  });
});
