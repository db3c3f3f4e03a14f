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
  /** The severity of its findings, in the CLI and in every ESLint preset that holds it (one truth). */
  readonly severity: 'error' | 'warning';
  readonly messages: Readonly<Record<string, string>>;
  /**
   * The messages that say personal data reaches the sink: the ones a call of a function that passes its argument to
   * the sink also earns, at the call (`{{ via }}` names the functions on the way).
   */
  readonly flowMessages: readonly string[];
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

/** Every rule can say that a comment about it is wrong (see `policy.ts`). */
const ignoreWithoutReason =
  '`privlint-ignore {{ rule }}` needs a reason, which the inventory shows as the accepted exception: write `// privlint-ignore {{ rule }} -- why this is acceptable`.';
const unknownRuleInComment = 'privlint has no rule `{{ rule }}`{{ hint }}';

const rules: Record<RuleId, RuleMeta> = {
  'no-pii-in-logs': {
    id: 'no-pii-in-logs',
    flowMessages: ['personalDataInLog'],
    description: 'Disallow personal data in log calls',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
      notAnalysed,
      personalDataInLog: 'Personal data reaches the logger `{{ sink }}`{{ via }}: {{ details }}.',
      wrapInSanitizer: 'Wrap `{{ data }}` in `{{ sanitizer }}()`.',
    },
  },
  'require-cookie-consent': {
    id: 'require-cookie-consent',
    flowMessages: ['personalDataInCookie'],
    description: 'Require a consent check before writing non-essential cookies',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
      notAnalysed,
      cookieWithoutConsent:
        'Cookie `{{ name }}` is written with `{{ api }}` before any consent check. Write it only after consent (inside `if (hasConsent(…))`, after `if (!hasConsent(…)) return`, or in the consent platform’s grant callback), or declare it in privacy.yml `cookies.essential` if the service cannot work without it.',
      computedCookieWithoutConsent:
        'A cookie whose name privlint cannot read ({{ why }}) is written with `{{ api }}` before any consent check. Write it only after consent, or give it a constant name declared in privacy.yml `cookies.essential` if it is essential.',
      preferenceCookieWithoutConsent:
        'Cookie `{{ name }}` keeps a preference (theme, language, UI state) and is written with `{{ api }}` before any consent check. A preference cookie needs no consent only when the user asked for it (picked the language, closed the panel) and it lasts no longer than that choice; set on its own, it does. If the user sets it, declare it in privacy.yml `cookies.essential`; otherwise write it after consent.',
      essentialNotDeclared:
        'Cookie `{{ name }}` reads as strictly necessary ({{ reason }}) but privacy.yml does not declare it: add `{{ name }}` to `cookies.essential`, so the record of cookies says why it needs no consent.',
      wrongPurpose:
        'Cookie `{{ name }}` is for {{ cookiePurpose }} but is written after `{{ guard }}`, a consent check for {{ guardPurpose }}: check consent for {{ cookiePurpose }}.',
      tagWithoutConsent:
        '`{{ api }}` loads {{ vendor }}, which sets its cookies ({{ cookies }}, for {{ purpose }}) as soon as it runs, before any consent check. Load it only after consent (in the consent platform’s grant callback or behind `if (hasConsent(…))`), make it wait (e.g. Consent Mode defaults set to denied), or turn its cookies off.',
      eventWithoutConsent:
        '`{{ api }}` sends an event to {{ vendor }}, which reads and sets its cookies ({{ cookies }}, for {{ purpose }}), before any consent check; nothing in the code loads {{ vendor }} (its snippet may sit in an HTML template or a tag manager), so nothing shows it waits for consent. Send events only after consent, or load the tag in the code where consent is checked (then its load is judged instead).',
      grantWithoutConsent:
        '`{{ api }}` turns on the cookies of {{ vendor }} ({{ cookies }}, for {{ purpose }}) without a consent check in reach: call it only from the consent platform’s grant callback, or when the user accepts.',
      cookieOutlivesLimit:
        'Cookie `{{ name }}` is set with `{{ api }}` to last {{ lifetime }}, longer than {{ limit }} ({{ source }}): shorten its max age or expiry.',
      tagOutlivesLimit:
        '`{{ api }}` loads {{ vendor }} and sets its cookies ({{ cookies }}) to last {{ lifetime }}, longer than {{ limit }} ({{ source }}): {{ fix }}.',
      tagDefaultOutlivesLimit:
        '`{{ api }}` loads {{ vendor }}, whose cookies ({{ cookies }}) last {{ lifetime }} by default, longer than {{ limit }} ({{ source }}): {{ fix }}.',
      personalDataInCookie:
        'Cookie `{{ name }}` stores personal data on the user’s device{{ via }}, consent or not: {{ details }}. Store an opaque id and keep the data on the server.',
    },
  },
  'no-undeclared-sharing': {
    id: 'no-undeclared-sharing',
    flowMessages: ['undeclaredRecipient', 'undeclaredCategory', 'recipientWithoutPurpose'],
    description: 'Disallow sending personal data to third parties without a declared purpose',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
      notAnalysed,
      undeclaredRecipient:
        'Personal data goes to {{ recipient }}{{ kind }}{{ via }}, which privacy.yml does not declare: {{ details }}. Declare it with its purpose: `{{ snippet }}`.',
      undeclaredCategory:
        '{{ recipient }} receives {{ missing }}{{ via }}, which privacy.yml does not declare for it (declared: {{ declared }}; purposes: {{ purposes }}): {{ details }}. Set `recipients.{{ id }}.categories` ({{ manifest }}{{ line }}) to `[{{ all }}]`, or stop sending it.',
      recipientWithoutPurpose:
        '{{ recipient }} receives {{ categories }}{{ via }} but privacy.yml declares no purpose for it: {{ details }}. Add `purposes: [{{ purpose }}]` to `recipients.{{ id }}` ({{ manifest }}{{ line }}).',
    },
  },
  'no-pii-in-client-storage': {
    id: 'no-pii-in-client-storage',
    flowMessages: ['personalDataInStorage'],
    description: 'Disallow writing personal data to browser storage',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
      notAnalysed,
      personalDataInStorage: 'Personal data is written to `{{ sink }}`{{ via }}: {{ details }}.',
      wrapInSanitizer: 'Wrap `{{ data }}` in `{{ sanitizer }}()`.',
    },
  },
  'no-pii-in-url': {
    id: 'no-pii-in-url',
    flowMessages: ['personalDataInUrl'],
    description: 'Disallow putting personal data in URLs',
    preset: 'recommended',
    severity: 'error',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
      notAnalysed,
      personalDataInUrl:
        'Personal data is put in a URL for `{{ sink }}`{{ via }} (URLs end up in server logs, the Referer header and history): {{ details }}.',
    },
  },
  'no-hardcoded-pii': {
    id: 'no-hardcoded-pii',
    flowMessages: [],
    description: 'Disallow literal personal data in source code',
    preset: 'strict',
    severity: 'warning',
    messages: {
      invalidManifest,
      ignoreWithoutReason,
      unknownRuleInComment,
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
