import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

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
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/e2e/**", "**/node_modules/**"],
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/env.ts"],
          testTimeout: 30_000,
          hookTimeout: 90_000,
          pool: "forks",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/env.ts"],
          testTimeout: 30_000,
          hookTimeout: 90_000,
          pool: "forks",
        },
      },
    ],
  },
});
