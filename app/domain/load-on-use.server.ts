import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A CommonJS package (or one of its files) loaded at its first use instead of when the importing module
 * loads: `const excel = loadOnUse<typeof ExcelJS>("exceljs")`, then `excel().Workbook`. The load is
 * `require`, synchronous: the first caller gets the whole module or the load's error (thrown to it, and
 * tried again by the next caller), never a half-loaded one, and callers after it share that one instance
 * (node's require cache: the same objects an `import` of the package's CommonJS build would give).
 *
 * Why: a web process start loaded and evaluated every package the bundle names, most of them for pages a
 * process may never serve (Excel files, the password checker, the Traditional-Chinese tables): ~1 s of
 * CPU of each start (docs/decisions/175). Server only.
 *
 * @param specifier what `require` resolves from the project root (node_modules), e.g. "opencc-js/t2cn".
 * @returns a getter; each call returns the one loaded module.
 */
export function loadOnUse<T>(specifier: string): () => T {
  let loaded: { module: T } | undefined;
  return () => (loaded ??= { module: require(specifier) as T }).module;
}
