import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// GET /metrics: Prometheus text from Postgres, for a scraper on this machine or a bearer of the admin token.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("metrics");
  web = await startWebServer({ DATABASE_URL: db.url });
  // Two leads and no worker: their outbox rows stay due.
  for (const company of ["南京指标甲有限公司", "南京指标乙有限公司"]) {
    const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
    await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  }
  await db.sql`update outbox set created_at = now() - interval '30 seconds'`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("GET /metrics", () => {
  it("answers a scraper on loopback with the funnel and the backlog in Prometheus text", async () => {
    const res = await fetch(`${web.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE parkmatch_leads gauge");
    expect(text).toContain('parkmatch_leads{status="received"} 2');
    expect(text).toContain('parkmatch_outbox_due{topic="lead.match"} 2');
    expect(text).toContain('parkmatch_outbox_due{topic="lead.index"} 2');
    const oldest = Number(/^parkmatch_outbox_oldest_due_seconds (\S+)$/m.exec(text)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(29);
    expect(text).toMatch(/^parkmatch_assignments_overdue 0$/m);
    // Every sample line is `name{labels} number`.
    for (const line of text
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("#")))
      expect(line).toMatch(/^parkmatch_[a-z_]+(\{[^}]*\})? -?\d+(\.\d+)?(e[+-]?\d+)?$/);
  });

  it("shows this web process's intake shedding: leads admitted and refused by reason", async () => {
    const before = await (await fetch(`${web.url}/metrics`)).text();
    const admitted = (text: string) => Number(/^parkmatch_intake_admitted_total (\d+)$/m.exec(text)?.[1]);
    const posted = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validLeadJson({ company: "南京指标丙有限公司", phone: "13900000077" })),
    });
    expect(posted.status).toBe(201);
    const text = await (await fetch(`${web.url}/metrics`)).text();
    expect(text).toContain("# TYPE parkmatch_intake_admitted_total counter");
    expect(admitted(text)).toBe(admitted(before) + 1);
    expect(text).toMatch(/^parkmatch_intake_shed_total\{reason="inFlight"\} 0$/m);
    expect(text).toMatch(/^parkmatch_intake_shed_total\{reason="eventLoopDelay"\} 0$/m);
  });

  it("refuses a request from outside (through a proxy on loopback) without the admin token, and accepts it with", async () => {
    const outside = { "x-forwarded-for": "203.0.113.7" };
    const refused = await fetch(`${web.url}/metrics`, { headers: outside });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("parkmatch_leads");
    const wrong = await fetch(`${web.url}/metrics`, { headers: { ...outside, authorization: "Bearer not-the-token-at-all" } });
    expect(wrong.status).toBe(401);
    const allowed = await fetch(`${web.url}/metrics`, { headers: { ...outside, authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("parkmatch_leads");
  });
});
