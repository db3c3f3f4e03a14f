import type TS from 'typescript';

/**
 * A program of one file, for untyped linting: it binds the file so local names resolve to their declarations and
 * types declared in the same file are known, without reading anything else (no lib, no imports). Untyped and typed
 * analysis then share one code path; they differ only in what the checker can see.
 */
export function createSingleFileProgram(ts: typeof TS, sourceFile: TS.SourceFile): TS.Program {
  const options: TS.CompilerOptions = {
    noLib: true,
    noResolve: true,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    types: [],
    target: ts.ScriptTarget.Latest,
  };
  const host: TS.CompilerHost = {
    getSourceFile: fileName => (fileName === sourceFile.fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: fileName => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: fileName => fileName === sourceFile.fileName,
    readFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [sourceFile.fileName], options, host });
}
