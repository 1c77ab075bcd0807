import type * as OpenCC from "opencc-js/t2cn";

import { loadOnUse } from "./load-on-use.server";

/** opencc-js's Traditional → Simplified build (its CommonJS file), loaded on first use (docs/decisions/175). */
export const openccT2cn = loadOnUse<typeof OpenCC>("opencc-js/t2cn");

let tw: ((text: string) => string) | undefined;

/**
 * Traditional → Simplified (OpenCC `tw` → `cn`) for servers. Its tables (~0.2 s of CPU to build) are built at
 * the first text converted, not at the web's start (docs/decisions/175); the web's warm-up after it listens
 * (ADR 148) converts one. In the browser this module is empty (Remix leaves `.server` modules out of the
 * client build): the form loads the same converter after the page is up (`loadTraditionalFolding` in
 * fold-text.ts), so the ~117 KB gzip dictionary is not part of the first load (docs/benchmarks.md, Form page;
 * ADR 031).
 */
export function serverTraditionalToSimplified(text: string): string {
  tw ??= openccT2cn().Converter({ from: "tw", to: "cn" });
  return tw(text);
}
