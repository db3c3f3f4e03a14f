import { createValueMatcher, defaultKnowledge, isReservedEmail, maskValue, validators } from '@privlint/core';
import { describe, expect, it } from 'vitest';

const match = createValueMatcher(defaultKnowledge);

describe('validators', () => {
  it('luhn: real card shapes pass, wrong checksums, unknown issuers and repeated digits fail', () => {
    expect(validators.luhn('4539 1488 0343 6467')).toBe(true);
    expect(validators.luhn('5555-5555-5555-4444')).toBe(true);
    expect(validators.luhn('378282246310005')).toBe(true);
    expect(validators.luhn('4539 1488 0343 6468')).toBe(false);
    expect(validators.luhn('1234 5678 9012 3452')).toBe(false);
    expect(validators.luhn('0000 0000 0000 0000')).toBe(false);
  });

  it('iban: country length and mod-97', () => {
    expect(validators.iban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(validators.iban('DE89370400440532013000')).toBe(true);
    expect(validators.iban('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(validators.iban('DE8937040044053201300')).toBe(false);
  });

  it('email: syntax and a real top-level domain; reserved domains are known', () => {
    expect(validators.email('jane.doe@acme-mail.com')).toBe(true);
    expect(validators.email('jane..doe@acme.com')).toBe(false);
    expect(validators.email('user@localhost')).toBe(false);
    expect(validators.email('a@b.c1')).toBe(false);
    expect(isReservedEmail('qa@example.com')).toBe(true);
    expect(isReservedEmail('qa@shop.test')).toBe(true);
    expect(isReservedEmail('qa@acme.com')).toBe(false);
  });

  it('phone: E.164 and national shapes, without fictional 555-01xx numbers or dates', () => {
    expect(validators.e164('+447946000123')).toBe(true);
    expect(validators.e164('+0123456789')).toBe(false);
    expect(validators.phone('(415) 867-5309')).toBe(true);
    expect(validators.phone('(415) 555-0123')).toBe(false);
    expect(validators.phone('020 7946 0958')).toBe(true);
    expect(validators.phone('2024-01-15')).toBe(false);
  });

  it('ipv4 and ipv6: public addresses only, never versions or private ranges', () => {
    expect(validators.ipv4('81.2.69.160')).toBe(true);
    expect(validators.ipv4('192.168.1.10')).toBe(false);
    expect(validators.ipv4('127.0.0.1')).toBe(false);
    expect(validators.ipv4('203.0.113.5')).toBe(false);
    expect(validators.ipv4('1.2.3')).toBe(false);
    expect(validators.ipv4('256.1.1.1')).toBe(false);
    expect(validators.ipv6('2a00:1450:4009:81f::200e')).toBe(true);
    expect(validators.ipv6('::1')).toBe(false);
    expect(validators.ipv6('fe80::1')).toBe(false);
    expect(validators.ipv6('2001:db8::1')).toBe(false);
    expect(validators.ipv6('12:30:45')).toBe(false);
  });

  it('government ids: SSN and NINO invalidation rules', () => {
    expect(validators['us-ssn']('536-90-4399')).toBe(true);
    expect(validators['us-ssn']('666-12-3456')).toBe(false);
    expect(validators['us-ssn']('900-12-3456')).toBe(false);
    expect(validators['us-ssn']('536-00-4399')).toBe(false);
    expect(validators['us-ssn']('078-05-1120')).toBe(false);
    expect(validators['uk-nino']('AB 12 34 56 C')).toBe(true);
    expect(validators['uk-nino']('GB123456A')).toBe(false);
    expect(validators['uk-nino']('DA123456A')).toBe(false);
  });

  it('coordinates, MAC addresses and birth dates', () => {
    expect(validators.coordinates('51.5007, -0.1246')).toBe(true);
    expect(validators.coordinates('95.1234, 10.1234')).toBe(false);
    expect(validators.coordinates('51.5, -0.12')).toBe(false);
    expect(validators['mac-address']('3c:22:fb:12:9a:01')).toBe(true);
    expect(validators['mac-address']('ff:ff:ff:ff:ff:ff')).toBe(false);
    expect(validators['date-of-birth']('1984-02-29')).toBe(true);
    expect(validators['date-of-birth']('1985-02-29')).toBe(false);
  });
});

describe('createValueMatcher', () => {
  it('recognises validated values of each shape', () => {
    expect(match.match('jane.doe@acme-mail.com')?.category).toBe('email');
    expect(match.match('+447946000123')?.category).toBe('phone');
    expect(match.match('4539 1488 0343 6467')?.category).toBe('payment-card');
    expect(match.match('GB82 WEST 1234 5698 7654 32')?.category).toBe('bank-account');
    expect(match.match('536-90-4399')?.category).toBe('government-id');
    expect(match.match('81.2.69.160')?.category).toBe('ip-address');
    expect(match.match('51.5007, -0.1246')?.category).toBe('location');
  });

  it('stays quiet on look-alikes: versions, ids, timestamps, phone-like order numbers that fail checks', () => {
    for (const text of [
      '1.2.3.4.5',
      '10.0.0.1',
      '2024-01-15',
      '1234 5678 9012 3456',
      'v1.2.3',
      '123456789',
      'user@@x.com',
      'a'.repeat(300),
    ]) {
      expect(match.match(text), text).toBeUndefined();
    }
  });
});

describe('maskValue', () => {
  it('never returns the value or a long part of it', () => {
    const samples: [string, string][] = [
      ['jane.doe@acme-mail.com', 'email'],
      ['4539 1488 0343 6467', 'payment-card'],
      ['+447946000123', 'phone'],
      ['GB82 WEST 1234 5698 7654 32', 'bank-account'],
      ['536-90-4399', 'government-id'],
      ['81.2.69.160', 'ip-address'],
      ['51.5007, -0.1246', 'location'],
    ];
    for (const [value, category] of samples) {
      const masked = maskValue(value, category);
      expect(masked).not.toBe(value);
      expect(masked).toContain('•');
      const digits = value.replace(/\D/gu, '');
      if (digits.length >= 8) expect(masked.replace(/\D/gu, '').length).toBeLessThanOrEqual(4);
    }
    expect(maskValue('4539 1488 0343 6467', 'payment-card')).toBe('•••• •••• •••• 6467');
    expect(maskValue('jane.doe@acme-mail.com', 'email')).toBe('j•••@a•••.com');
  });
});
