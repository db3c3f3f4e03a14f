import { createRequire } from 'node:module';
import type { ts } from 'ts-morph';

interface LibFile {
  readonly fileName: string;
  readonly text: string;
}

interface TsMorphCommon {
  getLibFiles(): readonly LibFile[];
  readonly libFolderInMemoryPath: string;
  readonly ts: typeof ts;
}

export interface LibFiles {
  /** The folder TypeScript is told holds its lib files (a virtual path: nothing is read from disk there). */
  readonly dir: string;
  /** Lib file text by full path (`<dir>/lib.es2022.d.ts`). */
  readonly texts: ReadonlyMap<string, string>;
}

let libs: LibFiles | undefined;
let common: TsMorphCommon | undefined;

/**
 * ts-morph's `@ts-morph/common`, which holds its copy of TypeScript and the lib files, found through ts-morph's own
 * resolution so the copy always matches the one ts-morph was released with. The scanner needs nothing else of
 * ts-morph: its `Project` layer (a megabyte of code, and the export scan an ES module import of CommonJS runs on it)
 * is never loaded, which keeps about 4 MB out of every scan.
 */
function tsMorphCommon(): TsMorphCommon {
  if (!common) {
    const fromScanner = createRequire(import.meta.url);
    const fromTsMorph = createRequire(fromScanner.resolve('ts-morph'));
    common = fromTsMorph('@ts-morph/common') as TsMorphCommon;
  }
  return common;
}

/** ts-morph's TypeScript: the copy every tree of a scan comes from. */
export function tsMorphTypeScript(): typeof ts {
  return tsMorphCommon().ts;
}

/**
 * TypeScript's `lib.*.d.ts` files for ts-morph's copy of TypeScript. That copy is bundled without them on disk:
 * ts-morph keeps their text in its `@ts-morph/common` package, already in memory once ts-morph is loaded, and serves
 * it from a virtual folder. A program built without them has no `Array`, `Promise` or DOM types, so the checker
 * would answer `any`/`error` for most expressions. Loaded through ts-morph's own resolution so the copy always
 * matches the bundled compiler.
 */
export function getLibFiles(): LibFiles {
  if (!libs) {
    const { libFolderInMemoryPath: dir, getLibFiles: libFiles } = tsMorphCommon();
    libs = { dir, texts: new Map(libFiles().map(lib => [`${dir}/${lib.fileName}`, lib.text])) };
  }
  return libs;
}
