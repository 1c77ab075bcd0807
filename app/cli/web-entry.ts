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

/**
 * Semi-space bound in MB of the web process (`--max-semi-space-size`). The young generation is two
 * semi-spaces, 16 MB each by default on 64-bit, and once a burst has grown them they stay committed:
 * 8 MB took 12–16 MB off the RSS at rest and under load, with no cost per request measurable here
 * (docs/benchmarks.md, "Memory"; docs/decisions/048). The worker has its own, WORKER_SEMI_SPACE_MB
 * (docs/decisions/062).
 */
export const SEMI_SPACE_MB = 8;

/**
 * The web process's node arguments for an old-space bound of `heapMb` (WEB_HEAP_MB). A bound of 256 MB
 * or less also keeps V8's heap growing factor at its smallest (the old generation is let grow to ~1.3×
 * what survived the last full collection instead of up to 4× with a multi-GB limit; docs/decisions/048).
 */
export function webProcessArgs(heapMb: number = DEFAULT_WEB_HEAP_MB): string[] {
  return [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, WEB_ENTRY];
}
