import { messageValue } from './printable.js';

/**
 * The rules: their ids, one-line descriptions, presets and message templates. The ESLint rules take their `meta`
 * from here and the CLI renders findings with the same templates, so the editor and CI say the same thing.
 */
export const ruleIds = [
  'no-pii-in-logs',
  'require-cookie-consent',
  'no-undeclared-sharing',
  'no-pii-in-client-storage',
  'no-pii-in-url',
  'no-hardcoded-pii',
] as const;
export type RuleId = (typeof ruleIds)[number];

export interface RuleMeta {
  readonly id: RuleId;
  /** Matches `^(Disallow|Require|Enforce) .+[^.]$` (tested). */
  readonly description: string;
  /** The lightest preset the rule is in: `recommended` rules are in `strict` too. */
  readonly preset: 'recommended' | 'strict';
  /** The severity the CLI gives its findings (ESLint presets use `error` for recommended, `warn` for strict-only). */
  readonly severity: 'error' | 'warning';
  readonly messages: Readonly<Record<string, string>>;
}

export const docsBaseUrl = 'https://github.com/privlint/privlint/blob/main/docs';

export function ruleDocsUrl(id: RuleId): string {
  return `${docsBaseUrl}/rules/${id}.md`;
}

/** Every rule can say that the manifest it depends on is broken (reported once per file, by the first rule). */
const invalidManifest = 'The privacy manifest is invalid, so privlint cannot check this file: {{ problem }}';
/**
 * Every rule can say that the analysis of the file did not complete, so that a file privlint could not read to the
 * end never passes as clean (reported once per file, by the first rule).
 */
const notAnalysed = 'privlint could not analyse this file completely, so findings may be missing: {{ reason }}';

const rules: Record<RuleId, RuleMeta> = {
  'no-pii-in-logs': {
    id: 'no-pii-in-logs',
    description: 'Disallow personal data in log calls',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      notAnalysed,
      personalDataInLog: 'Personal data reaches the logger `{{ sink }}`: {{ details }}.',
      wrapInSanitizer: 'Wrap `{{ data }}` in `{{ sanitizer }}()`.',
    },
  },
  'require-cookie-consent': {
    id: 'require-cookie-consent',
    description: 'Require a consent check before writing non-essential cookies',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      notAnalysed,
      cookieWithoutConsent:
        'Cookie `{{ name }}` is written with `{{ api }}` before any consent check. Write it only after consent (inside `if (hasConsent(…))`, after `if (!hasConsent(…)) return`, or in the consent platform’s grant callback), or declare it in privacy.yml `cookies.essential` if the service cannot work without it.',
      computedCookieWithoutConsent:
        'A cookie whose name is computed (`{{ expression }}`) is written with `{{ api }}` before any consent check. Write it only after consent, or give it a constant name declared in privacy.yml `cookies.essential` if it is essential.',
      essentialNotDeclared:
        'Cookie `{{ name }}` looks essential (a session, security or preference cookie) but privacy.yml does not declare it: add `{{ name }}` to `cookies.essential`, or write it only after a consent check.',
      wrongPurpose:
        'Cookie `{{ name }}` is for {{ cookiePurpose }} but is written after `{{ guard }}`, a consent check for {{ guardPurpose }}: check consent for {{ cookiePurpose }}.',
      personalDataInCookie:
        'Cookie `{{ name }}` stores personal data on the user’s device, consent or not: {{ details }}. Store an opaque id and keep the data on the server.',
    },
  },
  'no-undeclared-sharing': {
    id: 'no-undeclared-sharing',
    description: 'Disallow sending personal data to third parties without a declared purpose',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      notAnalysed,
      undeclaredRecipient:
        'Personal data goes to {{ recipient }}{{ kind }}, which privacy.yml does not declare: {{ details }}. Declare it with its purpose: `{{ snippet }}`.',
      undeclaredCategory:
        '{{ recipient }} receives {{ missing }}, which privacy.yml does not declare for it (declared: {{ declared }}; purposes: {{ purposes }}): {{ details }}. Set `recipients.{{ id }}.categories` ({{ manifest }}{{ line }}) to `[{{ all }}]`, or stop sending it.',
      recipientWithoutPurpose:
        '{{ recipient }} receives {{ categories }} but privacy.yml declares no purpose for it: {{ details }}. Add `purposes: [{{ purpose }}]` to `recipients.{{ id }}` ({{ manifest }}{{ line }}).',
    },
  },
  'no-pii-in-client-storage': {
    id: 'no-pii-in-client-storage',
    description: 'Disallow writing personal data to browser storage',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      notAnalysed,
      personalDataInStorage: 'Personal data is written to `{{ sink }}`: {{ details }}.',
      wrapInSanitizer: 'Wrap `{{ data }}` in `{{ sanitizer }}()`.',
    },
  },
  'no-pii-in-url': {
    id: 'no-pii-in-url',
    description: 'Disallow putting personal data in URLs',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      notAnalysed,
      personalDataInUrl:
        'Personal data is put in a URL for `{{ sink }}` (URLs end up in server logs, the Referer header and history): {{ details }}.',
    },
  },
  'no-hardcoded-pii': {
    id: 'no-hardcoded-pii',
    description: 'Disallow literal personal data in source code',
    preset: 'strict',
    severity: 'warning',
    messages: {
      invalidManifest,
      notAnalysed,
      literalPersonalData:
        'This literal is a real-looking {{ title }} (`{{ masked }}`): personal data written in source code ships in every clone, build and bundle. Load it from configuration, or move test data to a test file.',
    },
  },
};

export function ruleMeta(id: RuleId): RuleMeta {
  return rules[id];
}

export const allRuleMeta: readonly RuleMeta[] = ruleIds.map(id => rules[id]);

/**
 * Fills a message template: `{{ name }}` placeholders, as ESLint does. The values come from the scanned code, so
 * each is made safe first (`messageValue`: personal data masked, control characters escaped); the ESLint adapter
 * passes ESLint the same values (`messageData`), so both front ends print the same safe text.
 */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/gu, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : messageValue(value);
  });
}
