import { describe, expect, it } from 'vitest';
import { GitignoreChain, parseGitignore } from '../../../packages/scanner/src/gitignore.js';

/** Whether `relPath` is ignored by `text` as the walk asks: each parent folder first, then the path itself. */
function ignored(text: string, relPath: string, isDirectory = false): boolean {
  const { chain } = GitignoreChain.extend(undefined, '', text);
  const parts = relPath.split('/');
  for (let length = 1; length < parts.length; length++) {
    if (chain.ignores(parts.slice(0, length).join('/'), true)) return true;
  }
  return chain.ignores(relPath, isDirectory);
}

describe('.gitignore patterns, as git reads them', () => {
  it.each([
    ['*.log', 'debug.log', true],
    ['*.log', 'src/deep/debug.log', true],
    ['*.log', 'debug.log.ts', false],
    ['/build', 'build/a.ts', true],
    ['/build', 'src/build/a.ts', false],
    ['build/', 'build/a.ts', true],
    ['build/', 'build', false],
    ['build/', 'src/build/a.ts', true],
    ['doc/*.txt', 'doc/notes.txt', true],
    ['doc/*.txt', 'doc/server/arch.txt', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**/cache', 'deep/down/cache', true],
    ['x?y', 'xzy', true],
    ['[abc].ts', 'b.ts', true],
    ['[!abc].ts', 'b.ts', false],
    ['\\#hash', '#hash', true],
    ['# a comment', '# a comment', false],
    ['Logs', 'logs/app.ts', true],
    ['{a,b}.ts', 'a.ts', false],
    ['{a,b}.ts', '{a,b}.ts', true],
  ])('%s on %s: %s', (pattern, relPath, expected) => {
    expect(ignored(pattern, relPath)).toBe(expected);
  });

  it('re-includes with `!`, inside `dir/**` too, but not under an excluded folder', () => {
    const text = 'secrets/**\n!secrets/keep.ts\n*.local.ts\n!settings.local.ts\ntmp/\n!tmp/keep.ts\n';
    expect(ignored(text, 'secrets/keep.ts')).toBe(false);
    expect(ignored(text, 'secrets/other.ts')).toBe(true);
    expect(ignored(text, 'secrets', true)).toBe(false);
    expect(ignored(text, 'app.local.ts')).toBe(true);
    expect(ignored(text, 'settings.local.ts')).toBe(false);
    expect(ignored(text, 'tmp/keep.ts')).toBe(true);
  });

  it('counts the rules it cannot apply: past the limit of a file', () => {
    const text = Array.from({ length: 1005 }, (_, index) => `file${index}.ts`).join('\n');
    const parsed = parseGitignore(text);
    expect(parsed.rules).toHaveLength(1000);
    expect(parsed.dropped).toBe(5);
    expect(ignored(text, 'file999.ts')).toBe(true);
    expect(ignored(text, 'file1004.ts')).toBe(false);
  });
});
