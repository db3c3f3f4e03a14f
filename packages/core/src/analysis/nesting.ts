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
  // Three parallel stacks and one callback for the whole walk: it runs over every node of every file at load time.
  const nodes: TS.Node[] = [sourceFile];
  const depths: number[] = [0];
  const nestings: number[] = [0];
  let parentDepth = 0;
  let parentNesting = 0;
  let parentChained = false;
  const push = (child: TS.Node): void => {
    nodes.push(child);
    depths.push(parentDepth + 1);
    // An operand that is itself a binary expression continues the chain: TypeScript walks those without recursion.
    nestings.push(parentChained && ts.isBinaryExpression(child) ? parentNesting : parentNesting + 1);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    const nesting = nestings.pop()!;
    if (nesting > maxNesting) {
      return `its code nests more than ${maxNesting} levels deep (${lineOf(sourceFile, node)}), deeper than TypeScript can check`;
    }
    if (depth > maxChainDepth) {
      return `its code nests more than ${maxChainDepth} levels deep (${lineOf(sourceFile, node)}), too deep to check in reasonable time`;
    }
    parentDepth = depth;
    parentNesting = nesting;
    parentChained = ts.isBinaryExpression(node);
    ts.forEachChild(node, push);
  }
  return undefined;
}

function lineOf(sourceFile: TS.SourceFile, node: TS.Node): string {
  return `line ${sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1}`;
}
