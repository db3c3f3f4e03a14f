/**
 * Splits an identifier or key into lower-case word tokens: `userEmailAddress` -> `user email address`,
 * `USER_EMAIL` -> `user email`, `IPAddress` -> `ip address`, `addressLine1` -> `address line 1`,
 * `x-forwarded-for` -> `x forwarded for`, `$email` -> `email`.
 */
export function tokenize(name: string): string[] {
  return (
    name
      // Acronym followed by a word: `IPAddress` -> `IP Address`.
      .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
      // Lower or digit followed by upper: `userEmail` -> `user Email`.
      .replace(/([a-z\d])([A-Z])/gu, '$1 $2')
      // Letters followed by digits and back: `line1` -> `line 1`, `v2` stays a unit only after a letter split.
      .replace(/([a-zA-Z])(\d)/gu, '$1 $2')
      .replace(/(\d)([a-zA-Z])/gu, '$1 $2')
      .split(/[^a-zA-Z\d]+/u)
      .filter(token => token !== '')
      .map(token => token.toLowerCase())
  );
}

const normalized = new Map<string, string>();

/**
 * The form name patterns match against: tokens joined by `_` (`billing_address_line_1`). Remembered: a project repeats
 * its names (every handler's `user`, `email`, `logger`), and each is asked about many times per call site.
 */
export function normalizeName(name: string): string {
  let result = normalized.get(name);
  if (result === undefined) {
    result = tokenize(name).join('_');
    // A bound on memory for hostile inputs (minified or generated code with millions of distinct names).
    if (normalized.size >= 100_000) normalized.clear();
    normalized.set(name, result);
  }
  return result;
}
