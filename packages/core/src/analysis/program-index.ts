import type TS from 'typescript';
import { resolveAlias } from './origin.js';

/**
 * Project-wide indexes of one program, each built once, on first use, in one walk of the project's files: the calls
 * of every function, by the symbol they resolve to. Questions such as "is every call of this function guarded?" are
 * then lookups, and the cost of answering all of them grows with the project, not with its square: a monorepo where
 * every package has its own `track` or `getUser` puts all their calls in one name bucket, and each bucket is resolved
 * to symbols once.
 */
export class ProgramIndex {
  readonly #ts: typeof TS;
  readonly #program: TS.Program;
  readonly #checker: TS.TypeChecker;
  #byName: Map<string, TS.CallExpression[]> | undefined;
  readonly #bySymbol = new Map<string, Map<TS.Symbol, TS.CallExpression[]>>();

  constructor(ts: typeof TS, program: TS.Program) {
    this.#ts = ts;
    this.#program = program;
    this.#checker = program.getTypeChecker();
  }

  /**
   * The calls of the function `symbol` (named `name` at its declaration) in the project's own files, in program
   * order: `f(…)`, `ns.f(…)`, `obj.f(…)` and calls through import aliases, renamed ones included when the alias keeps
   * the name in scope.
   */
  callsOf(symbol: TS.Symbol, name: string): readonly TS.CallExpression[] {
    let resolved = this.#bySymbol.get(name);
    if (!resolved) {
      resolved = new Map();
      for (const call of this.#callsNamed(name)) {
        const target = resolveAlias(
          this.#ts,
          this.#checker,
          this.#checker.getSymbolAtLocation(calleeName(this.#ts, call)!),
        );
        if (!target) continue;
        const list = resolved.get(target) ?? [];
        list.push(call);
        resolved.set(target, list);
      }
      this.#bySymbol.set(name, resolved);
    }
    return resolved.get(symbol) ?? [];
  }

  #callsNamed(name: string): readonly TS.CallExpression[] {
    this.#byName ??= this.#indexCalls();
    return this.#byName.get(name) ?? [];
  }

  #indexCalls(): Map<string, TS.CallExpression[]> {
    const ts = this.#ts;
    const byName = new Map<string, TS.CallExpression[]>();
    for (const sourceFile of this.#program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile || this.#program.isSourceFileFromExternalLibrary(sourceFile)) continue;
      // An explicit stack: generated or hostile files nest deeper than the call stack allows.
      const stack: TS.Node[] = [sourceFile];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (ts.isCallExpression(node)) {
          const callee = calleeName(ts, node);
          if (callee) {
            const list = byName.get(callee.text);
            if (list) list.push(node);
            else byName.set(callee.text, [node]);
          }
        }
        ts.forEachChild(node, child => {
          stack.push(child);
        });
      }
    }
    return byName;
  }
}

/** The name a call is made by: `f` of `f()`, `ns.f()` and `a.b.f()`. */
function calleeName(ts: typeof TS, call: TS.CallExpression): TS.Identifier | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name;
  return undefined;
}

const indexes = new WeakMap<TS.Program, ProgramIndex>();

/** The index of a program, shared by every analysis of it. */
export function programIndexFor(ts: typeof TS, program: TS.Program): ProgramIndex {
  let index = indexes.get(program);
  if (!index) {
    index = new ProgramIndex(ts, program);
    indexes.set(program, index);
  }
  return index;
}
