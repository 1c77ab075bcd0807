import { gzipSync } from "node:zlib";

/** A page's weight in bytes: its HTML, the scripts and stylesheets it names, and the chunks those import later. */
export type Weight = { html: number; htmlGz: number; assets: number; assetsGz: number; files: number; lazyGz: number; lazy: string[] };

/** `import "/build/x.js"`, `import * as r from "…"`, `import { a as b } from "…"` (not `import("…")`). */
const STATIC_IMPORT = /\bimport\s*(?:[\w*{][^"'();]*?\bfrom\s*)?"(\/build\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\("(\/build\/[^"]+\.js)"\)/g;

/**
 * Weighs `base + path` as a phone's first load: the HTML and every script and stylesheet it loads
 * (modulepreload, script, stylesheet links, inline module imports, and every module those import
 * statically), each gzipped at level 6 as a compressing proxy would send it; chunks those modules fetch later with `import()` are counted apart.
 */
export async function weigh(base: string, path: string): Promise<Weight> {
  const html = Buffer.from(await (await fetch(base + path)).arrayBuffer());
  const text = html.toString("utf8");
  const urls = new Set<string>();
  for (const m of text.matchAll(/<(?:link|script)\b[^>]*?(?:href|src)="([^"]+\.(?:js|css))"/g)) urls.add(m[1]);
  // Inline module scripts import the entry and route modules without a link for some of them.
  for (const m of text.matchAll(STATIC_IMPORT)) urls.add(m[1]);
  let assets = 0;
  let assetsGz = 0;
  const bodies: string[] = [];
  // Every module a loaded module imports statically is loaded too, named by the HTML or not.
  for (const u of urls) {
    const body = Buffer.from(await (await fetch(new URL(u, base))).arrayBuffer());
    assets += body.length;
    assetsGz += gzipSync(body, { level: 6 }).length;
    const source = body.toString("utf8");
    bodies.push(source);
    if (u.endsWith(".js")) for (const m of source.matchAll(STATIC_IMPORT)) urls.add(m[1]);
  }
  // Chunks fetched later by a dynamic import() of the loaded modules (not part of the first load), with
  // the modules those import in turn (Zod and the phone library under the schema's chunk).
  const lazy = new Set<string>();
  const later = (source: string) => {
    for (const m of source.matchAll(DYNAMIC_IMPORT)) if (!urls.has(m[1])) lazy.add(m[1]);
  };
  for (const b of bodies) later(b);
  let lazyGz = 0;
  for (const u of lazy) {
    const body = Buffer.from(await (await fetch(new URL(u, base))).arrayBuffer());
    lazyGz += gzipSync(body, { level: 6 }).length;
    const source = body.toString("utf8");
    later(source);
    for (const m of source.matchAll(STATIC_IMPORT)) if (!urls.has(m[1])) lazy.add(m[1]);
  }
  return { html: html.length, htmlGz: gzipSync(html, { level: 6 }).length, assets, assetsGz, files: urls.size, lazyGz, lazy: [...lazy] };
}
