import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { type ManagedProcess, startProcess } from "../support/processes";
import { eventually } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";

// "Two of each": two web processes and two workers on one Postgres, Redis and Meilisearch give the
// same results as one — every lead stored once with its own reference, matched and routed once,
// each recruiter email delivered once (counted by Message-ID at a real SMTP server on loopback), and
// each SLA check acted on once.
const LEADS_PER_WEB = 20;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: TestServer;
let webs: ManagedProcess[] = [];
let workers: ManagedProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase("two_processes");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role) values ('admin@example.test', '管理员', 'admin')`;
  smtp = await startSmtpServer();
  const shared = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `pmtest-two-${Math.random().toString(36).slice(2, 10)}`,
    SMTP_URL: smtp.url,
    ACCEPT_SLA_MINUTES: "1",
    RELAY_POLL_MS: "200",
    RECONCILE_EVERY_MS: "1000",
    NOTICE_FALLBACK_MS: "1000", // fallback jobs race the inline sends of the other worker
  };
  [workers, webs] = await Promise.all([
    Promise.all([startProcess("worker", "worker-1", shared), startProcess("worker", "worker-2", shared)]),
    Promise.all([startProcess("web", "web-1", shared), startProcess("web", "web-2", shared)]),
  ]);
  await outboxDrained(db.sql); // the spaces are indexed before the first lead is matched
}, 120_000);
afterAll(async () => {
  await Promise.all([...webs, ...workers].map((p) => p.stop()));
  await smtp?.close();
  await db?.drop();
});

function form(company: string, i: number): URLSearchParams {
  return new URLSearchParams({
    "need.kind": "factory",
    "need.deal": "lease",
    "need.areaMin": "4000",
    "need.areaMax": "6000",
    "need.regions": "高淳区",
    "use.industry": "C35",
    "use.product": "数控机床",
    "tax.annualTaxWan": "300",
    "company.name": company,
    "contact.name": "王经理",
    "contact.phone": `1391234${String(i).padStart(4, "0")}`,
    consent: "on",
    submissionKey: crypto.randomUUID(),
  });
}

/** Half the leads through the form, half through the API, all at once across both webs. */
async function submitAll(): Promise<string[]> {
  const jobs = webs.flatMap((web, w) =>
    Array.from({ length: LEADS_PER_WEB }, async (_, k) => {
      const i = w * LEADS_PER_WEB + k;
      const company = `高淳双进程${i}号机械有限公司`;
      if (i % 2 === 0) {
        const res = await fetch(`${web.url}/?index`, { method: "POST", body: form(company, i), redirect: "manual" });
        expect(res.status).toBe(303);
        return res.headers.get("location")!.split("/").pop()!.split("?")[0];
      }
      const res = await fetch(`${web.url}/api/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
        body: JSON.stringify(validLeadJson({ company, phone: `1391234${String(i).padStart(4, "0")}` })),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { reference: string }).reference;
    }),
  );
  return Promise.all(jobs);
}

/** Waits (up to 60 s) until no email notice is left unsent. */
const everyEmailSent = (what: string) =>
  eventually(
    async () => {
      const [{ pending }] = await db.sql<
        { pending: number }[]
      >`select count(*)::int as pending from notifications where channel = 'email' and status <> 'sent'`;
      return pending === 0;
    },
    what,
    60_000,
  );
const messageIds = () => smtp.received.map((m) => /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw)?.[1] ?? "(none)");
const duplicates = (values: string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];

describe("two web processes and two workers", () => {
  it("store every lead once with its own reference, match and route each once, and email each assignment once", async () => {
    const references = await submitAll();
    expect(references).toHaveLength(2 * LEADS_PER_WEB);
    expect(duplicates(references)).toEqual([]);

    // Routed: assigned, in the admin's unassigned queue (recruiters at capacity), or a call-back task.
    await eventually(
      async () => {
        const [{ open }] = await db.sql<{ open: number }[]>`
        select count(*)::int as open from leads l
        where not exists (select 1 from assignments a where a.lead_id = l.id)
          and not exists (select 1 from call_tasks c where c.lead_id = l.id and c.kind = 'callback')`;
        return open === 0;
      },
      "every lead routed",
      90_000,
    );
    await outboxDrained(db.sql, 90_000);
    await everyEmailSent("every email sent");

    const stored = await db.sql<{ reference: string }[]>`select reference from leads`;
    expect(stored.map((r) => r.reference).sort()).toEqual([...references].sort());
    // One lead.match per lead, done; one 'assigned' decision per assignment; one assignment per (lead, park).
    const [counts] = await db.sql<{ matchRows: number; leads: number; assignments: number; decisions: number; emails: number }[]>`
      select (select count(*)::int from outbox where topic = 'lead.match' and done_at is not null) as "matchRows",
             (select count(*)::int from leads) as leads,
             (select count(*)::int from assignments) as assignments,
             (select count(*)::int from routing_events where event in ('assigned', 'unassigned')) as decisions,
             (select count(*)::int from notifications where channel = 'email') as emails`;
    expect(counts.matchRows).toBe(counts.leads);
    expect(counts.decisions).toBe(counts.assignments);
    expect(counts.assignments).toBeGreaterThan(0);
    expect(counts.emails).toBeGreaterThan(0);
    // The SMTP server saw each message exactly once.
    await new Promise((r) => setTimeout(r, 2_000)); // a late second send would land now
    const ids = messageIds();
    expect(duplicates(ids)).toEqual([]);
    expect(ids).toHaveLength(counts.emails);
  }, 180_000);

  it("act on each SLA check once: every overdue offer is re-routed exactly once and its recruiter told once", async () => {
    const offered = await db.sql<{ id: string }[]>`select id from assignments where status = 'offered'`;
    expect(offered.length).toBeGreaterThan(0);
    const sent = smtp.received.length;
    // Move the clock of the checks: every offer's deadline (and its SLA row) is due now, for both workers at once.
    await db.sql.begin(async (tx) => {
      await tx`update assignments set accept_by = now() where status = 'offered'`;
      await tx`update outbox set not_before = now() where topic = 'assignment.sla' and done_at is null`;
      await tx`select pg_notify('outbox', '')`;
    });
    const ids = offered.map((o) => o.id);
    await eventually(
      async () => {
        const [{ n }] = await db.sql<
          { n: number }[]
        >`select count(*)::int as n from assignments where id in ${db.sql(ids)} and reroutes >= 1`;
        return n === ids.length;
      },
      "every overdue offer re-routed",
      60_000,
    );
    await everyEmailSent("the re-route notices sent");
    await new Promise((r) => setTimeout(r, 2_000));

    const reroutes = await db.sql<{ id: string; reroutes: number; events: number }[]>`
      select a.id, a.reroutes, (select count(*)::int from routing_events e where e.assignment_id = a.id and e.event = 'rerouted') as events
      from assignments a where a.id in ${db.sql(ids)}`;
    expect(reroutes.filter((r) => r.reroutes !== 1 || r.events !== 1)).toEqual([]);
    const notices = await db.sql<{ n: number }[]>`select count(*)::int as n from notifications where kind = 'reroute-notice'`;
    expect(notices[0].n).toBe(ids.length);
    const all = messageIds();
    expect(duplicates(all)).toEqual([]);
    const [{ emails }] = await db.sql<{ emails: number }[]>`select count(*)::int as emails from notifications where channel = 'email'`;
    expect(all).toHaveLength(emails);
    expect(all.length).toBeGreaterThan(sent);
    expect([...webs, ...workers].flatMap((p) => p.unexpectedExits)).toEqual([]);
  }, 120_000);
});
