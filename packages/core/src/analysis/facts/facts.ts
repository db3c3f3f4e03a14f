/**
 * Facts: what one walk of a file finds, as plain data (positions and names, never `ts.Node`s), so that a cache or a
 * worker can hold them. The dataflow engine reads them instead of walking the tree again from each question; where it
 * needs a node (to classify a name with the checker), it locates it by its span.
 */

/** Where a node is: its full range (`pos`, leading trivia included, and `end`) and its syntax kind. */
export interface Span {
  readonly pos: number;
  readonly end: number;
  readonly kind: number;
}

/** A function, method, accessor, constructor or arrow that has a body. */
export interface FunctionFact {
  readonly at: Span;
  /** The name it is called by: its own, or that of the variable, property or field holding it. */
  readonly name?: string | undefined;
  /** Expressions it returns (an arrow's expression body included). */
  readonly returns: readonly Span[];
}

/** A call or `new`, by the name it is made by (`f` for `f()`, `ns.f()` and `a.b.f()`). */
export interface CallFact {
  readonly at: Span;
  readonly name?: string | undefined;
  readonly isNew: boolean;
}

/**
 * A write into a variable or a property: `x = v`, `ctx.who = v`, `this.email = v`, `x += v`, and the mutating
 * methods of `rules/platform.yml` (`list.push(v)`, `params.set('email', v)`, `Object.assign(target, v)`).
 */
export interface WriteFact {
  /** The assignment or call that writes. */
  readonly at: Span;
  /** An assignment (`=`, `+=`, `??=`, destructuring) or a mutating call that puts the value into the root. */
  readonly by: 'assignment' | 'call';
  /** The name the written path starts at (`x`, `ctx`), or `this`. */
  readonly root: string;
  readonly rootAt: Span;
  /** The properties after the root: `[]` for `x = v`, `['who']` for `ctx.who = v`. */
  readonly path: readonly string[];
  readonly value: Span;
  /** For a destructuring write (`({ email: to } = user)`), the property of the value that is written. */
  readonly valueProperty?: string | undefined;
  /** The innermost function and loop around the write. */
  readonly fn?: Span | undefined;
  readonly loop?: Span | undefined;
}

/** A parameter (`fn`'s, at `index`, maybe only its `property`) or a class's field, that a sink's data comes from. */
export type RefFact =
  | {
      readonly kind: 'param';
      readonly fn: Span;
      readonly index: number;
      readonly property?: string | undefined;
      readonly rest: boolean;
    }
  | { readonly kind: 'field'; readonly owner: Span; readonly name: string };

/** A sink whose data comes from parameters or fields: what makes its function a summarised one. */
export interface SinkFact {
  readonly at: Span;
  /** The family that recognised it (`logs`, `sharing`, …). */
  readonly family: string;
  readonly refs: readonly RefFact[];
}

/** The facts of one file. */
export interface FileFacts {
  readonly functions: readonly FunctionFact[];
  readonly calls: readonly CallFact[];
  /** In source order. */
  readonly writes: readonly WriteFact[];
  /**
   * Names a method of something else is stored under (`{ audit: base.warn.bind(base) }`, `const warn = log.warn`): a
   * call by one of these names may be a call of that method.
   */
  readonly methodAliases: readonly string[];
  /** Levels a logger is given in its options (`customLevels: { audit: 35 }`): methods of that logger. */
  readonly customLevels: readonly string[];
  /**
   * The modules the file names as literals in `import`, `export … from`, `import x = require(…)`, `require(…)` and
   * `import(…)`: an origin can only start at one of them.
   */
  readonly modules: readonly string[];
  /** Known after the file's sinks are judged. */
  readonly sinks?: readonly SinkFact[] | undefined;
}

/** The same span twice. */
export function sameSpan(a: Span, b: Span): boolean {
  return a.pos === b.pos && a.end === b.end && a.kind === b.kind;
}
