import type { Sql } from "~/db/db.server";
import { industryLabel } from "~/domain/industries";
import { needPlaceNames } from "~/domain/regions.server";
import { adminLabel, formatAdminTime } from "~/i18n/admin-messages";
import { type AdminOpsKey, opsLabel, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { buildXlsx, type XlsxCell } from "~/utils/xlsx.server";

import type { SearchClient } from "../../search/client";
import type { LeadFilterInput } from "./lead-forms";
import { exportLeads, type LeadExportRow } from "./lead-list.server";

// The lead export of /admin/leads (issue 11 item 3): the list's filters, every matching lead (not one
// page), Chinese headers, one row per lead; a second sheet says which filters made it, so a file sent
// round the office still tells what it is.

const COLUMNS: AdminOpsKey[] = [
  "leads.xlsx.col.reference",
  "leads.xlsx.col.company",
  "leads.xlsx.col.product",
  "leads.xlsx.col.industry",
  "leads.xlsx.col.kind",
  "leads.xlsx.col.areaMin",
  "leads.xlsx.col.areaMax",
  "leads.xlsx.col.unitCount",
  "leads.xlsx.col.regions",
  "leads.xlsx.col.status",
  "leads.xlsx.col.channel",
  "leads.xlsx.col.parks",
  "leads.xlsx.col.recruiters",
  "leads.xlsx.col.created",
  "leads.xlsx.col.acceptBy",
  "leads.xlsx.col.breached",
];

/** Assignments still held by their recruiter: the holder's name alone; any other status is said beside it. */
const HELD = new Set(["offered", "accepted", "contacted", "visit", "signed"]);

/**
 * A closed lead's status with why (ADR 143): a duplicate names the lead it repeats — "已关闭（重复提交，原线索
 * PM-…）" — and spam says so; every other status as the list labels it.
 */
function statusCell(lng: Lng, r: LeadExportRow): string {
  const label = opsLabel(lng, "status", r.status);
  if (r.status !== "closed" || !r.closedAs) return label;
  const why =
    r.closedAs === "duplicate"
      ? r.duplicateOf
        ? opsText(lng, "leads.xlsx.duplicateOf", { reference: r.duplicateOf })
        : opsText(lng, "lead.close.duplicate")
      : opsText(lng, "lead.close.spam");
  return `${label}${punctuationMessages.t(lng, "open")}${why}${punctuationMessages.t(lng, "close")}`;
}

/**
 * The parks and recruiters columns, one line an assignment in both (ADR 143): a lead of several parks reads
 * across, line by line — the park, who holds it ("周敏"), or its state when nobody does or the holder's part
 * ended ("（待分配）", "周敏（已流失）"). They were two lists, each deduplicated and sorted on its own, which
 * did not line up (and left out the parks nobody held).
 */
function assignmentCells(lng: Lng, r: LeadExportRow): [string, string] {
  const [open, close] = [punctuationMessages.t(lng, "open"), punctuationMessages.t(lng, "close")];
  const holder = (a: LeadExportRow["assignments"][number]) => {
    const state = `${open}${adminLabel(lng, "assignment", a.status)}${close}`;
    if (!a.recruiter) return state.trim();
    return HELD.has(a.status) ? a.recruiter : `${a.recruiter}${state}`;
  };
  return [r.assignments.map((a) => a.park).join("\n"), r.assignments.map(holder).join("\n")];
}

/** One lead's row of the export, in the order of COLUMNS. */
export function leadExportCells(lng: Lng, r: LeadExportRow): XlsxCell[] {
  const t = (k: AdminOpsKey) => opsText(lng, k);
  const list = (xs: string[]) => xs.join(punctuationMessages.t(lng, "list"));
  const [parks, recruiters] = assignmentCells(lng, r);
  return [
    r.reference,
    r.company,
    r.product,
    industryLabel(r.industry, lng), // "C34 通用设备制造业": the label carries the code
    r.kind ? adminLabel(lng, "need.kind", r.kind) : "",
    r.areaMinSqm,
    r.areaMaxSqm,
    r.unitCount ?? "", // a need of several units: how many the area is the total of (docs/decisions/130, 133)
    // The places by their standard names ("江宁" → 南京市江宁区; English labels in English), not as typed (ADR 143).
    list(needPlaceNames({ regions: r.regions, regionCodes: r.regionCodes ?? undefined }, lng)),
    statusCell(lng, r),
    opsLabel(lng, "source", r.source),
    parks,
    recruiters,
    formatAdminTime(r.createdAt.toISOString()),
    r.acceptBy ? formatAdminTime(r.acceptBy.toISOString()) : "",
    r.breached ? t("leads.xlsx.yes") : t("leads.xlsx.no"),
  ];
}

/** The filter sheet's lines: each filter that is set, as the list's form labels it, with its value as shown there. */
function filterLines(lng: Lng, f: LeadFilterInput, parkName: (id: string) => string): [string, string][] {
  const t = (k: AdminOpsKey) => opsText(lng, k);
  const yes = t("leads.xlsx.yes");
  const lines: [string, string | undefined | false][] = [
    [t("leads.q"), f.q],
    [t("leads.status"), f.status && opsLabel(lng, "status", f.status)],
    [t("leads.park"), f.park && parkName(f.park)],
    [t("leads.industry"), f.section],
    [t("leads.channel"), f.channel && opsLabel(lng, "source", f.channel)],
    [t("leads.from"), f.from],
    [t("leads.to"), f.to],
    [t("leads.unmatched"), f.unmatched && yes],
    [t("leads.breached"), f.breached && yes],
  ];
  return lines.filter((l): l is [string, string] => typeof l[1] === "string" && l[1] !== "");
}

/**
 * The .xlsx of every lead `filters` select (at most LEAD_EXPORT_LIMIT, newest first): sheet 线索 with
 * one row per lead, sheet 筛选条件 with the filters, the export time, the count and, when cut or when
 * the search fell back to Postgres, a line saying so. Headers in `lng` (zh by default). Returns the bytes.
 */
export async function leadsWorkbook(
  sql: Sql,
  search: SearchClient | null,
  filters: LeadFilterInput,
  lng: Lng,
  parks: { id: string; name: string }[],
  now = new Date(),
): Promise<Buffer> {
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  const { page: _page, ...f } = filters;
  const found = await exportLeads(sql, search, f);
  const parkName = (id: string) => parks.find((p) => p.id === id)?.name ?? id;
  const set = filterLines(lng, f, parkName);
  const about: [string, string | number][] = [
    ...(set.length ? set : ([[t("leads.xlsx.filter"), t("leads.xlsx.none")]] as [string, string][])),
    [t("leads.xlsx.exportedAt"), formatAdminTime(now.toISOString())],
    [t("leads.xlsx.count"), found.rows.length],
  ];
  if (found.truncated) about.push(["!", t("leads.xlsx.truncated", { total: found.total, n: found.rows.length })]);
  if (found.searchDown) about.push(["!", t("leads.xlsx.searchDown")]);
  return buildXlsx([
    {
      name: t("leads.xlsx.sheet"),
      // The parks and recruiters of a lead of several assignments: a line each, read across (ADR 143).
      columns: COLUMNS.map((k) => ({ header: t(k), lines: k === "leads.xlsx.col.parks" || k === "leads.xlsx.col.recruiters" })),
      rows: found.rows.map((r) => leadExportCells(lng, r)),
    },
    { name: t("leads.xlsx.filterSheet"), columns: [{ header: t("leads.xlsx.filter") }, { header: t("leads.xlsx.value") }], rows: about },
  ]);
}
