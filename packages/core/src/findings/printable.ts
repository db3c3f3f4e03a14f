import { defaultKnowledge } from '../knowledge/index.js';
import { createValueMatcher, type ValueMatcher } from '../values/match.js';

/**
 * Characters that do something other than show themselves when printed: C0 controls (ESC starts the sequences that
 * recolour, retitle the window or write the clipboard; CR and LF forge lines such as `✔ no problems`), DEL, C1
 * controls (U+009B is a one-byte CSI), bidirectional overrides and isolates (they reorder what is shown), zero-width
 * characters, and the line and paragraph separators U+2028/U+2029.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what gets escaped.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as an escape that reads as text: `\n`, `\x1b`, `\u202e`. */
function escapeChar(char: string): string {
  const known = named[char];
  if (known) return known;
  const code = char.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text that came from the scanned repository (file names, cookie names, hosts, option names, code), made safe to
 * print on one line: every control and reordering character becomes a visible escape. Reports, stderr and ESLint
 * messages go through this, so replaying a report in a terminal shows what it says and nothing else.
 */
export function printable(text: string): string {
  unprintable.lastIndex = 0;
  return unprintable.test(text) ? text.replace(unprintable, escapeChar) : text;
}

/** Whether a text holds a character `printable` would escape. */
export function hasUnprintable(text: string): boolean {
  unprintable.lastIndex = 0;
  return unprintable.test(text);
}

/** Unprintable characters that JSON.stringify leaves raw (it escapes C0 only): C1, bidi, zero-width, separators. */
const rawInJson = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * JSON text with every unprintable character written as a `\uXXXX` escape: the same data, but `cat report.json` in a
 * terminal shows it instead of obeying it. Valid because such characters can only be inside strings.
 */
export function escapeJsonText(json: string): string {
  return json.replace(rawInJson, char => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

let matcher: ValueMatcher | undefined;

/** Splits code into the pieces a literal value can be: words between operators and quotes. */
const separators = /[\s'"`(),;=&?#<>{}[\]|\\^!~*]+/u;
/** The contents of quoted strings, whole: a phone number with spaces is one value. */
const quoted = /'([^'\n]{6,254})'|"([^"\n]{6,254})"|`([^`\n]{6,254})`/gu;
/** Email addresses glued to other text (`jane@example.com_${id}`): found inside the pieces, then validated. */
const emails = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/gu;
/** A value longer than this in a message is code, not a value: it is shortened before being looked at. */
const maxValueLength = 2000;

/**
 * Literal personal data masked wherever it sits in a message: a validated email, phone, card or account number
 * inside a computed cookie name or any other code a message quotes (`'pref_' + 'jane@example.com'` shows
 * `j•••@e•••.com`). Reports never echo personal data found in code.
 */
export function maskLiterals(text: string): string {
  matcher ??= createValueMatcher(defaultKnowledge);
  const value = text.length > maxValueLength ? `${text.slice(0, maxValueLength)}…` : text;
  let out = value;
  const pieces = new Set(value.split(separators));
  for (const found of value.matchAll(quoted)) pieces.add(found[1] ?? found[2] ?? found[3] ?? '');
  for (const found of value.matchAll(emails)) pieces.add(found[0]);
  for (const piece of [...pieces].sort((a, b) => b.length - a.length)) {
    if (piece.length < 6) continue;
    const match = matcher.match(piece);
    if (match) out = out.split(piece).join(match.masked);
  }
  return out;
}

/** A value placed in a message: personal data masked, then made printable. */
export function messageValue(text: string): string {
  return printable(maskLiterals(text));
}

/** Every value of a message's data, as `messageValue` makes it: for ESLint, which fills the template itself. */
export function messageData(data: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) out[key] = messageValue(value);
  return out;
}

/**
 * Text from the scan as Markdown that shows it and does nothing else. Control characters, CR and LF become visible
 * escapes (a CR splits a table row), code spans stay code spans (a span holds no backtick, so it cannot be left),
 * and elsewhere every character that could start markup is escaped: `![](https://…)` must not load a remote image,
 * `<img>` must not be HTML, `[x](…)` must not be a link, and a leading `#` or `-` must not make a heading or a list.
 */
export function escapeMarkdown(text: string, place: 'inline' | 'block' | 'cell' = 'inline'): string {
  const parts = printable(text).split(/(`[^`]*`)/u);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return place === 'cell' ? part.replace(/\|/gu, '\\|') : part;
      // An underscore inside a word (`date_of_birth`) cannot start emphasis in GFM: left as it is, for readability.
      const escaped = part
        .replace(/[\\`*[\]<>|~!]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, char => `\\${char}`)
        .replace(/&/gu, '&amp;');
      // Only a paragraph's start can open a heading, a quote or a list.
      return index === 0 && place === 'block'
        ? escaped.replace(/^(\s*)(?:([#>+=-])|(\d+)([.)]))/u, '$1$3\\$2$4')
        : escaped;
    })
    .join('');
}

/** Text from the scan as a Markdown code span, whatever backticks it holds (the fence is one longer than any run). */
export function markdownCode(text: string): string {
  const shown = printable(text);
  const longest = Math.max(0, ...[...shown.matchAll(/`+/gu)].map(match => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
