import * as OpenCC from "opencc-js/t2cn";

/**
 * Traditional → Simplified (OpenCC `tw` → `cn`) for servers, loaded with the module. In the browser this
 * module is empty (Remix leaves `.server` modules out of the client build): the form loads the same
 * converter after the page is up (`loadTraditionalFolding` in fold-text.ts), so the ~117 KB gzip
 * dictionary is not part of the first load (docs/benchmarks.md, Form page; ADR 031).
 */
export const serverTraditionalToSimplified: (text: string) => string = OpenCC.Converter({ from: "tw", to: "cn" });
