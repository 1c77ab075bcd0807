/**
 * How the web process is started: `node build/index.js`, the file `remix build` compiles from
 * app/server.ts together with the app (remix.config.js `server`; docs/decisions/044). `npm start`, the
 * tests and the benchmarks start it this way, so they measure what runs in production. Build first
 * (`npm run build`; the tests call ensureRemixBuild).
 */
export const WEB_ENTRY = "build/index.js";

/**
 * The web process's V8 heap bound in MB when WEB_HEAP_MB is not set (`--max-old-space-size`): unbounded,
 * V8 let the heap grow to ~500 MB under a burst and kept it; bounded it collects sooner at no loss of
 * throughput (docs/benchmarks.md, "Memory").
 */
export const DEFAULT_WEB_HEAP_MB = 256;

/** The web process's node arguments for a heap bound of `heapMb` (WEB_HEAP_MB). */
export function webProcessArgs(heapMb: number = DEFAULT_WEB_HEAP_MB): string[] {
  return [`--max-old-space-size=${heapMb}`, WEB_ENTRY];
}
