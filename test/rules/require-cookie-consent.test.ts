import path from 'node:path';
import rule from '../../packages/eslint-plugin/src/rules/require-cookie-consent.js';
import { brokenManifest, createRuleTester, rulesFixtureDir, rulesManifest } from './rule-tester.js';

const tester = createRuleTester({ typed: false });
const typed = createRuleTester({ typed: true });
/** privacy.yml there: essential `session` and `csrf_*`, `mkt_id` for advertising, checks `hasConsent` and `consentManager.allows`. */
const withCookies = path.join(rulesFixtureDir, 'cookie-manifest/file.ts');
/** The same folder, for JSX (and a path with no test or fixture folder in it, relative to its privacy.yml). */
const withCookiesJsx = path.join(rulesFixtureDir, 'cookie-manifest/file.tsx');

tester.run('require-cookie-consent', rule, {
  valid: [
    // Events after a consent check, or to a tag whose cookies wait for Consent Mode.
    `if (hasConsent('analytics')) analytics.track('Signed Up');`,
    `if (!hasConsent('analytics')) return;\ngtag('event', 'purchase');`,
    `gtag('consent', 'default', { analytics_storage: 'denied' });\ngtag('event', 'purchase');`,
    `declare const gdprAccepted: boolean;\nif (gdprAccepted) fbq('track', 'Purchase');`,
    // A long condition: the check guards wherever it stands in the chain.
    `if (hasConsent('analytics') && ${Array.from({ length: 12 }, (_, index) => `flag${index}`).join(' && ')}) document.cookie = 'ab=1';`,
    `if (${Array.from({ length: 12 }, (_, index) => `flag${index}`).join(' && ')} && hasConsent('analytics')) document.cookie = 'ab=1';`,
    // A recorded refusal guards when negated, and exits when true; a consent level compared with its granted word.
    `declare const trackingBlocked: boolean;\nif (!trackingBlocked) analytics.track('Signed Up');`,
    `declare const user: { optedOut: boolean };\nexport function go() {\n  if (user.optedOut) return;\n  gtag('event', 'purchase');\n}`,
    `declare const consentLevel: string;\nif (consentLevel === 'full') analytics.track('Signed Up');`,
    `declare const preferences: { gdpr: { analytics: boolean } };\nif (preferences.gdpr.analytics) gtag('event', 'x');`,
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
    // Strictly necessary by name and use: essential without a declaration in `recommended` (listed as inferred).
    `import session from 'express-session'; app.use(session({ secret: s }));`,
    `res.cookie('sid', token, { httpOnly: true });`,
    `res.cookie('XSRF-TOKEN', csrfToken);`,
    `import { cookies } from 'next/headers'; (await cookies()).set('next-auth.session-token', t, { httpOnly: true });`,
    `res.cookie('oauth_state', state, { httpOnly: true, maxAge: 600000 });`,
    `res.cookie('pkce_code_verifier', verifier);`,
    `res.cookie('AWSALB', node);`,
    `document.cookie = 'cookie_consent=analytics; path=/; max-age=15552000';`,
    `document.cookie = 'cookie_banner_dismissed=1; path=/; max-age=15552000';`,
    `res.cookie('signing_step', step, { httpOnly: true, maxAge: 10 * 60 * 1000 });`,
    // An httpOnly cookie holding the session or sign-in token the server issued, whatever its name.
    "import { cookies } from 'next/headers'; cookies().set(`pm_ls_${linkId}`, sessionToken, { httpOnly: true, path: '/' });",
    `res.cookie('acme_v', room.session.token, { httpOnly: true, secure: true });`,
    // Names resolved as a reader resolves them: constants, members, enums, templates, a helper that prefixes.
    `const SESSION = 'app_session'; res.cookie(SESSION, id);`,
    `const NAMES = { csrf: 'app_csrf' } as const; res.cookie(NAMES.csrf, t);`,
    `enum Cookie { Session = 'app_session' } res.cookie(Cookie.Session, id);`,
    'const PREFIX = "app"; res.cookie(`${PREFIX}_session`, id);',
    'const secure = (name: string) => `__Secure-${name}`; res.cookie(secure("sessionId"), id);',
    // By the name of the constant when its value is out of reach (untyped lint, one file).
    `import { SESSION_COOKIE_NAME } from './auth'; res.cookie(SESSION_COOKIE_NAME, id);`,
    // Deletions in every form.
    `response.cookies.set({ name: 'ab', value: '', expires: new Date(0), path: '/' });`,
    `const expired = { path: '/', maxAge: 0 }; res.cookie('ab', '', expired);`,
    `res.cookie('ab', '', { ...base, maxAge: -1 });`,
    `res.cookie('ab', '', { expires: new Date(Date.now() - 1000) });`,
    `document.cookie = 'ab=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';`,
    'const GONE = 0; document.cookie = `ab=; max-age=${GONE}`;',
    'document.cookie = `${name}=; expires=${new Date(0).toUTCString()}; path=/`;',
    // A record the project calls `document` is not the page's.
    `const document = { cookie: '' };\ndocument.cookie = 'ab=b';`,
    `function save(document: { cookie: string }) { document.cookie = 'ab=b'; }`,
    // A request's own cookie jar (Next.js middleware) is not the browser's.
    `export function middleware(request) { request.cookies.set('ab', 'b'); }`,
    // Test code sets no cookie on anyone's device.
    { code: `res.cookie('ab', 'b');`, filename: path.join(rulesFixtureDir, 'cookie-manifest/cookies.test.ts') },
    // Header helpers that call a cookie API are judged where they call it.
    `import { serialize } from 'cookie'; const clear = () => serialize('ab', '', { maxAge: 0 }); return new Response(null, { headers: { 'Set-Cookie': clear() } });`,
    // Tags that wait for consent, have their cookies off, or load behind a check or a platform callback.
    `gtag('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied' }); gtag('config', 'G-1', { cookie_expires: 2419200 });`,
    `gtag('config', 'G-1', { client_storage: 'none' });`,
    // A vendor's default lifetime is reported only with `checkDefaultLifetimes`.
    `window.OptanonWrapper = () => { gtag('config', 'G-1'); };`,
    // Consent Mode defaults computed from the stored choice still start from denied.
    `gtag('consent', 'default', { analytics_storage: stored === 'yes' ? 'granted' : 'denied' }); gtag('config', 'G-1', { cookie_expires: 2419200 });`,
    `import posthog from 'posthog-js'; posthog.init('phc_1', { persistence: 'memory' });`,
    `import posthog from 'posthog-js'; posthog.init('phc_1', { cookieless_mode: 'always' });`,
    `import posthog from 'posthog-js'; posthog.init('phc_1', { opt_out_capturing_by_default: true });`,
    `import posthog from 'posthog-js'; posthog.init('phc_1', { opt_out_capturing_by_default: prefersPrivacy() });`,
    `_paq.push(['requireCookieConsent']); _paq.push(['trackPageView']);`,
    `_paq.push(['disableCookies']); _paq.push(['trackPageView']);`,
    `fbq('consent', 'revoke'); fbq('init', '1234');`,
    `ttq.holdConsent(); ttq.load('C1');`,
    `import { init } from '@fullstory/browser'; init({ orgId: 'o-1', devMode: true });`,
    `uetq.push('consent', 'default', { ad_storage: 'denied' }); const s = document.createElement('script'); s.src = '//bat.bing.com/bat.js';`,
    `import { AnalyticsBrowser } from '@segment/analytics-next'; AnalyticsBrowser.load({ writeKey: 'k' }, { disableClientPersistence: true });`,
    `import mixpanel from 'mixpanel-browser'; mixpanel.init('t', { opt_out_tracking_by_default: true });`,
    `import * as amplitude from '@amplitude/analytics-browser'; amplitude.init('k', { identityStorage: 'none' });`,
    `window.addEventListener('CookiebotOnAccept', () => { fbq('init', '1234'); });`,
    `import posthog from 'posthog-js'; window.OptanonWrapper = () => { if (OnetrustActiveGroups.includes('C0002')) posthog.init('k'); };`,
    `if (hasConsent('advertising')) fbq('init', '1234');`,
    `__tcfapi('addEventListener', 2, (tcData, ok) => { if (ok && tcData.purpose.consents[1]) ttq.load('C1'); });`,
    `window.OptanonWrapper = () => { gtag('consent', 'update', { analytics_storage: 'granted' }); };`,
    `gtag('consent', 'update', { analytics_storage: choice.analytics ? 'granted' : 'denied' });`,
    // A grant in the project's own consent code, whatever it calls the choice.
    `if (prefs.analytics) gtag('consent', 'update', { analytics_storage: 'granted' });`,
    `function applyCookieChoices(c) { gtag('consent', 'update', { analytics_storage: 'granted' }); }`,
    `banner.on('save', () => { fbq('consent', 'grant'); });`,
    `function acceptAll() { _paq.push(['rememberCookieConsentGiven']); }`,
    // The project's own handlers of the user's choice, named or passed to a banner.
    `function handleAcceptCookies() { window._paq.push(['trackPageView']); }`,
    "import posthog from 'posthog-js'; function initAnalytics() { posthog.init('k'); } const onConsentGiven = () => initAnalytics(); window.addEventListener('x', onConsentGiven);",
    {
      code: `import posthog from 'posthog-js'; export const Banner = () => <CookieConsent onAccept={() => posthog.init('k')} />;`,
      filename: withCookiesJsx,
    },
    {
      code: `import posthog from 'posthog-js';
function startAnalytics() { posthog.init('k'); }
export const Banner = () => <CookieConsent onAccept={startAnalytics} />;`,
      filename: withCookiesJsx,
    },
    // A server package of the same name sets no cookies.
    `import Mixpanel from 'mixpanel'; const mixpanel = Mixpanel.init('token');`,
    `if (Didomi.getUserConsentStatusForPurpose('cookies')) _paq.push(['trackPageView']);`,
    `if (Osano.cm.getConsent().ANALYTICS === 'ACCEPT') _paq.push(['trackPageView']);`,
    `if (cmplz_has_consent('statistics')) _paq.push(['trackPageView']);`,
    `if (Termly.getConsentState().analytics) _paq.push(['trackPageView']);`,
    `_iub.csConfiguration.callback.onConsentGiven = () => { _paq.push(['trackPageView']); };`,
    `if (CookieConsent.acceptedCategory('analytics')) _paq.push(['trackPageView']);`,
    `CookieConsent.run({ onConsent: () => { if (CookieConsent.acceptedCategory('analytics')) window._paq.push(['trackPageView']); } });`,
    `if (getCookieConsentValue() === 'true') _paq.push(['trackPageView']);`,
    `if (CookieFirst.consent?.performance) _paq.push(['trackPageView']);`,
    `window.addEventListener('CookieInformationConsentGiven', () => { if (CookieInformation.getConsentGivenFor('cookie_cat_statistic')) _paq.push(['trackPageView']); });`,
    `if (BorlabsCookie.Consents.hasConsent('matomo')) _paq.push(['trackPageView']);`,
    `if (hasAcceptedCookies) window.fbq('init', '1234');`,
    `if (user.acceptedAllCookies) window.fbq('init', '1234');`,
    // A script the browser does not run until a consent platform activates it, and automatic blocking loaded first.
    {
      code: `export const Tags = () => <script type="text/plain" data-category="analytics" src="https://static.hotjar.com/c/hotjar-1.js" />;`,
      filename: withCookiesJsx,
    },
    {
      code: `export const Head = () => (
  <>
    <script src="https://cdn.cookielaw.org/consent/0000-1111/OtAutoBlock.js" />
    <script async src="https://static.hotjar.com/c/hotjar-1.js?sv=6" />
  </>
);`,
      filename: withCookiesJsx,
    },
    `useScriptMetaPixel({ id: '1234', scriptOptions: { trigger: useScriptTriggerConsent({ consent: agreed }) } });`,
    {
      code: `export const Tags = ({ consented }) => consented && <script async src="https://static.hotjar.com/c/hotjar-1.js?sv=6" />;`,
      filename: withCookiesJsx,
    },
    {
      code: `import Script from 'next/script'; export function Tags({ analyticsAllowed }) { if (!analyticsAllowed) return null; return <Script src="https://www.clarity.ms/tag/abc" />; }`,
      filename: withCookiesJsx,
    },
  ],
  invalid: [
    // Readable by the page's scripts, or holding a tracking token: what it holds does not make it necessary.
    {
      code: `res.cookie('acme_v', sessionToken, { secure: true });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `res.cookie('acme_v', trackingToken, { httpOnly: true });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `document.cookie = 'theme=dark; path=/';`,
      errors: [{ messageId: 'preferenceCookieWithoutConsent', line: 1, column: 1, endColumn: 39 }],
    },
    // A helper that writes the cookie its caller names: judged once per name its calls give, with their checks.
    {
      code: `declare function hasConsent(purpose: string): boolean;
function setCookie(name: string, value: string) {
  document.cookie = name + '=' + encodeURIComponent(value) + '; path=/';
}
setCookie('ab_variant', 'b');
if (hasConsent('analytics')) setCookie('utm_source', 'mail');
setCookie('session_id', 'abc');`,
      errors: [
        { messageId: 'cookieWithoutConsent', data: { name: 'ab_variant', api: 'document.cookie' }, line: 3, column: 3 },
      ],
    },
    {
      code: `declare const picked: string;
export function remember(cookie: string) {
  document.cookie = \`\${cookie}=true; path=/\`;
}
remember(picked);`,
      errors: [
        {
          messageId: 'computedCookieWithoutConsent',
          data: { expression: 'picked', why: '`picked` is computed at run time', api: 'document.cookie' },
          line: 3,
          column: 3,
        },
      ],
    },
    // A colon namespaces UI state (shadcn/ui's sidebar): browsers take it as part of the name.
    {
      code: "const SIDEBAR_COOKIE_NAME = 'sidebar:state';\ndocument.cookie = `${SIDEBAR_COOKIE_NAME}=${open}; path=/`;",
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'sidebar:state', api: 'document.cookie' },
          line: 2,
          column: 1,
        },
      ],
    },
    // The page's document through every global that holds it, and through a variable bound to it.
    ...['self.document', 'window.document', 'globalThis.document', '(window as any).document'].map(holder => ({
      code: `${holder}.cookie = 'ab=b';`,
      errors: [
        {
          messageId: 'cookieWithoutConsent' as const,
          data: { name: 'ab', api: 'document.cookie' },
          line: 1,
          column: 1,
        },
      ],
    })),
    {
      code: `const doc = document;\ndoc.cookie = 'ab=b';`,
      errors: [{ messageId: 'cookieWithoutConsent', data: { name: 'ab', api: 'document.cookie' }, line: 2, column: 1 }],
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
      // Reported at the header, which may sit lines below the call.
      code: `res.writeHead(200, { 'Set-Cookie': 'ab=b' });`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 22, endColumn: 42 }],
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
      // `strict`: a strictly necessary cookie must be declared, and the message says why it reads as one.
      code: `import session from 'express-session'; app.use(session({ secret: s }));`,
      options: [{ requireDeclaredEssential: true }],
      errors: [
        {
          messageId: 'essentialNotDeclared',
          data: { name: 'connect.sid', reason: 'a session cookie name' },
          line: 1,
          column: 48,
        },
      ],
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
      errors: [{ messageId: 'preferenceCookieWithoutConsent', line: 1, column: 35 }],
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
          data: { api: 'document.cookie', why: '`name` is declared where privlint cannot see it' },
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
          data: { api: 'Cookies.set', why: '`AB_COOKIE` is imported from a module privlint could not resolve' },
          line: 3,
          column: 1,
        },
      ],
    },
    {
      code: `res.cookie('sid', token, { httpOnly: true });`,
      options: [{ requireDeclaredEssential: true }],
      errors: [
        {
          messageId: 'essentialNotDeclared',
          data: { name: 'sid', reason: 'a session cookie name, httpOnly' },
          line: 1,
          column: 1,
        },
      ],
    },
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
    // Events sent to a tag nothing in the code loads: each reads and sets its cookies, before any consent check.
    { code: `analytics.track('Signed Up');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    {
      // A refusal, not negated, is no consent; nor is a level compared with a refused word.
      code: `declare const trackingBlocked: boolean;\nif (trackingBlocked) analytics.track('Signed Up');`,
      errors: [{ messageId: 'eventWithoutConsent', line: 2, column: 22 }],
    },
    {
      code: `declare const consentLevel: string;\nif (consentLevel === 'necessary') document.cookie = 'ab=1';`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 2, column: 35 }],
    },
    { code: `gtag('event', 'purchase');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    {
      code: `window.dataLayer.push({ event: 'login' });`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }],
    },
    { code: `fbq('track', 'Purchase');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    // The other tags of rules/cookies.yml, one event call each.
    { code: `ga('send', 'pageview');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    {
      code: `window._paq.push(['trackEvent', 'Signup', 'Submit']);`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `import mixpanel from 'mixpanel-browser'; mixpanel.track('Signed Up');`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 42 }],
    },
    {
      code: `import * as amplitude from '@amplitude/analytics-browser'; amplitude.track('Signed Up');`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 60 }],
    },
    { code: `hj('event', 'signed_up');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `clarity('event', 'signed_up');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `ttq.track('CompleteRegistration');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    {
      code: `lintrk('track', { conversion_id: 1 });`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `window._hsq.push(['trackPageView']);`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }],
    },
    { code: `heap.track('Signed Up');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `pintrk('track', 'signup');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `snaptr('track', 'SIGN_UP');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `rdt('track', 'SignUp');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `twq('event', 'tw-abc-def', {});`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    { code: `ym(12345, 'reachGoal', 'signup');`, errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import posthog from 'posthog-js'; posthog.capture('viewed');`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 35 }],
    },
    {
      // One finding per tag and file, where its first event is sent.
      code: `if (isMobile) analytics.page('/home');\nanalytics.track('Opened');`,
      errors: [{ messageId: 'eventWithoutConsent', line: 1, column: 15 }],
    },
    {
      // The file loads the tag: the load is judged, and its events with it.
      code: `analytics.load('write-key');\nanalytics.track('Opened');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }],
    },
    // Tags and SDKs that set cookies as soon as they load.
    {
      code: `gtag('config', 'G-1');`,
      errors: [
        {
          messageId: 'tagWithoutConsent',
          data: {
            api: "gtag('config')",
            vendor: 'Google tag (gtag.js, Google Analytics 4)',
            cookies: '`_ga`, `_ga_<container-id>`',
            purpose: 'analytics',
          },
          line: 1,
          column: 1,
          endColumn: 22,
        },
      ],
    },
    { code: `ga('create', 'UA-1-1', 'auto');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `window._paq.push(['trackPageView']);`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `window.fbq('init', '1234');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import posthog from 'posthog-js'; posthog.init('phc_1', { api_host: '/ingest' });`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 35 }],
    },
    {
      // Local storage instead of a cookie is storage on the device all the same.
      code: `import posthog from 'posthog-js'; posthog.init('phc_1', { persistence: 'localStorage' });`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 35 }],
    },
    {
      // Loaded lazily: known by the receiver's name.
      code: `void import('posthog-js').then(({ default: posthog }) => { posthog.init('phc_1'); });`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 60 }],
    },
    { code: `analytics.load('writeKey');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import mixpanel from 'mixpanel-browser'; mixpanel.init('token');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 42 }],
    },
    {
      code: `import * as amplitude from '@amplitude/analytics-browser'; amplitude.init('key');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 60 }],
    },
    {
      code: `import Hotjar from '@hotjar/browser'; Hotjar.init(123, 6);`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 39 }],
    },
    {
      code: `import Clarity from '@microsoft/clarity'; Clarity.init('abc');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 43 }],
    },
    { code: `ttq.load('C1');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `heap.load('1234');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import { init } from '@fullstory/browser'; init({ orgId: 'o-1' });`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 44 }],
    },
    { code: `pintrk('load', '2612345678901');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `snaptr('init', 'a1b2c3');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `rdt('init', 't2_abc');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    { code: `twq('config', 'o1x2y');`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    {
      code: `ym(12345678, 'init', { clickmap: true });`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `const s = document.createElement('script'); s.src = '//bat.bing.com/bat.js'; document.head.append(s);`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 45 }],
    },
    {
      // Handed to a prop that is not the banner's acceptance.
      code: `import posthog from 'posthog-js';
function startAnalytics() { posthog.init('k'); }
export const Page = () => <Layout onLoad={startAnalytics} />;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 2, column: 29 }],
    },
    {
      // An invitation accepted is not consent.
      code: `function acceptInvite() { window.fbq('init', '1234'); }`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 27 }],
    },
    {
      code: `import ReactGA from 'react-ga'; ReactGA.initialize('UA-1-1');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 33 }],
    },
    {
      // Consent Mode defaults that grant storage make nothing wait.
      code: `gtag('consent', 'default', { analytics_storage: 'granted' }); gtag('config', 'G-1');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 63 }],
    },
    {
      code: `const s = document.createElement('script'); s.src = 'https://connect.facebook.net/en_US/fbevents.js'; document.head.append(s);`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 45 }],
    },
    {
      code: `import Script from 'next/script';
export const Tags = () => <Script src={\`https://www.googletagmanager.com/gtag/js?id=\${id}\`} />;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 2, column: 27 }],
    },
    {
      code: `export const Tags = () => <script async src="//js.hs-scripts.com/1234.js" />;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 27 }],
    },
    {
      code: `import Script from 'next/script';
export const Tags = () => <Script id="ga">{\`gtag('config', '\${id}');\`}</Script>;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 2, column: 27 }],
    },
    {
      code: `export const Tags = () => <script dangerouslySetInnerHTML={{ __html: "_linkedin_partner_id = '1';" }} />;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 27 }],
    },
    {
      code: `import { GoogleTagManager } from '@next/third-parties/google';
export const Layout = () => <GoogleTagManager gtmId="GTM-1" />;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 2, column: 29 }],
    },
    {
      code: `import { PostHogProvider } from 'posthog-js/react';
export const App = ({ children }) => <PostHogProvider apiKey="phc_1">{children}</PostHogProvider>;`,
      filename: withCookiesJsx,
      errors: [{ messageId: 'tagWithoutConsent', line: 2, column: 38 }],
    },
    // Vendors' snippets: the loader URL handed to the function that builds the script, once per tag and file.
    {
      code: `(function (h, o, t, j, a, r) {
  h.hj = h.hj || function () {};
  r = o.createElement('script');
  r.src = t + h._hjSettings.hjid + j;
  o.head.appendChild(r);
})(window, document, 'https://static.hotjar.com/c/hotjar-', '.js?sv=');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `!function (f, b, e, v) { const t = b.createElement(e); t.src = v; b.head.append(t); }(window, document, 'script', 'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '1234');
fbq('track', 'PageView');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 2 }],
    },
    {
      code: `window._paq.push(['trackPageView']);
(function () {
  const u = '//stats.example.org/';
  const g = document.createElement('script');
  g.src = u + 'matomo.js';
  document.head.append(g);
})();`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }],
    },
    { code: `useScriptMetaPixel({ id: '1234' });`, errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 1 }] },
    {
      code: `import amplitude from 'amplitude-js'; amplitude.getInstance().init('key');`,
      errors: [{ messageId: 'tagWithoutConsent', line: 1, column: 39 }],
    },
    // Turning a waiting tag's cookies on is where they start: it needs the check.
    {
      code: `gtag('consent', 'update', { analytics_storage: 'granted' });`,
      errors: [{ messageId: 'grantWithoutConsent', line: 1, column: 1 }],
    },
    {
      code: `_paq.push(['rememberCookieConsentGiven']);`,
      errors: [{ messageId: 'grantWithoutConsent', line: 1, column: 1 }],
    },
    { code: `fbq('consent', 'grant');`, errors: [{ messageId: 'grantWithoutConsent', line: 1, column: 1 }] },
    {
      // Granted on every page load is no choice.
      code: `useEffect(() => { gtag('consent', 'update', { ad_storage: 'granted' }); }, []);`,
      errors: [{ messageId: 'grantWithoutConsent', line: 1, column: 19 }],
    },
    // A tag behind a check for another purpose.
    {
      code: `if (hasConsent('analytics')) fbq('init', '1234');`,
      errors: [
        {
          messageId: 'wrongPurpose',
          data: {
            name: '_fbp',
            cookiePurpose: 'advertising',
            guardPurpose: 'analytics',
            guard: "hasConsent('analytics')",
          },
          line: 1,
          column: 30,
        },
      ],
    },
    // Lifetimes past 13 months, or past the retention privacy.yml declares for the purpose.
    {
      code: `if (hasConsent()) res.cookie('ab', 'b', { maxAge: 1000 * 60 * 60 * 24 * 400 });`,
      errors: [
        {
          messageId: 'cookieOutlivesLimit',
          data: {
            name: 'ab',
            api: 'res.cookie',
            lifetime: '400 days',
            limit: '13 months',
            source: 'the CNIL’s 13-month ceiling for cookies that need consent',
          },
          line: 1,
          column: 19,
        },
      ],
    },
    {
      code: `if (hasConsent()) document.cookie = 'ab=b; max-age=63072000; path=/';`,
      errors: [{ messageId: 'cookieOutlivesLimit', line: 1, column: 19 }],
    },
    {
      code: `import Cookies from 'js-cookie'; if (hasConsent()) Cookies.set('ab', 'b', { expires: 730 });`,
      errors: [{ messageId: 'cookieOutlivesLimit', line: 1, column: 52 }],
    },
    {
      code: `if (consentManager.allows('ads')) res.cookie('mkt_id', id, { maxAge: 90 * 24 * 3600 * 1000 });`,
      filename: withCookies,
      errors: [
        {
          messageId: 'cookieOutlivesLimit',
          data: {
            name: 'mkt_id',
            api: 'res.cookie',
            lifetime: '90 days',
            limit: '30 days',
            source: 'the retention privacy.yml declares for advertising (`cookies.retention`)',
          },
          line: 1,
          column: 35,
        },
      ],
    },
    {
      // A vendor's default, which its own settings may change outside the code: with `checkDefaultLifetimes` (strict).
      code: `window.OptanonWrapper = () => { gtag('config', 'G-1'); };`,
      options: [{ checkDefaultLifetimes: true }],
      errors: [
        {
          messageId: 'tagDefaultOutlivesLimit',
          data: {
            api: "gtag('config')",
            vendor: 'Google tag (gtag.js, Google Analytics 4)',
            cookies: '`_ga`, `_ga_<container-id>`',
            lifetime: '2 years',
            limit: '13 months',
            source: 'the CNIL’s 13-month ceiling for cookies that need consent',
            fix: 'set `cookie_expires` to at most 13 months, or shorten it in the vendor’s own settings',
          },
          line: 1,
          column: 33,
        },
      ],
    },
    {
      code: `window.OptanonWrapper = () => { gtag('config', 'G-1', { cookie_expires: 2 * 365 * 24 * 3600 }); };`,
      errors: [{ messageId: 'tagOutlivesLimit', line: 1, column: 33 }],
    },
    // Names from constants: shown as the cookie's name, or as a pattern when part of it is computed.
    {
      code: `const NAMES = { ab: 'nw_ab' } as const; res.cookie(NAMES.ab, v);`,
      errors: [{ messageId: 'cookieWithoutConsent', data: { name: 'nw_ab', api: 'res.cookie' }, line: 1, column: 41 }],
    },
    {
      code: 'document.cookie = `trial_shown_${days}=1; path=/`;',
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'trial_shown_*', api: 'document.cookie' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      code: 'const KEY = "app_campaign"; document.cookie = `${KEY}=${campaign}; path=/`;',
      errors: [
        {
          messageId: 'cookieWithoutConsent',
          data: { name: 'app_campaign', api: 'document.cookie' },
          line: 1,
          column: 29,
        },
      ],
    },
    {
      code: `import { TIME_ZONE_COOKIE } from './cookies'; Cookies.set(TIME_ZONE_COOKIE, zone);`,
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'TIME_ZONE_COOKIE', api: 'Cookies.set' },
          line: 1,
          column: 47,
        },
      ],
    },
    {
      code: `import { createCookie } from 'react-router'; const lang = createCookie('lang', { maxAge: 31536000 }); export const loader = async () => new Response('', { headers: { 'Set-Cookie': await lang.serialize('en') } });`,
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'lang', api: 'lang.serialize' },
          line: 1,
          column: 187,
        },
      ],
    },
    {
      code: `import { createCookieSessionStorage } from 'react-router'; export const storage = createCookieSessionStorage({ cookie: { name: 'ui_theme', maxAge: 31536000 } });`,
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'ui_theme', api: 'createCookieSessionStorage' },
          line: 1,
          column: 83,
        },
      ],
    },
    {
      code: `return new Response('ok', { headers: { 'Set-Cookie': 'promo=spring; Path=/' } });`,
      errors: [
        { messageId: 'cookieWithoutConsent', data: { name: 'promo', api: "'Set-Cookie' header" }, line: 1, column: 40 },
      ],
    },
    {
      code: `import { setCookie } from 'tiny-cookie'; setCookie('ab', 'b');`,
      errors: [{ messageId: 'cookieWithoutConsent', line: 1, column: 42 }],
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
    // Imported constants, enums and helpers, read through the checker.
    `import { SESSION_COOKIE } from './models/cookie-names.js';
export const login = (res: { cookie(name: string, value: string): void }, id: string) => res.cookie(SESSION_COOKIE, id);`,
    `import { hostCookie } from './models/cookie-names.js';
export const login = (res: { cookie(name: string, value: string): void }, id: string) => res.cookie(hostCookie('csrf'), id);`,
  ],
  invalid: [
    {
      // `self` is the page in a window and the worker in a worker: both hold `document` where there is one.
      code: `export const variant = (name: string) => { self.document.cookie = \`ab=\${name}\`; };`,
      errors: [
        { messageId: 'cookieWithoutConsent', data: { name: 'ab', api: 'document.cookie' }, line: 1, column: 44 },
      ],
    },
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
    {
      code: `import { CookieName } from './models/cookie-names.js';
export const pickTheme = (theme: string) => { document.cookie = \`\${CookieName.Theme}=\${theme}; path=/\`; };`,
      errors: [
        {
          messageId: 'preferenceCookieWithoutConsent',
          data: { name: 'app_theme', api: 'document.cookie' },
          line: 2,
          column: 47,
        },
      ],
    },
  ],
});

// The rule policy: privacy.yml `rules:` options, and `privlint-ignore` comments.
tester.run('require-cookie-consent', rule, {
  valid: [
    { code: `document.cookie = 'ab_test=1';`, filename: rulesManifest },
    `// privlint-ignore require-cookie-consent -- set only on the consent page itself, to remember the choice
document.cookie = 'choice=1';`,
  ],
  invalid: [
    {
      code: `document.cookie = 'ab_test=1';
document.cookie = 'theme=1';`,
      filename: rulesManifest,
      errors: [{ messageId: 'preferenceCookieWithoutConsent', line: 2, column: 1 }],
    },
    {
      code: `// privlint-ignore require-cookie-consent
document.cookie = 'choice=1';`,
      errors: [
        { messageId: 'ignoreWithoutReason', line: 1, column: 1 },
        { messageId: 'cookieWithoutConsent', line: 2, column: 1 },
      ],
    },
    {
      code: `// privlint-ignore require-cookies-consent -- reviewed
document.cookie = 'choice=1';`,
      errors: [
        { messageId: 'unknownRuleInComment', line: 1, column: 1 },
        { messageId: 'cookieWithoutConsent', line: 2, column: 1 },
      ],
    },
  ],
});
