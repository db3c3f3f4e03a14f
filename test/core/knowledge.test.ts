import { checkKnowledge, createNameMatcher, defaultKnowledge } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const matcher = createNameMatcher(defaultKnowledge);

describe('the knowledge base in rules/', () => {
  it('passes its cross-file checks (unique ids, fideslang keys that exist)', () => {
    expect(checkKnowledge(defaultKnowledge)).toEqual([]);
  });

  it('has every category the design names', () => {
    expect(defaultKnowledge.categories.categories.map(category => category.id).sort()).toEqual(
      [
        'bank-account',
        'biometric',
        'credentials',
        'criminal-record',
        'date-of-birth',
        'device-id',
        'email',
        'ethnicity',
        'genetic',
        'government-id',
        'health',
        'ip-address',
        'location',
        'name',
        'payment-card',
        'phone',
        'political-opinion',
        'postal-address',
        'religion',
        'sex-life',
        'trade-union',
      ].sort(),
    );
  });

  describe.each(defaultKnowledge.categories.categories.map(category => [category.id, category] as const))(
    '%s',
    (id, category) => {
      it('classifies its examples as itself (on a person owner)', () => {
        const wrong = category.examples.filter(name => matcher.match(name, { owner: 'user' })?.category !== id);
        expect(wrong, `examples not classified as ${id}`).toEqual([]);
      });

      it('does not classify its counterexamples as itself', () => {
        const wrong = category.counterexamples.filter(name => {
          const typeKind = /^(?:is|has)[A-Z]|Enabled$|Verified$|Valid$/u.test(name) ? 'boolean' : undefined;
          return matcher.match(name, { owner: 'user', typeKind })?.category === id;
        });
        expect(wrong, `counterexamples classified as ${id}`).toEqual([]);
      });
    },
  );
});
