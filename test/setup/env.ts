import "./unit-env";

import { inject } from "vitest";

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
