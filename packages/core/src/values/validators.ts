import type { ValidatorName } from '../knowledge/schema.js';

/**
 * Checks that a value matched by a category's pattern is really of that shape: checksums, ranges and the
 * invalidation rules the issuers publish. They make literal detection precise: `4111 1111 1111 1111` is a valid card
 * number shape, `1234 5678 9012 3456` is not; `1.2.3.4` as a version is not an IP address.
 */
export const validators: Record<ValidatorName, (value: string) => boolean> = {
  luhn: isCardNumber,
  iban: isIban,
  email: isEmail,
  e164: isE164,
  phone: isPhoneNumber,
  ipv4: isPublicIpv4,
  ipv6: isGlobalIpv6,
  'us-ssn': isUsSsn,
  'uk-nino': isUkNino,
  'date-of-birth': isPlausibleBirthDate,
  coordinates: isCoordinates,
  'mac-address': isMacAddress,
};

const digitsOnly = (value: string): string => value.replace(/[\s.-]/gu, '');

/** The Luhn checksum of a string of digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (digit < 0 || digit > 9) return false;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A card number: 13 to 19 digits, a known issuer prefix (IIN) with its lengths, and a valid Luhn check. */
export function isCardNumber(value: string): boolean {
  const digits = digitsOnly(value);
  if (!/^\d{13,19}$/u.test(digits)) return false;
  // A run of one digit passes Luhn for some lengths and is never a real card.
  if (/^(\d)\1+$/u.test(digits)) return false;
  const length = digits.length;
  const prefix = (n: number): number => Number(digits.slice(0, n));
  const issuer =
    (digits.startsWith('4') && (length === 13 || length === 16 || length === 19)) || // Visa
    (((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) && length === 16) || // Mastercard
    ((prefix(2) === 34 || prefix(2) === 37) && length === 15) || // American Express
    ((digits.startsWith('6011') || digits.startsWith('65') || (prefix(3) >= 644 && prefix(3) <= 649)) &&
      length >= 16 &&
      length <= 19) || // Discover
    (prefix(4) >= 3528 && prefix(4) <= 3589 && length >= 16 && length <= 19) || // JCB
    (prefix(3) >= 300 && prefix(3) <= 305) ||
    prefix(2) === 36 ||
    prefix(2) === 38 ||
    prefix(2) === 39 ||
    (digits.startsWith('62') && length >= 16 && length <= 19) || // UnionPay
    (/^(?:5018|5020|5038|5893|6304|6759|676[1-3])/u.test(digits) && length >= 12); // Maestro
  return issuer && luhn(digits);
}

/** IBAN lengths by country (ISO 13616 registry). */
const ibanLengths: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** An IBAN: a known country, its length, and the ISO 7064 mod-97 check equal to 1. */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s/gu, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/u.test(iban)) return false;
  if (ibanLengths[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const chunk = code >= 65 ? String(code - 55) : char;
    for (const digit of chunk) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Domains reserved for documentation and tests (RFC 2606, RFC 6761): addresses there reach nobody. */
const reservedDomains = /(?:^|\.)(?:example\.(?:com|org|net|edu)|example|test|invalid|localhost|local)$/iu;

/** Email syntax: a local part and a domain with a letter top-level domain; no consecutive or edge dots. */
export function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at !== value.indexOf('@')) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (local.length > 64 || domain.length > 253) return false;
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/u.test(local) || /^\.|\.$|\.\./u.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every(label => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u.test(label))) return false;
  return /^[a-z]{2,24}$/u.test(labels[labels.length - 1]!);
}

/** Whether an email address is at a domain reserved for examples and tests (`example.com`, `.test`, …). */
export function isReservedEmail(value: string): boolean {
  const domain = value.slice(value.lastIndexOf('@') + 1);
  return reservedDomains.test(domain);
}

/** E.164: `+`, a country code that does not start with 0, and 8 to 15 digits in all. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{7,14}$/u.test(value) && !/^\+(\d)\1+$/u.test(value);
}

/**
 * A formatted national or international phone number: 8 to 15 digits, not a run of one digit, not a NANP number
 * in the 555-0100 to 555-0199 range reserved for fiction, and not something that reads as a date or a version.
 */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/gu, '');
  if (digits.length < 8 || digits.length > 15) return false;
  if (/^(\d)\1+$/u.test(digits)) return false;
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value.trim())) return false;
  const nanp = /^(?:\+?1[ .-]?)?\(?([2-9]\d{2})\)?[ .-]?(555)[ .-]?01\d{2}$/u.exec(value.trim());
  if (nanp) return false;
  return true;
}

/** A public IPv4 address: four octets up to 255, without loopback, private, link-local, documentation or multicast. */
export function isPublicIpv4(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(value);
  if (!match) return false;
  const octets = match.slice(1).map(Number);
  if (octets.some(octet => octet > 255) || match.slice(1).some(part => part.length > 1 && part.startsWith('0')))
    return false;
  const [a, b, c] = octets as [number, number, number, number];
  // `1.2.3.4` is a version far more often than an address, and `8.8.8.8`-style resolvers are no one's address.
  if (octets.every(octet => octet < 10)) return false;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  // Documentation ranges (RFC 5737) and benchmarking (RFC 2544).
  if (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  ) {
    return false;
  }
  if (a === 198 && (b === 18 || b === 19)) return false;
  return true;
}

/** A global IPv6 address, full or compressed, without loopback, link-local, unique-local or documentation ranges. */
export function isGlobalIpv6(value: string): boolean {
  const lower = value.toLowerCase();
  if (!/^[0-9a-f:]+$/u.test(lower) || !lower.includes(':')) return false;
  const double = lower.split('::');
  if (double.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(double[0]!);
  const tail = double.length === 2 ? groups(double[1]!) : [];
  const count = head.length + tail.length;
  if (double.length === 1 ? count !== 8 : count > 7) return false;
  if (![...head, ...tail].every(group => /^[0-9a-f]{1,4}$/u.test(group))) return false;
  const first = parseInt(head[0] ?? '0', 16);
  if (count === 0 || lower === '::1') return false;
  if ((first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00) return false;
  if (head[0] === '2001' && head[1] === 'db8') return false;
  // A global unicast address starts with 2000::/3.
  return (first & 0xe000) === 0x2000;
}

/** A US social security number, without the areas, groups and serials the SSA never issues, or known examples. */
export function isUsSsn(value: string): boolean {
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/u.exec(value);
  if (!match) return false;
  const [area, group, serial] = [match[1]!, match[2]!, match[3]!];
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  // Numbers printed on sample cards and in advertising.
  if (['078051120', '219099999', '123456789'].includes(area + group + serial)) return false;
  return true;
}

/** A UK national insurance number, with the prefixes HMRC never allocates excluded. */
export function isUkNino(value: string): boolean {
  const nino = value.replace(/\s/gu, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/u.test(nino)) return false;
  return !['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(nino.slice(0, 2));
}

/** An ISO date a living person could be born on: between 1900 and today. */
export function isPlausibleBirthDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match[3])) return false;
  return Number(match[1]) >= 1900 && date.getTime() < Date.now();
}

/** A latitude, longitude pair in range, precise to at least four decimals, and not the 0,0 of missing data. */
export function isCoordinates(value: string): boolean {
  const match = /^(-?\d{1,2}\.\d{4,}),\s*(-?\d{1,3}\.\d{4,})$/u.exec(value.trim());
  if (!match) return false;
  const lat = Number(match[1]);
  const lng = Number(match[2]);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
}

/** A MAC address that is not all zeros or broadcast. */
export function isMacAddress(value: string): boolean {
  const hex = value.replace(/[:-]/gu, '').toLowerCase();
  return /^[0-9a-f]{12}$/u.test(hex) && hex !== '000000000000' && hex !== 'ffffffffffff';
}
