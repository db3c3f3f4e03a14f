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
  if (/\.txt$/u.test(lower)) return /^\s*#{1,6} /mu.test(text) ? 'markdown' : 'text';
  if (/<(?:html|body|p|div|h[1-6])[\s>]/iu.test(text)) return 'html';
  return /^\s*#{1,6} /mu.test(text) ? 'markdown' : 'text';
}

const breakMark = '\u2029';
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

function inlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/(\*\*|__|\*|_|`|~~)(?=\S)([^*_`~]*?\S)\1/gu, '$2');
}

const blockTags =
  /^(?:p|div|li|ul|ol|dl|dt|dd|br|hr|tr|td|th|table|thead|tbody|section|article|header|footer|main|aside|nav|blockquote|pre|figure|figcaption|address|details|summary|form|fieldset|h[1-6])$/iu;

function prepareHtml(text: string): string {
  // Whole elements whose content is not text; their newlines are kept so later lines keep their numbers.
  const keepLines = (match: string): string => '\n'.repeat(match.split('\n').length - 1);
  let body = text
    .replace(/<!--[\s\S]*?-->/gu, keepLines)
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/giu, keepLines);
  body = body.replace(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/gu, (match, closing: string, tag: string) => {
    const lines = keepLines(match);
    if (/^h[1-6]$/iu.test(tag))
      return `${lines}${closing ? `${headingEnd}${breakMark}` : `${breakMark}${headingStart}`}`;
    return blockTags.test(tag) ? `${lines}${breakMark}` : `${lines} `;
  });
  return decodeEntities(body);
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
  const flush = (): void => {
    const text = buffer.replace(/\s+/gu, ' ').trim();
    if (text.length > 1 && /[\p{L}\p{N}]/u.test(text)) out.push({ text, line: bufferLine, heading });
    buffer = '';
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
      if (text !== '') heading = text;
      continue;
    }
    if (inHeading) {
      headingText += char;
      continue;
    }
    if (char === breakMark) {
      flush();
      continue;
    }
    if (buffer.trim() === '') bufferLine = line;
    buffer += char;
    // A sentence ends at . ! ? or their full-width forms, followed by a space, unless an abbreviation.
    if (/[.!?。！？；]/u.test(char)) {
      const nextChar = prepared[index + 1] ?? ' ';
      if (
        (/\s|\u2029/u.test(nextChar) || /[。！？；]/u.test(char)) &&
        !(char === '.' && abbreviation.test(buffer.trimEnd()))
      )
        flush();
    }
  }
  flush();
  return out;
}
