import type TS from 'typescript';
import { ApiMatcher, selectPayload } from '../api.js';
import type { AnalysisEnvironment } from '../environment.js';
import { calleeText } from '../trace.js';
import { reportDataFlow, type FamilyContext, type SinkFamily } from './family.js';
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
  ): void => {
    const trace = ctx.tracer.trace(expression);
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

  return {
    id: 'storage',
    onCall(node, ctx) {
      if (!ts.isCallExpression(node)) return;
      for (const match of matcher.match(node, ctx.origins)) {
        const sinkText = calleeText(ts, node.expression, ctx.sourceFile);
        for (const { expression } of selectPayload(ts, node.arguments, match.shape.payload)) {
          check(ctx, expression, match.shape.id, sinkText, match.basis);
        }
        return;
      }
    },
    onAssignment(node, ctx) {
      const target = node.left;
      if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return;
      const [match] = matcher.instanceOf(target.expression, ctx.origins, shape => shape.propertyWrites);
      if (!match) return;
      const sinkText = calleeText(ts, target.expression, ctx.sourceFile);
      // The key of `localStorage[key] = value` is stored as well.
      if (ts.isElementAccessExpression(target) && !ts.isStringLiteralLike(target.argumentExpression)) {
        check(ctx, target.argumentExpression, match.shape.id, sinkText, match.basis);
      }
      check(ctx, node.right, match.shape.id, sinkText, match.basis);
    },
  };
}
