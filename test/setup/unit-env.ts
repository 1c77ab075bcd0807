import fc from "fast-check";

// Unit tests touch no server: no Meilisearch, no build. Logs stay quiet unless asked for.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";

// Property tests run from a fixed seed so CI is repeatable; FC_SEED=<n> (or "random") explores others.
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261125 });
