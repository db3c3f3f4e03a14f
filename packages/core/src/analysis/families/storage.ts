import type TS from 'typescript';
import { ApiMatcher, selectPayload, skipOuter } from '../api.js';
import type { AnalysisEnvironment } from '../environment.js';
import { calleeText, type DataItem } from '../trace.js';
import { namedByWord, reportDataFlow, type FamilyContext, type SinkFamily } from './family.js';
import { sanitizerSuggestions } from '../suggestions.js';

/**
 * Browser storage (`rules/storage.yml`): `localStorage.setItem(key, value)`, `localStorage.key = value`, IndexedDB
 * puts, localForage and friends. Both the key and the value are checked: `setItem(\`draft:${email}\`, …)` stores the
 * email too.
 */
export function createStorageFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const shapes = env.knowledge.data.storage.storage;
  const matcher = new ApiMatcher(ts, shapes);

  const check = (
    ctx: FamilyContext,
    expression: TS.Expression,
    api: string,
    sinkText: string,
    basis: 'origin' | 'type' | 'name' | 'manifest',
    key?: TS.Expression,
  ): void => {
    const traced = ctx.tracer.trace(expression);
    // The key speaks for a value that says nothing itself (`setItem('ssn', v)`); a value that is already personal
    // data, or sanitized, keeps its own evidence.
    const keyItem =
      key && traced.items.length === 0 && traced.sanitized.length === 0 ? keyEvidence(ctx, key, expression) : undefined;
    const trace = keyItem ? { ...traced, items: [...traced.items, keyItem] } : traced;
    const suggestions = sanitizerSuggestions(ctx, expression, trace.items);
    reportDataFlow(ctx, {
      ruleId: 'no-pii-in-client-storage',
      messageId: 'personalDataInStorage',
      node: expression,
      sink: { kind: 'storage', api, text: sinkText, basis },
      trace,
      suggestions,
    });
  };

  /**
   * `sessionStorage.setItem('ssn', v)` stores a social security number whatever `v` is called: a literal key that
   * reads as personal data is evidence about the value stored under it. A literal value (`setItem('email', '')`) is
   * nobody's.
   */
  const keyEvidence = (ctx: FamilyContext, key: TS.Expression, value: TS.Expression): DataItem | undefined => {
    const literal = skipOuter(ts, key);
    if (!ts.isStringLiteralLike(literal)) return undefined;
    return namedByWord(
      ctx,
      literal.text,
      value,
      category => `stored under the key \`${literal.text}\`, which reads as ${category}`,
    );
  };

  /** Shapes reached through a call that returns an instance: `tx.objectStore('users').put(…)`. */
  const returnedMethods = new Set(shapes.flatMap(shape => (shape.returnedBy?.length ? shape.methods : [])));
  const returnedShape = (node: TS.CallExpression, ctx: FamilyContext): (typeof shapes)[number] | undefined => {
    const callee = skipOuter(ts, node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    // Most calls are of methods no such shape has: nothing to look up then.
    if (!returnedMethods.has(method)) return undefined;
    let receiver = skipOuter(ts, callee.expression);
    if (ts.isIdentifier(receiver)) receiver = constInitializer(ts, receiver) ?? resolvedBy(ts, receiver) ?? receiver;
    if (!ts.isCallExpression(receiver)) return undefined;
    const inner = skipOuter(ts, receiver.expression);
    if (!ts.isPropertyAccessExpression(inner)) return undefined;
    const dotted = calleeText(ts, inner, ctx.sourceFile).replace(/\s+/gu, '');
    const returns = (entry: string): boolean =>
      entry.includes('.') ? dotted === entry || dotted.endsWith(`.${entry}`) : inner.name.text === entry;
    return shapes.find(shape => shape.methods.includes(method) && (shape.returnedBy ?? []).some(returns));
  };

  const checkCall = (
    ctx: FamilyContext,
    node: TS.CallExpression,
    shape: (typeof shapes)[number],
    basis: 'origin' | 'type' | 'name' | 'manifest',
  ): void => {
    const sinkText = calleeText(ts, node.expression, ctx.sourceFile);
    const key = shape.keyArg === undefined ? undefined : node.arguments[shape.keyArg];
    for (const { expression } of selectPayload(ts, node.arguments, shape.payload)) {
      check(ctx, expression, shape.id, sinkText, basis, expression === key ? undefined : key);
    }
  };

  return {
    id: 'storage',
    onCall(node, ctx) {
      if (!ts.isCallExpression(node)) return;
      for (const match of matcher.match(node, ctx.origins)) {
        checkCall(ctx, node, match.shape, match.basis);
        return;
      }
      const returned = returnedShape(node, ctx);
      if (returned) checkCall(ctx, node, returned, 'name');
    },
    onAssignment(node, ctx) {
      const target = node.left;
      if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
      const [match] = matcher.instanceOf(target.expression, ctx.origins, shape => shape.propertyWrites);
      if (!match) return;
      const sinkText = calleeText(ts, target.expression, ctx.sourceFile);
      // The key of `localStorage[key] = value` is stored as well; a literal key (`localStorage.ssn = v`,
      // `localStorage['ssn'] = v`) says what the value is.
      if (ts.isElementAccessExpression(target) && !ts.isStringLiteralLike(target.argumentExpression)) {
        check(ctx, target.argumentExpression, match.shape.id, sinkText, match.basis);
      }
      const key = ts.isPropertyAccessExpression(target)
        ? ts.factory.createStringLiteral(target.name.text)
        : target.argumentExpression;
      check(ctx, node.right, match.shape.id, sinkText, match.basis, key);
    },
  };
}

/** The initializer of a `const` the identifier names in the same file, if any. */
function constInitializer(ts: typeof TS, identifier: TS.Identifier): TS.Expression | undefined {
  const sourceFile = identifier.getSourceFile();
  let found: TS.Expression | undefined;
  for (let scope: TS.Node | undefined = identifier.parent; scope && !found; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === identifier.text && decl.initializer) {
          found = skipOuter(ts, decl.initializer);
        }
      }
    }
  }
  return sourceFile === undefined ? undefined : found;
}

/** `open().then(cache => cache.put(…))`: the call whose result a `.then` callback's first parameter is. */
function resolvedBy(ts: typeof TS, identifier: TS.Identifier): TS.Expression | undefined {
  for (let node: TS.Node | undefined = identifier.parent; node; node = node.parent) {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) continue;
    const [first] = node.parameters;
    if (!first || !ts.isIdentifier(first.name) || first.name.text !== identifier.text) continue;
    const call = node.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== node) return undefined;
    const callee = skipOuter(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'then') return undefined;
    return skipOuter(ts, callee.expression);
  }
  return undefined;
}
