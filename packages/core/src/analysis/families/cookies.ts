import type TS from 'typescript';
import type { CookieWriterShape } from '../../knowledge/cookies-schema.js';
import { formatDuration, parseDuration } from '../../knowledge/duration.js';
import type { CookieFlowDetails } from '../../inventory/schema.js';
import { globToRegExp } from '../../manifest/load.js';
import { normalizeName } from '../../names/tokenize.js';
import { ApiMatcher, type MatchBasis } from '../api.js';
import { consentAnalyzerFor, type ConsentAnalyzer, type ConsentGuard, type ProgramCall } from '../consent.js';
import { dottedName, propertyNameText } from '../declarations.js';
import type { AnalysisEnvironment } from '../environment.js';
import { calleeText, type TraceResult } from '../trace.js';
import { TagCatalogue, type TagUse } from './cookie-tags.js';
import { TextResolver, type ResolvedName, type TextPart } from './cookie-text.js';
import { describeItems, type FamilyContext, type SinkFamily } from './family.js';

interface CookieWrite {
  readonly node: TS.Node;
  readonly name: ResolvedName;
  /** The code that computes the name, for the message when the name is not known. */
  readonly nameCode?: string | undefined;
  /**
   * Where the name is written: a whole name (`res.cookie(name, …)`) or a `name=value; …` string (`document.cookie`),
   * to find a name its function's callers give (see `namedByCallers`).
   */
  readonly nameSource?: { readonly expression: TS.Expression; readonly kind: 'name' | 'string' } | undefined;
  readonly api: string;
  readonly sinkText: string;
  readonly basis: MatchBasis;
  readonly value: readonly TS.Expression[];
  readonly deletion: boolean;
  readonly httpOnly: boolean;
  /** Seconds, where the code says. */
  readonly lifetime?: number | undefined;
}

/** What a cookie's name and use say it is. */
interface CookieClass {
  readonly essential?: 'declared' | 'inferred' | undefined;
  readonly reason?: string | undefined;
  readonly preference: boolean;
}

const computed = '(computed)';

/**
 * The CNIL's ceiling for the lifetime of a cookie that needs consent (13 months), in seconds. The EDPB and other
 * authorities ask for a lifetime proportionate to the purpose; the CNIL's figure is the one stated as a number.
 */
const cookieLifetimeCeiling = parseDuration('13 months')!;

/**
 * Cookie writes (`require-cookie-consent`): every API of `rules/cookies.yml`, `document.cookie = …`, `Set-Cookie`
 * headers (calls and header objects), Nuxt's `useCookie(name).value = …`, and the tags and SDKs that set cookies of
 * their own (`gtag('config', …)`, `posthog.init(…)`, `<Script src="…/gtag/js">`). A write must be reached only after a
 * consent check, unless the cookie is essential (declared in the manifest, or strictly necessary by its name) or the
 * write deletes it; a personal value is reported even when consented, and so is a lifetime past the ceiling.
 */
export function createCookiesFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const data = env.knowledge.data.cookies;
  const matcher = new ApiMatcher<CookieWriterShape>(ts, data.writers);
  const tags = new TagCatalogue(ts, data.tags, data.blockers);
  // A tag loaded twice in a file (its snippet's script and its init call) is one finding: the first unguarded load.
  const reportedTags = new WeakMap<TS.SourceFile, Set<string>>();
  const strictly = data.strictlyNecessary.map(entry => ({ ...entry, regex: new RegExp(entry.names, 'u') }));
  const notStrictly = data.notStrictlyNecessary.map(source => new RegExp(source, 'u'));
  const preferences = data.preferences.map(source => new RegExp(source, 'u'));
  const requestObjects = data.requestObjects.map(source => new RegExp(source, 'u'));
  const known = data.knownCookies.map(entry => ({ ...entry, regex: globToRegExp(entry.name) }));
  const consentFor = (ctx: FamilyContext): ConsentAnalyzer => consentAnalyzerFor(env, ctx.classifier.program);
  const resolvers = new WeakMap<TS.TypeChecker, TextResolver>();
  const textForChecker = (checker: TS.TypeChecker): TextResolver => {
    let resolver = resolvers.get(checker);
    if (!resolver) {
      resolver = new TextResolver(ts, checker);
      resolvers.set(checker, resolver);
    }
    return resolver;
  };
  const textFor = (ctx: FamilyContext): TextResolver => textForChecker(ctx.classifier.checker);

  const knownCookie = (name: string | undefined) =>
    name === undefined ? undefined : known.find(entry => entry.regex.test(name));

  const purposeOfCookie = (name: string | undefined, consent: ConsentAnalyzer): string | undefined => {
    if (name === undefined) return undefined;
    const declared = env.manifest.cookiePurpose(name);
    if (declared !== undefined) return consent.purposeOf(declared) ?? declared;
    return knownCookie(name)?.purpose;
  };

  const shortLived = parseDuration(data.shortLived.lifetime)!;

  /** Declared essential, strictly necessary by its name (and how it is set), a preference, or none of those. */
  const classify = (
    name: string | undefined,
    write: Pick<CookieWrite, 'httpOnly' | 'lifetime' | 'value'>,
    fromCode = false,
  ): CookieClass => {
    if (!fromCode && name !== undefined && env.manifest.isEssentialCookie(name))
      return { essential: 'declared', preference: false };
    // A vendor's cookie (`_hjSession_*`, `_ga`) is what its vendor says, whatever words its name has.
    if (!fromCode && knownCookie(name)) return { preference: false };
    const normalized = name === undefined ? '' : normalizeName(name);
    if (notStrictly.some(regex => regex.test(normalized))) return { preference: false };
    const necessary = normalized === '' ? undefined : strictly.find(entry => entry.regex.test(normalized));
    if (necessary) {
      return {
        essential: 'inferred',
        reason: write.httpOnly ? `${necessary.reason}, httpOnly` : necessary.reason,
        preference: false,
      };
    }
    if (write.httpOnly && write.lifetime !== undefined && write.lifetime <= shortLived)
      return { essential: 'inferred', reason: data.shortLived.reason, preference: false };
    // `cookies().set(\`pm_ls_\${id}\`, sessionToken, { httpOnly: true })`: what it holds says what it is for.
    const held = write.httpOnly ? heldValueName(write.value[0]) : undefined;
    if (held !== undefined) {
      const value = normalizeName(held);
      const byValue = strictly.find(entry => entry.byValue && entry.regex.test(value));
      if (byValue && !notStrictly.some(regex => regex.test(value))) {
        return { essential: 'inferred', reason: `httpOnly, holding \`${held}\` (${byValue.id})`, preference: false };
      }
    }
    return { preference: normalized !== '' && preferences.some(regex => regex.test(normalized)) };
  };

  /** The name of the value a cookie is set to, when it is a name (`sessionToken`, `session.token`). */
  const heldValueName = (value: TS.Expression | undefined): string | undefined => {
    if (value === undefined) return undefined;
    let current = value;
    while (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current))
      current = current.expression;
    return ts.isIdentifier(current) || ts.isPropertyAccessExpression(current) ? dottedName(ts, current) : undefined;
  };

  /** The ceiling a cookie's lifetime is held to: the retention privacy.yml declares for its purpose, else 13 months. */
  const ceilingFor = (purpose: string | undefined): { seconds: number; source: string } => {
    const declared = purpose === undefined ? undefined : env.manifest.cookieRetention(purpose);
    return declared === undefined
      ? { seconds: cookieLifetimeCeiling, source: 'the CNIL’s 13-month ceiling for cookies that need consent' }
      : { seconds: declared, source: `the retention privacy.yml declares for ${purpose} (\`cookies.retention\`)` };
  };

  const judge = (write: CookieWrite, ctx: FamilyContext): void => {
    const named = write.name.name === undefined ? namedByCallers(write, ctx) : undefined;
    if (!named) {
      judgeWrite(write, ctx, undefined);
      return;
    }
    for (const { name, code, calls } of named) {
      // Calls whose name stays unknown too are one write of a computed name, with why the first of them says.
      const known = name?.name !== undefined;
      judgeWrite(
        name === undefined ? write : { ...write, name, nameCode: code, nameSource: undefined },
        ctx,
        known ? calls : undefined,
      );
    }
  };

  /**
   * A helper that writes the cookie its caller names (`function setCookie(name, value) { document.cookie =
   * \`${name}=${value}\` }`, a `useCookieState(name)` hook): each call names a cookie, so the write is judged once per
   * name its calls give, with the consent checks of those calls; calls whose name stays unknown keep the write as it
   * is. Undefined when the name is not one of the function's parameters, or nothing calls the function.
   */
  const namedByCallers = (
    write: CookieWrite,
    ctx: FamilyContext,
  ): { name: ResolvedName | undefined; code: string; calls: readonly ProgramCall[] }[] | undefined => {
    const parameter = write.nameSource ? nameParameter(ts, write.nameSource) : undefined;
    const decl = parameter ? ctx.classifier.checker.getSymbolAtLocation(parameter)?.declarations?.[0] : undefined;
    if (!decl || !ts.isParameter(decl) || decl.dotDotDotToken) return undefined;
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const calls = consentFor(ctx).callsOf(fn);
    if (calls.length === 0) return undefined;
    const groups = new Map<string, { name: ResolvedName | undefined; code: string; calls: ProgramCall[] }>();
    for (const caller of calls) {
      const { call } = caller;
      const argument = call.arguments[index];
      // Read with the checker of the call's own program: a caller in another package's program names its constants.
      const text = textForChecker(caller.program.getTypeChecker());
      const resolved = argument && !ts.isSpreadElement(argument) ? text.name(argument) : undefined;
      const known = resolved?.name !== undefined && groups.size < maxNamesByCallers ? resolved : undefined;
      const key = known ? `${known.name}\u0000${known.exact}` : '';
      const group = groups.get(key) ?? {
        name: known ?? (resolved?.why === undefined ? undefined : { name: undefined, exact: false, why: resolved.why }),
        code: argument ? namePart(ts, argument, call.getSourceFile()) : (write.nameCode ?? computed),
        calls: [],
      };
      group.calls.push(caller);
      groups.set(key, group);
    }
    return [...groups.values()];
  };

  const judgeWrite = (write: CookieWrite, ctx: FamilyContext, calls: readonly ProgramCall[] | undefined): void => {
    const range = ctx.range(write.node);
    const consent = consentFor(ctx);
    const trace: TraceResult = mergeTraces(write.value.map(expression => ctx.tracer.trace(expression)));
    const categories = [...new Set(trace.items.flatMap(item => item.categories))].sort();
    const name = write.name.name;
    // An unknown name is read from the code that names it, as a reader would: `OAUTH_STATE_COOKIE`, `sessionName`.
    const byCode = name === undefined && write.nameCode !== undefined;
    const classified = classify(name ?? write.nameCode, write, byCode);
    const cookieClass: CookieClass =
      byCode && classified.reason
        ? { ...classified, reason: `${classified.reason}, by \`${write.nameCode}\`` }
        : classified;
    const essential = cookieClass.essential !== undefined;
    const guardFound: ConsentGuard | undefined =
      write.deletion || essential
        ? undefined
        : (consent.guardOf(write.node) ?? (calls ? consent.guardOfCalls(calls) : undefined));
    const cookiePurpose = purposeOfCookie(name, consent);
    const shownName = name ?? computed;
    const sink = { kind: 'cookie' as const, api: write.api, text: write.sinkText, basis: write.basis };
    const details: CookieFlowDetails = {
      name: shownName,
      essential,
      ...(cookieClass.essential ? { essentialBasis: cookieClass.essential } : {}),
      ...(cookieClass.reason ? { essentialReason: cookieClass.reason } : {}),
      ...(cookieClass.preference ? { preference: true } : {}),
      deletion: write.deletion,
      ...(write.name.exact || name === undefined ? {} : { namePattern: true }),
      ...(write.name.why && !write.name.exact ? { nameUnknown: write.name.why } : {}),
      ...(guardFound ? { consent: `${guardFound.text} (${guardFound.source})` } : {}),
      ...(cookiePurpose ? { purpose: cookiePurpose } : {}),
      ...(write.lifetime !== undefined && !write.deletion
        ? { lifetime: formatDuration(write.lifetime), lifetimeSeconds: write.lifetime, lifetimeSource: 'code' as const }
        : {}),
    };
    let reported = false;
    const identity = `${write.api}:${shownName}`;
    const report = (messageId: string, extra: Record<string, string>, suffix: string): void => {
      ctx.report({
        ruleId: 'require-cookie-consent',
        messageId,
        data: { name: shownName, api: write.sinkText, ...extra },
        node: write.node,
        categories,
        items: trace.items,
        sink,
        identity: suffix === '' ? identity : `${identity}:${suffix}`,
        recordFlow: false,
      });
    };
    if (!write.deletion && !essential && !guardFound) {
      if (name === undefined && !cookieClass.preference) {
        report(
          'computedCookieWithoutConsent',
          {
            expression: write.nameCode ?? computed,
            why: write.name.why ?? `\`${write.nameCode ?? computed}\` is computed at run time`,
          },
          '',
        );
      } else {
        report(
          cookieClass.preference ? 'preferenceCookieWithoutConsent' : 'cookieWithoutConsent',
          {
            purpose: cookiePurpose ?? 'analytics',
            ...(name === undefined ? { name: write.nameCode ?? computed } : {}),
          },
          '',
        );
      }
      reported = true;
    } else if (
      guardFound?.purpose !== undefined &&
      cookiePurpose !== undefined &&
      guardFound.purpose !== cookiePurpose
    ) {
      report('wrongPurpose', { cookiePurpose, guardPurpose: guardFound.purpose, guard: guardFound.text }, 'purpose');
      reported = true;
    }
    if (cookieClass.essential === 'inferred' && !write.deletion) {
      // Reported only where the rule asks for declared essentials (`requireDeclaredEssential`, on in `strict`); the
      // inventory lists the cookie as essential with the reason either way.
      report(
        'essentialNotDeclared',
        { reason: cookieClass.reason ?? '', ...(name === undefined ? { name: write.nameCode ?? computed } : {}) },
        'essential',
      );
    }
    if (!write.deletion && !essential && !reported && write.lifetime !== undefined) {
      const ceiling = ceilingFor(cookiePurpose);
      if (write.lifetime > ceiling.seconds) {
        report(
          'cookieOutlivesLimit',
          { lifetime: formatDuration(write.lifetime), limit: formatDuration(ceiling.seconds), source: ceiling.source },
          'lifetime',
        );
        reported = true;
      }
    }
    if (!write.deletion && trace.items.length > 0) {
      report('personalDataInCookie', { details: describeItems(trace.items) }, 'value');
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

  /** A tag or SDK that sets its vendor's cookies: judged like a write of those cookies. */
  const judgeTag = (use: TagUse, node: TS.Node, basis: MatchBasis, ctx: FamilyContext): void => {
    const { tag } = use;
    // An event of a tag the project loads is covered by that load, judged where it stands (guarded, waiting or
    // reported): reporting every `analytics.track` again would say one thing many times.
    const scope = {
      sourceFile: ctx.sourceFile,
      program: ctx.classifier.program,
      projectSources: ctx.env.projectSources,
    };
    if (use.role === 'event' && tags.loadedIn(tag, scope)) return;
    const range = ctx.range(node);
    const consent = consentFor(ctx);
    const sink = { kind: 'cookie' as const, api: tag.id, text: use.text, basis };
    const lifetime = use.lifetime ?? tags.defaultLifetime(tag);
    const waits = use.role !== 'grant' && !use.off ? tags.waitsFor(tag, scope) : undefined;
    const guardFound =
      use.off || waits
        ? undefined
        : (consent.guardOf(node) ?? (use.role === 'grant' ? consentCode(ts, node) : undefined));
    const cookies = tag.cookies.map(cookie => `\`${cookie}\``).join(', ');
    const details: CookieFlowDetails = {
      name: tag.cookies.join(', '),
      tag: tag.id,
      vendor: tag.vendor,
      cookies: tag.cookies,
      essential: false,
      deletion: false,
      purpose: tag.purpose,
      ...(use.role === 'grant' ? { grant: true } : {}),
      ...(use.off ? { cookiesOff: use.off } : {}),
      ...(waits ? { consent: `${waits} (waits for consent)` } : {}),
      ...(guardFound ? { consent: `${guardFound.text} (${guardFound.source})` } : {}),
      ...(lifetime !== undefined && !use.off
        ? {
            lifetime: formatDuration(lifetime),
            lifetimeSeconds: lifetime,
            lifetimeSource: use.lifetime === undefined ? ('default' as const) : ('code' as const),
          }
        : {}),
    };
    let reported = false;
    const report = (messageId: string, extra: Record<string, string>, suffix: string): void => {
      ctx.report({
        ruleId: 'require-cookie-consent',
        messageId,
        data: { api: use.text, vendor: tag.title, cookies, name: tag.cookies[0] ?? tag.id, ...extra },
        node,
        categories: [],
        items: [],
        sink,
        identity: `tag:${tag.id}:${use.role}${suffix}`,
        recordFlow: false,
      });
      reported = true;
    };
    let seen = reportedTags.get(ctx.sourceFile);
    if (!seen) {
      seen = new Set();
      reportedTags.set(ctx.sourceFile, seen);
    }
    const once = `${tag.id}:${use.role}`;
    if (!use.off && !waits) {
      if (!guardFound) {
        if (!seen.has(once)) {
          report(
            use.role === 'grant'
              ? 'grantWithoutConsent'
              : use.role === 'event'
                ? 'eventWithoutConsent'
                : 'tagWithoutConsent',
            { purpose: tag.purpose },
            '',
          );
          seen.add(once);
        }
      } else if (guardFound.purpose !== undefined && guardFound.purpose !== tag.purpose && use.role === 'load') {
        report(
          'wrongPurpose',
          {
            cookiePurpose: tag.purpose,
            guardPurpose: guardFound.purpose,
            guard: guardFound.text,
            name: tag.cookies[0] ?? tag.id,
          },
          ':purpose',
        );
      }
    }
    if (!reported && !use.off && use.role === 'load' && lifetime !== undefined) {
      const ceiling = ceilingFor(tag.purpose);
      if (lifetime > ceiling.seconds) {
        report(
          use.lifetime === undefined ? 'tagDefaultOutlivesLimit' : 'tagOutlivesLimit',
          {
            lifetime: formatDuration(lifetime),
            limit: formatDuration(ceiling.seconds),
            source: ceiling.source,
            fix: tag.lifetimeOption
              ? `set \`${tag.lifetimeOption.key}\` to at most ${formatDuration(ceiling.seconds)}, or shorten it in the vendor’s own settings`
              : 'shorten it in the vendor’s own settings, or keep the tag from setting cookies',
          },
          ':lifetime',
        );
      }
    }
    ctx.flow({
      ...range,
      sink,
      items: [],
      sanitized: [],
      categories: [],
      ruleId: 'require-cookie-consent',
      reported,
      details,
    });
  };

  /** `Set-Cookie` header values, each judged as a cookie string; calls of a cookie API are judged at the call. */
  const judgeHeader = (header: TS.Expression, node: TS.Node, sinkText: string, ctx: FamilyContext): void => {
    const text = textFor(ctx);
    for (const cookie of cookieStrings(ts, header)) {
      const inner = skipOuter(ts, cookie);
      if ((ts.isCallExpression(inner) || ts.isAwaitExpression(inner)) && isWriterCall(ts, inner, matcher, ctx, text))
        continue;
      const resolved = text.cookieStringName(cookie);
      const parts = text.parts(cookie);
      judge(
        {
          node,
          name: resolved,
          nameCode: namePart(ts, cookie, ctx.sourceFile),
          nameSource: { expression: cookie, kind: 'string' },
          api: 'set-cookie-header',
          sinkText,
          basis: 'origin',
          value: [cookie],
          deletion: cookieStringDeletes(ts, parts, text),
          httpOnly: partsText(parts).toLowerCase().includes('httponly'),
          lifetime: cookieStringLifetime(parts, text),
        },
        ctx,
      );
    }
  };

  return {
    id: 'cookies',
    onCall(node, ctx) {
      const text = textFor(ctx);
      const tag = tags.call(node, ctx.origins, text);
      if (tag) {
        judgeTag(tag, node, 'origin', ctx);
        return;
      }
      const matches = [...matcher.match(node, ctx.origins)].sort((a, b) => basisRank(a.basis) - basisRank(b.basis));
      for (const match of matches) {
        const args = node.arguments ?? [];
        const shape = match.shape;
        // `request.cookies.set(…)` in a middleware changes the request the handler reads, not the browser's cookies.
        if (match.basis === 'name' && isRequestJar(ts, node.expression, requestObjects)) return;
        const factory = shape.factory ? factoryCall(ts, node.expression, text) : undefined;
        const nameSlots = factory ? slots(ts, factory.arguments, shape.factory!.name) : slots(ts, args, shape.name);
        const nameExpression = nameSlots.find(slot => !ts.isObjectLiteralExpression(slot));
        let name: ResolvedName = nameExpression
          ? text.name(nameExpression)
          : { name: undefined, exact: false, why: 'the call gives no name' };
        if (
          name.name === undefined &&
          shape.defaultName !== undefined &&
          (shape.name.length === 0 || isOptionsOnly(ts, args, shape))
        ) {
          name = { name: shape.defaultName, exact: true };
        }
        const options = [
          ...slots(ts, args, shape.options),
          ...(factory && shape.factory ? slots(ts, factory.arguments, shape.factory.options) : []),
        ];
        const values = slots(ts, args, shape.value);
        const props = options.flatMap(option => optionProperties(ts, option, text));
        judge(
          {
            node,
            name,
            nameCode: nameExpression ? namePart(ts, nameExpression, ctx.sourceFile) : undefined,
            nameSource: nameExpression ? { expression: nameExpression, kind: 'name' } : undefined,
            api: shape.id,
            sinkText: calleeText(ts, node.expression, ctx.sourceFile),
            basis: match.basis,
            value: values,
            deletion: shape.deletes || isDeletion(ts, props, text, shape),
            httpOnly: props.some(([key, value]) => key === 'httponly' && value.kind === ts.SyntaxKind.TrueKeyword),
            lifetime: lifetimeOf(ts, props, text, shape),
          },
          ctx,
        );
        return;
      }
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      // Raw headers: `res.setHeader('Set-Cookie', …)`, `headers.append('set-cookie', …)`.
      const method = node.expression.name.text;
      const [first, second] = node.arguments;
      if (
        (method === 'setHeader' || method === 'appendHeader' || method === 'append' || method === 'set') &&
        first &&
        second &&
        isSetCookie(ts, first)
      ) {
        judgeHeader(second, node, `${calleeText(ts, node.expression, ctx.sourceFile)}('Set-Cookie')`, ctx);
        return;
      }
      // `script.setAttribute('src', 'https://www.googletagmanager.com/gtag/js?id=…')`.
      if (method === 'setAttribute' && first && second && ts.isStringLiteralLike(first) && first.text === 'src') {
        const url = knownPrefix(text.parts(second));
        const loaded = tags.script(url);
        if (loaded)
          judgeTag({ tag: loaded, role: 'load', text: `setAttribute('src', '${shownUrl(url)}')` }, node, 'origin', ctx);
      }
    },
    onLiteral(node, ctx) {
      // A vendor's snippet passes its loader URL to the function that builds the script element:
      // `(function (h, o, t) { …; r.src = t + …; })(window, document, 'https://static.hotjar.com/c/hotjar-')`.
      const call = node.parent;
      if (
        call &&
        ts.isCallExpression(call) &&
        call.arguments.includes(node as TS.Expression) &&
        isFunctionValue(ts, call.expression)
      ) {
        const loaded = tags.script(node.text);
        if (loaded) {
          judgeTag({ tag: loaded, role: 'load', text: `snippet loading ${shownUrl(node.text)}` }, call, 'origin', ctx);
          return;
        }
      }
      // A header object: `new Response(body, { headers: { 'Set-Cookie': … } })`, `res.writeHead(200, { … })`,
      // `new Headers({ … })`, a loader's `{ headers: { … } }`.
      const property = node.parent;
      if (
        !ts.isStringLiteral(node) ||
        !property ||
        !ts.isPropertyAssignment(property) ||
        property.name !== node ||
        !/^set-cookie$/iu.test(node.text)
      ) {
        return;
      }
      judgeHeader(property.initializer, property, `'${node.text}' header`, ctx);
    },
    onAssignment(node, ctx) {
      const target = node.left;
      if (!ts.isPropertyAccessExpression(target)) return;
      const text = textFor(ctx);
      // `document.cookie = "name=value; …"`
      if (target.name.text === 'cookie') {
        if (isGlobalDocument(target.expression, ctx)) {
          const parts = text.parts(node.right);
          judge(
            {
              node,
              name: text.cookieStringName(node.right),
              nameCode: namePart(ts, node.right, ctx.sourceFile),
              nameSource: { expression: node.right, kind: 'string' },
              api: 'document-cookie',
              sinkText: 'document.cookie',
              basis: 'origin',
              value: [node.right],
              deletion: cookieStringDeletes(ts, parts, text),
              httpOnly: false,
              lifetime: cookieStringLifetime(parts, text),
            },
            ctx,
          );
        }
        return;
      }
      // A tag loaded by a script element made in code: `script.src = 'https://www.googletagmanager.com/gtag/js?…'`.
      if (target.name.text === 'src') {
        const url = knownPrefix(text.parts(node.right));
        const loaded = tags.script(url);
        if (loaded) judgeTag({ tag: loaded, role: 'load', text: `src = '${shownUrl(url)}'` }, node, 'origin', ctx);
        return;
      }
      if (target.name.text === 'innerHTML' || target.name.text === 'text' || target.name.text === 'textContent') {
        const started = tags.snippet(node.right.getText(ctx.sourceFile));
        if (started)
          judgeTag({ tag: started, role: 'load', text: `inline script (${started.title})` }, node, 'origin', ctx);
        return;
      }
      // Nuxt: `const theme = useCookie('theme'); theme.value = v`.
      if (target.name.text === 'value') {
        const call = useCookieCall(ts, target.expression, ctx);
        if (call) {
          const options = call.arguments[1];
          const props = options ? optionProperties(ts, options, text) : [];
          const nameArgument = call.arguments[0];
          judge(
            {
              node,
              name: nameArgument
                ? text.name(nameArgument)
                : { name: undefined, exact: false, why: 'the call gives no name' },
              nameCode: nameArgument ? namePart(ts, nameArgument, ctx.sourceFile) : undefined,
              nameSource: nameArgument ? { expression: nameArgument, kind: 'name' } : undefined,
              api: 'nuxt-use-cookie',
              sinkText: 'useCookie().value',
              basis: 'origin',
              value: [node.right],
              deletion: isDeletion(ts, props, text, undefined) || node.right.kind === ts.SyntaxKind.NullKeyword,
              httpOnly: props.some(([key, value]) => key === 'httponly' && value.kind === ts.SyntaxKind.TrueKeyword),
              lifetime: lifetimeOf(ts, props, text, undefined),
            },
            ctx,
          );
        }
      }
    },
    onElement(node, ctx) {
      const text = textFor(ctx);
      const element = ts.isJsxOpeningElement(node) ? node.parent : node;
      const tagName = node.tagName;
      const isScript = ts.isIdentifier(tagName) && (tagName.text === 'script' || tagName.text === 'Script');
      if (isScript) {
        // `<script type="text/plain" data-category="analytics">`: the browser does not run it; a consent platform
        // turns it into a script after consent.
        const type = attributeValue(ts, node.attributes, 'type');
        if (
          type &&
          ts.isStringLiteralLike(type) &&
          !/^(?:text\/javascript|application\/javascript|module)$/iu.test(type.text)
        )
          return;
        const src = attributeValue(ts, node.attributes, 'src');
        if (src) {
          const url = knownPrefix(text.parts(src));
          const loaded = tags.script(url);
          if (loaded) {
            judgeTag(
              { tag: loaded, role: 'load', text: `<${tagName.text} src="${shownUrl(url)}">` },
              element,
              'origin',
              ctx,
            );
          }
          return;
        }
        // Inline scripts: `<Script id="ga">{`gtag('config', …)`}</Script>`, `dangerouslySetInnerHTML={{ __html: … }}`.
        const html = attributeValue(ts, node.attributes, 'dangerouslySetInnerHTML');
        const body =
          (html ? html.getText(ctx.sourceFile) : '') +
          (ts.isJsxOpeningElement(node) && ts.isJsxElement(node.parent)
            ? node.parent.children.map(child => child.getText(ctx.sourceFile)).join('')
            : '');
        const started = body === '' ? undefined : tags.snippet(body);
        if (started)
          judgeTag(
            { tag: started, role: 'load', text: `<${tagName.text}> (${started.title})` },
            element,
            'origin',
            ctx,
          );
        return;
      }
      const component = tags.component(tagName, node.attributes, ctx.origins, text);
      if (component) judgeTag(component, element, 'origin', ctx);
    },
  };
}

/** `(function (…) {…})` or `((…) => {…})`: a function called where it is written. */
function isFunctionValue(ts: typeof TS, node: TS.Expression): boolean {
  const inner = skipOuter(ts, node);
  return ts.isFunctionExpression(inner) || ts.isArrowFunction(inner);
}

function basisRank(basis: MatchBasis): number {
  return basis === 'origin' ? 0 : basis === 'type' ? 1 : basis === 'manifest' ? 2 : 3;
}

function skipOuter(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current))
    current = current.expression;
  return current;
}

/** A call of a cookie API in a header value (`cookie.serialize(…)`, `await langCookie.serialize(…)`). */
function isWriterCall(
  ts: typeof TS,
  node: TS.CallExpression | TS.AwaitExpression,
  matcher: ApiMatcher<CookieWriterShape>,
  ctx: FamilyContext,
  text: TextResolver,
): boolean {
  const call = ts.isAwaitExpression(node) ? skipOuter(ts, node.expression) : node;
  if (!ts.isCallExpression(call)) return false;
  if (matcher.match(call, ctx.origins).length > 0) return true;
  // A helper that returns one (`buildClearErrorCookieHeader()` returning `serialize(NAME, '', { maxAge: 0 })`): the
  // cookie is judged where the helper calls the API.
  const returned = text.returnedBy(call);
  const inner = returned === undefined ? undefined : skipOuter(ts, returned);
  return inner !== undefined && ts.isCallExpression(inner) && matcher.match(inner, ctx.origins).length > 0;
}

function isRequestJar(ts: typeof TS, callee: TS.Expression, requestObjects: readonly RegExp[]): boolean {
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const jar = callee.expression;
  if (!ts.isPropertyAccessExpression(jar)) return false;
  const owner = dottedName(ts, jar.expression)?.split('.').pop();
  return owner !== undefined && requestObjects.some(regex => regex.test(normalizeName(owner)));
}

/** The call that made a receiver: `createCookie('lang', …)` for `langCookie.serialize(…)`, across files with types. */
function factoryCall(ts: typeof TS, callee: TS.Expression, text: TextResolver): TS.CallExpression | undefined {
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  let receiver: TS.Expression | undefined = skipOuter(ts, callee.expression);
  for (let depth = 0; receiver && depth < 4; depth++) {
    if (ts.isCallExpression(receiver)) return receiver;
    if (ts.isAwaitExpression(receiver)) receiver = skipOuter(ts, receiver.expression);
    else receiver = text.constantInitializer(receiver);
  }
  return undefined;
}

/** `<Script src={…} />`: the expression an attribute is given. */
function attributeValue(ts: typeof TS, attributes: TS.JsxAttributes, name: string): TS.Expression | undefined {
  for (const attribute of attributes.properties) {
    if (!ts.isJsxAttribute(attribute) || attribute.name.getText() !== name) continue;
    const initializer = attribute.initializer;
    if (!initializer) return undefined;
    if (ts.isStringLiteral(initializer)) return initializer;
    if (ts.isJsxExpression(initializer)) return initializer.expression;
  }
  return undefined;
}

/** A loader URL as the message shows it: host and path, without the query (`www.googletagmanager.com/gtag/js`). */
function shownUrl(url: string): string {
  const plain = url.replace(/^(?:https?:)?\/\//u, '').replace(/[?#].*$/u, '');
  return plain.length > 60 ? `${plain.slice(0, 59)}…` : plain;
}

/**
 * A grant call in code that handles the user's choice, whatever names it uses: under any condition
 * (`if (prefs.analytics) gtag('consent', 'update', …)`), in a JSX event handler (the project's own banner), in a
 * callback handed to a call (a platform's listener), or in a function named for consent, cookies or choices. A grant
 * is reported when it runs unconditioned on load: at module level, in an effect or a load handler.
 */
function consentCode(ts: typeof TS, node: TS.Node): ConsentGuard | undefined {
  const shown = (text: string): ConsentGuard => ({ text, source: 'project', how: 'handler' });
  let child: TS.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (ts.isJsxAttribute(current) && /^on[A-Z]/u.test(current.name.getText()))
      return shown(`${current.name.getText()} handler`);
    if (ts.isIfStatement(current) && child !== current.expression) return shown(current.expression.getText());
    if (ts.isConditionalExpression(current) && child !== current.condition) return shown(current.condition.getText());
    if (
      ts.isBinaryExpression(current) &&
      child === current.right &&
      (current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
        current.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      return shown(current.left.getText());
    }
    if (!ts.isFunctionLike(current)) continue;
    const name = functionName(ts, current);
    if (
      name !== undefined &&
      /(?:^|_)(?:consents?|cookies?|choices?|preferences?|prefs|banner|cmp|privacy)(?:_|$)/u.test(normalizeName(name))
    )
      return shown(`${name}()`);
    const call = current.parent;
    if (call && ts.isCallExpression(call) && call.arguments.includes(current as TS.Expression)) {
      const callee = dottedName(ts, call.expression) ?? '';
      const first = call.arguments[0];
      const onLoad =
        /(?:^|\.)(?:useEffect|useLayoutEffect|onMounted|setTimeout|requestIdleCallback|queueMicrotask)$/u.test(
          callee,
        ) ||
        (/(?:^|\.)addEventListener$/u.test(callee) &&
          first !== undefined &&
          ts.isStringLiteralLike(first) &&
          /^(?:load|DOMContentLoaded)$/u.test(first.text));
      if (!onLoad) return shown(`${callee}(…) callback`);
    }
  }
  return undefined;
}

function functionName(ts: typeof TS, fn: TS.SignatureDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return undefined;
}

/**
 * The code that names a computed cookie, for the message: `sessionCookieName`, `name` of `name + '=' + value`, the
 * template up to its `=`. Only the name part: the rest of a `name=value` string would put the value in the message.
 */
/** A helper's callers name at most this many cookies each; the others are judged as a name computed at run time. */
const maxNamesByCallers = 32;

/**
 * The identifier that is the whole name: `name` of `res.cookie(name, …)`, of `\`${name}=${value}; path=/\`` and of
 * `name + '=' + value`. A name with more around it (`\`${prefix}_id=…\``) is not one a caller gives whole.
 */
function nameParameter(ts: typeof TS, source: NonNullable<CookieWrite['nameSource']>): TS.Identifier | undefined {
  const expression = skipOuter(ts, source.expression);
  if (source.kind === 'name') return ts.isIdentifier(expression) ? expression : undefined;
  if (ts.isTemplateExpression(expression)) {
    const first = expression.templateSpans[0];
    return expression.head.text === '' &&
      first &&
      first.literal.text.startsWith('=') &&
      ts.isIdentifier(first.expression)
      ? first.expression
      : undefined;
  }
  const operands: TS.Expression[] = [];
  let current: TS.Expression = expression;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    operands.unshift(current.right);
    current = current.left;
  }
  operands.unshift(current);
  const [first, second] = operands;
  const startsValue =
    second !== undefined &&
    (ts.isStringLiteralLike(second) || ts.isTemplateExpression(second)) &&
    (ts.isTemplateExpression(second) ? second.head.text : second.text).startsWith('=');
  return first && ts.isIdentifier(first) && startsValue ? first : undefined;
}

function namePart(ts: typeof TS, expression: TS.Expression, sourceFile: TS.SourceFile): string {
  let current = expression;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken)
    current = current.left;
  const text = current
    .getText(sourceFile)
    .split('=')[0]!
    .replace(/^[`'"]/u, '')
    .replace(/\s+/gu, ' ');
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function mergeTraces(traces: readonly TraceResult[]): TraceResult {
  return { items: traces.flatMap(trace => trace.items), sanitized: traces.flatMap(trace => trace.sanitized) };
}

/** The expressions at the positions a catalogue names; a dotted key reaches into nested objects (`cookie.name`). */
function slots(ts: typeof TS, args: readonly TS.Expression[], positions: CookieWriterShape['name']): TS.Expression[] {
  const out: TS.Expression[] = [];
  for (const { arg, key } of positions) {
    const value = args[arg];
    if (!value) continue;
    if (key === undefined) {
      if (!ts.isObjectLiteralExpression(value)) out.push(value);
      continue;
    }
    let objects: TS.Expression[] = [value];
    for (const step of key.split('.')) {
      const next: TS.Expression[] = [];
      for (const object of objects) {
        if (!ts.isObjectLiteralExpression(object)) continue;
        for (const property of object.properties) {
          if (propertyNameText(ts, property.name) !== step) continue;
          if (ts.isPropertyAssignment(property)) next.push(property.initializer);
          else if (ts.isShorthandPropertyAssignment(property)) next.push(property.name);
        }
      }
      objects = next;
    }
    out.push(...objects);
  }
  // An options position may name a whole object argument (`cookieStore.set({ name, value, expires })`).
  for (const { arg, key } of positions) {
    const value = args[arg];
    if (key === undefined && value && ts.isObjectLiteralExpression(value) && !out.includes(value)) out.push(value);
  }
  return out;
}

/** `session({ secret })` with no `name`: the middleware's default name. */
function isOptionsOnly(ts: typeof TS, args: readonly TS.Expression[], shape: CookieWriterShape): boolean {
  return (
    shape.defaultName !== undefined &&
    shape.name.every(slot => {
      const value = args[slot.arg];
      return value === undefined || (ts.isObjectLiteralExpression(value) && slots(ts, args, [slot]).length === 0);
    })
  );
}

/**
 * The properties of an options object by normalised key (`maxAge` -> `maxage`), through spreads and constants
 * (`{ ...baseCookieOptions, maxAge: 0 }`); later properties come later, so the last one of a key wins.
 */
function optionProperties(
  ts: typeof TS,
  node: TS.Expression,
  text: TextResolver,
  depth = 0,
): (readonly [string, TS.Expression])[] {
  const object = skipOuter(ts, node);
  if (depth > 4) return [];
  if (ts.isIdentifier(object) || ts.isPropertyAccessExpression(object)) {
    const initializer = text.constantInitializer(object);
    return initializer ? optionProperties(ts, initializer, text, depth + 1) : [];
  }
  if (!ts.isObjectLiteralExpression(object)) return [];
  const out: (readonly [string, TS.Expression])[] = [];
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      out.push(...optionProperties(ts, property.expression, text, depth + 1));
      continue;
    }
    const key = (propertyNameText(ts, property.name) ?? '').toLowerCase().replace(/[-_]/gu, '');
    if (ts.isPropertyAssignment(property)) out.push([key, property.initializer]);
    else if (ts.isShorthandPropertyAssignment(property)) out.push([key, property.name]);
  }
  return out;
}

function lastValue(props: readonly (readonly [string, TS.Expression])[], ...keys: string[]): TS.Expression | undefined {
  for (let index = props.length - 1; index >= 0; index--) {
    const [key, value] = props[index]!;
    if (keys.includes(key)) return value;
  }
  return undefined;
}

/** `expires: new Date(Date.now() + ms)` -> ms from now; `new Date(0)` -> the epoch, far in the past. */
function dateOffset(ts: typeof TS, node: TS.Expression, text: TextResolver): number | undefined {
  const value = skipOuter(ts, node);
  if (!ts.isNewExpression(value) || !ts.isIdentifier(value.expression) || value.expression.text !== 'Date')
    return undefined;
  const arg = value.arguments?.[0];
  if (!arg) return undefined;
  if (ts.isStringLiteralLike(arg)) {
    const time = Date.parse(arg.text);
    return Number.isNaN(time) || time >= Date.parse('2000-01-01') ? undefined : -Infinity;
  }
  const epoch = text.number(arg);
  if (epoch !== undefined) return epoch <= 0 ? -Infinity : undefined;
  if (ts.isBinaryExpression(arg) && isNow(ts, arg.left)) {
    const offset = text.number(arg.right);
    if (offset === undefined) return undefined;
    if (arg.operatorToken.kind === ts.SyntaxKind.PlusToken) return offset;
    if (arg.operatorToken.kind === ts.SyntaxKind.MinusToken) return -offset;
  }
  return undefined;
}

function isNow(ts: typeof TS, node: TS.Expression): boolean {
  const value = skipOuter(ts, node);
  return (
    ts.isCallExpression(value) &&
    (value.expression.getText() === 'Date.now' ||
      (ts.isPropertyAccessExpression(value.expression) &&
        value.expression.name.text === 'getTime' &&
        ts.isNewExpression(value.expression.expression) &&
        (value.expression.expression.arguments?.length ?? 0) === 0))
  );
}

/** Options that delete: `maxAge: 0` or negative, an expiry in the past, an empty value with an expiry in the past. */
function isDeletion(
  ts: typeof TS,
  props: readonly (readonly [string, TS.Expression])[],
  text: TextResolver,
  shape: CookieWriterShape | undefined,
): boolean {
  const maxAge = lastValue(props, 'maxage');
  const maxAgeNumber = maxAge ? text.number(maxAge) : undefined;
  if (maxAgeNumber !== undefined && maxAgeNumber <= 0) return true;
  const expires = lastValue(props, 'expires');
  if (!expires) return false;
  const number = text.number(expires);
  if (number !== undefined) return number <= 0 || (shape?.expiresInDays !== true && number < Date.parse('2000-01-01'));
  const offset = dateOffset(ts, expires, text);
  return offset !== undefined && offset <= 0;
}

/** How long a write's options keep the cookie, in seconds, where they say. */
function lifetimeOf(
  ts: typeof TS,
  props: readonly (readonly [string, TS.Expression])[],
  text: TextResolver,
  shape: CookieWriterShape | undefined,
): number | undefined {
  const maxAge = lastValue(props, 'maxage', 'ttl');
  if (maxAge) {
    const number = text.number(maxAge);
    if (number !== undefined && number > 0) return shape?.maxAgeUnit === 'milliseconds' ? number / 1000 : number;
  }
  const expires = lastValue(props, 'expires');
  if (expires) {
    const number = text.number(expires);
    if (number !== undefined && number > 0 && shape?.expiresInDays) return number * 86_400;
    const offset = dateOffset(ts, expires, text);
    if (offset !== undefined && offset > 0) return offset / 1000;
  }
  return undefined;
}

function isSetCookie(ts: typeof TS, node: TS.Expression): boolean {
  return ts.isStringLiteralLike(node) && /^set-cookie$/iu.test(node.text);
}

/** The cookie strings of a `Set-Cookie` header value: one, or each element of an array. */
function cookieStrings(ts: typeof TS, node: TS.Expression): TS.Expression[] {
  const value = skipOuter(ts, node);
  return ts.isArrayLiteralExpression(value) ? value.elements.filter(element => !ts.isSpreadElement(element)) : [node];
}

function partsText(parts: readonly TextPart[]): string {
  return parts.map(part => ('text' in part ? part.text : ' ')).join('');
}

/**
 * The known text of a URL, parts computed at run time left out: `u + 'matomo.js'` is `matomo.js`, enough to tell the
 * loader (the catalogue's patterns name hosts and paths, never a bare word).
 */
function knownPrefix(parts: readonly TextPart[]): string {
  return parts.map(part => ('text' in part ? part.text : '')).join('');
}

/** `Max-Age=0`, a negative max age, or an expiry in the past (the epoch, or a year before 2000). */
function cookieStringDeletes(ts: typeof TS, parts: readonly TextPart[], text: TextResolver): boolean {
  const lower = partsText(parts).toLowerCase();
  if (
    /max-age\s*=\s*(?:0|-\d+)\b/u.test(lower) ||
    /expires\s*=\s*[a-z]{3},?\s*0?1\s+jan\s+19[0-9]{2}/u.test(lower) ||
    /expires\s*=\s*thu,\s*01 jan 1970/u.test(lower)
  ) {
    return true;
  }
  const maxAge = attributeNumber(parts, 'max-age', text);
  if (maxAge !== undefined && maxAge <= 0) return true;
  // `expires=${new Date(0).toUTCString()}`: a date in the past, written by the code.
  for (let index = 0; index < parts.length - 1; index++) {
    const part = parts[index]!;
    const next = parts[index + 1]!;
    if (!('text' in part) || !/expires\s*=\s*$/iu.test(part.text) || !('unknown' in next) || !next.node) continue;
    const date = next.node;
    if (
      ts.isCallExpression(date) &&
      ts.isPropertyAccessExpression(date.expression) &&
      /^to(?:UTC|GMT)?String$/u.test(date.expression.name.text)
    ) {
      const offset = dateOffset(ts, date.expression.expression, text);
      if (offset !== undefined && offset <= 0) return true;
    }
  }
  return false;
}

/** `Max-Age=31536000`, or `max-age=${ONE_YEAR}` with a constant, in seconds. */
function cookieStringLifetime(parts: readonly TextPart[], text: TextResolver): number | undefined {
  const maxAge = attributeNumber(parts, 'max-age', text);
  return maxAge !== undefined && maxAge > 0 ? maxAge : undefined;
}

function attributeNumber(parts: readonly TextPart[], attribute: string, text: TextResolver): number | undefined {
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (!('text' in part)) continue;
    const match = new RegExp(`${attribute}\\s*=\\s*(-?\\d+)?\\s*$|${attribute}\\s*=\\s*(-?\\d+)`, 'iu').exec(part.text);
    if (!match) continue;
    if (match[2] !== undefined) return Number(match[2]);
    if (match[1] !== undefined && !part.text.trimEnd().endsWith('=')) return Number(match[1]);
    const next = parts[index + 1];
    if (next && 'unknown' in next && next.node) return text.number(next.node);
  }
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

/**
 * The page's `document`, however the code reaches it: by name, through a global that holds it (`window.document`,
 * `self.document`, `globalThis.document`: the holders of `rules/platform.yml`), or through a variable bound to it
 * (`const doc = document`). A project's own `document` (a database record) is not the page's.
 */
function isGlobalDocument(node: TS.Expression, ctx: FamilyContext): boolean {
  return ctx.origins
    .originsOf(node)
    .some(origin => origin.root.kind === 'global' && origin.root.name === 'document' && origin.path.length === 0);
}
