import { formatMu, formatSqm } from "~/domain/area";
import { adminLabel } from "~/i18n/admin-messages";
import { opsLabel, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

import { LAND_BANDS_MU, SIZE_BANDS } from "./dashboard-bands";
import type { DashboardFigures } from "./dashboard-data.server";

// Every figure of the dashboard as a table (ADR 028): what the page shows beside each chart (the
// accessible form), what the CSV export writes, and what the charts are drawn from.

export const FIGURES = ["perDay", "funnel", "ended", "firstContact", "perRecruiter", "load", "unmet", "queues"] as const;
export type Figure = (typeof FIGURES)[number];
export type FigureTable = { figure: Figure; title: string; head: string[]; rows: (string | number)[][] };

/**
 * A band's label from its edges ("< 1000㎡", "1000–3000㎡", "≥ 20000㎡"): land in 亩 (formatMu), the rest in ㎡. A
 * band holds its lower edge and not its upper one (ADR 143): the column's header says so, and the first and
 * last bands' signs too ("5000平左右" is in "5000–10000㎡").
 */
export function sizeLabel(kind: string, band: number, lng: Lng): string {
  const [edges, withUnit] = kind === "land" ? [LAND_BANDS_MU, (n: number) => formatMu(n, lng)] : [SIZE_BANDS, formatSqm];
  const i = Math.max(0, band);
  if (i === 0) return `< ${withUnit(edges[0])}`;
  if (i >= edges.length) return `≥ ${withUnit(edges[edges.length - 1])}`;
  return `${edges[i - 1]}–${withUnit(edges[i])}`;
}
const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : "—");

/** "≤ 5 分钟", "≤ 1 小时", "> 24 小时": the bucket of time-to-first-contact whose upper bound is `upTo` minutes (null = open). */
export function contactBucketLabel(lng: Lng, upTo: number | null, previous: number | null): string {
  const unit = (m: number) => (m < 60 ? opsText(lng, "unit.minutes", { n: m }) : opsText(lng, "unit.hours", { n: m / 60 }));
  if (upTo === null) return `> ${unit(previous ?? 0)}`;
  return `≤ ${unit(upTo)}`;
}

export function figureTables(lng: Lng, d: DashboardFigures): FigureTable[] {
  const t = (k: Parameters<typeof opsText>[1], p?: Record<string, string | number>) => opsText(lng, k, p);
  const days = [...new Set(d.perDay.map((r) => r.day))];
  const sources = ["web", "api", "hotline"];
  const received = d.funnel[0]?.leads ?? 0;
  const assigned = d.funnel.find((s) => s.stage === "assigned")?.leads ?? 0;
  return [
    {
      figure: "perDay",
      title: t("dashboard.perDay"),
      head: [t("dashboard.col.day"), ...sources.map((s) => opsLabel(lng, "source", s))],
      rows: days.map((day) => [day, ...sources.map((s) => d.perDay.find((r) => r.day === day && r.source === s)?.leads ?? 0)]),
    },
    {
      figure: "funnel",
      title: t("dashboard.funnel"),
      head: [t("dashboard.funnel.stage"), t("dashboard.funnel.count"), t("dashboard.funnel.conversion"), t("dashboard.funnel.ofReceived")],
      rows: d.funnel.map((s, i) => [
        opsLabel(lng, "stage", s.stage),
        s.leads,
        i === 0 ? "—" : pct(s.leads, d.funnel[i - 1].leads),
        pct(s.leads, received),
      ]),
    },
    {
      // How assignments ended, each way apart (ADR 114): lost by the recruiter, ended by a need edit.
      figure: "ended",
      title: t("dashboard.ended"),
      head: [t("dashboard.ended.why"), t("dashboard.ended.count"), t("dashboard.ended.ofAssigned")],
      rows: [
        [t("ended.lost"), d.ended.lost, pct(d.ended.lost, assigned)],
        [t("ended.needChanged"), d.ended.needChanged, pct(d.ended.needChanged, assigned)],
      ],
    },
    {
      figure: "firstContact",
      title: t("dashboard.firstContact"),
      head: [t("dashboard.firstContact.bucket"), t("dashboard.firstContact.count")],
      rows: d.firstContact.buckets.map((b, i) => [
        contactBucketLabel(lng, b.upTo, d.firstContact.buckets[i - 1]?.upTo ?? null),
        b.assignments,
      ]),
    },
    {
      figure: "perRecruiter",
      title: t("dashboard.perRecruiter"),
      head: [t("dashboard.col.recruiter"), t("dashboard.col.breaches"), t("dashboard.col.reroutes")],
      rows: d.perRecruiter.map((r) => [`${r.name} (${r.recruiterId})`, r.breaches, r.reroutes]),
    },
    {
      figure: "load",
      title: t("dashboard.load"),
      head: [t("dashboard.col.recruiter"), t("dashboard.col.open"), t("dashboard.col.capacity")],
      rows: d.load.map((r) => [`${r.name} (${r.recruiterId})`, r.open, r.capacity]),
    },
    {
      figure: "unmet",
      title: t("dashboard.unmet"),
      head: [t("dashboard.col.kind"), t("dashboard.col.size"), t("dashboard.col.district"), t("dashboard.col.leads")],
      rows: d.unmet.map((u) => [adminLabel(lng, "need.kind", u.kind), sizeLabel(u.kind, u.band, lng), u.place[lng] || "—", u.leads]),
    },
    {
      figure: "queues",
      title: t("dashboard.queues"),
      head: [t("dashboard.col.queue"), t("dashboard.col.depth")],
      rows: (["unassigned", "offered", "callTasks", "dead", "outbox"] as const).map((q) => [opsLabel(lng, "queue", q), d.queues[q]]),
    },
  ];
}

/**
 * A text cell made safe for a spreadsheet: a string starting with = + - @, a tab or a carriage return gets a
 * leading apostrophe so Excel/WPS show it as text instead of evaluating it (OWASP "CSV Injection").
 * Numbers pass unchanged (a negative count stays a number).
 */
export function neutraliseCsvCell(v: string | number): string {
  if (typeof v === "number") return String(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A table as CSV for Excel: UTF-8 with a byte-order mark, CRLF, every cell quoted, formulas neutralised. */
export function toCsv(table: FigureTable): string {
  const cell = (v: string | number) => `"${neutraliseCsvCell(v).replace(/"/g, '""')}"`;
  return `\uFEFF${[table.head, ...table.rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
