import type TS from 'typescript';
import type { CookieTag, TagCall, TagOption } from '../../knowledge/cookies-schema.js';
import { parseDuration } from '../../knowledge/duration.js';
import type { ApiShape } from '../../knowledge/sinks-schema.js';
import { ApiMatcher } from '../api.js';
import { propertyNameText } from '../declarations.js';
import type { OriginResolver } from '../origin.js';
import type { TextResolver } from './cookie-text.js';

/** A tag's call shape as the API matcher needs it, with the tag it belongs to and whether it loads or grants. */
type TagShape = TagCall & ApiShape & { readonly tag: CookieTag; readonly role: TagRole };

/** What a tag call does: load the tag, turn its cookies on after consent, or send it an event. */
export type TagRole = 'load' | 'grant' | 'event';

/** What a tag use is: which tag, how it shows in the code, and what its options say. */
export interface TagUse {
  readonly tag: CookieTag;
  readonly role: TagRole;
  /** As written: `gtag('config')`, `<Script src="…googletagmanager.com/gtag/js">`, `posthog.init`. */
  readonly text: string;
  /** The option that keeps its cookies off, as written (`persistence: 'memory'`). */
  readonly off?: string | undefined;
  /** The lifetime its options set, in seconds. */
  readonly lifetime?: number | undefined;
}

/**
 * Recognises the tags and SDKs of `rules/cookies.yml` `tags`: calls that load them or turn their cookies on, loader
 * scripts in JSX and in `script.src = …`, inline snippets in `<script>` bodies, and components that load them.
 */
export class TagCatalogue {
  readonly #ts: typeof TS;
  readonly #tags: readonly CookieTag[];
  readonly #matcher: ApiMatcher<TagShape>;
  readonly #scripts: readonly { tag: CookieTag; regex: RegExp }[];
  readonly #snippets: readonly { tag: CookieTag; regex: RegExp }[];
  /** Answers about the whole project, per program or per project file list. */
  readonly #projectAnswers = new WeakMap<object, Map<string, boolean>>();

  readonly #blockers: readonly { text: string; shown: string }[];
  readonly #componentNames: ReadonlySet<string>;
  /** The patterns searched over project files, compiled once: a tag's `loadedBy`, and each wait's text. */
  readonly #loadedBy: ReadonlyMap<CookieTag, readonly RegExp[]>;
  readonly #waitPatterns = new Map<string, RegExp>();

  constructor(ts: typeof TS, tags: readonly CookieTag[], blockers: readonly { text: string; shown: string }[] = []) {
    this.#ts = ts;
    this.#tags = tags;
    this.#blockers = blockers;
    this.#componentNames = new Set(tags.flatMap(tag => tag.components.map(component => component.name)));
    this.#loadedBy = new Map(tags.map(tag => [tag, tag.loadedBy.map(source => new RegExp(source, 'u'))]));
    for (const wait of [...tags.flatMap(tag => tag.waitsFor), ...blockers])
      this.#waitPatterns.set(wait.text, new RegExp(wait.text, 'u'));
    const shapesOf = (tag: CookieTag, calls: readonly TagCall[], role: TagRole): TagShape[] =>
      calls.map((call, index) => ({ ...call, id: `${tag.id}-${role}-${index}`, title: tag.title, tag, role }));
    const shapes = tags.flatMap(tag => [
      ...shapesOf(tag, tag.loads, 'load'),
      ...shapesOf(tag, tag.grants, 'grant'),
      ...shapesOf(tag, tag.events, 'event'),
    ]);
    this.#matcher = new ApiMatcher<TagShape>(ts, shapes);
    this.#scripts = tags.flatMap(tag => tag.scripts.map(source => ({ tag, regex: new RegExp(source, 'iu') })));
    this.#snippets = tags.flatMap(tag => tag.snippets.map(source => ({ tag, regex: new RegExp(source, 'u') })));
  }

  /** The tag a call loads or grants, if any. */
  call(node: TS.CallExpression | TS.NewExpression, origins: OriginResolver, text: TextResolver): TagUse | undefined {
    const ts = this.#ts;
    const args = node.arguments ?? [];
    for (const match of this.#matcher.match(node, origins)) {
      const shape = match.shape;
      // By name only when nothing says where the receiver comes from: `Mixpanel.init(token)` of the server package
      // `mixpanel` is not the browser SDK that sets cookies.
      if (match.basis === 'name' && comesFromAnotherModule(ts, node.expression, origins)) continue;
      if (!shape.when.every(condition => argumentHolds(ts, args, condition, text))) continue;
      if (shape.with.length > 0 && !shape.with.some(option => optionHolds(ts, optionValues(ts, args, option), option)))
        continue;
      const callee = skipParens(ts, node.expression)
        .getText()
        .replace(/\s+/gu, ' ')
        .replace(/\s*(\?)?\.\s*/gu, '$1.');
      const first = shape.when[0];
      const shown =
        first === undefined
          ? callee
          : `${callee}(${shape.when.map(condition => `'${literalArg(ts, args, condition, text) ?? '…'}'`).join(', ')})`;
      return { tag: shape.tag, role: shape.role, text: shown, ...this.#options(shape.tag, args, [], text) };
    }
    return undefined;
  }

  /** The tag a loader URL loads (`https://www.googletagmanager.com/gtag/js?id=…`). */
  script(url: string): CookieTag | undefined {
    return this.#scripts.find(entry => entry.regex.test(url))?.tag;
  }

  /** The tag an inline script starts, from its text. */
  snippet(text: string): CookieTag | undefined {
    return this.#snippets.find(entry => entry.regex.test(text))?.tag;
  }

  /** The tag a JSX component loads, from where its tag name comes from and the props it is given. */
  component(
    tagName: TS.JsxTagNameExpression,
    attributes: TS.JsxAttributes,
    origins: OriginResolver,
    text: TextResolver,
  ): TagUse | undefined {
    const ts = this.#ts;
    if (!ts.isIdentifier(tagName) && !ts.isPropertyAccessExpression(tagName)) return undefined;
    // Resolving where a tag name comes from asks the checker: only for the names of the catalogue's components.
    const last = ts.isIdentifier(tagName) ? tagName.text : tagName.name.text;
    if (!this.#componentNames.has(last)) return undefined;
    const found = origins.originsOf(tagName as TS.Expression);
    const props = new Set(
      attributes.properties
        .filter(ts.isJsxAttribute)
        .map(attribute => propertyNameText(ts, attribute.name as TS.PropertyName) ?? attribute.name.getText()),
    );
    for (const tag of this.#tags) {
      for (const component of tag.components) {
        const matches = found.some(
          origin =>
            origin.root.kind === 'module' &&
            origin.root.module === component.module &&
            origin.path.length === 1 &&
            origin.path[0] === component.name,
        );
        if (!matches) continue;
        if (component.props.length > 0 && !component.props.some(prop => props.has(prop))) continue;
        return {
          tag,
          role: 'load',
          text: `<${component.name}>`,
          ...this.#options(tag, [], attributes.properties, text),
        };
      }
    }
    return undefined;
  }

  /** What a tag's options say: an option that keeps its cookies off, the lifetime they set. */
  #options(
    tag: CookieTag,
    args: readonly TS.Expression[],
    props: readonly TS.JsxAttributeLike[],
    text: TextResolver,
  ): { off?: string; lifetime?: number } {
    const ts = this.#ts;
    const out: { off?: string; lifetime?: number } = {};
    for (const option of tag.off) {
      const values = option.prop === undefined ? optionValues(ts, args, option) : propValues(ts, props, option);
      if (optionHolds(ts, values, option)) {
        const value = values.find(node => valueHolds(ts, node, option))!;
        out.off = `${option.key}: ${value.getText().replace(/\s+/gu, ' ')}`;
        break;
      }
    }
    const lifetimeOption = tag.lifetimeOption;
    if (lifetimeOption) {
      const values = optionValues(ts, args, { key: lifetimeOption.key, arg: lifetimeOption.arg });
      for (const value of values) {
        const number = text.number(value);
        if (number !== undefined) {
          out.lifetime = lifetimeOption.unit === 'days' ? number * 86_400 : number;
          break;
        }
      }
    }
    return out;
  }

  /** The default lifetime of a tag's cookies, in seconds. */
  defaultLifetime(tag: CookieTag): number | undefined {
    return tag.lifetime === undefined ? undefined : parseDuration(tag.lifetime);
  }

  /**
   * Whether the project shows the tag being loaded (`loadedBy`): in the file, or in any other file of the project
   * (every program's, when the scanner gives them; else the file's program). Then the load is judged where it stands,
   * and the tag's events are not judged again.
   */
  loadedIn(tag: CookieTag, scope: ProjectScope): boolean {
    const regexes = this.#loadedBy.get(tag) ?? [];
    if (regexes.length === 0) return false;
    return this.#projectShows(`load:${tag.id}`, text => regexes.some(regex => regex.test(text)), scope);
  }

  /**
   * What in the project makes a tag wait for consent (Consent Mode defaults set to denied), as shown; searched in the
   * file and in every other file of the project.
   */
  waitsFor(tag: CookieTag, scope: ProjectScope): string | undefined {
    for (const wait of [...tag.waitsFor, ...this.#blockers]) {
      const regex = this.#waitPatterns.get(wait.text) ?? new RegExp(wait.text, 'u');
      if (this.#projectShows(`wait:${wait.text}`, text => regex.test(text), scope)) return wait.shown;
    }
    return undefined;
  }

  /** Whether a file's text, or any project file's, passes a test; the project's answer is remembered per key. */
  #projectShows(key: string, test: (text: string) => boolean, scope: ProjectScope): boolean {
    if (test(scope.sourceFile.text)) return true;
    const { program, projectSources } = scope;
    // A program of one file is the file: nothing to remember across files.
    if (!projectSources && program.getRootFileNames().length <= 1) return false;
    const owner: object = projectSources ?? program;
    let cache = this.#projectAnswers.get(owner);
    if (!cache) {
      cache = new Map();
      this.#projectAnswers.set(owner, cache);
    }
    let found = cache.get(key);
    if (found === undefined) {
      found = false;
      for (const file of projectSources ? projectSources() : program.getSourceFiles()) {
        if (file.isDeclarationFile || /[\\/]node_modules[\\/]/u.test(file.fileName)) continue;
        if (test(file.text)) {
          found = true;
          break;
        }
      }
      cache.set(key, found);
    }
    return found;
  }
}

/** Where a question about the whole project is asked from. */
export interface ProjectScope {
  readonly sourceFile: TS.SourceFile;
  readonly program: TS.Program;
  readonly projectSources?: (() => Iterable<TS.SourceFile>) | undefined;
}

function comesFromAnotherModule(ts: typeof TS, callee: TS.Expression, origins: OriginResolver): boolean {
  const inner = skipParens(ts, callee);
  if (!ts.isPropertyAccessExpression(inner)) return false;
  return origins.originsOf(inner.expression).some(origin => origin.root.kind === 'module');
}

function skipParens(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}

function literalArg(
  ts: typeof TS,
  args: readonly TS.Expression[],
  condition: TagCall['when'][number],
  text: TextResolver,
): string | undefined {
  let value: TS.Expression | undefined = args[condition.arg];
  if (value && condition.element !== undefined) {
    const array = skipParens(ts, value);
    value = ts.isArrayLiteralExpression(array) ? array.elements[condition.element] : undefined;
  }
  if (!value) return undefined;
  if (value.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (value.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  const parts = text.parts(value);
  return parts.length === 1 && 'text' in parts[0]! ? parts[0].text : undefined;
}

function argumentHolds(
  ts: typeof TS,
  args: readonly TS.Expression[],
  condition: TagCall['when'][number],
  text: TextResolver,
): boolean {
  const value = literalArg(ts, args, condition, text);
  return value !== undefined && condition.values.includes(value);
}

/** The values of a dotted option key in the object arguments of a call (or the one argument the option names). */
function optionValues(
  ts: typeof TS,
  args: readonly TS.Expression[],
  option: Pick<TagOption, 'arg' | 'key'>,
): TS.Expression[] {
  const objects = (option.arg === undefined ? args : [args[option.arg]]).filter(
    (arg): arg is TS.Expression => arg !== undefined,
  );
  return objects.flatMap(object => valuesAt(ts, object, option.key.split('.')));
}

function propValues(ts: typeof TS, props: readonly TS.JsxAttributeLike[], option: TagOption): TS.Expression[] {
  const out: TS.Expression[] = [];
  for (const prop of props) {
    if (!ts.isJsxAttribute(prop) || prop.name.getText() !== option.prop) continue;
    const initializer = prop.initializer;
    if (initializer && ts.isJsxExpression(initializer) && initializer.expression)
      out.push(...valuesAt(ts, initializer.expression, option.key.split('.')));
  }
  return out;
}

function valuesAt(ts: typeof TS, node: TS.Expression, keys: readonly string[]): TS.Expression[] {
  const object = skipParens(ts, node);
  if (keys.length === 0) return [object];
  if (!ts.isObjectLiteralExpression(object)) return [];
  const [head, ...rest] = keys;
  const out: TS.Expression[] = [];
  for (const property of object.properties) {
    if (propertyNameText(ts, property.name) !== head) continue;
    if (ts.isPropertyAssignment(property)) out.push(...valuesAt(ts, property.initializer, rest));
    else if (ts.isShorthandPropertyAssignment(property) && rest.length === 0) out.push(property.name);
  }
  return out;
}

function optionHolds(ts: typeof TS, values: readonly TS.Expression[], option: TagOption): boolean {
  return values.some(value => valueHolds(ts, value, option));
}

function valueHolds(ts: typeof TS, value: TS.Expression, option: TagOption): boolean {
  const node = skipParens(ts, value);
  if (option.values === undefined) {
    // Anything but a literal `false`, `null`, `undefined` or `0`: a computed value is the project's own decision.
    return !(
      node.kind === ts.SyntaxKind.FalseKeyword ||
      node.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(node) && node.text === 'undefined') ||
      (ts.isNumericLiteral(node) && Number(node.text) === 0)
    );
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return option.values.includes(true);
  if (node.kind === ts.SyntaxKind.FalseKeyword) return option.values.includes(false);
  return ts.isStringLiteralLike(node) && option.values.includes(node.text);
}
