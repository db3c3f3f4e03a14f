/** A sentence of a policy, where it is and under which heading. */
export interface PolicySentence {
  readonly text: string;
  /** 1-based line of the sentence's start in the policy file. */
  readonly line: number;
  /** The nearest heading above it, if any. */
  readonly heading: string | undefined;
}

export type PolicyFormat = 'markdown' | 'html' | 'text';

/** A policy that cannot be read as text: binary data, or an unsupported encoding. */
export class PolicyReadError extends Error {
  override readonly name = 'PolicyReadError';
}

/** Policies larger than this are refused: a policy is pages, not megabytes. */
export const maxPolicyBytes = 5 * 1024 * 1024;

/** Decodes policy bytes: UTF-8 (with or without a BOM) or UTF-16 with a BOM; NUL bytes elsewhere mean binary. */
export function decodePolicy(bytes: Uint8Array): string {
  if (bytes.length > maxPolicyBytes)
    throw new PolicyReadError(`is ${bytes.length} bytes; a policy may be at most ${maxPolicyBytes}`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new PolicyReadError('is a binary file, not a policy in Markdown, HTML or text');
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '');
}

/** The format from the file name, else from the content. */
export function detectFormat(fileName: string, text: string): PolicyFormat {
  const lower = fileName.toLowerCase();
  if (/\.(?:md|markdown|mdx)$/u.test(lower)) return 'markdown';
  if (/\.(?:html?|xhtml)$/u.test(lower)) return 'html';
  // `[ \t]*`, not `\s*`: with the `m` flag, `\s*` would run over every following line from every line start.
  if (/\.txt$/u.test(lower)) return /^[ \t]*#{1,6} /mu.test(text) ? 'markdown' : 'text';
  if (/<(?:html|body|p|div|h[1-6])[\s>]/iu.test(text)) return 'html';
  return /^[ \t]*#{1,6} /mu.test(text) ? 'markdown' : 'text';
}

const breakMark = '\u2029';
/**
 * A sentence longer than this is cut: real ones are a few hundred characters, and every later step looks at a
 * sentence as a whole, so the cut keeps reading a crafted policy (one 1 MB "sentence") linear in its size.
 */
const maxSentenceLength = 1000;
/**
 * Markup spans are looked for within this many characters: `![` followed by a megabyte without `]` is not an image,
 * and unbounded patterns would rescan the rest of the line from every `![`.
 */
const span = 256;
const headingStart = '\u0001';
const headingEnd = '\u0002';

/**
 * Reads a policy into sentences with their line numbers and headings. Markdown headings and HTML `<h1>`–`<h6>`
 * become the heading context; list items, table cells and block elements end sentences; markup is dropped and
 * entities decoded, keeping line numbers of the source.
 */
export function readPolicy(text: string, format: PolicyFormat): PolicySentence[] {
  const prepared =
    format === 'html' ? prepareHtml(text) : format === 'markdown' ? prepareMarkdown(text) : prepareText(text);
  return sentences(prepared);
}

function prepareText(text: string): string {
  // Blank lines end paragraphs; a line that is all caps or ends without punctuation and is short reads as a heading.
  return text
    .split('\n')
    .map(line => {
      const trimmed = line.trim();
      if (trimmed === '') return breakMark;
      if (trimmed.length < 80 && /^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^.!?]*$/u.test(trimmed) && !/[,;]$/u.test(trimmed)) {
        return `${breakMark}${headingStart}${trimmed}${headingEnd}${breakMark}`;
      }
      return /^\s*(?:[-*•·]|\(?[a-z0-9]{1,3}[.)])\s+/iu.test(line) ? `${breakMark}${line}` : line;
    })
    .join('\n');
}

function prepareMarkdown(text: string): string {
  // Front matter keeps its lines (blank), so line numbers stay those of the file.
  let body = text.replace(/^---\n[\s\S]*?\n---\n/u, match => '\n'.repeat(match.split('\n').length - 1));
  body = body.replace(/```[\s\S]*?```/gu, match => '\n'.repeat(match.split('\n').length - 1));
  return body
    .split('\n')
    .map(line => {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/u.exec(line);
      if (heading) return `${breakMark}${headingStart}${inlineMarkdown(heading[1]!)}${headingEnd}${breakMark}`;
      if (/^\s*$/u.test(line)) return breakMark;
      if (/^\s*\|?\s*:?-{3,}/u.test(line)) return breakMark;
      let content = line;
      const item = /^\s*(?:[-*+]|\d+[.)])\s+/u.exec(content);
      if (item) content = `${breakMark}${content.slice(item[0].length)}`;
      if (content.includes('|')) content = content.split('|').join(breakMark);
      return inlineMarkdown(content.replace(/^\s*>\s?/u, ''));
    })
    .join('\n');
}

const markdownImage = new RegExp(`!\\[([^\\]]{0,${span}})\\]\\([^)]{0,${span}}\\)`, 'gu');
const markdownLink = new RegExp(`\\[([^\\]]{0,${span}})\\]\\([^)]{0,${span}}\\)`, 'gu');
const inlineTag = new RegExp(`<[^>]{1,${span}}>`, 'gu');
const emphasis = new RegExp(`(\\*\\*|__|\\*|_|\`|~~)(?=\\S)([^*_\`~]{0,${span}}?\\S)\\1`, 'gu');

function inlineMarkdown(text: string): string {
  return text.replace(markdownImage, '$1').replace(markdownLink, '$1').replace(inlineTag, ' ').replace(emphasis, '$2');
}

const blockTags =
  /^(?:p|div|li|ul|ol|dl|dt|dd|br|hr|tr|td|th|table|thead|tbody|section|article|header|footer|main|aside|nav|blockquote|pre|figure|figcaption|address|details|summary|form|fieldset|h[1-6])$/iu;

function prepareHtml(text: string): string {
  // Whole elements whose content is not text; their newlines are kept so later lines keep their numbers.
  const keepLines = (match: string): string => '\n'.repeat(match.split('\n').length - 1);
  const body = dropElements(text, keepLines);
  let out = '';
  let last = 0;
  // One pass over the tags, with `indexOf` for each tag's end: a regular expression would rescan the rest of the text
  // from every `<` that is never closed (`<p<p<p…`), which is quadratic.
  let nextClose = -1;
  for (let index = body.indexOf('<'); index !== -1; index = body.indexOf('<', index + 1)) {
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/u.exec(body.slice(index, index + 64));
    if (!tag) continue;
    if (nextClose < index) nextClose = body.indexOf('>', index);
    if (nextClose === -1) break;
    const match = body.slice(index, nextClose + 1);
    const lines = keepLines(match);
    const closing = tag[1] === '/';
    const name = tag[2]!;
    out += body.slice(last, index);
    if (/^h[1-6]$/iu.test(name))
      out += `${lines}${closing ? `${headingEnd}${breakMark}` : `${breakMark}${headingStart}`}`;
    else out += blockTags.test(name) ? `${lines}${breakMark}` : `${lines} `;
    last = nextClose + 1;
    index = nextClose;
  }
  out += body.slice(last);
  return decodeEntities(out);
}

/** Comments, and the elements whose content is not text (`<script>`, `<style>`, …), found with `indexOf`. */
function dropElements(text: string, keepLines: (match: string) => string): string {
  let out = '';
  let last = 0;
  const opening = /<!--|<(script|style|noscript|template|svg|head)\b/giu;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const found = match[0] === '<!--' ? text.indexOf('-->', match.index + 4) : closingTag(text, match[1]!, match.index);
    const end = found === -1 || match[0] !== '<!--' ? found : found + 3;
    // Never closed: as before, the text is left as it is (there is no later end to find either).
    if (end === -1) break;
    out += text.slice(last, match.index) + keepLines(text.slice(match.index, end));
    last = end;
    opening.lastIndex = end;
  }
  return out + text.slice(last);
}

/** Where `</name …>` ends after `from`, or -1. */
function closingTag(text: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}\\s*>`, 'giu');
  closing.lastIndex = from;
  const match = closing.exec(text);
  return match ? match.index + match[0].length : -1;
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (match, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return namedEntities[entity.toLowerCase()] ?? match;
  });
}

/** Abbreviations whose period does not end a sentence. */
const abbreviation =
  /(?:\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|llc|gmbh|no|vs|mr|mrs|ms|dr|st|art|sec|para|cf|approx|incl)|\b[A-Z])\.$/iu;

function sentences(prepared: string): PolicySentence[] {
  const out: PolicySentence[] = [];
  let heading: string | undefined;
  let line = 1;
  let buffer = '';
  let bufferLine = 1;
  // Whether the buffer holds more than white space: kept as a flag, since trimming the buffer at every character
  // made a long sentence quadratic.
  let started = false;
  const flush = (): void => {
    const text = buffer.replace(/\s+/gu, ' ').trim();
    if (text.length > 1 && /[\p{L}\p{N}]/u.test(text)) out.push({ text, line: bufferLine, heading });
    buffer = '';
    started = false;
  };
  let inHeading = false;
  let headingText = '';
  for (let index = 0; index < prepared.length; index++) {
    const char = prepared[index]!;
    if (char === '\n') line++;
    if (char === headingStart) {
      flush();
      inHeading = true;
      headingText = '';
      continue;
    }
    if (char === headingEnd) {
      inHeading = false;
      const text = headingText.replace(/\s+/gu, ' ').trim();
      if (text !== '') heading = text.length > maxSentenceLength ? text.slice(0, maxSentenceLength) : text;
      continue;
    }
    if (inHeading) {
      if (headingText.length <= maxSentenceLength) headingText += char;
      continue;
    }
    if (char === breakMark) {
      flush();
      continue;
    }
    if (!started && !/\s/u.test(char)) {
      started = true;
      bufferLine = line;
    }
    buffer += char;
    if (buffer.length >= maxSentenceLength) {
      flush();
      continue;
    }
    // A sentence ends at . ! ? or their full-width forms, followed by a space, unless an abbreviation.
    if (/[.!?。！？；]/u.test(char)) {
      const nextChar = prepared[index + 1] ?? ' ';
      // The abbreviation test looks at the end of the buffer only: `e.g.`, `Inc.`, an initial.
      if (
        (/\s|\u2029/u.test(nextChar) || /[。！？；]/u.test(char)) &&
        !(char === '.' && abbreviation.test(buffer.slice(-24).trimEnd()))
      )
        flush();
    }
  }
  flush();
  return out;
}
