import type TS from 'typescript';
import { calleeName } from './declarations.js';
import { resolveAlias } from './origin.js';
import { locate } from './facts/extract.js';
import { factsOf } from './facts/store.js';
import { Fixpoint, type Settled } from './fixpoint.js';
import type { ProgramIndex } from './program-index.js';
import { calledFunction, refKey, type Ref, type TraceResult, type Tracer } from './trace.js';
import type { SinkFamily } from './families/family.js';

/**
 * A sink a family recognised, with the parameters and fields its data comes from: `logger.info(v)` inside
 * `function audit(v)`. Recorded while the family judges the sink (its traces are watched), so no family needs to know
 * about summaries.
 */
export interface SinkSite {
  /** The node the family was given: the call, `new` or assignment. */
  readonly node: TS.CallExpression | TS.NewExpression | TS.BinaryExpression;
  readonly family: SinkFamily;
  /** The refs each traced expression of the sink carried. */
  readonly refs: readonly Ref[];
  /** Keys (`refKey`) of the refs the sink already reports where it stands (see `Tracer.covers`). */
  readonly covered: ReadonlySet<string>;
  /**
   * The family knew the sink by its receiver's name or type only (`appLogger.info`): when the call reaches a project
   * function whose body judges that family's sinks itself (`bodyJudges`), the body says what reaches them.
   */
  readonly byName?: boolean;
}

/**
 * A parameter (or a field of its class) of a function that reaches a sink: at a call of the function, the data of the
 * matching argument reaches that sink. `slot` is the ref as the sink sees it (a parameter of the innermost function
 * on the way), `entry` the summarised function's own; `via` the functions passed through, outermost first.
 */
export interface SinkEdge {
  readonly site: SinkSite;
  readonly slot: Ref;
  readonly entry: Ref;
  readonly via: readonly TS.SignatureDeclaration[];
  /**
   * The sink already reports the slot where it stands (it is personal data by its own declaration, `email: string`,
   * `u: User`, or by the key it is logged under), so callers are not told again.
   */
  readonly covered: boolean;
}

export interface WrapperHost {
  readonly ts: typeof TS;
  readonly checker: TS.TypeChecker;
  readonly tracer: Tracer;
  readonly index: ProgramIndex;
  /** The sinks recognised inside a function's body (nested functions included). */
  sitesIn(fn: TS.SignatureDeclaration): readonly SinkSite[];
  /** Whether a function of this name may pass a parameter to a sink: false only when known not to. */
  mayPass(name: string): boolean;
}

/**
 * Function summaries in the other direction: which parameters of a function reach a sink (a logger, a cookie,
 * storage, a URL, a third party), directly or through the functions it calls, methods of its class that read a field
 * it assigns, and constructors. Solved as a fixpoint over recursive groups, like the return summaries.
 */
export class Wrappers {
  readonly #host: WrapperHost;
  readonly #edges: Fixpoint<TS.SignatureDeclaration, readonly SinkEdge[]>;

  constructor(host: WrapperHost) {
    this.#host = host;
    this.#edges = new Fixpoint<TS.SignatureDeclaration, readonly SinkEdge[]>({
      bottom: () => [],
      same: (a, b) => signature(a) === signature(b),
      evaluate: fn => this.#evaluate(fn),
    });
  }

  /** The edges of a function. */
  edgesOf(fn: TS.SignatureDeclaration): Settled<readonly SinkEdge[]> {
    return this.#edges.get(fn);
  }

  /**
   * The project function a call reaches, when some project function is declared under the callee's name (only then
   * is the checker asked).
   */
  calleeOf(call: TS.CallExpression | TS.NewExpression): TS.SignatureDeclaration | undefined {
    const { ts, checker, index } = this.#host;
    const callee = call.expression;
    const name = calleeName(ts, callee);
    if (name === undefined || !this.#host.mayPass(name) || !index.declaresFunction(name)) return undefined;
    if (ts.isNewExpression(call)) return constructorOf(ts, checker, callee);
    return calledFunction(ts, checker, callee);
  }

  /**
   * Whether the project function a call reaches judges a family's sinks in its own body: its summary is settled
   * (not part of the asker's recursive group, so the answer does not depend on the order of evaluation), was not cut
   * by a bound, and reaches a sink of that family.
   */
  bodyJudges(call: TS.CallExpression | TS.NewExpression, family: string): boolean {
    const callee = this.calleeOf(call);
    if (!callee) return false;
    const settled = this.#edges.get(callee);
    return !settled.incomplete && !settled.provisional && settled.value.some(edge => edge.site.family.id === family);
  }

  /** What a call's argument carries into a summary's entry parameter. */
  argumentsFor(call: TS.CallExpression | TS.NewExpression, entry: Ref & { kind: 'param' }): TS.Expression[] {
    const args = call.arguments ?? [];
    return entry.rest ? args.slice(entry.index) : args.slice(entry.index, entry.index + 1);
  }

  #evaluate(fn: TS.SignatureDeclaration): { value: readonly SinkEdge[]; incomplete: boolean } {
    const { ts, tracer } = this.#host;
    const edges: SinkEdge[] = [];
    let incomplete = false;
    const owner = classOf(ts, fn);
    const own = (ref: Ref): boolean =>
      ref.kind === 'param' ? ref.fn === fn : owner !== undefined && ref.owner === owner;

    for (const site of this.#host.sitesIn(fn)) {
      // A guess by name where the callee's own body is known: its edges come in below, with the call's.
      if (site.byName && !ts.isBinaryExpression(site.node) && this.bodyJudges(site.node, site.family.id)) continue;
      for (const ref of site.refs) {
        if (own(ref)) edges.push({ site, slot: ref, entry: ref, via: [fn], covered: site.covered.has(refKey(ref)) });
      }
    }

    const sourceFile = fn.getSourceFile();
    const facts = factsOf(ts, sourceFile, tracer.facts);
    // Calls of other summarised functions: their entries bound to this function's arguments.
    for (const fact of facts.facts.calls) {
      if (fact.at.pos < fn.pos || fact.at.end > fn.end || fact.name === undefined) continue;
      const call = locate(ts, sourceFile, fact.at);
      if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call))) continue;
      const callee = this.calleeOf(call);
      if (!callee) continue;
      const settled = this.#edges.get(callee);
      incomplete ||= settled.incomplete;
      for (const edge of settled.value) {
        if (edge.entry.kind === 'field') {
          // `this.flush()` in the same class: the field is this function's field too.
          if (own(edge.entry) && isThisCall(ts, call)) edges.push({ ...edge, via: [fn, ...edge.via] });
          continue;
        }
        for (const arg of this.argumentsFor(call, edge.entry)) {
          const trace = tracer.argument(arg, edge.entry.property);
          incomplete ||= trace.incomplete === true;
          for (const ref of trace.refs ?? []) {
            if (own(ref)) edges.push({ ...edge, entry: ref, via: [fn, ...edge.via] });
          }
        }
      }
    }

    // `this.email = email` (a constructor, a setter): the field's sinks, in any method of the class, become this
    // function's parameters' sinks.
    if (owner) {
      const fieldEdges = (name: string): SinkEdge[] => {
        const out: SinkEdge[] = [];
        for (const member of methodsOf(ts, owner)) {
          const settled = this.#edges.get(member);
          incomplete ||= settled.incomplete;
          for (const edge of settled.value) {
            if (edge.entry.kind === 'field' && edge.entry.owner === owner && edge.entry.name === name) out.push(edge);
          }
        }
        return out;
      };
      for (const write of facts.writesByRoot.get('this') ?? []) {
        if (write.at.pos < fn.pos || write.at.end > fn.end || write.path.length === 0) continue;
        const value = locate(ts, sourceFile, write.value) as TS.Expression | undefined;
        if (!value) continue;
        const reached = fieldEdges(write.path[0]!);
        if (reached.length === 0) continue;
        const trace: TraceResult = tracer.trace(value);
        incomplete ||= trace.incomplete === true;
        for (const ref of trace.refs ?? []) {
          if (ref.kind !== 'param' || ref.fn !== fn) continue;
          for (const edge of reached) edges.push({ ...edge, entry: ref, via: [fn, ...edge.via] });
        }
      }
      // `constructor(private email: string)`: a parameter that is also a field.
      if (ts.isConstructorDeclaration(fn)) {
        fn.parameters.forEach((param, index) => {
          if (!ts.isParameterPropertyDeclaration(param, fn) || !ts.isIdentifier(param.name)) return;
          const entry: Ref = { kind: 'param', fn, index, property: undefined, rest: false };
          for (const edge of fieldEdges(param.name.text)) edges.push({ ...edge, entry, via: [fn, ...edge.via] });
        });
      }
    }
    return { value: dedupe(edges), incomplete };
  }
}

function isThisCall(ts: typeof TS, call: TS.CallExpression | TS.NewExpression): boolean {
  return (
    ts.isCallExpression(call) &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.expression.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** The class a method, accessor, constructor or arrow field belongs to. */
function classOf(ts: typeof TS, fn: TS.SignatureDeclaration): TS.ClassLikeDeclaration | undefined {
  const parent = fn.parent;
  if (ts.isClassLike(parent)) return parent;
  if (parent && ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent)) return parent.parent;
  return undefined;
}

function methodsOf(ts: typeof TS, owner: TS.ClassLikeDeclaration): TS.SignatureDeclaration[] {
  const out: TS.SignatureDeclaration[] = [];
  for (const member of owner.members) {
    if (
      (ts.isMethodDeclaration(member) ||
        ts.isGetAccessorDeclaration(member) ||
        ts.isSetAccessorDeclaration(member) ||
        ts.isConstructorDeclaration(member)) &&
      member.body
    ) {
      out.push(member);
    } else if (
      ts.isPropertyDeclaration(member) &&
      member.initializer &&
      (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))
    ) {
      out.push(member.initializer);
    }
  }
  return out;
}

/** The constructor a `new` reaches: of the project class the callee names. */
function constructorOf(
  ts: typeof TS,
  checker: TS.TypeChecker,
  callee: TS.Expression,
): TS.SignatureDeclaration | undefined {
  const symbol = resolveAlias(
    ts,
    checker,
    checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee),
  );
  for (const decl of symbol?.declarations ?? []) {
    if (decl.getSourceFile().isDeclarationFile || !ts.isClassLike(decl)) continue;
    const ctor = decl.members.find(
      (member): member is TS.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined,
    );
    if (ctor) return ctor;
  }
  return undefined;
}

function edgeKey(edge: SinkEdge): string {
  const node = edge.site.node;
  return `${node.getSourceFile().fileName}:${node.pos}:${node.end}|${refKey(edge.slot)}|${refKey(edge.entry)}`;
}

/** One edge per site, slot and entry: the shortest way there (then the first in text order) is kept. */
function dedupe(edges: readonly SinkEdge[]): SinkEdge[] {
  const byKey = new Map<string, SinkEdge>();
  for (const edge of edges) {
    const key = edgeKey(edge);
    const existing = byKey.get(key);
    if (!existing || edge.via.length < existing.via.length) byKey.set(key, edge);
  }
  return [...byKey.values()].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : 1));
}

function signature(edges: readonly SinkEdge[]): string {
  return edges.map(edgeKey).join('\n');
}
