import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

// Tests that run several web and worker processes and kill them (the fault suite, two of each): they
// run after the others, one at a time, so they neither starve nor are starved by the rest (ADR 212's
// interleaving was taken back: a timing check beside them failed in CI).
const HEAVY = ["test/integration/faults.test.ts", "test/integration/two-processes.test.ts"];

// Three projects: `unit` needs no build and no server (seconds: `npm run test:unit`), `integration`
// runs against real Postgres, Redis, Meilisearch and SMTP, `e2e` drives Chromium. `npm test` runs all.
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["test/setup/unit-env.ts"],
          testTimeout: 30_000,
          pool: "forks",
          // Unit files share their worker's loaded modules: each file no longer pays its own import of
          // the app (~1 s; the project took 272 s of CPU isolated, 70 s shared, 2026-12-05). They keep no
          // state between files (fake timers are restored after each test; no file sets process.env).
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/e2e/**", ...HEAVY, "**/node_modules/**"],
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/env.ts"],
          // Tests wait for the worker's pipeline (outboxDrained up to 120 s) or start a web process of their own:
          // a CI run on a machine at load 20 (12-05) timed out three of them at 30 s while their work went on.
          testTimeout: 90_000,
          hookTimeout: 90_000,
          pool: "forks",
          isolate: false, // as the unit project's; test/setup/env.ts puts back what a file changed
        },
      },
      {
        resolve: { alias },
        test: {
          name: "heavy",
          include: HEAVY,
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/env.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/env.ts"],
          // A browser page on a busy 2-core machine can take seconds to answer a click: a poll waits
          // for what it means up to 15 s instead of vitest's 1 s (a CI run failed a 409 warning that
          // came after 1 s).
          expect: { poll: { timeout: 15_000 } },
          // A test of a dozen steps with a screenshot and an axe scan took over 30 s on a machine at load
          // 20 (recruiter-corrects-need, 2026-12-05): a browser test's own limit is 90 s.
          testTimeout: 90_000,
          hookTimeout: 90_000,
          pool: "forks",
          // Browser files share their worker's loaded modules too (playwright-core, the app's test support):
          // each still makes its own database, web process and Chromium in beforeAll and ends them in afterAll
          // (browserSuite, or the file's own hooks), keeps no state in a shared module, mocks nothing and sets
          // no process.env; test/setup/env.ts puts back what a file changed (ADR 194).
          isolate: false,
        },
      },
    ],
  },
});
