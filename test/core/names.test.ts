import { createNameMatcher, defaultKnowledge, normalizeName, tokenize } from '@privlint/core';
import { describe, expect, it } from 'vitest';

describe('tokenize', () => {
  it.each([
    ['userEmailAddress', 'user_email_address'],
    ['USER_EMAIL', 'user_email'],
    ['IPAddress', 'ip_address'],
    ['addressLine1', 'address_line_1'],
    ['x-forwarded-for', 'x_forwarded_for'],
    ['$email', 'email'],
    ['e_mail', 'e_mail'],
  ])('%s -> %s', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it('returns no tokens for punctuation only', () => {
    expect(tokenize('$_')).toEqual([]);
  });
});

describe('createNameMatcher', () => {
  const matcher = createNameMatcher(defaultKnowledge);

  it('lets the head noun decide', () => {
    expect(matcher.match('userEmail')?.category).toBe('email');
    expect(matcher.match('emailTemplateId')).toBeUndefined();
  });

  it('reads a contextual name on a person-like owner, unless the owner is another kind of address', () => {
    expect(matcher.match('address', { owner: 'User' })?.category).toBe('postal-address');
    expect(matcher.match('address', { owner: 'Customer.billing' })?.category).toBe('postal-address');
    expect(matcher.match('address', { owner: 'Product' })).toBeUndefined();
    expect(matcher.match('address', { owner: 'EmailAddress' })?.category).not.toBe('postal-address');
    expect(matcher.match('address', { owner: 'WalletAddress' })).toBeUndefined();
  });

  it("reads the generic value of a wrapper by its owner's name", () => {
    expect(matcher.match('address', { owner: 'EmailAddress' })?.category).toBe('email');
    expect(matcher.match('address', { owner: 'data.from.IpAddress' })?.category).toBe('ip-address');
    expect(matcher.match('number', { owner: 'PhoneNumber' })?.category).toBe('phone');
    expect(matcher.match('value', { owner: 'EmailTemplate' })).toBeUndefined();
    expect(matcher.match('value', { owner: 'Price' })).toBeUndefined();
    expect(matcher.match('number', { owner: 'Order' })).toBeUndefined();
    expect(matcher.match('number', { owner: 'PhoneNumber', typeKind: 'boolean' })).toBeUndefined();
  });

  it('rules a match out by type', () => {
    expect(matcher.match('email', { typeKind: 'boolean' })).toBeUndefined();
    expect(matcher.match('email', { typeKind: 'string' })?.category).toBe('email');
  });
});
