/**
 * The shapes of `rules/cookies.yml` (APIs that write cookies, and well-known cookies) and `rules/consent.yml`
 * (consent platforms' checks and grant callbacks).
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';
import { parseDuration } from './duration.js';
import { apiShape } from './sinks-schema.js';

/** Where a piece of a cookie write sits: an argument, or a property of an object argument. */
const slot = z.strictObject({
  arg: z.number().int().min(0),
  key: z
    .string()
    .min(1)
    .optional()
    .describe('A property of that argument, dotted when nested (`cookieStore.set({ name, value })`, `cookie.name`).'),
});

export const cookieWriterShape = apiShape.extend({
  /** Where the cookie's name is; absent when the API writes a fixed cookie (`session()` middleware). */
  name: z.array(slot).default([]),
  /** Where the value is. */
  value: z.array(slot).default([]),
  /** Where the options are (max age, expiry), to tell a deletion from a write. */
  options: z.array(slot).default([]),
  /** The cookie's name when the API decides it (`connect.sid` for express-session) unless options give `name`. */
  defaultName: z.string().optional(),
  /** The methods or callables of this shape delete rather than write (`clearCookie`, `Cookies.remove`). */
  deletes: z.boolean().default(false),
  /**
   * Where the name and options sit in the call that made the receiver, for APIs whose cookie is declared once and
   * written later (React Router `createCookie('lang', { maxAge }).serialize(value)`).
   */
  factory: z.strictObject({ name: z.array(slot).default([]), options: z.array(slot).default([]) }).optional(),
  /** The unit of `maxAge` in the options: seconds (`cookie`, Next.js, h3) or milliseconds (Express, Koa, Hapi `ttl`). */
  maxAgeUnit: z.enum(['seconds', 'milliseconds']).default('seconds'),
  /** A number `expires` counts days from now (js-cookie) rather than being a date. */
  expiresInDays: z.boolean().default(false),
});
export type CookieWriterShape = z.infer<typeof cookieWriterShape>;

export const knownCookie = z.strictObject({
  /** A name or `prefix*` glob (`_ga*`). */
  name: z.string().min(1),
  purpose: z.string().min(1),
  vendor: z.string().optional(),
});

const duration = z.string().refine(text => parseDuration(text) !== undefined, {
  message: 'expected a duration such as `13 months` or `90 days`',
});

/** A class of cookies told by their normalised name (`session_id`, `xsrf_token`), with the reason shown for it. */
export const cookieClass = z.strictObject({
  id: kebabId,
  /** Shown in the inventory: "essential (inferred: a session cookie name)". */
  reason: z.string().min(1),
  names: regexSource,
  /**
   * The class is also known by what an httpOnly cookie holds, when its name says nothing (`pm_ls_<id>` set to
   * `sessionToken`): a value named like one of `names`, issued by the server and out of the page scripts' reach.
   */
  byValue: z.boolean().default(false),
});

/** A condition on a call's arguments: `gtag('config', …)`, `_paq.push(['trackPageView'])`. */
const argCondition = z.strictObject({
  arg: z.number().int().min(0),
  /** An element of an array argument rather than the argument itself. */
  element: z.number().int().min(0).optional(),
  values: z.array(z.string()).min(1),
});

/**
 * An option of a tag's configuration: a property of an object argument (any object argument when `arg` is absent) or
 * of a JSX prop's object, by a dotted key. With `values` it holds when the option is one of them; without, when it is
 * set to anything but `false` (a computed value counts: `opt_out_capturing_by_default: userOptedOut()`).
 */
export const tagOption = z.strictObject({
  arg: z.number().int().min(0).optional(),
  prop: z.string().min(1).optional(),
  key: z.string().min(1),
  values: z.array(z.union([z.string(), z.boolean()])).optional(),
});
export type TagOption = z.infer<typeof tagOption>;

/** A call of a tag's API: where it is reached (as any API of `rules/`) and what its arguments must say. */
export const tagCall = apiShape.omit({ id: true, title: true }).extend({
  when: z.array(argCondition).default([]),
  /** At least one of these options must hold too (`gtag('consent', 'update', { analytics_storage: 'granted' })`). */
  with: z.array(tagOption).default([]),
});

/**
 * A tag or SDK that sets cookies of its own when it loads: the calls and scripts that load it, the cookies it sets
 * and for how long, the options that keep it from setting them, and the signs that it waits for consent.
 */
export const cookieTag = z.strictObject({
  id: kebabId,
  title: z.string().min(1),
  /** Recipient id of `rules/recipients.yml`, when the vendor is one. */
  vendor: z.string().min(1),
  purpose: z.string().min(1),
  /** The cookies it sets, as its documentation names them (`_ga`, `_ga_<container-id>`). */
  cookies: z.array(z.string().min(1)).min(1),
  /** The lifetime of its longest-lived cookie by default (`2 years`), when its documentation says. */
  lifetime: duration.optional(),
  /** The option that changes that lifetime, and its unit. */
  lifetimeOption: z
    .strictObject({
      arg: z.number().int().min(0).optional(),
      key: z.string().min(1),
      unit: z.enum(['seconds', 'days']),
    })
    .optional(),
  /** Calls that load or start it (`gtag('config', id)`, `posthog.init(key)`). */
  loads: z.array(tagCall).default([]),
  /** Calls that turn its cookies on once it waited for consent (`gtag('consent', 'update', …granted)`). */
  grants: z.array(tagCall).default([]),
  /**
   * Calls that send it an event once it is on the page (`analytics.track`, `gtag('event', …)`): each reads its
   * cookies and sets them if they are missing, so it needs consent as the load does. Judged only where nothing in
   * the project shows the tag being loaded (see `loadedBy`): a load in the code is judged where it stands.
   */
  events: z.array(tagCall).default([]),
  /**
   * Text anywhere in the project that shows the tag is loaded there (its loader URL, its start call, the package or
   * component that starts it), as regexes: then its events are covered by that load's own judgement.
   */
  loadedBy: z.array(regexSource).default([]),
  /** The URL of its loader script, as a regex on `src` (`<script src>`, Next.js `<Script src>`, `script.src = …`). */
  scripts: z.array(regexSource).default([]),
  /** Inline script text that starts it (`gtag('config'`), for `<script>` and `<Script>` bodies in JSX. */
  snippets: z.array(regexSource).default([]),
  /** JSX components that load it (`<GoogleAnalytics gaId=… />` of `@next/third-parties/google`). */
  components: z
    .array(
      z.strictObject({
        module: z.string().min(1),
        name: z.string().min(1),
        /** Props one of which must be present for the component to load the tag (`apiKey`). */
        props: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
  /** Options that keep it from setting cookies or make it wait for an opt-in (`persistence: 'memory'`). */
  off: z.array(tagOption).default([]),
  /**
   * Text anywhere in the project that makes it wait for consent before it sets cookies, as a regex and as shown
   * (Google Consent Mode `gtag('consent', 'default', { analytics_storage: 'denied' })`).
   */
  waitsFor: z.array(z.strictObject({ text: regexSource, shown: z.string().min(1) })).default([]),
  docs: z.string().url().optional(),
});
export type CookieTag = z.infer<typeof cookieTag>;
export type TagCall = z.infer<typeof tagCall>;

export const cookiesFile = z.strictObject({
  writers: z.array(cookieWriterShape).min(1),
  /**
   * Classes of cookies that are strictly necessary by their name (sessions, CSRF, sign-in flow state, load-balancer
   * affinity, the consent choice itself): essential without a declaration in `recommended`, with the reason shown.
   */
  strictlyNecessary: z.array(cookieClass).min(1),
  /**
   * A cookie set httpOnly that lasts no longer than this is flow state (a form step, a one-time error): scripts cannot
   * read it and it is gone before a next visit, so it cannot track. The Working Party's "user-input" cookies.
   */
  shortLived: z.strictObject({ lifetime: duration, reason: z.string().min(1) }),
  /** Names that rule the strictly necessary classes out (`tracking_session`, `ad_token`). */
  notStrictlyNecessary: z.array(regexSource),
  /** Preference cookies (theme, language, UI state): exempt only when the user asked for them. */
  preferences: z.array(regexSource),
  /** Receivers whose cookie jar is the incoming request's, not the browser's (`request.cookies.set` in middleware). */
  requestObjects: z.array(regexSource),
  knownCookies: z.array(knownCookie),
  tags: z.array(cookieTag),
  /**
   * Text anywhere in the project that holds every tag back until consent: a consent platform's automatic blocking
   * loaded first (OneTrust `OtAutoBlock.js`, Usercentrics `uc-block.bundle.js`, Cookiebot `data-blockingmode="auto"`).
   */
  blockers: z.array(z.strictObject({ text: regexSource, shown: z.string().min(1) })).default([]),
});

/** A consent platform: what reading its state looks like and which callbacks it calls on grant. */
export const consentPlatform = z.strictObject({
  id: kebabId,
  title: z.string().min(1),
  /** Dotted paths whose value is the consent state, read as a check (`Cookiebot.consent.statistics`). */
  checks: z.array(z.string().min(1)).default([]),
  /** Functions whose call result is consent state (`getCkyConsent`, `klaro.getManager().getConsent`). */
  calls: z.array(z.string().min(1)).default([]),
  /** Globals holding active group ids, checked with `includes`/`indexOf`/a regex (`OnetrustActiveGroups`). */
  groupLists: z.array(z.string().min(1)).default([]),
  /** Functions assigned as grant callbacks (`window.OptanonWrapper = …`, `CookiebotCallback_OnAccept = …`). */
  callbackGlobals: z.array(z.string().min(1)).default([]),
  /** Dotted functions that take a grant callback (`OneTrust.OnConsentChanged(cb)`). */
  callbackRegistrars: z.array(z.string().min(1)).default([]),
  /** DOM events fired on grant (`CookiebotOnAccept`, `cookieyes_consent_update`). */
  events: z.array(z.string().min(1)).default([]),
  docs: z.string().url().optional(),
});

export const consentFile = z.strictObject({
  platforms: z.array(consentPlatform).min(1),
  /**
   * Regex sources for the normalised names of the project's own checks when the manifest declares none
   * (`hasConsent`, `cookiesAccepted`, `trackingAllowed`), and for names that are not checks (`showConsentBanner`).
   */
  checkNames: z.array(regexSource).min(1),
  notCheckNames: z.array(regexSource),
  /**
   * Names of the project's own record of a refusal (`trackingBlocked`, `optedOut`, `consentDenied`): a check that is
   * true when consent is missing, so `if (!optedOut)` guards and `if (optedOut) return` exits.
   */
  refusalNames: z.array(regexSource).default([]),
  /** Values a check is compared with, in the words of platforms and projects: `=== 'granted'`, `=== 'full'`. */
  checkValues: z
    .strictObject({ granted: z.array(z.string().min(1)), refused: z.array(z.string().min(1)) })
    .default({ granted: [], refused: [] }),
  /**
   * Normalised names of the project's own handlers of the user's choice (`acceptAllCookies`, `onConsentGiven`), and of
   * JSX props that take one (`onAccept` of a banner component): code inside runs once the user agreed.
   */
  grantHandlerNames: z.array(regexSource),
  grantHandlerProps: z.array(regexSource),
  /** Words in a check (argument, member, name, category id) and the purpose they mean. */
  purposeWords: z.array(z.strictObject({ word: z.string().min(1), purpose: z.string().min(1) })),
});
