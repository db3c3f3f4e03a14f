import { describe, expect, it } from 'vitest';
import { analyzeFiles, findingLines } from '../helpers/program.js';

const prefs = `import Cookies from 'js-cookie';
export function rememberVariant(variant: string) {
  Cookies.set('ab_variant', variant);
}
function remember(key: string, value: string) {
  Cookies.set(key === 'x' ? 'ab_x' : 'ab_other', value);
}
export { remember };
`;

const guardedCaller = `import { rememberVariant, remember } from './prefs.js';
declare function hasConsent(purpose: string): boolean;
export function start(variant: string) {
  if (hasConsent('analytics')) {
    rememberVariant(variant);
    remember('x', variant);
  }
}
`;

describe('consent through callers in other files', () => {
  it('counts a write as consented when every call from every file is guarded (typed)', async () => {
    const results = await analyzeFiles({ 'src/prefs.ts': prefs, 'src/app.ts': guardedCaller });
    expect(findingLines(results)).toEqual([]);
  });

  it('reports it when one caller elsewhere is not guarded (typed)', async () => {
    const results = await analyzeFiles({
      'src/prefs.ts': prefs,
      'src/app.ts': guardedCaller,
      'src/legacy.ts': `import * as prefs from './prefs.js';\nexport const boot = (v: string) => prefs.rememberVariant(v);\n`,
    });
    expect(findingLines(results)).toEqual([
      'require-cookie-consent src/prefs.ts:3:3 Cookie `ab_variant` is written with `Cookies.set` before any consent check. Write it only after consent (inside `if (hasConsent(…))`, after `if (!hasConsent(…)) return`, or in the consent platform’s grant callback), or declare it in privacy.yml `cookies.essential` if the service cannot work without it.',
    ]);
  });

  it('cannot see other files without types, and says the write is unguarded', async () => {
    const results = await analyzeFiles({ 'src/prefs.ts': prefs, 'src/app.ts': guardedCaller }, { typed: false });
    expect(findingLines(results).map(line => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'require-cookie-consent src/prefs.ts:3:3',
      'require-cookie-consent src/prefs.ts:6:3',
    ]);
  });
});
