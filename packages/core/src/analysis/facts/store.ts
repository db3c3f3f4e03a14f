import type TS from 'typescript';
import { extractFacts, type DispatchLists, type FactsOptions } from './extract.js';
import type { FileFacts, FunctionFact, Span, WriteFact } from './facts.js';

/** A file's facts with the lookups the engine asks for. */
export interface IndexedFacts {
  readonly facts: FileFacts;
  readonly writesByRoot: ReadonlyMap<string, readonly WriteFact[]>;
  /** Returned expressions by the function's span key (`spanKey`). */
  readonly returnsByFunction: ReadonlyMap<string, readonly Span[]>;
  readonly functionsByName: ReadonlyMap<string, readonly FunctionFact[]>;
}

export function spanKey(span: Span): string {
  return `${span.pos}:${span.end}:${span.kind}`;
}

const stores = new WeakMap<FactsOptions, WeakMap<TS.SourceFile, IndexedFacts>>();
/** The nodes of a walk whose file is not analysed yet: handed over once, then let go. */
const pendingDispatch = new WeakMap<TS.SourceFile, DispatchLists>();

function storeFor(options: FactsOptions): WeakMap<TS.SourceFile, IndexedFacts> {
  let store = stores.get(options);
  if (!store) {
    store = new WeakMap();
    stores.set(options, store);
  }
  return store;
}

function indexFacts(facts: FileFacts): IndexedFacts {
  const writesByRoot = new Map<string, WriteFact[]>();
  for (const write of facts.writes) {
    const list = writesByRoot.get(write.root);
    if (list) list.push(write);
    else writesByRoot.set(write.root, [write]);
  }
  const returnsByFunction = new Map<string, readonly Span[]>();
  const functionsByName = new Map<string, FunctionFact[]>();
  for (const fn of facts.functions) {
    returnsByFunction.set(spanKey(fn.at), fn.returns);
    if (fn.name === undefined) continue;
    const list = functionsByName.get(fn.name);
    if (list) list.push(fn);
    else functionsByName.set(fn.name, [fn]);
  }
  return { facts, writesByRoot, returnsByFunction, functionsByName };
}

/**
 * The facts of a file, extracted once and cached by the file object: TypeScript reuses a `SourceFile` for an
 * unchanged file when it builds the next program, so an editor pays for each file once.
 */
export function factsOf(ts: typeof TS, sourceFile: TS.SourceFile, options: FactsOptions): IndexedFacts {
  const store = storeFor(options);
  let indexed = store.get(sourceFile);
  if (!indexed) {
    const extracted = extractFacts(ts, sourceFile, options);
    indexed = indexFacts(extracted.facts);
    store.set(sourceFile, indexed);
    // Kept for the file's own analysis, usually soon after (a scan asks for every file's facts first).
    pendingDispatch.set(sourceFile, extracted.dispatch);
  }
  return indexed;
}

/** The facts of a file being analysed, with the nodes its sink families look at, from the same walk. */
export function factsAndDispatch(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  options: FactsOptions,
): { indexed: IndexedFacts; dispatch: DispatchLists } {
  const store = storeFor(options);
  const indexed = store.get(sourceFile);
  const pending = pendingDispatch.get(sourceFile);
  if (indexed && pending) {
    pendingDispatch.delete(sourceFile);
    return { indexed, dispatch: pending };
  }
  // Facts are cached but their nodes were handed over before (a second analysis of the file): walk again.
  const { facts, dispatch } = extractFacts(ts, sourceFile, options);
  if (indexed) return { indexed, dispatch };
  const fresh = indexFacts(facts);
  store.set(sourceFile, fresh);
  return { indexed: fresh, dispatch };
}
