import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startApiWebServer } from "../support/services";

// attack40 #1: an Idempotency-Key replay answers what the first send answered — for a likely repeat
// (ADR 108) that is `repeatOf` too, the reference staff work. The replay dropped it.

let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startApiWebServer>>;

beforeAll(async () => {
  const db = await createTestDatabase("attack40_replays");
  sql = db.sql;
  drop = db.drop;
  web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0" });
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

async function post(body: unknown, key?: string) {
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string; reference: string; repeatOf?: string } };
}

describe("POST /api/leads replays keep repeatOf", () => {
  it("a repeat's replay, sent again once or many times, answers its first answer with repeatOf", async () => {
    const cases = [
      { phone: "13912340001", company: "南京重放一号有限公司", key: "a40-one" },
      { phone: "+86 139 1234 0002", company: "南京重放二號有限公司", key: "a40-two:x" },
      { phone: "025-8345 6789", company: "Nanjing Replay Three Co., Ltd.", key: "A40_THREE.~" },
    ];
    for (const c of cases) {
      const first = await post(validLeadJson({ company: c.company, phone: c.phone }));
      expect(first.status).toBe(201);
      const lead = validLeadJson({ company: c.company, phone: c.phone });
      const repeat = await post(lead, c.key);
      expect(repeat.status).toBe(201);
      expect(repeat.body.repeatOf).toBe(first.body.reference);
      // Sent again, one after another and all at once: the very same answer each time.
      expect((await post(lead, c.key)).body).toEqual(repeat.body);
      const together = await Promise.all(Array.from({ length: 6 }, () => post(lead, c.key)));
      for (const t of together) expect(t).toEqual({ status: 201, body: repeat.body });
    }
  });

  it("a repeat first sent in a batch with its replays answers repeatOf to every one of them", async () => {
    const first = await post(validLeadJson({ company: "南京同批有限公司", phone: "13912340004" }));
    const lead = validLeadJson({ company: "南京同批有限公司", phone: "13912340004" });
    const all = await Promise.all(Array.from({ length: 8 }, () => post(lead, "a40-batch")));
    for (const a of all) {
      expect(a.status).toBe(201);
      expect(a.body.repeatOf).toBe(first.body.reference);
      expect(a.body.id).toBe(all[0].body.id);
    }
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads where submission_key = 'api:a40-batch'`;
    expect(n).toBe(1);
  });

  it("a lead that repeats nothing is replayed without repeatOf", async () => {
    const lead = validLeadJson({ company: "南京独一有限公司", phone: "13912340005" });
    const first = await post(lead, "a40-alone");
    expect(first.body).not.toHaveProperty("repeatOf");
    expect((await post(lead, "a40-alone")).body).toEqual(first.body);
  });
});
