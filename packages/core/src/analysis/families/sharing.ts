import type TS from 'typescript';
import { resolveAlias } from '../origin.js';
import type { ApiShape } from '../../knowledge/sinks-schema.js';
import type { HttpClientShape, RecipientDef } from '../../knowledge/recipients-schema.js';
import type { SharingFlowDetails } from '../../inventory/schema.js';
import { globToRegExp } from '../../manifest/load.js';
import { ApiMatcher, originMatches, selectPayload, skipOuter, type MatchBasis } from '../api.js';
import { consentAnalyzerFor } from '../consent.js';
import { propertyNameText } from '../declarations.js';
import type { AnalysisEnvironment, DeclaredRecipient } from '../environment.js';
import { calleeText, type DataItem, type TraceResult } from '../trace.js';
import { describeItems, type FamilyContext, type SinkFamily } from './family.js';

type SdkShape = ApiShape & { readonly recipient: RecipientDef };

/** A host nothing outside the machine or the private network answers: local, loopback, single-label service names. */
const internalHost =
  /^(?:localhost|127(?:\.\d+){3}|\[?::1\]?|0\.0\.0\.0|[^.]+|.*\.(?:local|localhost|internal|lan|home\.arpa))$/iu;

/**
 * Sharing with third parties (`no-undeclared-sharing`): calls of the vendor SDKs in `rules/recipients.yml`, HTTP
 * requests to hosts outside `firstParty.hosts`, and AI SDK calls with the provider they are given. Personal data that
 * reaches a recipient the manifest does not declare, a category not declared for it, or a recipient without a purpose
 * is reported; every flow to a recipient is recorded for the inventory, declared or not.
 */
export function createSharingFamily(env: AnalysisEnvironment): SinkFamily {
  const { ts } = env;
  const data = env.knowledge.data.recipients;
  const catalogue = new Map(data.recipients.map(recipient => [recipient.id, recipient]));
  const sdkShapes: SdkShape[] = data.recipients.flatMap(recipient =>
    recipient.calls.map(call => ({ ...call, recipient })),
  );
  const sdk = new ApiMatcher<SdkShape>(ts, sdkShapes);
  const http = new ApiMatcher<HttpClientShape>(ts, data.httpClients);
  const catalogueHosts = data.recipients.flatMap(recipient =>
    recipient.hosts.map(host => [globToRegExp(host.toLowerCase()), recipient.id] as const),
  );
  const regionHosts = new Map(
    data.recipients.map(recipient => [
      recipient.id,
      recipient.regions.flatMap(({ region, hosts }) =>
        hosts.map(host => [globToRegExp(host.toLowerCase()), region] as const),
      ),
    ]),
  );
  // `process.env.TINYBIRD_API_URL`: a variable named after a vendor holds its URL; the documented default stands in.
  const envVendors = data.recipients.flatMap(recipient =>
    recipient.baseUrl === undefined
      ? []
      : recipient.envNames.map(source => [new RegExp(source, 'u'), recipient.baseUrl!] as const),
  );
  const envUrl = (name: string): string | undefined => envVendors.find(([regex]) => regex.test(name))?.[1];
  const ownUrlNames = data.ownUrlEnvNames.map(source => new RegExp(source, 'u'));
  const ownUrl = (name: string): boolean => ownUrlNames.some(regex => regex.test(name));
  const purposeTitles = new Map(env.knowledge.data.purposes.purposes.map(purpose => [purpose.id, purpose.title]));

  /** The manifest's entry for a catalogue recipient: by id, or a declared recipient whose hosts are the vendor's. */
  const declaredFor = (id: string): DeclaredRecipient | undefined => {
    const direct = env.manifest.recipients.get(id);
    if (direct) return direct;
    const def = catalogue.get(id);
    if (!def) return undefined;
    for (const recipient of env.manifest.recipients.values()) {
      const hosts = recipient.hosts.map(host => globToRegExp(host.toLowerCase()));
      if (def.hosts.some(host => hosts.some(regex => regex.test(host.replace(/^\*\./u, 'x.'))))) return recipient;
    }
    return undefined;
  };

  const recipientForHost = (host: string): string => {
    const declared = env.manifest.recipientForHost(host);
    if (declared !== undefined) return declared;
    const known = catalogueHosts.find(([regex]) => regex.test(host));
    return known ? known[1] : `host:${host}`;
  };

  /** The region a vendor's host serves (`api.eu.mailgun.net` is `EU`), as the transfers of a request there. */
  const regionOfHost = (recipientId: string, host: string | undefined): string[] | undefined => {
    if (host === undefined) return undefined;
    const region = regionHosts.get(recipientId)?.find(([regex]) => regex.test(host))?.[1];
    return region === undefined ? undefined : [region];
  };

  const judge = (
    ctx: FamilyContext,
    node: TS.Node,
    recipientId: string,
    sinkText: string,
    basis: MatchBasis,
    trace: TraceResult,
    host: string | undefined,
  ): void => {
    const def = catalogue.get(recipientId);
    const declared = declaredFor(recipientId);
    const id = declared?.id ?? recipientId;
    const name = declared?.name ?? def?.name ?? host ?? recipientId;
    const categories = [...new Set(trace.items.flatMap(item => item.categories))].sort();
    const sink = { kind: 'third-party' as const, api: def?.id ?? 'http', text: sinkText, basis };
    ctx.recognised?.(sink);
    const purposes = declared?.purposes ?? [];
    // Whether the call waits for consent: the inventory says so, and `privlint policy` holds it to the promise
    // "only with your consent". Consent never replaces a declared purpose here.
    const guard = trace.items.length > 0 ? consentAnalyzerFor(env, ctx.classifier.program).guardOf(node) : undefined;
    const details: SharingFlowDetails = {
      recipient: id,
      recipientName: name,
      ...(def ? { kind: def.kind } : host ? { kind: 'other' } : {}),
      declared: declared !== undefined,
      purposes: [...purposes],
      ...(declared?.legalBasis ? { legalBasis: declared.legalBasis } : {}),
      ...(declared?.retention ? { retention: declared.retention } : {}),
      transfers: [
        ...(declared && declared.transfers.length > 0
          ? declared.transfers
          : (regionOfHost(recipientId, host) ?? def?.transfers ?? [])),
      ],
      ...(host ? { host } : {}),
      ...(guard ? { consent: `${guard.text} (${guard.source})` } : {}),
    };
    let reported = false;
    if (trace.items.length > 0) {
      const report = (messageId: string, extra: Record<string, string>): void => {
        ctx.report({
          ruleId: 'no-undeclared-sharing',
          messageId,
          data: {
            recipient: name,
            id,
            details: describeItems(trace.items),
            categories: categoryList(categories),
            ...extra,
          },
          node,
          categories,
          items: trace.items,
          sink,
          identity: `${id}:${messageId}:${trace.items.map(item => item.text).join('|')}`,
          recordFlow: false,
        });
        reported = true;
      };
      const knownCategories = categories.length > 0;
      if (!declared) {
        const purpose = def?.purpose ?? 'TODO';
        const key = host !== undefined && id.startsWith('host:') ? hostKey(host) : id;
        const hosts = host !== undefined && id.startsWith('host:') ? `hosts: [${host}], ` : '';
        report('undeclaredRecipient', {
          snippet: `recipients: { ${yamlKey(key)}: { ${hosts}purposes: [${purpose}], categories: [${knownCategories ? categories.join(', ') : 'TODO'}] } }`,
          kind: def ? ` (${def.kind})` : '',
        });
      } else if (purposes.length === 0) {
        report('recipientWithoutPurpose', {
          line: declared.line === undefined ? '' : `:${declared.line}`,
          purpose: def?.purpose ?? 'TODO',
          manifest: env.manifest.file ?? 'privacy.yml',
        });
      } else if (knownCategories) {
        const missing = categories.filter(category => !declared.categories.includes(category));
        if (missing.length > 0) {
          report('undeclaredCategory', {
            missing: categoryList(missing),
            declared: declared.categories.length > 0 ? declared.categories.join(', ') : 'none',
            all: [...new Set([...declared.categories, ...missing])].sort().join(', '),
            line: declared.line === undefined ? '' : `:${declared.line}`,
            manifest: env.manifest.file ?? 'privacy.yml',
            purposes: purposes.map(purpose => purposeTitles.get(purpose) ?? purpose).join(', '),
          });
        }
      }
    }
    if (trace.items.length > 0 || trace.sanitized.length > 0 || declared) {
      ctx.flow({
        ...ctx.range(node),
        sink,
        items: trace.items,
        sanitized: trace.sanitized,
        categories,
        ruleId: 'no-undeclared-sharing',
        reported,
        details,
      });
    }
  };

  return {
    id: 'sharing',
    onCall(node, ctx) {
      const args = node.arguments ?? [];
      const [match] = sdk.match(node, ctx.origins);
      if (match) {
        const payload = selectPayload(ts, args, match.shape.payload).map(entry => entry.expression);
        const trace = withMailRecipients(
          ctx,
          traceAll(ctx, payload),
          match.shape.recipient.kind === 'email' ? payload : [],
          node,
        );
        judge(
          ctx,
          node,
          match.shape.recipient.id,
          calleeText(ts, node.expression, ctx.sourceFile),
          match.basis,
          trace,
          undefined,
        );
        return;
      }
      const [client] = http.match(node, ctx.origins);
      if (!client) return;
      const sinkText = calleeText(ts, node.expression, ctx.sourceFile);
      if (client.shape.id === 'vercel-ai-sdk') {
        const model = slotExpressions(ts, ctx, args, client.shape.url)[0];
        const provider = model ? aiProvider(ctx, model) : undefined;
        if (provider === undefined) return;
        judge(ctx, node, provider, sinkText, client.basis, traceAll(ctx, args), undefined);
        return;
      }
      const urlArgs = client.shape.urlFrom === 'factory' ? constructionArguments(ts, ctx, node) : args;
      const host = resolveHost(
        ts,
        ctx,
        slotExpressions(ts, ctx, urlArgs, client.shape.url),
        { envUrl, ownUrl },
        client.shape.knownServices,
      );
      if (host === undefined || internalHost.test(host) || env.manifest.isFirstPartyHost(host)) return;
      const trace = withMailRecipients(ctx, traceAll(ctx, args), client.shape.sendsMail ? args : [], node);
      judge(ctx, node, recipientForHost(host), sinkText, client.basis, trace, host);
    },
  };

  /**
   * A mail's recipients (`{ to: recipient }` sent through a mail provider) are email addresses whatever the values
   * are called: their slots are evidence, as a storage key is. Constants (`to: 'ops@…'`) are the sender's own
   * configuration, and values already classified keep their own evidence.
   */
  function withMailRecipients(
    ctx: FamilyContext,
    trace: TraceResult,
    payload: readonly TS.Expression[],
    node: TS.Node,
  ): TraceResult {
    if (payload.length === 0) return trace;
    const keys = new Set(env.knowledge.data.vocabulary.mailRecipientKeys);
    const sinkText = calleeText(ts, (node as TS.CallExpression).expression, ctx.sourceFile);
    const items: DataItem[] = [];
    for (const argument of payload) {
      const literal = literalOf(ts, ctx, argument);
      if (!literal || !ts.isObjectLiteralExpression(literal)) continue;
      for (const property of literal.properties) {
        const key = propertyNameText(ts, property.name);
        if (key === undefined || !keys.has(key)) continue;
        const value = ts.isPropertyAssignment(property)
          ? property.initializer
          : ts.isShorthandPropertyAssignment(property)
            ? property.name
            : undefined;
        if (!value || isConstant(ts, skipOuter(ts, value))) continue;
        const traced = ctx.tracer.trace(value);
        if (traced.items.length > 0 || traced.sanitized.length > 0) continue;
        const { file, line } = ctx.range(value);
        items.push({
          text: `${key}: ${value.getText(ctx.sourceFile).replace(/\s+/gu, ' ').slice(0, 60)}`,
          categories: ['email'],
          evidence: [
            {
              source: 'name',
              category: 'email',
              symbol: key,
              detail: `the \`${key}\` of a mail sent with \`${sinkText}\` is an address`,
            },
          ],
          fields: [],
          declared: false,
          steps: [],
          file,
          line,
        });
      }
    }
    return items.length === 0 ? trace : { ...trace, items: [...trace.items, ...items] };
  }

  function aiProvider(ctx: FamilyContext, model: TS.Expression): string | undefined {
    const origins = ctx.origins.originsOf(model);
    for (const provider of data.aiProviders) {
      if (origins.some(origin => originMatches(origin, { module: provider.module, path: [...origin.path] }, [])))
        return provider.recipient;
    }
    return undefined;
  }
}

function traceAll(ctx: FamilyContext, expressions: readonly TS.Expression[]): TraceResult {
  const items: DataItem[] = [];
  const sanitized: TraceResult['sanitized'][number][] = [];
  for (const expression of expressions) {
    const trace = ctx.tracer.trace(expression);
    items.push(...trace.items);
    sanitized.push(...trace.sanitized);
  }
  return { items, sanitized };
}

/**
 * The expressions in a client's URL slots. A key may be a dotted path into nested literals (`nodes.0.host` for
 * `{ nodes: [{ host }] }`), and an options object may be a constant (`createTransport(smtpOptions)`).
 */
function slotExpressions(
  ts: typeof TS,
  ctx: FamilyContext,
  args: readonly TS.Expression[],
  slots: HttpClientShape['url'],
): TS.Expression[] {
  const out: TS.Expression[] = [];
  for (const { arg, key } of slots) {
    const value = args[arg];
    if (!value) continue;
    if (key === undefined) {
      if (!ts.isObjectLiteralExpression(value)) out.push(value);
      continue;
    }
    let current: TS.Expression[] = [value];
    for (const step of key.split('.')) {
      current = current.flatMap(expression => {
        const literal = literalOf(ts, ctx, expression);
        if (literal && ts.isArrayLiteralExpression(literal)) {
          const element = /^\d+$/u.test(step) ? literal.elements[Number(step)] : undefined;
          return element ? [element] : [];
        }
        if (!literal || !ts.isObjectLiteralExpression(literal)) return [];
        const found: TS.Expression[] = [];
        for (const property of literal.properties) {
          if (propertyNameText(ts, property.name) !== step) continue;
          if (ts.isPropertyAssignment(property)) found.push(property.initializer);
          else if (ts.isShorthandPropertyAssignment(property)) found.push(property.name);
        }
        return found;
      });
    }
    out.push(...current);
  }
  return out;
}

/** An object or array literal, directly or through a `const` (in this file or, typed, another). */
function literalOf(
  ts: typeof TS,
  ctx: FamilyContext,
  node: TS.Expression,
): TS.ObjectLiteralExpression | TS.ArrayLiteralExpression | undefined {
  const inner = skipOuter(ts, node);
  if (ts.isObjectLiteralExpression(inner) || ts.isArrayLiteralExpression(inner)) return inner;
  const initializer = ts.isIdentifier(inner) ? initializerOf(ts, ctx, inner) : undefined;
  if (!initializer) return undefined;
  const value = skipOuter(ts, initializer);
  return ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) ? value : undefined;
}

/** The initializer of the variable or property a name refers to, through an import alias. */
function initializerOf(
  ts: typeof TS,
  ctx: FamilyContext,
  node: TS.Identifier | TS.PropertyAccessExpression,
): TS.Expression | undefined {
  const checker = ctx.classifier.checker;
  const symbol = resolveAlias(
    ts,
    checker,
    checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node),
  );
  for (const decl of symbol?.declarations ?? []) {
    if (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) {
      if (decl.initializer) return decl.initializer;
    }
  }
  return undefined;
}

/**
 * The arguments of the construction a method call's receiver comes from: the call or `new` closest to its root
 * (`new MeiliSearch({ host })` for `client.index('users').addDocuments(…)`, `nodemailer.createTransport({ host })`
 * for `transport.sendMail(…)`), followed through variables. Empty when the client is made elsewhere.
 */
function constructionArguments(
  ts: typeof TS,
  ctx: FamilyContext,
  node: TS.CallExpression | TS.NewExpression,
): readonly TS.Expression[] {
  const callee = skipOuter(ts, node.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return [];
  let construction: TS.CallExpression | TS.NewExpression | undefined;
  let current: TS.Expression | undefined = callee.expression;
  for (let steps = 0; current && steps < 12; steps++) {
    const inner: TS.Expression = skipOuter(ts, current);
    if (ts.isAwaitExpression(inner)) current = inner.expression;
    else if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
      // `require('nodemailer')` is the module, not a construction.
      if (ts.isIdentifier(inner.expression) && inner.expression.text === 'require') break;
      construction = inner;
      current = inner.expression;
    } else if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
      current = (ts.isPropertyAccessExpression(inner) ? initializerOf(ts, ctx, inner) : undefined) ?? inner.expression;
    } else if (ts.isIdentifier(inner)) current = initializerOf(ts, ctx, inner);
    else break;
  }
  return construction?.arguments ?? [];
}

/** What environment variables say of a URL: a vendor's (its documented base URL), or the application's own. */
interface EnvUrls {
  readonly envUrl: (name: string) => string | undefined;
  readonly ownUrl: (name: string) => boolean;
}

/**
 * The host a URL expression resolves to: a literal, a template's head, a concatenation's left end, `new URL(path,
 * base)`, a constant (in this file or, typed, another), or `process.env.X ?? 'https://…'`'s fallback; failing those,
 * an environment variable named after a vendor (its documented base URL), or a client's well-known service name.
 * Undefined when relative or built on the application's own URL (first party), or not known.
 */
function resolveHost(
  ts: typeof TS,
  ctx: FamilyContext,
  expressions: readonly TS.Expression[],
  { envUrl, ownUrl }: EnvUrls,
  services: Readonly<Record<string, string>>,
): string | undefined {
  for (const env of [undefined, envUrl]) {
    for (const expression of expressions) {
      const text = urlText(ts, ctx, expression, 0, ownUrl, env);
      if (text === undefined) continue;
      const host = hostOf(text) ?? services[text.trim().toLowerCase()];
      if (host !== undefined) return host;
    }
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` and `env.X` (a validated env object): the name `X`. */
function envVariableName(ts: typeof TS, node: TS.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : propertyNameText(ts, node.argumentExpression);
  if (name === undefined) return undefined;
  const owner = skipOuter(ts, node.expression);
  if (ts.isIdentifier(owner)) return owner.text === 'env' ? name : undefined;
  if (!ts.isPropertyAccessExpression(owner) || owner.name.text !== 'env') return undefined;
  const root = owner.expression;
  if (ts.isIdentifier(root) && root.text === 'process') return name;
  return ts.isMetaProperty(root) ? name : undefined;
}

function urlText(
  ts: typeof TS,
  ctx: FamilyContext,
  node: TS.Expression,
  depth: number,
  ownUrl: (name: string) => boolean,
  envUrl?: (name: string) => string | undefined,
): string | undefined {
  if (depth > 6) return undefined;
  const next = (child: TS.Expression): string | undefined => urlText(ts, ctx, child, depth + 1, ownUrl, envUrl);
  const name = envVariableName(ts, node);
  if (name !== undefined) {
    // `${process.env.NEXTAUTH_URL}/api/jobs`: the application calling itself, as a relative path would.
    if (ownUrl(name)) return '/';
    if (envUrl) return envUrl(name);
  }
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text === '' ? next(node.templateSpans[0]!.expression) : node.head.text;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    return next(node.expression);
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return next(node.left);
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return next(node.left) ?? next(node.right);
    return undefined;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
    const [path, base] = node.arguments ?? [];
    const first = path ? next(path) : undefined;
    if (first !== undefined && /^[a-z][a-z0-9+.-]*:\/\//iu.test(first)) return first;
    return base ? next(base) : first;
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'toString'
  ) {
    return next(node.expression.expression);
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const checker = ctx.classifier.checker;
    const resolved = resolveAlias(
      ts,
      checker,
      checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node),
    );
    for (const decl of resolved?.declarations ?? []) {
      const initializer = (decl as { initializer?: TS.Expression }).initializer;
      if (
        initializer &&
        (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl))
      ) {
        const text = next(initializer);
        if (text !== undefined) return text;
      }
    }
  }
  return undefined;
}

/** The host of an absolute URL or a bare host name; undefined for a relative path. */
export function hostOf(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed)) {
    try {
      return new URL(trimmed).hostname.toLowerCase();
    } catch {
      const match = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/iu.exec(trimmed);
      return match?.[1]?.toLowerCase();
    }
  }
  if (trimmed.startsWith('//')) return hostOf(`https:${trimmed}`);
  // `api.example.com` as an `http.request({ hostname })` value.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/iu.test(trimmed)) return trimmed.toLowerCase();
  return undefined;
}

function categoryList(categories: readonly string[]): string {
  return categories.length > 0 ? categories.join(', ') : 'personal data of unknown categories';
}

/** A recipient id for an unknown host: its registrable-looking part, `api.clearbit.example.net` -> `clearbit`. */
function hostKey(host: string): string {
  const labels = host.split('.').filter(label => !/^(?:api|www|app|hooks|v\d+)$/u.test(label));
  return (labels[0] ?? host).replace(/[^a-z0-9-]/gu, '-');
}

function yamlKey(id: string): string {
  return /^[a-z0-9][a-z0-9._-]*$/u.test(id) ? id : JSON.stringify(id);
}

/**
 * The sender's own configuration, nobody's data: a literal (or a list of them), a constant by convention
 * (`OPS_LIST`, `env.ALERTS_TO`) or the environment (`process.env.REPORT_TO`).
 */
function isConstant(ts: typeof TS, node: TS.Expression): boolean {
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return true;
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(element => isConstant(ts, element));
  const constantName = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/u;
  if (ts.isIdentifier(node)) return constantName.test(node.text);
  if (ts.isPropertyAccessExpression(node)) {
    const holder = node.expression;
    const fromEnv =
      ts.isPropertyAccessExpression(holder) &&
      holder.name.text === 'env' &&
      (ts.isMetaProperty(holder.expression) ||
        (ts.isIdentifier(holder.expression) && holder.expression.text === 'process'));
    return fromEnv || constantName.test(node.name.text);
  }
  return false;
}
