import ignore, { type Ignore } from 'ignore';

interface Level {
  /** Folder of the `.gitignore`, relative to the root, POSIX, '' for the root. */
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * The `.gitignore` files in force in one folder, innermost last. Git lets a deeper file override a shallower one
 * (a `!pattern` in `src/.gitignore` re-includes what the root file excluded), so a path is judged by the innermost
 * file with a rule that matches it; within one file the last matching rule wins, which `ignore` implements.
 */
export class GitignoreChain {
  readonly #levels: readonly Level[];

  private constructor(levels: readonly Level[]) {
    this.#levels = levels;
  }

  /** The chain for a folder that has a `.gitignore` with `text`, under `parent` (undefined at the top). */
  static extend(parent: GitignoreChain | undefined, base: string, text: string): GitignoreChain {
    const level = { base, rules: ignore({ allowRelativePaths: true }).add(text) };
    return new GitignoreChain(parent ? [...parent.#levels, level] : [level]);
  }

  /** Whether a path (relative to the root, POSIX) is ignored; folders are matched with a trailing slash. */
  ignores(relPath: string, isDirectory: boolean): boolean {
    for (let index = this.#levels.length - 1; index >= 0; index--) {
      const { base, rules } = this.#levels[index]!;
      const local = base === '' ? relPath : relPath.slice(base.length + 1);
      const result = rules.test(isDirectory ? `${local}/` : local);
      if (result.ignored) return true;
      if (result.unignored) return false;
    }
    return false;
  }
}
