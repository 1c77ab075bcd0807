import postgres from "postgres";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { importInventory } from "~/inventory/import.server";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { demoInventory } from "../fixtures/inventory";
import { validLeadJson } from "../support/leads";
import { type ManagedProcess, startProcess } from "../support/processes";
import { ensureRemixBuild } from "../support/remix-build";
import { startPrivateMeili, startPrivateRedis } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";

// The fault suite (docs/decisions/023, docs/reliability.md): leads arrive at a steady rate through the
// JSON API and the form while faults are injected one after another — the worker and the web killed
// with SIGKILL and restarted, the private Redis and Meilisearch restarted, the SMTP server refusing
// (451, 550) and dropping connections, the processes' Postgres connections terminated. Then,
// Jepsen-style, every acknowledged lead is checked: present, indexed, matched, in a terminal routing
// state; duplicates are counted. `npm run test:faults` runs the full version (test/faults/run.ts), and
// `npm test` a short one (test/integration/faults.test.ts).

export const FAULT_KINDS = [
  "kill-worker",
  "kill-web",
  "restart-redis",
  "restart-meili",
  "smtp-451",
  "smtp-550",
  "smtp-drop",
  "pg-terminate",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultSuiteOptions = {
  /** Each kind is injected at least this many times. */
  faultsPerKind: number;
  /** The fault phase lasts until at least this many leads were acknowledged (and every kind reached its count). */
  minAcknowledged: number;
  /** New leads per second while faults run. */
  leadsPerSecond: number;
  /** How long the system may take to settle after the last fault (ms). */
  settleTimeoutMs: number;
  /** Progress lines (e.g. console.log); silent when absent. */
  progress?: (line: string) => void;
};

export type FaultReport = {
  acknowledged: number;
  /** Submissions never acknowledged (they keep being retried with the same key until the end): indeterminate. */
  unacknowledged: number;
  faults: Record<FaultKind, number>;
  lost: string[];
  notIndexed: string[];
  notMatched: string[];
  notTerminal: string[];
  /** Leads stored twice for one submission (each submission has its own company name). */
  duplicateLeads: number;
  /** Emails the SMTP server accepted more than once (same Message-ID): at-least-once delivery after a dropped connection. */
  duplicateEmails: number;
  emailsDelivered: number;
  deadLetters: number;
  /** Exits of the web or worker nobody asked for (crashes). */
  crashes: string[];
  seconds: number;
};

type Submission = { key: string; company: string; via: "api" | "form"; reference?: string; attempts: number };

type SmtpMode = "ok" | "451" | "550" | "drop";

/** A loopback SMTP server whose answers the suite switches: accept, 451, 550, or cut every connection. */
async function startFaultySmtp(): Promise<{ server: TestServer; setMode: (mode: SmtpMode) => void }> {
  let mode: SmtpMode = "ok";
  const refuse = (callback: (err?: Error | null) => void) => {
    if (mode === "451" || mode === "550") {
      const error = Object.assign(
        new Error(mode === "451" ? "Try again later (fault injection)" : "Mailbox unavailable (fault injection)"),
        { responseCode: Number(mode) },
      );
      callback(error);
      return true;
    }
    return false;
  };
  const server = await startSmtpServer({
    onMailFrom(_address, _session, callback) {
      if (!refuse(callback)) callback();
    },
    onRcptTo(_address, _session, callback) {
      if (!refuse(callback)) callback();
    },
  });
  let dropper: NodeJS.Timeout | undefined;
  return {
    server,
    setMode(next) {
      mode = next;
      clearInterval(dropper);
      if (next === "drop") {
        server.dropConnections();
        dropper = setInterval(() => server.dropConnections(), 50);
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the whole suite against private services and returns what it found. Everything it started is stopped. */
export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultReport> {
  const say = options.progress ?? (() => {});
  const started = Date.now();
  ensureRemixBuild(); // the web serves the build: never an older one than the code
  const db = await createFaultDatabase(`parkmatch_faults_${process.pid}_${Date.now().toString(36)}`);
  const redis0 = await startPrivateRedis();
  let redis = redis0;
  const meili = await startPrivateMeili();
  const smtp = await startFaultySmtp();
  // Our own connection is named, so terminating the processes' connections never cuts the checker's.
  const admin = postgres(db.url, { max: 2, onnotice: () => {}, connection: { application_name: "parkmatch-faults" } });
  const processes: ManagedProcess[] = [];
  try {
    if (!(await importInventory(db.sql, demoInventory())).ok) throw new Error("demo inventory refused");
    await db.sql`insert into users (email, name, role) values ('admin@example.test', '管理员', 'admin')`;
    // Room for every lead: with the demo's capacities the email recruiters fill up within a minute and
    // the rest wait in the unassigned queue, so the SMTP faults would meet almost no email.
    await db.sql`update recruiters set capacity = 1000000`;
    const m = meili.current();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      MEILI_URL: m.url,
      MEILI_MASTER_KEY: m.masterKey,
      QUEUE_PREFIX: `pmfaults-${process.pid}`,
      SMTP_URL: smtp.server.url,
      SMTP_TIMEOUT_MS: "2000",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      ADMIN_API_TOKEN: process.env.ADMIN_API_TOKEN ?? "fault-suite-admin-token-0123456789",
      RELAY_POLL_MS: "200",
      RECONCILE_EVERY_MS: "1000",
      JOB_LOCK_MS: "10000", // a killed worker's job runs again within ~20 s instead of ~60 s
      JOB_STALLED_CHECK_MS: "1000", // ... within ~12 s: its lapsed lock found at the next checks (ADR 181)
      NOTICE_FALLBACK_MS: "2000",
      LOG_LEVEL: "info", // the worker's readiness line; stdout and stderr are kept by the harness, not shown
    };
    const worker = await startProcess("worker", "worker", env);
    processes.push(worker);
    const web = await startProcess("web", "web", env);
    processes.push(web);
    await waitFor(async () => (await db.sql`select 1 from outbox where done_at is null limit 1`).length === 0, 60_000);

    // ---- load: CLIENTS clients, each submitting at its share of the rate and retrying an unanswered
    // submission with the same key (backoff 0.3–5 s) until it is acknowledged — a bounded load, so an
    // outage slows the stream instead of piling up retries (a retry storm would measure the client).
    const CLIENTS = 6;
    const submissions: Submission[] = [];
    let loadRunning = true;
    let n = 0;
    const client = async () => {
      const gap = (1000 * CLIENTS) / options.leadsPerSecond;
      await sleep(Math.random() * gap);
      while (loadRunning) {
        const began = Date.now();
        const i = n++;
        const s: Submission = {
          key: crypto.randomUUID(),
          company: `故障测试${process.pid}-${i}号精密机械有限公司`,
          via: i % 3 === 2 ? "form" : "api",
          attempts: 0,
        };
        submissions.push(s);
        for (let wait = 300; !s.reference && (loadRunning || s.attempts < 100); wait = Math.min(5_000, wait * 2)) {
          s.attempts++;
          s.reference = (await postLead(web.url!, s).catch(() => null)) ?? undefined;
          if (!s.reference) await sleep(wait / 2 + Math.random() * (wait / 2));
        }
        await sleep(Math.max(0, gap - (Date.now() - began)));
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));

    // ---- faults, one after another, round robin, until every kind reached its count and enough leads were acknowledged
    const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
    const inject: Record<FaultKind, () => Promise<void>> = {
      "kill-worker": async () => {
        await worker.kill9();
        await sleep(300);
        await worker.start();
      },
      "kill-web": async () => {
        await web.kill9();
        await sleep(300);
        await web.start();
      },
      "restart-redis": async () => {
        await redis.stop();
        await sleep(1_000);
        redis = await startPrivateRedis(redis0.port);
      },
      "restart-meili": async () => {
        await meili.stop();
        await sleep(1_000);
        await meili.restart();
      },
      "smtp-451": async () => {
        smtp.setMode("451");
        await sleep(2_500);
        smtp.setMode("ok");
      },
      "smtp-550": async () => {
        smtp.setMode("550");
        await sleep(1_000);
        smtp.setMode("ok");
      },
      "smtp-drop": async () => {
        smtp.setMode("drop");
        await sleep(1_500);
        smtp.setMode("ok");
      },
      "pg-terminate": async () => {
        // The web's and the worker's connections (createSql names them), never the checker's.
        await admin`select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and application_name in ('parkmatch-web', 'parkmatch-worker')`;
        await sleep(500);
      },
    };
    const acknowledged = () => submissions.filter((s) => s.reference).length;
    for (let round = 0; FAULT_KINDS.some((k) => faults[k] < options.faultsPerKind) || acknowledged() < options.minAcknowledged; round++) {
      for (const kind of FAULT_KINDS) {
        await inject[kind]();
        faults[kind]++;
        await sleep(400);
      }
      say(
        `round ${round + 1}: ${acknowledged()} acknowledged, ${submissions.length} submitted, ${Object.values(faults).reduce((a, b) => a + b, 0)} faults`,
      );
    }

    // ---- stop the load (pending submissions still get their answer), let the system settle, then check
    loadRunning = false;
    await load;
    say(`faults over: ${acknowledged()} acknowledged of ${submissions.length}; settling`);
    const search = createSearchClient(meili.current().url, meili.current().masterKey);
    const acked = submissions.filter((s) => s.reference);
    let report = await check(db.sql, search, acked, smtp.server);
    const deadline = Date.now() + options.settleTimeoutMs;
    while ((report.notIndexed.length || report.notMatched.length || report.notTerminal.length) && Date.now() < deadline) {
      await sleep(2_000);
      report = await check(db.sql, search, acked, smtp.server);
    }
    return {
      ...report,
      acknowledged: acked.length,
      unacknowledged: submissions.length - acked.length,
      faults,
      crashes: processes.flatMap((p) =>
        p.unexpectedExits.map(
          (e) =>
            `${p.name} exited ${e.signal ?? e.code} at +${Math.round((e.at - started) / 1000)} s: ${e.stderr.trim().split("\n").slice(-3).join(" | ")}`,
        ),
      ),
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop().catch(() => {})));
    await admin.end({ timeout: 2 }).catch(() => {});
    await smtp.server.close();
    await redis.stop();
    await meili.cleanup();
    await db.drop();
  }
}

/** The run's own database (migrated), dropped again by `drop`. Works outside vitest (npm run test:faults). */
async function createFaultDatabase(name: string) {
  const server = "postgres://postgres@127.0.0.1:5432"; // the machine's server, as every test database
  const url = `${server}/${name}`;
  await migrate(url); // creates the database
  const sql = createSql(url, { max: 4 });
  return {
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 2 });
      const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await admin.end();
    },
  };
}

/** POST one submission (API with Idempotency-Key, or the form with its submission key); its reference once acknowledged. */
async function postLead(base: string, s: Submission): Promise<string | null> {
  const lead = validLeadJson({ company: s.company, phone: "13812345678" });
  if (s.via === "api") {
    const res = await fetch(`${base}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": s.key },
      body: JSON.stringify(lead),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 201) {
      await res.body?.cancel();
      return null;
    }
    return ((await res.json()) as { reference: string }).reference;
  }
  const form = new URLSearchParams({
    "need.kind": lead.need.kind,
    "need.deal": lead.need.deal,
    "need.areaMin": String(lead.need.areaMin),
    "need.areaMax": String(lead.need.areaMax),
    "need.regions": lead.need.regions[0],
    "use.industry": lead.use.industry,
    "use.product": lead.use.product,
    "tax.annualTaxWan": String(lead.tax.annualTaxWan),
    "company.name": s.company,
    "contact.name": lead.contact.name,
    "contact.phone": lead.contact.phone,
    consent: "on",
    submissionKey: s.key,
  });
  const res = await fetch(`${base}/?index`, { method: "POST", body: form, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  await res.body?.cancel();
  const location = res.headers.get("location") ?? "";
  return res.status === 303 && /^\/inquiry\/PM-/.test(location) ? location.split("/").pop()!.split("?")[0] : null;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error("the system did not settle at start");
    await sleep(200);
  }
}

type Checked = Pick<
  FaultReport,
  "lost" | "notIndexed" | "notMatched" | "notTerminal" | "duplicateLeads" | "duplicateEmails" | "emailsDelivered" | "deadLetters"
>;

/**
 * Jepsen-style: for every acknowledged lead — present (by reference, with the company that was sent),
 * indexed (its document in Meilisearch), matched, and in a terminal routing state: an assignment per
 * matched park (offered, or in the admin's unassigned queue) or a call-back task, with no email
 * pending and no due outbox work left.
 */
async function check(
  sql: postgres.Sql,
  search: ReturnType<typeof createSearchClient>,
  acked: Submission[],
  smtp: TestServer,
): Promise<Checked> {
  const rows = await sql<{ reference: string; id: string; companyName: string; matched: boolean; routed: boolean; pending: boolean }[]>`
    select l.reference, l.id, l.company_name, l.matched_at is not null as matched,
           (exists (select 1 from assignments a where a.lead_id = l.id) or exists (select 1 from call_tasks c where c.lead_id = l.id and c.kind = 'callback')) as routed,
           (exists (select 1 from notifications n where n.lead_id = l.id and n.status in ('pending', 'sending'))
            or exists (select 1 from outbox o where o.aggregate_id = l.id::text and o.done_at is null and coalesce(o.not_before, o.created_at) <= now())) as pending
    from leads l where l.reference in ${sql(acked.map((s) => s.reference!))}`;
  const byReference = new Map(rows.map((r) => [r.reference, r]));
  const lost = acked.filter((s) => byReference.get(s.reference!)?.companyName !== s.company).map((s) => s.reference!);
  let documents = new Set<string>();
  try {
    const docs = await search.index(LEADS_INDEX).getDocuments({ fields: ["id"], limit: 100_000 });
    documents = new Set(docs.results.map((d) => String(d.id)));
  } catch {
    // Meilisearch still starting: everything counts as not indexed for this round
  }
  const present = rows.filter((r) => !lost.includes(r.reference));
  const [{ duplicates }] = await sql<{ duplicates: number }[]>`
    select coalesce(sum(n - 1), 0)::int as duplicates from (select count(*) as n from leads group by company_name having count(*) > 1) d`;
  const ids = smtp.received.map((m) => /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw)?.[1] ?? "");
  const [{ dead }] = await sql<{ dead: number }[]>`select count(*)::int as dead from notifications where status = 'dead'`;
  return {
    lost,
    notIndexed: present.filter((r) => !documents.has(r.id)).map((r) => r.reference),
    notMatched: present.filter((r) => !r.matched).map((r) => r.reference),
    notTerminal: present.filter((r) => !r.routed || r.pending).map((r) => r.reference),
    duplicateLeads: duplicates,
    duplicateEmails: ids.length - new Set(ids).size,
    emailsDelivered: new Set(ids).size,
    deadLetters: dead,
  };
}

/** The report as the lines the suite prints (the acceptance reads `leads lost: 0`). */
export function formatReport(r: FaultReport): string {
  return [
    `acknowledged: ${r.acknowledged}`,
    `unacknowledged (retried until the end, indeterminate): ${r.unacknowledged}`,
    `faults injected: ${FAULT_KINDS.map((k) => `${k} ${r.faults[k]}`).join(", ")} (total ${Object.values(r.faults).reduce((a, b) => a + b, 0)})`,
    `leads lost: ${r.lost.length}`,
    `not indexed: ${r.notIndexed.length}`,
    `not matched: ${r.notMatched.length}`,
    `not in a terminal routing state: ${r.notTerminal.length}`,
    `duplicate leads: ${r.duplicateLeads}`,
    `emails delivered: ${r.emailsDelivered} (accepted twice after a dropped connection, same Message-ID: ${r.duplicateEmails}); dead letters: ${r.deadLetters}`,
    `process crashes: ${r.crashes.length}${r.crashes.length ? ` (${r.crashes.join("; ")})` : ""}`,
    `seconds: ${r.seconds}`,
  ].join("\n");
}

/** True when nothing acknowledged was lost, left unfinished or stored twice, and no process crashed. */
export function passed(r: FaultReport): boolean {
  return r.lost.length + r.notIndexed.length + r.notMatched.length + r.notTerminal.length + r.duplicateLeads + r.crashes.length === 0;
}
