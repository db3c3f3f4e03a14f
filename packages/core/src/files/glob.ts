/**
 * Path globs in linear time. Globs come from the scanned repository (`privacy.yml` `ignore:`, `package.json`
 * `workspaces`, `pnpm-workspace.yaml`) and are matched against every path of it; a regular expression with several
 * wildcards in a row backtracks, so `a*a*a*a*a*a*a*b` took seconds per 60-character name through picomatch. Here a
 * glob is a list of tokens matched by simulating all its states at once (an NFA): time is at most the length of the
 * path times the length of the glob, whatever either holds.
 *
 * Syntax: `*` (any characters but `/`), `**` as a whole segment (any number of folders, none included), `?` (one
 * character but `/`), `[abc]`, `[a-z]`, `[!a]` or `[^a]` (one character of a class), `{a,b}` (alternatives, nested
 * ones too), `\` (the next character literally). A trailing `/` and a leading `./` are dropped. Wildcards match a name
 * starting with `.` only with `dot`.
 */

/** A glob that cannot be compiled (too many alternatives): said to the user, never thrown as a bug. */
export class GlobError extends Error {
  override readonly name = 'GlobError';
}

export interface GlobOptions {
  /** Whether `*`, `?`, classes and `**` match names that start with a dot. */
  readonly dot?: boolean | undefined;
  /** Whether `{a,b}` means alternatives (the default); `.gitignore` patterns have none, so it is literal there. */
  readonly braces?: boolean | undefined;
}

type CharToken =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [string, string])[] };

type Segment = { readonly kind: 'globstar' } | { readonly kind: 'name'; readonly tokens: readonly CharToken[] };

/** Brace expansion is bounded: `{a,b}{c,d}…` doubles with each group. */
const maxAlternatives = 256;
/** A glob longer than this is not a path pattern anybody writes. */
const maxGlobLength = 4096;
/** Alternatives nest a level or two in real globs; expansion recurses once per level. */
const maxBraceNesting = 16;

/** Compiles globs into one test of a relative POSIX path (true when any glob matches). */
export function compileGlobs(globs: readonly string[], options: GlobOptions = {}): (path: string) => boolean {
  const dot = options.dot === true;
  const compiled: Segment[][] = [];
  for (const glob of globs) {
    if (glob.length > maxGlobLength) throw new GlobError(`glob longer than ${maxGlobLength} characters`);
    for (const alternative of options.braces === false ? [glob] : expandBraces(glob))
      compiled.push(parseGlob(alternative));
  }
  return path => {
    const segments = path.split('/').filter(segment => segment !== '');
    return compiled.some(glob => matchSegments(glob, segments, dot));
  };
}

/** `{a,b}c` -> `ac`, `bc`; nested groups expand too; a `{` without its `}` or without a comma is literal. */
function expandBraces(glob: string, depth = 0): string[] {
  if (depth > maxBraceNesting) throw new GlobError(`a glob nests alternatives more than ${maxBraceNesting} deep`);
  let results = [''];
  let index = 0;
  while (index < glob.length) {
    const char = glob[index]!;
    if (char === '\\' && index + 1 < glob.length) {
      results = results.map(result => result + glob.slice(index, index + 2));
      index += 2;
      continue;
    }
    if (char === '{') {
      const group = braceGroup(glob, index);
      if (group) {
        const options = group.options.flatMap(option => expandBraces(option, depth + 1));
        const next: string[] = [];
        for (const result of results) for (const option of options) next.push(result + option);
        if (next.length > maxAlternatives) {
          throw new GlobError(`\`${glob}\` expands to more than ${maxAlternatives} alternatives`);
        }
        results = next;
        index = group.end + 1;
        continue;
      }
    }
    results = results.map(result => result + char);
    index++;
  }
  return results;
}

/** The top-level options of the brace group opening at `start`, and where it closes. */
function braceGroup(glob: string, start: number): { options: string[]; end: number } | undefined {
  let depth = 0;
  let optionStart = start + 1;
  const options: string[] = [];
  for (let index = start; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}') {
      depth--;
      if (depth === 0) {
        options.push(glob.slice(optionStart, index));
        return options.length > 1 ? { options, end: index } : undefined;
      }
    } else if (char === ',' && depth === 1) {
      options.push(glob.slice(optionStart, index));
      optionStart = index + 1;
    }
  }
  return undefined;
}

function parseGlob(glob: string): Segment[] {
  let text = glob;
  while (text.startsWith('./')) text = text.slice(2);
  while (text.length > 1 && text.endsWith('/') && !text.endsWith('\\/')) text = text.slice(0, -1);
  const segments: Segment[] = [];
  for (const part of splitSegments(text)) {
    if (part === '**') {
      // `**/**` is `**`: consecutive globstars would only multiply the states.
      if (segments.at(-1)?.kind !== 'globstar') segments.push({ kind: 'globstar' });
    } else segments.push({ kind: 'name', tokens: parseSegment(part) });
  }
  return segments;
}

function splitSegments(glob: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '\\' && index + 1 < glob.length) {
      current += glob.slice(index, index + 2);
      index++;
    } else if (char === '/') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function parseSegment(segment: string): CharToken[] {
  const tokens: CharToken[] = [];
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index]!;
    if (char === '\\' && index + 1 < segment.length) {
      tokens.push({ kind: 'char', char: segment[++index]! });
    } else if (char === '*') {
      // `a**b` inside a name is `a*b`.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '[') {
      const parsed = parseClass(segment, index);
      if (parsed) {
        tokens.push(parsed.token);
        index = parsed.end;
      } else tokens.push({ kind: 'char', char });
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

function parseClass(segment: string, start: number): { token: CharToken; end: number } | undefined {
  let index = start + 1;
  let negated = false;
  if (segment[index] === '!' || segment[index] === '^') {
    negated = true;
    index++;
  }
  const ranges: [string, string][] = [];
  let first = true;
  for (; index < segment.length; index++) {
    let char = segment[index]!;
    if (char === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: index };
    first = false;
    if (char === '\\' && index + 1 < segment.length) char = segment[++index]!;
    if (segment[index + 1] === '-' && index + 2 < segment.length && segment[index + 2] !== ']') {
      let to = segment[index + 2]!;
      index += 2;
      if (to === '\\' && index + 1 < segment.length) to = segment[++index]!;
      ranges.push([char, to]);
    } else ranges.push([char, char]);
  }
  return undefined;
}

function tokenMatches(token: CharToken, char: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'any':
    case 'star':
      return true;
    case 'class': {
      const inside = token.ranges.some(([from, to]) => from <= char && char <= to);
      return inside !== token.negated;
    }
  }
}

/** One name against one segment's tokens: the set of reachable token positions, advanced a character at a time. */
function matchName(tokens: readonly CharToken[], name: string, dot: boolean): boolean {
  // A hidden name matches only a pattern that spells its dot.
  if (!dot && name.startsWith('.') && !(tokens[0]?.kind === 'char' && tokens[0].char === '.')) return false;
  let states = new Uint8Array(tokens.length + 1);
  let next = new Uint8Array(tokens.length + 1);
  const close = (set: Uint8Array): void => {
    for (let index = 0; index < tokens.length; index++) {
      if (set[index] && tokens[index]!.kind === 'star') set[index + 1] = 1;
    }
  };
  states[0] = 1;
  close(states);
  for (const char of name) {
    next.fill(0);
    let any = false;
    for (let index = 0; index < tokens.length; index++) {
      if (!states[index]) continue;
      const token = tokens[index]!;
      if (!tokenMatches(token, char)) continue;
      if (token.kind === 'star') next[index] = 1;
      else next[index + 1] = 1;
      any = true;
    }
    if (!any) return false;
    close(next);
    [states, next] = [next, states];
  }
  return states[tokens.length] === 1;
}

/** A path's segments against a glob's: the same simulation one level up, where `**` consumes whole folders. */
function matchSegments(glob: readonly Segment[], segments: readonly string[], dot: boolean): boolean {
  let states = new Uint8Array(glob.length + 1);
  const close = (set: Uint8Array): void => {
    for (let index = 0; index < glob.length; index++) {
      if (set[index] && glob[index]!.kind === 'globstar') set[index + 1] = 1;
    }
  };
  states[0] = 1;
  close(states);
  for (const name of segments) {
    const next = new Uint8Array(glob.length + 1);
    let any = false;
    for (let index = 0; index < glob.length; index++) {
      if (!states[index]) continue;
      const segment = glob[index]!;
      if (segment.kind === 'globstar') {
        if (dot || !name.startsWith('.')) {
          next[index] = 1;
          any = true;
        }
      } else if (matchName(segment.tokens, name, dot)) {
        next[index + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    states = next;
  }
  return states[glob.length] === 1;
}
