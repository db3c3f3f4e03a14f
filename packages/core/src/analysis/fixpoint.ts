/** An answer of a `Fixpoint`: its value, whether a bound cut it, and whether it is not settled yet. */
export interface Settled<V> {
  readonly value: V;
  readonly incomplete: boolean;
  /** Asked from inside its own recursive group before the group settled: it will be evaluated again. */
  readonly provisional: boolean;
}

interface Entry<V> {
  value: V;
  incomplete: boolean;
  readonly index: number;
  low: number;
  done: boolean;
  /** Its evaluation used an unsettled value of its own group (itself included). */
  recursive: boolean;
}

export interface FixpointOptions<K, V> {
  /** One evaluation of a key; it asks for the values it depends on with `get`. */
  readonly evaluate: (key: K) => { value: V; incomplete: boolean };
  /** The value before any evaluation: what a recursive use sees first. */
  readonly bottom: () => V;
  /** Whether two evaluations said the same (the group is then settled). */
  readonly same: (a: V, b: V) => boolean;
  /** Rounds a recursive group may take before it is declared incomplete. */
  readonly maxRounds?: number;
}

/**
 * Values defined in terms of each other, such as function summaries of mutually recursive functions, solved as a
 * least fixpoint: keys are evaluated on demand (Tarjan's algorithm finds the recursive groups as it goes), and a
 * group is evaluated again, all its members, until no member's value changes. The result does not depend on which
 * member was asked first. A group that does not settle within `maxRounds` keeps its last values, marked incomplete.
 */
export class Fixpoint<K, V> {
  readonly #options: FixpointOptions<K, V>;
  readonly #entries = new Map<K, Entry<V>>();
  readonly #stack: K[] = [];
  #counter = 0;
  #current: Entry<V> | undefined;

  constructor(options: FixpointOptions<K, V>) {
    this.#options = options;
  }

  get(key: K): Settled<V> {
    const existing = this.#entries.get(key);
    if (existing?.done) return { value: existing.value, incomplete: existing.incomplete, provisional: false };
    if (existing) {
      // On the stack: a recursive use. The asker joins this key's group and sees its value so far.
      if (this.#current) {
        this.#current.low = Math.min(this.#current.low, existing.index);
        this.#current.recursive = true;
      }
      return { value: existing.value, incomplete: existing.incomplete, provisional: true };
    }
    const entry: Entry<V> = {
      value: this.#options.bottom(),
      incomplete: false,
      index: this.#counter,
      low: this.#counter,
      done: false,
      recursive: false,
    };
    this.#counter++;
    this.#entries.set(key, entry);
    this.#stack.push(key);
    const parent = this.#current;
    this.#current = entry;
    try {
      const first = this.#options.evaluate(key);
      entry.value = first.value;
      entry.incomplete = first.incomplete;
    } finally {
      this.#current = parent;
    }
    if (entry.low < entry.index) {
      // Part of a group whose root is further up: it settles with the root.
      if (parent) parent.low = Math.min(parent.low, entry.low);
      return { value: entry.value, incomplete: entry.incomplete, provisional: true };
    }
    const group: K[] = [];
    for (;;) {
      const member = this.#stack.pop()!;
      group.push(member);
      if (member === key) break;
    }
    if (group.length > 1 || entry.recursive) this.#settle(group);
    for (const member of group) this.#entries.get(member)!.done = true;
    return { value: entry.value, incomplete: entry.incomplete, provisional: false };
  }

  /** Evaluates every member of a recursive group again until none changes. */
  #settle(group: readonly K[]): void {
    const maxRounds = this.#options.maxRounds ?? 8;
    for (let round = 0; round < maxRounds; round++) {
      let changed = false;
      for (const member of group) {
        const entry = this.#entries.get(member)!;
        const parent = this.#current;
        this.#current = entry;
        try {
          const next = this.#options.evaluate(member);
          if (!this.#options.same(entry.value, next.value)) changed = true;
          entry.value = next.value;
          entry.incomplete = next.incomplete;
        } finally {
          this.#current = parent;
        }
      }
      if (!changed) return;
    }
    for (const member of group) this.#entries.get(member)!.incomplete = true;
  }
}
