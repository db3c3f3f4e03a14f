import type TS from 'typescript';
import { ApiMatcher, selectPayload } from '../api.js';
import type { AnalysisEnvironment } from '../environment.js';
import { calleeText } from '../trace.js';
import { reportDataFlow, type FamilyContext, type SinkFamily } from './family.js';

/**
 * URLs (`rules/urls.yml`): the arguments of `fetch`, axios, routers, `location.assign` and the like that become a
 * URL, and assignments to `location.href`. Query strings built with `URLSearchParams` are followed by the tracer.
 */
export function createUrlsFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const matcher = new ApiMatcher(ts, env.knowledge.data.urls.urls);
  // `window.location = url`, `document.location = url`, `location = url`: assigning the location navigates.
  const locationHolders = new Set([...env.knowledge.data.platform.globalHolders, 'document']);

  const check = (
    ctx: FamilyContext,
    expression: TS.Expression,
    api: string,
    sinkText: string,
    basis: 'origin' | 'type' | 'name' | 'manifest',
  ): void => {
    reportDataFlow(ctx, {
      ruleId: 'no-pii-in-url',
      messageId: 'personalDataInUrl',
      node: expression,
      sink: { kind: 'url', api, text: sinkText, basis },
      trace: ctx.tracer.trace(expression),
    });
  };

  return {
    id: 'urls',
    onCall(node, ctx) {
      const [match] = matcher.match(node, ctx.origins);
      if (!match) return;
      const sinkText = calleeText(ts, node.expression, ctx.sourceFile);
      for (const { expression } of selectPayload(ts, node.arguments ?? [], match.shape.payload)) {
        check(ctx, expression, match.shape.id, sinkText, match.basis);
      }
    },
    onAssignment(node, ctx) {
      const target = node.left;
      if (ts.isIdentifier(target) && target.text === 'location') {
        check(ctx, node.right, 'location', 'location', 'origin');
        return;
      }
      if (!ts.isPropertyAccessExpression(target)) return;
      if (
        target.name.text === 'location' &&
        ts.isIdentifier(target.expression) &&
        locationHolders.has(target.expression.text)
      ) {
        check(ctx, node.right, 'location', calleeText(ts, target, ctx.sourceFile), 'origin');
        return;
      }
      const [match] = matcher.instanceOf(target.expression, ctx.origins, shape =>
        shape.propertyWrites.includes(target.name.text),
      );
      if (!match) return;
      check(ctx, node.right, match.shape.id, calleeText(ts, target, ctx.sourceFile), match.basis);
    },
  };
}
