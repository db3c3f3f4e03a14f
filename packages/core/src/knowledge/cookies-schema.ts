/**
 * The shapes of `rules/cookies.yml` (APIs that write cookies, and well-known cookies) and `rules/consent.yml`
 * (consent platforms' checks and grant callbacks).
 */
import { z } from 'zod';
import { kebabId, regexSource } from './primitives.js';
import { apiShape } from './sinks-schema.js';

/** Where a piece of a cookie write sits: an argument, or a property of an object argument. */
const slot = z.strictObject({
  arg: z.number().int().min(0),
  key: z.string().min(1).optional().describe('A property of that argument (`cookieStore.set({ name, value })`).'),
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
});
export type CookieWriterShape = z.infer<typeof cookieWriterShape>;

export const knownCookie = z.strictObject({
  /** A name or `prefix*` glob (`_ga*`). */
  name: z.string().min(1),
  purpose: z.string().min(1),
  vendor: z.string().optional(),
});

export const cookiesFile = z.strictObject({
  writers: z.array(cookieWriterShape).min(1),
  /**
   * Normalised names of cookies that look essential (sessions, CSRF): an undeclared one gets a message that says how
   * to declare it, rather than only "get consent".
   */
  essentialLooking: z.array(regexSource),
  knownCookies: z.array(knownCookie),
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
  /** Words in a check (argument, member, name, category id) and the purpose they mean. */
  purposeWords: z.array(z.strictObject({ word: z.string().min(1), purpose: z.string().min(1) })),
});
