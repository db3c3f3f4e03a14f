import { createRequire } from 'node:module';

interface LibFile {
  readonly fileName: string;
  readonly text: string;
}

interface TsMorphCommon {
  getLibFiles(): readonly LibFile[];
  readonly libFolderInMemoryPath: string;
}

export interface LibFiles {
  /** The folder TypeScript is told holds its lib files (a virtual path: nothing is read from disk there). */
  readonly dir: string;
  /** Lib file text by full path (`<dir>/lib.es2022.d.ts`). */
  readonly texts: ReadonlyMap<string, string>;
}

let libs: LibFiles | undefined;

/**
 * TypeScript's `lib.*.d.ts` files for ts-morph's copy of TypeScript. That copy is bundled without them on disk:
 * ts-morph keeps their text in its `@ts-morph/common` package, already in memory once ts-morph is loaded, and serves
 * it from a virtual folder. A program built without them has no `Array`, `Promise` or DOM types, so the checker
 * would answer `any`/`error` for most expressions. Loaded through ts-morph's own resolution so the copy always
 * matches the bundled compiler.
 */
export function getLibFiles(): LibFiles {
  if (!libs) {
    const fromScanner = createRequire(import.meta.url);
    const fromTsMorph = createRequire(fromScanner.resolve('ts-morph'));
    const common = fromTsMorph('@ts-morph/common') as TsMorphCommon;
    const dir = common.libFolderInMemoryPath;
    libs = { dir, texts: new Map(common.getLibFiles().map(lib => [`${dir}/${lib.fileName}`, lib.text])) };
  }
  return libs;
}
