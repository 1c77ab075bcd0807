import "./unit-env";

import { afterAll, inject } from "vitest";

// Every test file sees the test run's services. Each file that writes gets its own database
// (see test/support/database.ts), so parallel files never see each other's outbox.
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
process.env.ADMIN_API_TOKEN = "test-admin-token-0123456789";
// Console logs stay quiet (unit-env.ts), but every line, at every level, of every process of the run
// goes to the run's log file, which the teardown scans for full phone numbers (ADR 022).
process.env.LOG_FILE = inject("logFile");
process.env.LOG_FILE_LEVEL = "debug";
process.env.API_RATE_LIMIT_PER_MINUTE ??= "1000";
process.env.SLA_CLOCK ??= "wall"; // tests that need working time set the clock themselves (ADR 028)

// Files share their worker's process (the integration project does not isolate them): what a file sets in
// process.env, and the process-wide singletons it made from it (a pool on its own database, say), end with it.
const envAtStart = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in envAtStart)) delete process.env[key];
  Object.assign(process.env, envAtStart);
  (globalThis as { __parkmatch?: Map<string, unknown> }).__parkmatch?.clear();
});
