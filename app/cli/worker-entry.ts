import type { BuildOptions } from "esbuild";

/**
 * How the worker process is started: `node build/worker.js`, the file `npm run build` compiles from
 * worker/index.ts and everything of app/ and search/ it imports (WORKER_BUILD; packages stay in
 * node_modules, as in the web's build). `npm start`, the tests and the benchmarks start it this way, so
 * they measure what runs in production (docs/decisions/048). Build first (`npm run build`; the tests
 * call ensureRemixBuild, which builds both).
 */
export const WORKER_ENTRY = "build/worker.js";

/** The worker's source entry, which WORKER_BUILD compiles into WORKER_ENTRY. */
export const WORKER_SOURCE = "worker/index.ts";

/**
 * esbuild's options for the worker: one ESM file for Node 20, TypeScript and the `~/` paths resolved
 * from tsconfig.json, JSX (the email layouts) with React's automatic runtime, packages imported from
 * node_modules at run time. Paths are relative to the project root (the working directory).
 */
export const WORKER_BUILD: BuildOptions = {
  entryPoints: [WORKER_SOURCE],
  outfile: WORKER_ENTRY,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
};

/**
 * The worker's V8 old-space bound in MB when WORKER_HEAP_MB is not set (`--max-old-space-size`), as
 * the web's (DEFAULT_WEB_HEAP_MB). Unbounded, V8 sized the worker's heap for a 24 GiB machine: it let
 * the old generation grow to up to 4× what survived a full collection (288–353 MB of RSS in bench:e2e
 * for ~30–35 MB in use); with a bound of 256 MB or less it grows by ~1.3× (docs/decisions/048).
 */
export const DEFAULT_WORKER_HEAP_MB = 256;

/**
 * The worker's semi-space bound in MB (`--max-semi-space-size`), twice the web's SEMI_SPACE_MB. A
 * lead's jobs keep what they read and build (the spaces re-read, the email's streams) for tens to
 * hundreds of ms, so with 8 in flight more of it outlives a small young generation. At 50 leads/s the
 * garbage collector had 1.13 CPU samples a lead at 8 MB and 0.94 at 16 MB (mean of three profiles each),
 * the worker ~0.4 ms a lead less CPU (ten pairs, not beyond the runs' spread); RSS +13–17 MB, up to
 * +25 MB at the start-up indexing peak (211–233 MB). 32 MB reached 249 MB there: not taken (docs/decisions/062).
 */
export const WORKER_SEMI_SPACE_MB = 16;

/** The worker process's node arguments for an old-space bound of `heapMb` (WORKER_HEAP_MB). */
export function workerProcessArgs(heapMb: number = DEFAULT_WORKER_HEAP_MB): string[] {
  return [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`, WORKER_ENTRY];
}

/** Compiles the worker (WORKER_BUILD) into `outfile` (npm run build: aside, then put in place); esbuild's errors are thrown. */
export async function buildWorker(outfile: string = WORKER_ENTRY): Promise<void> {
  const { build } = await import("esbuild");
  await build({ ...WORKER_BUILD, outfile });
}
