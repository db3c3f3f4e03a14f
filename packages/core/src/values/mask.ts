/**
 * Masks a literal value for reports: enough stays to recognise the shape and find it in the code, never enough to
 * read the value. Reports never echo personal data found in code.
 */
export function maskValue(value: string, category: string): string {
  const dot = '•';
  switch (category) {
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at < 0) return dot.repeat(Math.min(value.length, 8));
      const domain = value.slice(at + 1);
      const tld = domain.lastIndexOf('.');
      return `${value[0] ?? ''}${dot.repeat(3)}@${domain[0] ?? ''}${dot.repeat(3)}${tld >= 0 ? domain.slice(tld) : ''}`;
    }
    case 'payment-card':
    case 'bank-account':
    case 'phone':
    case 'government-id': {
      // Keep the last two characters and the separators, as receipts do with cards.
      const keep = category === 'payment-card' ? 4 : 2;
      const characters = [...value];
      const alnum = characters.filter(char => /[A-Za-z0-9]/u.test(char)).length;
      let seen = 0;
      return characters
        .map(char => {
          if (!/[A-Za-z0-9]/u.test(char)) return char;
          seen++;
          return seen > alnum - keep && alnum > keep * 2 ? char : dot;
        })
        .join('');
    }
    case 'ip-address':
      return value.includes(':')
        ? `${value.split(':')[0] ?? ''}:${dot.repeat(4)}`
        : `${value.split('.')[0] ?? ''}.${dot}.${dot}.${dot}`;
    default:
      return `${value.slice(0, 1)}${dot.repeat(Math.min(Math.max(value.length - 1, 3), 8))}`;
  }
}
