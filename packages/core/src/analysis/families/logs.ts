import type TS from 'typescript';
import { ApiMatcher, selectPayload, type ApiMatch } from '../api.js';
import type { AnalysisEnvironment } from '../environment.js';
import { dottedName } from '../declarations.js';
import { calleeText } from '../trace.js';
import { namedByWord, reportDataFlow, type FamilyContext, type SinkFamily } from './family.js';
import { sanitizerSuggestions } from '../suggestions.js';

/**
 * Loggers (`rules/loggers.yml` and the manifest's `loggers:`): every argument of a log call is checked, each a
 * finding of `no-pii-in-logs` when it carries personal data.
 */
export function createLogsFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const matcher = new ApiMatcher(ts, env.knowledge.data.loggers.loggers);
  const projectLoggers = env.manifest.loggers;

  const manifestMatch = (callee: TS.Expression, ctx: FamilyContext): boolean => {
    if (projectLoggers.length === 0) return false;
    const text = dottedName(ts, callee)?.replace(/^this\./u, '');
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    const receiverText = receiver ? dottedName(ts, receiver)?.replace(/^this\./u, '') : undefined;
    const typeNames = receiver ? ctx.origins.typeRefsOf(receiver).map(ref => ref.name) : [];
    const receiverOrigins = receiver ? ctx.origins.originsOf(receiver) : [];
    return projectLoggers.some(name => {
      const endsWith = (value: string | undefined): boolean =>
        value !== undefined && (value === name || value.endsWith(`.${name}`));
      if (endsWith(text) || endsWith(receiverText)) return true;
      if (!name.includes('.') && typeNames.includes(name)) return true;
      // `new AppLogger()` in the project: an instance of a declared logger class.
      return receiverOrigins.some(
        origin => origin.root.kind !== 'global' && 'name' in origin.root && origin.root.name === name,
      );
    });
  };

  return {
    id: 'logs',
    onCall(node, ctx) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const match: ApiMatch | undefined = matcher.match(node, ctx.origins)[0];
      let api = match?.shape.id;
      let basis = match?.basis;
      if (!match && manifestMatch(callee, ctx)) {
        api = 'manifest';
        basis = 'manifest';
      }
      if (api === undefined || basis === undefined) return;
      const sinkText = calleeText(ts, callee, ctx.sourceFile);
      const args = match
        ? selectPayload(ts, node.arguments, match.shape.payload)
        : node.arguments.map(expression => ({ expression }));
      let label: { name: string; shown: string } | undefined;
      for (const { expression } of args) {
        const traced = ctx.tracer.trace(expression);
        // `console.log('email:', value)`: the label names what follows, when the value says nothing itself.
        const current = label;
        const labelled =
          current !== undefined && traced.items.length === 0 && traced.sanitized.length === 0
            ? namedByWord(
                ctx,
                current.name,
                expression,
                category => `labelled \`${current.shown}\` in the log line, which reads as ${category}`,
              )
            : undefined;
        const trace = labelled ? { ...traced, items: [labelled] } : traced;
        label = labelOf(ts, expression);
        const suggestions = sanitizerSuggestions(ctx, expression, trace.items);
        reportDataFlow(ctx, {
          ruleId: 'no-pii-in-logs',
          messageId: 'personalDataInLog',
          node: expression,
          sink: { kind: 'log', api, text: sinkText, basis },
          trace,
          suggestions,
        });
      }
    },
  };
}

/**
 * The words a log argument gives as the label of the next one: a literal ending in a colon or an equals sign, of a few
 * words (`'email:'`, `'User phone ='`), as one name (`user_phone`). A sentence (`'Sent the reset link to:'`) is no label.
 */
function labelOf(ts: typeof TS, expression: TS.Expression): { name: string; shown: string } | undefined {
  if (!ts.isStringLiteral(expression) && !ts.isNoSubstitutionTemplateLiteral(expression)) return undefined;
  const found = /^\s*([A-Za-z][A-Za-z0-9]*(?:[ _.-][A-Za-z0-9]+){0,2})\s*[:=]\s*$/u.exec(expression.text);
  return found ? { name: found[1]!.replace(/[ .-]+/gu, '_'), shown: expression.text.trim() } : undefined;
}
