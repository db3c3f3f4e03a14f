import { scan } from '@privlint/scanner';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';

describe('a cookie helper one package exports and another calls (two tsconfig programs)', () => {
  it('lists the cookies the callers name, with their consent checks, from the other program', async () => {
    const { inventory } = await scan({ root: fixture('projects/cross-package-cookies'), version: '0.0.0' });

    expect(
      inventory.cookies.map(cookie => `${cookie.file}:${cookie.line} ${cookie.name} ${cookie.consent ?? 'no check'}`),
    ).toEqual([
      'packages/ui/src/index.ts:3 banner_dismissed no check',
      "packages/ui/src/index.ts:3 ab_variant hasConsent('analytics') (project)",
    ]);
    expect(
      inventory.findings.map(finding => `${finding.file}:${finding.line} ${finding.message.slice(0, 44)}`),
    ).toEqual(['packages/ui/src/index.ts:3 Cookie `banner_dismissed` keeps a preference']);
  });
});
