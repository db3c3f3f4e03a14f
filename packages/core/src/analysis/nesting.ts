import type TS from 'typescript';

/**
 * How deep a syntax tree may nest before privlint refuses to analyse it. TypeScript's binder and checker recurse
 * once per level and overflow the stack between 1,500 and 2,500 levels (a member chain `o.a.a…` of 2,500 links, 1,500
 * nested blocks), and an overflow while the checker is being created fails every file of the program, not just the
 * deep one. Real code is far from this: the deepest file of four real applications (7,000 files) nests 99 levels.
 */
export const maxNesting = 1000;

/**
 * Chains of binary operators (`a + a + …`) are walked iteratively by TypeScript, but resolving each name walks all
 * its ancestors, so checking a chain costs its length squared (100,000 terms ran for minutes). They count towards
 * this bound, which keeps that cost to a second.
 */
export const maxChainDepth = 5000;

/**
 * Why a parsed file is too deep to analyse, or undefined when it is not. One iterative walk over the tree: a file that
 * nests thousands of levels is measured without recursion.
 */
export function nestingProblem(ts: typeof TS, sourceFile: TS.SourceFile): string | undefined {
  const stack: { node: TS.Node; depth: number; nesting: number }[] = [{ node: sourceFile, depth: 0, nesting: 0 }];
  while (stack.length > 0) {
    const { node, depth, nesting } = stack.pop()!;
    if (nesting > maxNesting) {
      return `its code nests more than ${maxNesting} levels deep (${lineOf(sourceFile, node)}), deeper than TypeScript can check`;
    }
    if (depth > maxChainDepth) {
      return `its code nests more than ${maxChainDepth} levels deep (${lineOf(sourceFile, node)}), too deep to check in reasonable time`;
    }
    const chained = ts.isBinaryExpression(node);
    ts.forEachChild(node, child => {
      // An operand that is itself a binary expression continues the chain: TypeScript walks those without recursion.
      const continues = chained && ts.isBinaryExpression(child);
      stack.push({ node: child, depth: depth + 1, nesting: continues ? nesting : nesting + 1 });
    });
  }
  return undefined;
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): string {
  return `line ${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`;
}
