import type TS from 'typescript';

/** A `@pii` tag as written: the category words after it, or `none`. */
export interface PiiTag {
  /** Category ids or fideslang keys as written, lower-cased; empty with `none`. */
  readonly categories: readonly string[];
  readonly none: boolean;
  /** Offset of the `@pii` in the file (in the comment, from `parsePiiTag`), for the evidence position. */
  readonly pos: number;
}

const tagPattern = /@pii(?:[ \t]+([^\r\n@*]*))?/gu;

/**
 * Reads `@pii` tags from the comments before a declaration: `/** @pii email *\/`, `@pii email, phone`,
 * `@pii {email}`, `@pii none`. Comment text is read directly rather than through `ts.getJSDocTags` because
 * typescript-eslint parses untyped files without JSDoc (`jsDocParsingMode: none`), and the two front ends must agree.
 */
export function readPiiTag(ts: typeof TS, node: TS.Node, sourceFile: TS.SourceFile): PiiTag | undefined {
  const text = sourceFile.text;
  for (const target of tagTargets(ts, node)) {
    const start = target.getStart(sourceFile);
    // A comment on the same line as the previous token (`{ /** @pii email *\/ notes: string }`) is, to TypeScript,
    // that token's trailing comment; for a reader it is this declaration's when nothing but spaces separate them.
    const before = (ts.getTrailingCommentRanges(text, target.pos) ?? []).filter(
      range => !/[\r\n]/u.test(text.slice(range.end, start)),
    );
    // `contact: string; // @pii email`: a comment after the declaration, on its line, after its `;` or `,`.
    let end = target.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    if (text[end] === ',' || text[end] === ';') end++;
    const after = ts.getTrailingCommentRanges(text, end) ?? [];
    const ranges = [...after, ...before, ...(ts.getLeadingCommentRanges(text, target.pos) ?? [])];
    // The nearest comment wins: a tag right above the declaration beats one further up.
    for (let index = ranges.length - 1; index >= 0; index--) {
      const range = ranges[index]!;
      const comment = text.slice(range.pos, range.end);
      const tag = parsePiiTag(comment);
      if (tag) return { ...tag, pos: range.pos + tag.pos };
    }
  }
  return undefined;
}

/**
 * The first `@pii` tag in a comment's text (`/// @pii email` in a Prisma schema reads the same), with `pos` its offset
 * in that text. `@pii` alone is a tag without categories: the caller reports it as incomplete.
 */
export function parsePiiTag(comment: string): PiiTag | undefined {
  if (!comment.includes('@pii')) return undefined;
  tagPattern.lastIndex = 0;
  const match = tagPattern.exec(comment);
  if (!match) return undefined;
  const words = (match[1] ?? '')
    .replace(/[{}]/gu, ' ')
    .split(/[\s,]+/u)
    .map(word => word.trim().toLowerCase())
    .filter(word => word !== '' && word !== '-' && word !== '/');
  const none = words.length === 1 && words[0] === 'none';
  return { categories: none ? [] : words, none, pos: match.index };
}

/** Where a declaration's comments sit: a variable's comment is on its statement, a property's on itself. */
function tagTargets(ts: typeof TS, node: TS.Node): TS.Node[] {
  if (ts.isVariableDeclaration(node)) {
    const list = node.parent;
    if (ts.isVariableDeclarationList(list) && list.declarations[0] === node && ts.isVariableStatement(list.parent)) {
      return [list.parent, node];
    }
  }
  return [node];
}
