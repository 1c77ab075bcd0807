import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { enqueue } from "~/db/outbox.server";

import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";

// Attack 42 (ADR 214): /healthz answered "ok" with no worker running at all — leads were taken and kept, and nobody was
// ever offered one (no match, no notice) while every monitor said all was well. It now says the worker is behind once
// the earliest due row has waited untaken for WORKER_BEHIND_S: 200, "degraded", `worker` in `down`.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("health_worker");
  web = await startWebServer({ DATABASE_URL: db.url }); // and no worker
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const health = async () => {
  const res = await fetch(`${web.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; down: string[]; components: Record<string, unknown> } };
};

describe("/healthz and the worker", () => {
  it("says the worker is fine while nothing due has waited long", async () => {
    await enqueue(db.sql, "lead.match", [randomUUID()]); // just due: a worker has a poll's time to take it
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.down).toEqual([]); // (degraded all the same: no worker made the search indexes)
    expect(body.components.worker).toEqual({ ok: true, behindSeconds: expect.any(Number) });
  });

  it("says the worker is behind, degraded but 200, once a due row has waited minutes untaken, by any kind of work", async () => {
    for (const topic of ["lead.match", "notify.email", "assignment.sla"] as const) {
      await db.sql`delete from outbox`;
      await enqueue(db.sql, topic, [randomUUID()]);
      await db.sql`update outbox set created_at = now() - interval '10 minutes', not_before = null`;
      const { status, body } = await health();
      expect(status, topic).toBe(200);
      expect(body.status, topic).toBe("degraded");
      expect(body.down, topic).toEqual(["worker"]);
      expect(body.components.worker, topic).toEqual({ ok: false, behindSeconds: expect.any(Number) });
      expect((body.components.worker as { behindSeconds: number }).behindSeconds).toBeGreaterThanOrEqual(590);
    }
  });

  it("a row taken by the worker (relayed), or not due yet, is not the worker's delay", async () => {
    await db.sql`update outbox set relayed_at = now()`;
    await enqueue(db.sql, "notify.email", [randomUUID()]);
    await db.sql`update outbox set not_before = now() + interval '1 hour' where relayed_at is null`;
    const { body } = await health();
    expect(body.down).toEqual([]);
    expect(body.components.worker).toEqual({ ok: true, behindSeconds: 0 });
  });
});
