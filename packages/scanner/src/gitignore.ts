import { compileGlobs, GlobError } from '@privlint/core';

/**
 * One `.gitignore` line: a glob (relative to the file's folder), whether it re-includes (`!`), whether it only
 * matches folders (a trailing `/`).
 */
interface Rule {
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly matches: (relPath: string) => boolean;
}

interface Level {
  /** Folder of the `.gitignore`, relative to the root, POSIX, '' for the root. */
  readonly base: string;
  readonly rules: readonly Rule[];
}

/**
 * A `.gitignore` is a page of patterns; a repository that ships thousands in one file, or in a chain of nested ones,
 * would make every path of the walk pay for each. Rules beyond these are not applied (which can only make the scan
 * see more files) and the file says so.
 */
export const maxRulesPerFile = 1000;
const maxRulesPerChain = 2000;

/** Parsed `.gitignore` text, with what could not be used. */
export interface GitignoreFile {
  readonly rules: readonly Rule[];
  /** Rules dropped: over the limit, or patterns that are not valid globs. */
  readonly dropped: number;
}

/**
 * Reads `.gitignore` text with git's rules (gitignore(5)): comments and blank lines skipped, trailing spaces dropped
 * unless escaped, `!` re-includes, a trailing `/` matches folders only, a pattern with a `/` before its end is
 * relative to the file's folder and one without matches at any depth, `*` `?` `[…]` stop at `/`, `**` spans folders,
 * and `dir/**` matches what is inside `dir` but not `dir` itself. Matching is privlint's linear glob matcher: the
 * `ignore` package, used before, took seconds per path on `**\/a*\/**\/a*\/…` and every path of the walk is tested.
 */
export function parseGitignore(text: string): GitignoreFile {
  const rules: Rule[] = [];
  let dropped = 0;
  for (const raw of text.split(/\r?\n/u)) {
    let line = raw.replace(/(?<!\\)\s+$/u, '');
    if (line === '' || line.startsWith('#')) continue;
    if (rules.length >= maxRulesPerFile) {
      dropped++;
      continue;
    }
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const directoryOnly = line.endsWith('/') && !line.endsWith('\\/');
    if (directoryOnly) line = line.replace(/\/+$/u, '');
    if (line === '') continue;
    const anchored = line.includes('/');
    let glob = line.replace(/^\/+/u, '');
    if (!anchored) glob = `**/${glob}`;
    // `dir/**` is what is inside `dir`: one segment at least, so a negation inside it can still re-include a file.
    if (glob.endsWith('/**')) glob = `${glob.slice(0, -3)}/*/**`;
    // Case-insensitive, as privlint matched them before and as git does where the file system folds case: the same
    // report on every platform.
    glob = glob.toLowerCase();
    try {
      const match = fastMatcher(glob) ?? compileGlobs([glob], { dot: true, braces: false });
      rules.push({ negated, directoryOnly, matches: relPath => match(relPath.toLowerCase()) });
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      dropped++;
    }
  }
  return { rules, dropped };
}

/** Most lines are a name (`node_modules`, `.env`) or an extension (`*.log`): matched without the glob engine. */
function fastMatcher(glob: string): ((relPath: string) => boolean) | undefined {
  const name = /^\*\*\/([^*?[\\/]+)$/u.exec(glob)?.[1];
  if (name !== undefined) return relPath => relPath === name || relPath.endsWith(`/${name}`);
  const suffix = /^\*\*\/\*([^*?[\\/]+)$/u.exec(glob)?.[1];
  if (suffix !== undefined) return relPath => relPath.endsWith(suffix);
  if (!/[*?[\\]/u.test(glob)) return relPath => relPath === glob;
  return undefined;
}

/**
 * The `.gitignore` files in force in one folder, innermost last. Git lets a deeper file override a shallower one
 * (a `!pattern` in `src/.gitignore` re-includes what the root file excluded), so a path is judged by the innermost
 * file with a rule that matches it; within one file the last matching rule wins.
 */
export class GitignoreChain {
  readonly #levels: readonly Level[];
  readonly #count: number;

  private constructor(levels: readonly Level[], count: number) {
    this.#levels = levels;
    this.#count = count;
  }

  /**
   * The chain for a folder that has a `.gitignore` with `text`, under `parent` (undefined at the top), and how many
   * of its rules were not applied.
   */
  static extend(
    parent: GitignoreChain | undefined,
    base: string,
    text: string,
  ): { chain: GitignoreChain; dropped: number } {
    const parsed = parseGitignore(text);
    const before = parent ? parent.#count : 0;
    const rules = parsed.rules.slice(0, Math.max(0, maxRulesPerChain - before));
    const level = { base, rules };
    const levels = parent ? [...parent.#levels, level] : [level];
    return {
      chain: new GitignoreChain(levels, before + rules.length),
      dropped: parsed.dropped + parsed.rules.length - rules.length,
    };
  }

  /** Whether a path (relative to the root, POSIX) is ignored. */
  ignores(relPath: string, isDirectory: boolean): boolean {
    for (let index = this.#levels.length - 1; index >= 0; index--) {
      const { base, rules } = this.#levels[index]!;
      const local = base === '' ? relPath : relPath.slice(base.length + 1);
      for (let rule = rules.length - 1; rule >= 0; rule--) {
        const { negated, directoryOnly, matches } = rules[rule]!;
        if (directoryOnly && !isDirectory) continue;
        if (matches(local)) return !negated;
      }
    }
    return false;
  }
}
