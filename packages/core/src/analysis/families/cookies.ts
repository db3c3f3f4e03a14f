import type TS from 'typescript';
import type { CookieWriterShape } from '../../knowledge/cookies-schema.js';
import { globToRegExp } from '../../manifest/load.js';
import { normalizeName } from '../../names/tokenize.js';
import { ApiMatcher, type MatchBasis } from '../api.js';
import { consentAnalyzerFor, type ConsentAnalyzer, type ConsentGuard } from '../consent.js';
import { dottedName, propertyNameText } from '../declarations.js';
import type { AnalysisEnvironment } from '../environment.js';
import { calleeText, shorten, type TraceResult } from '../trace.js';
import { describeItems, type FamilyContext, type SinkFamily } from './family.js';

interface CookieWrite {
  readonly node: TS.Node;
  /** The cookie's name, or undefined when the code computes it. */
  readonly name: string | undefined;
  /** The code that computes the name, for the message when `name` is undefined. */
  readonly nameExpression?: TS.Expression | undefined;
  readonly api: string;
  readonly sinkText: string;
  readonly basis: MatchBasis;
  readonly value: readonly TS.Expression[];
  readonly deletion: boolean;
}

const computed = '(computed)';

/**
 * Cookie writes (`require-cookie-consent`): every API of `rules/cookies.yml`, `document.cookie = …`, raw `Set-Cookie`
 * headers and Nuxt's `useCookie(name).value = …`. A write must be reached only after a consent check, unless the
 * manifest declares the cookie essential or the write deletes it; a personal value is reported even when consented.
 */
export function createCookiesFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const data = env.knowledge.data.cookies;
  const matcher = new ApiMatcher<CookieWriterShape>(ts, data.writers);
  const essentialLooking = data.essentialLooking.map(source => new RegExp(source, 'u'));
  const known = data.knownCookies.map(entry => ({ ...entry, regex: globToRegExp(entry.name) }));
  const consentFor = (ctx: FamilyContext): ConsentAnalyzer => consentAnalyzerFor(env, ctx.classifier.program);

  const purposeOfCookie = (name: string | undefined, consent: ConsentAnalyzer): string | undefined => {
    if (name === undefined) return undefined;
    const declared = env.manifest.cookiePurpose(name);
    if (declared !== undefined) return consent.purposeOf(declared) ?? declared;
    return known.find(entry => entry.regex.test(name))?.purpose;
  };

  const judge = (write: CookieWrite, ctx: FamilyContext): void => {
    const consent = consentFor(ctx);
    const trace: TraceResult = mergeTraces(write.value.map(expression => ctx.tracer.trace(expression)));
    const categories = [...new Set(trace.items.flatMap(item => item.categories))].sort();
    const essential = write.name !== undefined && env.manifest.isEssentialCookie(write.name);
    const guardFound: ConsentGuard | undefined = write.deletion || essential ? undefined : consent.guardOf(write.node);
    const cookiePurpose = purposeOfCookie(write.name, consent);
    const shownName = write.name ?? computed;
    const sink = { kind: 'cookie' as const, api: write.api, text: write.sinkText, basis: write.basis };
    const range = ctx.range(write.node);
    const details = {
      name: shownName,
      essential,
      deletion: write.deletion,
      ...(guardFound ? { consent: `${guardFound.text} (${guardFound.source})` } : {}),
      ...(cookiePurpose ? { purpose: cookiePurpose } : {}),
    };
    let reported = false;
    const identity = `${write.api}:${shownName}`;
    if (!write.deletion && !essential && !guardFound) {
      const looksEssential =
        write.name !== undefined && essentialLooking.some(regex => regex.test(normalizeName(write.name!)));
      ctx.report({
        ruleId: 'require-cookie-consent',
        messageId: looksEssential
          ? 'essentialNotDeclared'
          : write.name === undefined
            ? 'computedCookieWithoutConsent'
            : 'cookieWithoutConsent',
        data: {
          name: shownName,
          api: write.sinkText,
          purpose: cookiePurpose ?? 'analytics',
          expression: write.nameExpression ? namePart(ts, write.nameExpression, ctx.sourceFile) : shownName,
        },
        node: write.node,
        categories,
        items: trace.items,
        sink,
        identity,
        recordFlow: false,
      });
      reported = true;
    } else if (
      guardFound?.purpose !== undefined &&
      cookiePurpose !== undefined &&
      guardFound.purpose !== cookiePurpose
    ) {
      ctx.report({
        ruleId: 'require-cookie-consent',
        messageId: 'wrongPurpose',
        data: {
          name: shownName,
          api: write.sinkText,
          cookiePurpose,
          guardPurpose: guardFound.purpose,
          guard: guardFound.text,
        },
        node: write.node,
        categories,
        items: trace.items,
        sink,
        identity: `${identity}:purpose`,
        recordFlow: false,
      });
      reported = true;
    }
    if (!write.deletion && trace.items.length > 0) {
      ctx.report({
        ruleId: 'require-cookie-consent',
        messageId: 'personalDataInCookie',
        data: { name: shownName, api: write.sinkText, details: describeItems(trace.items) },
        node: write.node,
        categories,
        items: trace.items,
        sink,
        identity: `${identity}:value`,
        recordFlow: false,
      });
      reported = true;
    }
    // One flow per write, reported or not: the inventory lists every cookie with what decided it.
    ctx.flow({
      ...range,
      sink,
      items: trace.items,
      sanitized: trace.sanitized,
      categories,
      ruleId: 'require-cookie-consent',
      reported,
      details,
    });
  };

  return {
    id: 'cookies',
    onCall(node, ctx) {
      for (const match of matcher.match(node, ctx.origins)) {
        const args = node.arguments ?? [];
        const name =
          firstName(ts, args, match.shape.name, ctx.classifier.checker) ??
          (match.shape.name.length === 0 || isOptionsOnly(ts, args, match.shape) ? match.shape.defaultName : undefined);
        const values = slots(ts, args, match.shape.value);
        const options = slots(ts, args, match.shape.options);
        judge(
          {
            node,
            name,
            nameExpression: slots(ts, args, match.shape.name).find(slot => !ts.isObjectLiteralExpression(slot)),
            api: match.shape.id,
            sinkText: calleeText(ts, node.expression, ctx.sourceFile),
            basis: match.basis,
            value: values,
            deletion: match.shape.deletes || options.some(option => isDeletionOptions(ts, option)),
          },
          ctx,
        );
        return;
      }
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      // Raw headers: `res.setHeader('Set-Cookie', …)`, `headers.append('set-cookie', …)`, `res.writeHead(200, {…})`.
      const method = node.expression.name.text;
      const [first, second] = node.arguments;
      let header: TS.Expression | undefined;
      if (
        (method === 'setHeader' || method === 'appendHeader' || method === 'append' || method === 'set') &&
        first &&
        isSetCookie(ts, first)
      ) {
        header = second;
      } else if (method === 'writeHead') {
        const headers = node.arguments.find(arg => ts.isObjectLiteralExpression(arg));
        if (headers && ts.isObjectLiteralExpression(headers)) {
          for (const property of headers.properties) {
            if (ts.isPropertyAssignment(property) && /^set-cookie$/iu.test(propertyNameText(ts, property.name) ?? ''))
              header = property.initializer;
          }
        }
      }
      if (!header) return;
      for (const cookie of cookieStrings(ts, header)) {
        judge(
          {
            node,
            name: cookieStringName(ts, cookie),
            nameExpression: cookie,
            api: 'set-cookie-header',
            sinkText: `${calleeText(ts, node.expression, ctx.sourceFile)}('Set-Cookie')`,
            basis: 'origin',
            value: [cookie],
            deletion: cookieStringDeletes(ts, cookie),
          },
          ctx,
        );
      }
    },
    onAssignment(node, ctx) {
      const target = node.left;
      if (!ts.isPropertyAccessExpression(target)) return;
      // `document.cookie = "name=value; …"`
      if (target.name.text === 'cookie') {
        const holder = dottedName(ts, target.expression);
        if (holder === 'document' || holder === 'window.document' || holder === 'globalThis.document') {
          judge(
            {
              node,
              name: cookieStringName(ts, node.right),
              nameExpression: node.right,
              api: 'document-cookie',
              sinkText: 'document.cookie',
              basis: 'origin',
              value: [node.right],
              deletion: cookieStringDeletes(ts, node.right),
            },
            ctx,
          );
        }
        return;
      }
      // Nuxt: `const theme = useCookie('theme'); theme.value = v`.
      if (target.name.text === 'value') {
        const call = useCookieCall(ts, target.expression, ctx);
        if (call) {
          const options = call.arguments[1];
          judge(
            {
              node,
              name: firstName(ts, call.arguments, [{ arg: 0 }], ctx.classifier.checker),
              api: 'nuxt-use-cookie',
              sinkText: 'useCookie().value',
              basis: 'origin',
              value: [node.right],
              deletion:
                (options !== undefined && isDeletionOptions(ts, options)) ||
                node.right.kind === ts.SyntaxKind.NullKeyword,
            },
            ctx,
          );
        }
      }
    },
  };
}

/**
 * The code that names a computed cookie, for the message: `sessionCookieName`, `name` of `name + '=' + value`, the
 * template up to its `=`. Only the name part: the rest of a `name=value` string would put the value in the message.
 */
function namePart(ts: typeof TS, expression: TS.Expression, sourceFile: TS.SourceFile): string {
  let current = expression;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken)
    current = current.left;
  const text = current
    .getText(sourceFile)
    .split('=')[0]!
    .replace(/^[`'"]/u, '');
  return shorten(text, 48);
}

function mergeTraces(traces: readonly TraceResult[]): TraceResult {
  return { items: traces.flatMap(trace => trace.items), sanitized: traces.flatMap(trace => trace.sanitized) };
}

function slots(ts: typeof TS, args: readonly TS.Expression[], positions: CookieWriterShape['name']): TS.Expression[] {
  const out: TS.Expression[] = [];
  for (const { arg, key } of positions) {
    const value = args[arg];
    if (!value) continue;
    if (key === undefined) {
      if (!ts.isObjectLiteralExpression(value)) out.push(value);
      continue;
    }
    if (!ts.isObjectLiteralExpression(value)) continue;
    for (const property of value.properties) {
      if (propertyNameText(ts, property.name) !== key) continue;
      if (ts.isPropertyAssignment(property)) out.push(property.initializer);
      else if (ts.isShorthandPropertyAssignment(property)) out.push(property.name);
    }
  }
  // An options position may name a whole object argument (`cookieStore.set({ name, value, expires })`).
  for (const { arg, key } of positions) {
    const value = args[arg];
    if (key === undefined && value && ts.isObjectLiteralExpression(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

function firstName(
  ts: typeof TS,
  args: readonly TS.Expression[],
  positions: CookieWriterShape['name'],
  checker?: TS.TypeChecker,
): string | undefined {
  for (const expression of slots(ts, args, positions)) {
    if (ts.isObjectLiteralExpression(expression)) continue;
    const text = constantText(ts, expression) ?? literalTypeText(ts, expression, checker);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * With types, a constant from another file: `import { THEME_COOKIE } from './cookies'` has the literal type `'theme'`.
 * Only identifiers and member accesses are asked, since asking the checker is the expensive step.
 */
function literalTypeText(
  ts: typeof TS,
  expression: TS.Expression,
  checker: TS.TypeChecker | undefined,
): string | undefined {
  if (!checker || !(ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression))) return undefined;
  const type = checker.getTypeAtLocation(expression);
  return type.isStringLiteral() ? type.value : undefined;
}

/** `session({ secret })` with no `name`: the middleware's default name. */
function isOptionsOnly(ts: typeof TS, args: readonly TS.Expression[], shape: CookieWriterShape): boolean {
  return (
    shape.defaultName !== undefined &&
    shape.name.every(slot => {
      const value = args[slot.arg];
      return (
        value === undefined ||
        (ts.isObjectLiteralExpression(value) && !value.properties.some(p => propertyNameText(ts, p.name) === slot.key))
      );
    })
  );
}

/** A string a constant expression stands for: a literal, a template without substitutions, a `const` of one. */
function constantText(ts: typeof TS, expression: TS.Expression, depth = 0): string | undefined {
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression))
    return constantText(ts, expression.expression, depth);
  if (depth < 4 && (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression))) {
    // Same-file constants resolved syntactically: `const COOKIE = 'theme'`, `Cookies.THEME` in an object literal.
    const name = ts.isIdentifier(expression) ? expression.text : expression.name.text;
    const sourceFile = expression.getSourceFile();
    let found: string | undefined;
    const visit = (node: TS.Node): void => {
      if (found !== undefined) return;
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        node.initializer &&
        ts.isVariableDeclarationList(node.parent) &&
        node.parent.flags & ts.NodeFlags.Const
      ) {
        found = constantText(ts, node.initializer, depth + 1);
        return;
      }
      if (
        ts.isPropertyAssignment(node) &&
        propertyNameText(ts, node.name) === name &&
        ts.isPropertyAccessExpression(expression)
      ) {
        found = constantText(ts, node.initializer, depth + 1);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }
  return undefined;
}

function isSetCookie(ts: typeof TS, node: TS.Expression): boolean {
  return ts.isStringLiteralLike(node) && /^set-cookie$/iu.test(node.text);
}

/** The cookie strings of a `Set-Cookie` header value: one, or each element of an array. */
function cookieStrings(ts: typeof TS, node: TS.Expression): TS.Expression[] {
  return ts.isArrayLiteralExpression(node) ? node.elements.filter(element => !ts.isSpreadElement(element)) : [node];
}

/** The leading literal text of a cookie string expression: a literal, a template's head, a concatenation's left end. */
function leadingText(ts: typeof TS, node: TS.Expression): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isParenthesizedExpression(node)) return leadingText(ts, node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return leadingText(ts, node.left);
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'join' &&
    ts.isArrayLiteralExpression(node.expression.expression)
  ) {
    const first = node.expression.expression.elements[0];
    return first ? leadingText(ts, first) : undefined;
  }
  return undefined;
}

/** `name=value; …` -> `name`; undefined when the name is computed. */
function cookieStringName(ts: typeof TS, node: TS.Expression): string | undefined {
  const text = leadingText(ts, node);
  if (text === undefined) return undefined;
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  const name = text.slice(0, equals).trim();
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u.test(name) ? name : undefined;
}

/** `max-age=0`, a negative max age, or an expiry in the past: the write deletes the cookie. */
function cookieStringDeletes(ts: typeof TS, node: TS.Expression): boolean {
  const texts: string[] = [];
  const collect = (current: TS.Node): void => {
    if (ts.isStringLiteralLike(current)) texts.push(current.text);
    else if (ts.isTemplateExpression(current)) {
      texts.push(current.head.text, ...current.templateSpans.map(span => span.literal.text));
    } else ts.forEachChild(current, collect);
  };
  collect(node);
  const text = texts.join(' ').toLowerCase();
  return (
    /max-age\s*=\s*(?:0|-\d+)\b/u.test(text) ||
    /expires\s*=\s*[a-z]{3},?\s*0?1\s+jan\s+19[0-9]{2}/u.test(text) ||
    /expires\s*=\s*thu,\s*01 jan 1970/u.test(text)
  );
}

/** Options that delete: `maxAge: 0`, a negative max age, `expires: new Date(0)`, `expires: -1`. */
function isDeletionOptions(ts: typeof TS, node: TS.Expression): boolean {
  if (!ts.isObjectLiteralExpression(node)) return false;
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const key = (propertyNameText(ts, property.name) ?? '').toLowerCase().replace(/[-_]/gu, '');
    const value = property.initializer;
    const number = numericValue(ts, value);
    if ((key === 'maxage' || key === 'expires') && number !== undefined && number <= 0) return true;
    if (
      key === 'expires' &&
      ts.isNewExpression(value) &&
      ts.isIdentifier(value.expression) &&
      value.expression.text === 'Date'
    ) {
      const arg = value.arguments?.[0];
      const epoch = arg ? numericValue(ts, arg) : undefined;
      if (epoch !== undefined && epoch <= 0) return true;
      if (arg && ts.isStringLiteralLike(arg) && Date.parse(arg.text) < Date.parse('2000-01-01')) return true;
    }
  }
  return false;
}

function numericValue(ts: typeof TS, node: TS.Expression): number | undefined {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  )
    return -Number(node.operand.text);
  return undefined;
}

/** The `useCookie(…)` call a Nuxt cookie ref comes from (auto-imported, or from `#app`, `#imports`, `nuxt/app`). */
function useCookieCall(ts: typeof TS, node: TS.Expression, ctx: FamilyContext): TS.CallExpression | undefined {
  let current: TS.Expression | undefined = node;
  if (ts.isIdentifier(current)) {
    const decl = ctx.classifier.checker.getSymbolAtLocation(current)?.declarations?.[0];
    current = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
  }
  if (
    !current ||
    !ts.isCallExpression(current) ||
    !ts.isIdentifier(current.expression) ||
    current.expression.text !== 'useCookie'
  )
    return undefined;
  const origins = ctx.origins.originsOf(current.expression);
  const fromNuxt = origins.some(
    origin =>
      origin.root.kind === 'global' ||
      (origin.root.kind === 'module' && /^(?:#app|#imports|nuxt\/app|nuxt)$/u.test(origin.root.module)),
  );
  return fromNuxt ? current : undefined;
}
