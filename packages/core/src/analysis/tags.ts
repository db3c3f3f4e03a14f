import type TS from 'typescript';

/** A `@pii` tag as written: the category words after it, or `none`. */
export interface PiiTag {
  /** Category ids or fideslang keys as written, lower-cased; empty with `none`. */
  readonly categories: readonly string[];
  readonly none: boolean;
  /** Offset of the `@pii` in the file, for the evidence position. */
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
      if (!comment.includes('@pii')) continue;
      tagPattern.lastIndex = 0;
      const match = tagPattern.exec(comment);
      if (!match) continue;
      const words = (match[1] ?? '')
        .replace(/[{}]/gu, ' ')
        .split(/[\s,]+/u)
        .map(word => word.trim().toLowerCase())
        .filter(word => word !== '' && word !== '-' && word !== '/');
      // `@pii` alone is a tag without categories: the caller reports it as incomplete.
      const firstLine = words.length > 0 ? words : [];
      const none = firstLine.length === 1 && firstLine[0] === 'none';
      return { categories: none ? [] : firstLine, none, pos: range.pos + match.index };
    }
  }
  return undefined;
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
