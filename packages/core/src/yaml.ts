/**
 * YAML as data: parse without tags or anchors that could surprise a reader, keep positions so every error can name
 * the file, line, column and key path. Used for `privacy.yml` and for the knowledge base in `rules/`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { ZodError } from 'zod';

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** One problem in a YAML file, with where it is and which key it concerns. */
export interface DataProblem extends SourcePosition {
  readonly file: string;
  /** Dotted key path, e.g. `recipients.stripe.categories[2]`; empty for the document itself. */
  readonly keyPath: string;
  readonly message: string;
}

export interface ParsedYaml {
  readonly value: unknown;
  readonly problems: readonly DataProblem[];
  /** Position of the value at a key path, or of the nearest parent that exists. */
  locate(path: readonly PropertyKey[]): SourcePosition;
  /** Position of the key itself at a key path (for an unknown or duplicate key), else as `locate`. */
  locateKey(path: readonly PropertyKey[]): SourcePosition;
  /**
   * Positions of every value of the mapping at a key path, by key, in one pass: `locate` per key searches the
   * mapping each time, which made a manifest of 20,000 fields quadratic to load.
   */
  locateChildren(path: readonly PropertyKey[]): ReadonlyMap<string, SourcePosition>;
}

export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // Keys that are not plain names (`User.taxRef`, `*.msisdn`) are quoted so the path stays readable.
    else if (!/^[A-Za-z_$][\w$-]*$/u.test(String(key))) out += `[${JSON.stringify(String(key))}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function formatProblem(problem: DataProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.keyPath === ''
    ? `${where}: ${problem.message}`
    : `${where}: \`${problem.keyPath}\`: ${problem.message}`;
}

/**
 * Parses YAML text. Syntax errors, duplicate keys and custom tags are problems with positions; the value is the
 * plain JavaScript data (only when there is no syntax problem).
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below with a Set: the yaml package's own check compares each key with every earlier one,
  // which made a manifest of 20,000 fields take seconds to parse.
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    // The core schema knows strings, numbers, booleans and null: no `!!js/function` or other custom tags.
    schema: 'core',
    customTags: [],
    strict: true,
  });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems: DataProblem[] = [];
  // One message per file for syntax: the first error explains the ones that follow from it. Warnings count too:
  // an unknown tag such as `!!js/function` must not quietly become a string.
  const duplicate = doc.errors.length === 0 ? firstDuplicateKey(doc) : undefined;
  if (duplicate !== undefined) {
    const path = keyPathAtOffset(doc, duplicate);
    problems.push({
      file,
      keyPath: formatKeyPath(path),
      message: `duplicate key \`${String(path[path.length - 1] ?? '')}\`: it is already defined above`,
      ...at(duplicate),
    });
  }
  for (const error of duplicate === undefined ? [...doc.errors, ...doc.warnings].slice(0, 1) : []) {
    // The yaml package catches its own stack overflow on a document nested thousands deep: said as such, at no key.
    const tooDeep = /Maximum call stack size exceeded/u.test(error.message);
    const path = tooDeep ? [] : keyPathAtOffset(doc, error.pos[0]);
    const keyPath = formatKeyPath(path);
    const message = tooDeep
      ? 'nested too deeply to read (the YAML parser ran out of stack)'
      : error.code === 'TAG_RESOLVE_FAILED'
        ? `unsupported YAML tag: ${cleanYamlMessage(error.message)}`
        : error.code === 'DUPLICATE_KEY'
          ? `duplicate key \`${String(path[path.length - 1] ?? '')}\`: it is already defined above`
          : cleanYamlMessage(error.message);
    problems.push({ file, keyPath, message, ...at(error.pos[0]) });
  }
  // Aliases let a 1 kB file expand to gigabytes ("billion laughs"); manifests and rules never need them.
  if (problems.length === 0 && hasAlias(doc)) {
    problems.push({ file, keyPath: '', message: 'YAML aliases (`*name`) are not supported here', line: 1, column: 1 });
  }
  const value = problems.length === 0 ? doc.toJS({ maxAliasCount: 0 }) : undefined;
  return {
    value,
    problems,
    locate(path) {
      const node = nodeAt(doc, path);
      const range = node?.range;
      return range ? at(range[0]) : { line: 1, column: 1 };
    },
    locateChildren(path) {
      const out = new Map<string, SourcePosition>();
      const node = nodeAt(doc, path);
      if (!isMap(node)) return out;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const target = (pair.value ?? pair.key) as Node | null;
        const range = target?.range ?? (pair.key.range as Node['range']);
        if (!out.has(key) && range) out.set(key, at(range[0]));
      }
      return out;
    },
    locateKey(path) {
      const parent = path.length === 0 ? undefined : nodeAt(doc, path.slice(0, -1));
      if (isMap(parent)) {
        const pair = parent.items.find(
          item => isScalar(item.key) && String(item.key.value) === String(path[path.length - 1]),
        );
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (range) return at(range[0]);
      }
      const range = nodeAt(doc, path)?.range;
      return range ? at(range[0]) : { line: 1, column: 1 };
    },
  };
}

/** Turns zod issues into problems located in the YAML source. */
export function zodProblems(error: ZodError, parsed: ParsedYaml, file: string): DataProblem[] {
  return error.issues.map(issue => {
    const path = issue.path;
    return { file, keyPath: formatKeyPath(path), message: issue.message, ...parsed.locate(path) };
  });
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends a code frame and position; ours are given separately.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '');
}

/** Where the first key repeated in its mapping is, in document order; one walk with an explicit stack. */
function firstDuplicateKey(doc: Document): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const value = pair.key.value;
          const key = `${typeof value}:${String(value)}`;
          const offset = pair.key.range?.[0];
          if (seen.has(key) && offset !== undefined && (first === undefined || offset < first)) first = offset;
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return first;
}

function hasAlias(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The value node at a path, or the deepest existing ancestor's (a missing key points at its parent map). */
function nodeAt(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(item => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) return node;
      // Point at the key for a problem with the value's shape, so "line 3" is the line with the name on it.
      node = pair.value ?? pair.key;
      if (node === null) return isScalar(pair.key) ? pair.key : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) return node;
      node = item;
    } else {
      break;
    }
  }
  return node as Node | undefined;
}

function keyPathAtOffset(doc: Document, offset: number): PropertyKey[] {
  const path: PropertyKey[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find(item => {
        const start = (item.key as Node | null)?.range?.[0] ?? Infinity;
        const end = (item.value as Node | null)?.range?.[2] ?? (item.key as Node | null)?.range?.[2] ?? -1;
        return start <= offset && offset <= end;
      });
      if (!pair || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value));
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(item => {
        const range = (item as Node | null)?.range;
        return range != null && range[0] <= offset && offset <= range[2];
      });
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}
