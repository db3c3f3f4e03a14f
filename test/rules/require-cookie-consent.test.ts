import path from 'node:path';
import rule from '../../packages/eslint-plugin/src/rules/require-cookie-consent.js';
import { brokenManifest, createRuleTester, rulesFixtureDir } from './rule-tester.js';

const tester = createRuleTester({ typed: false });
const typed = createRuleTester({ typed: true });
/** privacy.yml there: essential `session` and `csrf_*`, `mkt_id` for advertising, checks `hasConsent` and `consentManager.allows`. */
const withCookies = path.join(rulesFixtureDir, 'cookie-manifest/file.ts');

tester.run('require-cookie-consent', rule, {
  valid: [
    // Each API behind a consent check.
    `if (hasConsent('analytics')) document.cookie = 'theme=dark; path=/';`,
    `if (await cookieStore.get('x') && hasConsent()) await cookieStore.set('theme', 'dark');`,
    `app.get('/', (req, res) => { if (req.consent?.analytics) res.cookie('ab', 'b'); });`,
    `import cookie from 'cookie'; if (hasConsent()) res.setHeader('Set-Cookie', cookie.serialize('ab', 'b'));`,
    `import { cookies } from 'next/headers'; export async function f() { if (!hasConsent()) return; (await cookies()).set('ab', 'b'); }`,
    `import { NextResponse } from 'next/server'; const r = NextResponse.next(); if (consent.marketing) r.cookies.set('ab', 'b');`,
    `export async function f(reply) { if (!cookiesAccepted) { return; } reply.setCookie('ab', 'b'); }`,
    `export function f(ctx) { if (trackingAllowed) ctx.cookies.set('ab', 'b'); }`,
    `export function f(request, h) { return hasConsent() ? h.response('ok').state('ab', 'b') : h.response('ok'); }`,
    `import { setCookie } from 'h3'; export default (event) => { if (hasConsent()) setCookie(event, 'ab', 'b'); };`,
    `import { setCookie } from 'hono/cookie'; app.get('/', c => { hasConsent() && setCookie(c, 'ab', 'b'); });`,
    `export const load = ({ cookies }) => { if (hasConsent()) cookies.set('ab', 'b', { path: '/' }); };`,
    `if (hasConsent()) Astro.cookies.set('ab', 'b');`,
    `import Cookies from 'js-cookie'; if (hasConsent()) Cookies.set('ab', 'b');`,
    `import Cookies from 'universal-cookie'; const c = new Cookies(); if (hasConsent()) c.set('ab', 'b');`,
    `import { useCookies } from 'react-cookie'; const [c, setCookie] = useCookies(['ab']); if (hasConsent()) setCookie('ab', 'b');`,
    `import { setCookie } from 'cookies-next'; if (hasConsent()) setCookie('ab', 'b');`,
    `import { setCookie } from 'nookies'; if (hasConsent()) setCookie(ctx, 'ab', 'b');`,
    `import cookies from 'browser-cookies'; if (hasConsent()) cookies.set('ab', 'b');`,
    `const theme = useCookie('theme'); if (hasConsent()) theme.value = 'dark';`,
    // Deletions.
    `document.cookie = 'ab=; Max-Age=0; path=/';`,
    `res.clearCookie('ab');`,
    `import Cookies from 'js-cookie'; Cookies.remove('ab');`,
    `res.cookie('ab', '', { maxAge: 0 });`,
    `res.cookie('ab', '', { expires: new Date(0) });`,
    // Each consent platform.
    `window.OptanonWrapper = function () { document.cookie = 'ab=b'; };`,
    `if (window.OnetrustActiveGroups.includes('C0002')) document.cookie = 'ab=b';`,
    `OneTrust.OnConsentChanged(() => { document.cookie = 'ab=b'; });`,
    `if (Cookiebot.consent.statistics) document.cookie = '_ga_x=1';`,
    `window.addEventListener('CookiebotOnAccept', () => { document.cookie = 'ab=b'; });`,
    `if (getCkyConsent().categories.analytics) document.cookie = 'ab=b';`,
    `document.addEventListener('cookieyes_consent_update', () => { document.cookie = 'ab=b'; });`,
    `if (klaro.getManager().getConsent('matomo')) document.cookie = 'ab=b';`,
    `window.addEventListener('UC_CONSENT', () => { document.cookie = 'ab=b'; });`,
    `__tcfapi('addEventListener', 2, (tcData, ok) => { if (ok && tcData.purpose.consents[1]) document.cookie = 'ab=b'; });`,
    `if (window.Fides?.consent?.analytics) document.cookie = 'ab=b';`,
    `window.addEventListener('FidesUpdated', () => { document.cookie = 'ab=b'; });`,
    `if (consentState.analytics_storage === 'granted') document.cookie = '_ga_x=1';`,
    `if (request.cookies.get('cookie_consent')?.value === 'granted') response.cookies.set('ab', 'b');`,
    `if (localStorage.getItem('consent') === 'true') document.cookie = 'ab=b';`,
    // Variables and callers.
    `const allowed = hasConsent('analytics'); if (allowed) document.cookie = 'ab=b';`,
    `function remember() { document.cookie = 'ab=b'; } if (hasConsent()) remember();`,
    // The manifest: essential cookies and declared check functions.
    { code: `res.cookie('session', token, { httpOnly: true }); res.cookie('csrf_token', t);`, filename: withCookies },
    { code: `if (consentManager.allows('ads')) res.cookie('mkt_id', id);`, filename: withCookies },
    { code: `res.cookie('ab', 'b');`, options: [{ allow: ['ab'] }] },
  ],
  invalid: [
    {
      code: `document.cookie = 'theme=dark; path=/';`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1, endColumn: 39 }],
    },
    {
      code: `await cookieStore.set({ name: 'ab', value: 'b' });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 7 }],
    },
    {
      code: `app.get('/', (req, res) => { res.cookie('ab', 'b'); });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 30 }],
    },
    {
      code: `res.setHeader('Set-Cookie', ['ab=b; Path=/', 'cd=e']);`,
      errors: [
        { messageId: 'cookieWithoutConsent', line: 1, column: 1 },
        { messageId: 'cookieWithoutConsent', line: 1, column: 1 },
      ],
    },
    {
      code: `res.writeHead(200, { 'Set-Cookie': 'ab=b' });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `headers.append('set-cookie', \`ab=\${v}\`);`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `import { serialize } from 'cookie'; const c = serialize('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 47 }],
    },
    {
      code: `import session from 'express-session'; app.use(session({ secret: s }));`,
      errors: [{ messageId: 'essentialNotDeclared', line: 1, column: 48 }],
    },
    {
      code: `import { cookies } from 'next/headers'; cookies().set('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 41 }],
    },
    {
      code: `import { NextResponse } from 'next/server'; const r = NextResponse.next(); r.cookies.set({ name: 'ab', value: 'b' });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 76 }],
    },
    { code: `reply.setCookie('ab', 'b');`, errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }] },
    { code: `ctx.cookies.set('ab', 'b');`, errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }] },
    { code: `h.response('ok').state('ab', 'b');`, errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import { setCookie } from 'h3'; setCookie(event, 'ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 33 }],
    },
    {
      code: `import { setSignedCookie } from 'hono/cookie'; await setSignedCookie(c, 'ab', 'b', secret);`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 54 }],
    },
    {
      code: `export const load = ({ cookies }) => { cookies.set('ab', 'b', { path: '/' }); };`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 40 }],
    },
    { code: `Astro.cookies.set('ab', 'b');`, errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import Cookies from 'js-cookie'; Cookies.set('ab', 'b', { expires: 7 });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 34 }],
    },
    {
      code: `import Cookies from 'universal-cookie'; new Cookies().set('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 41 }],
    },
    {
      code: `import { useCookies } from 'react-cookie'; const [c, setCookie] = useCookies(['ab']); setCookie('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 87 }],
    },
    {
      code: `import { setCookie } from 'cookies-next'; setCookie('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 43 }],
    },
    {
      code: `import { setCookie } from 'nookies'; setCookie(ctx, 'ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 38 }],
    },
    {
      code: `import cookies from 'browser-cookies'; cookies.set('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 40 }],
    },
    {
      code: `const theme = useCookie('theme'); theme.value = 'dark';`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 35 }],
    },
    // Not guards: the banner check, a check after the write.
    {
      code: `if (shouldShowConsentBanner) document.cookie = 'ab=b';`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 30 }],
    },
    {
      code: `if (!hasConsent()) document.cookie = 'ab=b';`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 20 }],
    },
    {
      code: `function remember() { document.cookie = 'ab=b'; } remember(); if (hasConsent()) remember();`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 23 }],
    },
    // Computed names, session-looking names, personal values, wrong purposes.
    {
      code: `document.cookie = name + '=' + value;`,
      errors: [
        {
          messageId: 'computedCookieWithoutConsent',
          data: { expression: 'name', api: 'document.cookie' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      // Untyped, an imported constant is not known: the message shows the code that names the cookie.
      code: `import Cookies from 'js-cookie';
import { AB_COOKIE } from './models/cookie-names.js';
Cookies.set(AB_COOKIE, variant);`,
      errors: [
        {
          messageId: 'computedCookieWithoutConsent',
          data: { expression: 'AB_COOKIE', api: 'Cookies.set' },
          line: 3,
          column: 1,
        },
      ],
    },
    { code: `res.cookie('sid', token);`, errors: [{ messageId: 'essentialNotDeclared', line: 1, column: 1 }] },
    {
      code: `if (hasConsent()) res.cookie('prefs', user.email);`,
      errors: [{ messageId: 'personalDataInCookie', line: 1, column: 19 }],
    },
    {
      code: `if (Cookiebot.consent.statistics) document.cookie = '_fbp=fb.1.' + id;`,
      errors: [{ messageId: 'wrongPurpose', line: 1, column: 35 }],
    },
    {
      code: `if (hasConsent('analytics')) res.cookie('mkt_id', id);`,
      filename: withCookies,
      errors: [{ messageId: 'wrongPurpose', line: 1, column: 30 }],
    },
    {
      code: `res.cookie('ab', 'b');`,
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

typed.run('require-cookie-consent', rule, {
  valid: [
    `declare function hasConsent(purpose?: string): boolean;
export function track(id: string) {
  if (!hasConsent('analytics')) throw new Error('no consent');
  document.cookie = \`ab=\${id}\`;
}`,
  ],
  invalid: [
    {
      code: `import type { User } from './models/user.js';
export function remember(user: User) {
  document.cookie = \`contact=\${user.contact}\`;
}`,
      errors: [
        { messageId: 'cookieWithoutConsent', line: 3, column: 3 },
        { messageId: 'personalDataInCookie', line: 3, column: 3 },
      ],
    },
    {
      // A name imported from another module is known by its literal type.
      code: `import Cookies from 'js-cookie';
import { AB_COOKIE } from './models/cookie-names.js';
export const remember = (variant: string) => Cookies.set(AB_COOKIE, variant);`,
      errors: [
        { messageId: 'cookieWithoutConsent', data: { name: 'ab_variant', api: 'Cookies.set' }, line: 3, column: 46 },
      ],
    },
  ],
});
