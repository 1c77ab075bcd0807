import fc from "fast-check";
import { afterAll } from "vitest";

// Unit tests touch no server: no Meilisearch, no build. Logs stay quiet unless asked for.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";

// Property tests run from a fixed seed so CI is repeatable; FC_SEED=<n> (or "random") explores others.
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261125 });

// Files share their worker's process (isolate: false): the process-wide singletons a file made (the web's
// parsed environment under the env it stubbed, say) end with it, so the next file reads its own
// (public-side's secrets were read under an earlier file's stubbed env, 12-05).
afterAll(() => (globalThis as { __parkmatch?: Map<string, unknown> }).__parkmatch?.clear());
