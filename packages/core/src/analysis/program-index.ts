import type TS from 'typescript';
import { locate, type FactsOptions } from './facts/extract.js';
import { factsOf } from './facts/store.js';
import type { FileFacts } from './facts/facts.js';
import { bareModule, resolveAlias } from './origin.js';

/**
 * Project-wide indexes of one program, built once, on first use, from the facts of the project's files (themselves
 * cached per file): the calls of every function by the symbol they resolve to, and the names the project declares
 * functions under. Questions such as "is every call of this function guarded?" are then lookups, and the cost of
 * answering all of them grows with the project, not with its square: a monorepo where every package has its own
 * `track` or `getUser` puts all their calls in one name bucket, and each bucket is resolved to symbols once.
 */
export class ProgramIndex {
  readonly #ts: typeof TS;
  readonly #program: TS.Program;
  readonly #checker: TS.TypeChecker;
  readonly #facts: FactsOptions;
  #byName: Map<string, { sourceFile: TS.SourceFile; index: number }[]> | undefined;
  #functionNames: Set<string> | undefined;
  #methodAliases: Set<string> | undefined;
  #levels: Set<string> | undefined;
  #modules: Set<string> | undefined;
  readonly #bySymbol = new Map<string, Map<TS.Symbol, TS.CallExpression[]>>();

  constructor(ts: typeof TS, program: TS.Program, facts: FactsOptions) {
    this.#ts = ts;
    this.#program = program;
    this.#checker = program.getTypeChecker();
    this.#facts = facts;
  }

  /** The project's own source files: not declarations, not packages. */
  projectFiles(): TS.SourceFile[] {
    return this.#program
      .getSourceFiles()
      .filter(file => !file.isDeclarationFile && !this.#program.isSourceFileFromExternalLibrary(file));
  }

  /**
   * The calls of the function `symbol` (named `name` at its declaration) in the project's own files, in program
   * order: `f(…)`, `ns.f(…)`, `obj.f(…)` and calls through import aliases.
   */
  callsOf(symbol: TS.Symbol, name: string): readonly TS.CallExpression[] {
    const ts = this.#ts;
    let resolved = this.#bySymbol.get(name);
    if (!resolved) {
      resolved = new Map();
      for (const { sourceFile, index } of this.#callsNamed(name)) {
        const fact = factsOf(ts, sourceFile, this.#facts).facts.calls[index]!;
        const call = locate(ts, sourceFile, fact.at);
        if (!call || !ts.isCallExpression(call)) continue;
        const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
        const target = resolveAlias(ts, this.#checker, this.#checker.getSymbolAtLocation(callee));
        if (!target) continue;
        const list = resolved.get(target) ?? [];
        list.push(call);
        resolved.set(target, list);
      }
      this.#bySymbol.set(name, resolved);
    }
    return resolved.get(symbol) ?? [];
  }

  /**
   * Whether some project file declares a function, method or class under this name: a call by any other name cannot
   * reach project code, so the checker is never asked where it goes.
   */
  declaresFunction(name: string): boolean {
    this.#functionNames ??= this.#across(facts => facts.functions.map(fn => fn.name));
    return this.#functionNames.has(name);
  }

  /** Whether some project file stores a method of something else under this name (see `FileFacts.methodAliases`). */
  storesMethodAs(name: string): boolean {
    this.#methodAliases ??= this.#across(facts => facts.methodAliases);
    return this.#methodAliases.has(name);
  }

  /** Whether some project file gives a logger this level in its options (see `FileFacts.customLevels`). */
  declaresLevel(name: string): boolean {
    this.#levels ??= this.#across(facts => facts.customLevels);
    return this.#levels.has(name);
  }

  /**
   * Whether some project file imports or requires this module (`node:http` and `http` alike): a value can come from a
   * package only through such an import, so an API reached only that way is absent from a project that never imports
   * it, and nobody need ask where its receivers come from.
   */
  importsModule(name: string): boolean {
    this.#modules ??= this.#across(facts => facts.modules.map(bareModule));
    return this.#modules.has(bareModule(name));
  }

  /** The names one kind of fact gives, over every project file. */
  #across(pick: (facts: FileFacts) => Iterable<string | undefined>): Set<string> {
    const names = new Set<string>();
    for (const sourceFile of this.projectFiles()) {
      for (const name of pick(factsOf(this.#ts, sourceFile, this.#facts).facts))
        if (name !== undefined) names.add(name);
    }
    return names;
  }

  #callsNamed(name: string): readonly { sourceFile: TS.SourceFile; index: number }[] {
    if (!this.#byName) {
      const byName = new Map<string, { sourceFile: TS.SourceFile; index: number }[]>();
      for (const sourceFile of this.projectFiles()) {
        factsOf(this.#ts, sourceFile, this.#facts).facts.calls.forEach((call, index) => {
          if (call.name === undefined || call.isNew) return;
          const list = byName.get(call.name);
          if (list) list.push({ sourceFile, index });
          else byName.set(call.name, [{ sourceFile, index }]);
        });
      }
      this.#byName = byName;
    }
    return this.#byName.get(name) ?? [];
  }
}

const indexes = new WeakMap<TS.Program, ProgramIndex>();

/** The index of a program, shared by every analysis of it. */
export function programIndexFor(ts: typeof TS, program: TS.Program, facts: FactsOptions): ProgramIndex {
  let index = indexes.get(program);
  if (!index) {
    index = new ProgramIndex(ts, program, facts);
    indexes.set(program, index);
  }
  return index;
}
