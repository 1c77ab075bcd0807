import type { Sql } from "~/db/db.server";
import type { OverloadGuard } from "~/utils/overload.server";

type Sample = { labels?: Record<string, string>; value: number };
type Family = { name: string; help: string; type: "gauge" | "counter"; samples: Sample[] };

/**
 * What an operator watches, read from Postgres (the truth): the lead funnel, work waiting in the
 * outbox and how old the oldest due item is, notices by state, routing health and the hotline's queue.
 */
export async function collectMetrics(sql: Sql): Promise<Family[]> {
  const [leads, outbox, oldest, notifications, assignments, overdue, calls, deadWork] = await Promise.all([
    sql<{ status: string; n: number }[]>`select status, count(*)::int as n from leads group by status`,
    sql<{ topic: string; due: boolean; retrying: number; n: number }[]>`
      select topic, coalesce(not_before, created_at) <= now() as due, count(*) filter (where attempts > 0)::int as retrying, count(*)::int as n
      from outbox where done_at is null and dead_at is null group by 1, 2`,
    sql<{ seconds: number | null }[]>`
      select extract(epoch from now() - min(coalesce(not_before, created_at)))::float8 as seconds
      from outbox where done_at is null and dead_at is null and coalesce(not_before, created_at) <= now()`,
    sql<{ channel: string; status: string; n: number }[]>`select channel, status, count(*)::int as n from notifications group by 1, 2`,
    sql<{ status: string; n: number }[]>`select status, count(*)::int as n from assignments group by status`,
    sql<{ n: number }[]>`select count(*)::int as n from assignments where status = 'offered' and accept_by < now()`,
    sql<{ kind: string; n: number }[]>`select kind, count(*)::int as n from call_tasks where status in ('open', 'no-answer') group by kind`,
    sql<{ topic: string; n: number }[]>`
      select topic, count(*)::int as n from outbox where dead_at is not null and done_at is null group by topic`,
  ]);
  const byTopic = (pick: (r: (typeof outbox)[number]) => number, due: boolean) =>
    outbox.filter((r) => r.due === due).map((r) => ({ labels: { topic: r.topic }, value: pick(r) }));
  return [
    {
      name: "parkmatch_leads",
      help: "Leads by status.",
      type: "gauge",
      samples: leads.map((r) => ({ labels: { status: r.status }, value: r.n })),
    },
    {
      name: "parkmatch_outbox_due",
      help: "Unfinished outbox rows that are due now, by topic.",
      type: "gauge",
      samples: byTopic((r) => r.n, true),
    },
    {
      name: "parkmatch_outbox_waiting",
      help: "Outbox rows waiting for a later time (SLA checks, notice fallbacks), by topic.",
      type: "gauge",
      samples: byTopic((r) => r.n, false),
    },
    {
      name: "parkmatch_outbox_retrying",
      help: "Due outbox rows that failed before and are being retried, by topic.",
      type: "gauge",
      samples: byTopic((r) => r.retrying, true),
    },
    {
      name: "parkmatch_outbox_oldest_due_seconds",
      help: "Age of the oldest due, unfinished outbox row (0 when none).",
      type: "gauge",
      samples: [{ value: Math.max(0, oldest[0]?.seconds ?? 0) }],
    },
    {
      name: "parkmatch_outbox_dead",
      help: "Outbox rows that ended as dead letters (docs/decisions/077), waiting for an admin's retry, by topic.",
      type: "gauge",
      samples: deadWork.map((r) => ({ labels: { topic: r.topic }, value: r.n })),
    },
    {
      name: "parkmatch_notifications",
      help: "Notices by channel and state (dead = dead letter).",
      type: "gauge",
      samples: notifications.map((r) => ({ labels: { channel: r.channel, status: r.status }, value: r.n })),
    },
    {
      name: "parkmatch_assignments",
      help: "Assignments by status.",
      type: "gauge",
      samples: assignments.map((r) => ({ labels: { status: r.status }, value: r.n })),
    },
    {
      name: "parkmatch_assignments_overdue",
      help: "Offered assignments past their accept deadline (the SLA check is due).",
      type: "gauge",
      samples: [{ value: overdue[0]?.n ?? 0 }],
    },
    {
      name: "parkmatch_call_tasks_open",
      help: "Hotline call tasks to work (open or no answer yet), by kind.",
      type: "gauge",
      samples: calls.map((r) => ({ labels: { kind: r.kind }, value: r.n })),
    },
  ];
}

/**
 * The intake's load shedding in this web process (ADR 035): leads admitted and refused by reason since
 * it started. Per process, as the bounds are: with several web processes, a scraper adds them up.
 */
export function intakeGuardMetrics(guard: OverloadGuard): Family[] {
  return [
    {
      name: "parkmatch_intake_admitted_total",
      help: "Intake requests (POST /api/leads, POST /) admitted by this web process's load shedding.",
      type: "counter",
      samples: [{ value: guard.admitted }],
    },
    {
      name: "parkmatch_intake_shed_total",
      help: "Intake requests refused with 503 by this web process's load shedding, by reason.",
      type: "counter",
      samples: Object.entries(guard.shed).map(([reason, n]) => ({ labels: { reason }, value: n })),
    },
  ];
}

/** The Prometheus text exposition format (version 0.0.4). */
export function renderMetrics(families: Family[]): string {
  const escape = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = s.labels
        ? `{${Object.entries(s.labels)
            .map(([k, v]) => `${k}="${escape(v)}"`)
            .join(",")}}`
        : "";
      lines.push(`${f.name}${labels} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
