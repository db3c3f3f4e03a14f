import { defaultKnowledge, outsideEea, safeguardsIn, transferPlace } from '@privlint/core';
import { describe, expect, it } from 'vitest';

describe('transfers and rules/regions.yml', () => {
  it('lists the 27 EU member states and Iceland, Liechtenstein and Norway as the EEA', () => {
    const codes = defaultKnowledge.regions.eea.map(country => country.code);
    expect(codes).toHaveLength(30);
    expect(new Set(codes).size).toBe(30);
    for (const code of ['IS', 'LI', 'NO', 'DE', 'IE', 'HR']) expect(codes).toContain(code);
    // Left the EU (2020) and never in the EEA: third countries, with adequacy decisions.
    for (const code of ['GB', 'CH']) expect(codes).not.toContain(code);
  });

  it.each([
    ['DE', true],
    ['Germany', true],
    ['eu', true],
    ['EEA', true],
    ['Czech Republic', true],
    ['NO', true],
    ['US', false],
    ['UK', false],
    ['IN', false],
  ])('%s is in the EEA: %s', (place, eea) => {
    expect(transferPlace(place).eea).toBe(eea);
  });

  it('names adequacy decisions, with the scope of partial ones', () => {
    expect(transferPlace('UK').adequacy).toEqual({ name: 'United Kingdom' });
    expect(transferPlace('Japan').adequacy).toEqual({ name: 'Japan' });
    expect(transferPlace('US').adequacy).toEqual({
      name: 'United States',
      scope: 'organisations certified under the EU-U.S. Data Privacy Framework',
    });
    expect(transferPlace('IN').adequacy).toBeUndefined();
    expect(outsideEea(['EU', 'US', 'IE', 'AU']).map(place => place.place)).toEqual(['US', 'AU']);
  });

  it('reads transfer mechanisms in the words of safeguards:, as whole words', () => {
    const fides = (text: string): string[] => safeguardsIn(text).map(safeguard => safeguard.fides);
    expect(fides('SCCs (2021 modules 2 and 3) with supplementary measures')).toEqual([
      'SCCs',
      'Supplementary Measures',
    ]);
    expect(fides('EU-U.S. Data Privacy Framework')).toEqual(['Adequacy Decision']);
    expect(fides('Binding Corporate Rules of the group')).toEqual(['BCRs']);
    expect(fides('standard contractual clauses')).toEqual(['SCCs']);
    // No mechanism in the words: a reader must look (the fides export says `Other`).
    expect(fides('contract with the vendor')).toEqual([]);
    expect(fides('describes access')).toEqual([]);
  });
});
