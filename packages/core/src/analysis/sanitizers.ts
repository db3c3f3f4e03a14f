import type TS from 'typescript';
import type { SanitizerDef } from '../knowledge/schema.js';
import { normalizeName } from '../names/tokenize.js';
import { calleeName, dottedName } from './declarations.js';

/**
 * Recognises calls whose result no longer carries the personal data given to them: the defaults in
 * `rules/sanitizers.yml` (by the verb that starts the callee's name, or exact dotted calls) and the project's own
 * `sanitizers:` from the manifest (plain or dotted names). A chain that starts with one
 * (`createHash('sha256').update(email).digest('hex')`) is sanitized as a whole.
 */
export class SanitizerMatcher {
  readonly #ts: typeof TS;
  readonly #patterns: readonly { id: string; regex: RegExp }[];
  readonly #calls: readonly { id: string; call: string }[];

  constructor(ts: typeof TS, defaults: readonly SanitizerDef[], project: readonly string[]) {
    this.#ts = ts;
    this.#patterns = defaults.flatMap(def =>
      def.callee === undefined ? [] : [{ id: def.id, regex: new RegExp(`^(?:${def.callee})`, 'u') }],
    );
    this.#calls = [
      ...defaults.flatMap(def => (def.calls ?? []).map(call => ({ id: def.id, call }))),
      ...project.map(call => ({ id: call, call })),
    ];
  }

  /** The sanitizer a call is (its id or the manifest name), or undefined. */
  sanitizerOf(call: TS.CallExpression): string | undefined {
    const ts = this.#ts;
    for (let current: TS.Expression = call; ts.isCallExpression(current);) {
      const found = this.#direct(current);
      if (found !== undefined) return found;
      const callee = current.expression;
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      current = callee.expression;
    }
    return undefined;
  }

  #direct(call: TS.CallExpression): string | undefined {
    const ts = this.#ts;
    const callee = call.expression;
    const dotted = dottedName(ts, callee);
    const last = calleeName(ts, callee);
    if (last === undefined) return undefined;
    for (const { id, call: name } of this.#calls) {
      const lastSegment = name.slice(name.lastIndexOf('.') + 1);
      if (dotted !== undefined && (dotted === name || dotted.endsWith(`.${name}`))) return id;
      // `import { createHash } from 'node:crypto'` calls `createHash` bare.
      if (ts.isIdentifier(callee) && callee.text === lastSegment) return id;
    }
    const normalized = normalizeName(last);
    for (const { id, regex } of this.#patterns) if (regex.test(normalized)) return id;
    return undefined;
  }
}
