import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { DEFAULT_WORKER_HEAP_MB, WORKER_ENTRY, workerProcessArgs } from "../../app/cli/worker-entry";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { type ManagedProcess, startProcess } from "../support/processes";
import { eventually } from "../support/services";

// Issue 14 (worker RSS < 250 MB): the worker runs compiled, as the web does (docs/decisions/048) —
// `node <heap bounds> build/worker.js`, no TypeScript compiler loaded at run time — and that build
// does the worker's work: it indexes the inventory and matches a lead that came in through the web.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: ManagedProcess;
let worker: ManagedProcess;

beforeAll(async () => {
  db = await createTestDatabase("worker_process");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const env = { DATABASE_URL: db.url, QUEUE_PREFIX: `pmtest-wp-${Math.random().toString(36).slice(2, 10)}`, RELAY_POLL_MS: "200" };
  [worker, web] = await Promise.all([startProcess("worker", "worker", env), startProcess("web", "web", env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all([web, worker].filter(Boolean).map((p) => p.stop()));
  await db?.drop();
});

describe("the worker process as npm start runs it", () => {
  it("is the compiled build with its heap bounds, not worker/index.ts through tsx", () => {
    const args = workerProcessArgs();
    expect(args.at(-1)).toBe(WORKER_ENTRY);
    expect(args).toContain(`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`);
    expect(args.some((a) => a.startsWith("--max-semi-space-size="))).toBe(true);
    const cmdline = readFileSync(`/proc/${worker.child().pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    expect(cmdline.slice(1)).toEqual(args);
    expect(cmdline.join(" ")).not.toMatch(/tsx|\.ts\b/);
    expect(readFileSync(WORKER_ENTRY, "utf8")).not.toMatch(/from "tsx|from "~\//);
  });

  it("indexes the inventory and matches a lead taken by the web process", async () => {
    await outboxDrained(db.sql, 90_000); // the spaces and parks written to Meilisearch by the worker
    const res = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify(validLeadJson({ company: "高淳编译进程机械有限公司", phone: "13912340001" })),
    });
    expect(res.status).toBe(201);
    await eventually(
      async () => {
        const [{ n }] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from outbox where topic = 'lead.match' and done_at is not null`;
        return n === 1;
      },
      "the lead matched by the compiled worker",
      60_000,
    );
    expect(worker.unexpectedExits).toEqual([]);
  }, 150_000);
});
