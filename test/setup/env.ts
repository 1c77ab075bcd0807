import fc from "fast-check";
import { inject } from "vitest";

// Every test file sees the test run's services. Each file that writes gets its own database
// (see test/support/database.ts), so parallel files never see each other's outbox.
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
process.env.ADMIN_API_TOKEN = "test-admin-token-0123456789";
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";
// …but every line, at every level, goes to the run's log file, which the teardown scans for phones.
process.env.LOG_FILE = inject("logFile");
process.env.LOG_FILE_LEVEL = "debug";
process.env.API_RATE_LIMIT_PER_MINUTE ??= "1000";

// Property tests run from a fixed seed so CI is repeatable; FC_SEED=<n> (or "random") explores others.
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261125 });
