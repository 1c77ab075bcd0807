import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

import { type Park, parkSchema, type Recruiter, recruiterSchema, type Space, spaceSchema } from "./inventory-schema";

export type ImportRowError = { collection: "parks" | "spaces" | "recruiters" | "file"; index: number; id?: string; errors: string[] };
export type ImportCounts = Record<"parks" | "spaces" | "recruiters", { created: number; updated: number; unchanged: number }>;
export type ImportResult = { ok: true; counts: ImportCounts; changedSpaceIds: string[] } | { ok: false; errors: ImportRowError[] };

type Collections = { parks: Park[]; spaces: Space[]; recruiters: Recruiter[] };

/** Validates every row first (all errors, not the first one), then upserts everything in one transaction. */
export function validateInventory(input: unknown): { ok: true; value: Collections } | { ok: false; errors: ImportRowError[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ collection: "file", index: -1, errors: ["expected an object {parks, spaces, recruiters}"] }] };
  }
  const errors: ImportRowError[] = [];
  const value: Collections = { parks: [], spaces: [], recruiters: [] };
  const schemas = { parks: parkSchema, spaces: spaceSchema, recruiters: recruiterSchema } as const;
  for (const collection of ["parks", "spaces", "recruiters"] as const) {
    const rows = (input as Record<string, unknown>)[collection] ?? [];
    if (!Array.isArray(rows)) {
      errors.push({ collection: "file", index: -1, errors: [`${collection} must be an array`] });
      continue;
    }
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const rowId = typeof (row as { id?: unknown })?.id === "string" ? (row as { id: string }).id : undefined;
      const parsed = schemas[collection].safeParse(row);
      if (!parsed.success) {
        errors.push({ collection, index, id: rowId, errors: parsed.error.issues.map(describeIssue) });
        return;
      }
      if (seen.has(parsed.data.id)) {
        errors.push({ collection, index, id: rowId, errors: [`duplicate id ${parsed.data.id} in this file`] });
        return;
      }
      seen.add(parsed.data.id);
      (value[collection] as unknown[]).push(parsed.data);
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join(".");
  return path && !issue.message.startsWith(`${path}:`) ? `${path}: ${issue.message}` : issue.message;
}

export async function importInventory(sql: Sql, input: unknown): Promise<ImportResult> {
  const checked = validateInventory(input);
  if (!checked.ok) return checked;
  const { parks, spaces, recruiters } = checked.value;

  return sql.begin(async (tx) => {
    // References may point at rows in this file or already in the database.
    const parkIds = new Set([...parks.map((p) => p.id), ...(await tx<{ id: string }[]>`select id from parks`).map((r) => r.id)]);
    const errors: ImportRowError[] = [];
    spaces.forEach((s, index) => {
      if (!parkIds.has(s.parkId)) errors.push({ collection: "spaces", index, id: s.id, errors: [`parkId: unknown park ${s.parkId}`] });
    });
    recruiters.forEach((r, index) => {
      const unknown = r.parks.filter((p) => !parkIds.has(p));
      if (unknown.length) errors.push({ collection: "recruiters", index, id: r.id, errors: [`parks: unknown park ${unknown.join(", ")}`] });
    });
    if (errors.length) return { ok: false as const, errors };

    const counts: ImportCounts = { parks: tally(), spaces: tally(), recruiters: tally() };
    const changedParkIds: string[] = [];
    for (const p of parks) {
      const outcome = await upsertPark(tx, p);
      count(counts.parks, outcome);
      if (outcome !== "unchanged") changedParkIds.push(p.id);
    }
    const changedSpaceIds: string[] = [];
    for (const s of spaces) {
      const outcome = await upsertSpace(tx, s);
      count(counts.spaces, outcome);
      if (outcome !== "unchanged") changedSpaceIds.push(s.id);
    }
    for (const r of recruiters) count(counts.recruiters, await upsertRecruiter(tx, r));
    // Search documents follow in the worker; a park's re-index also rewrites its spaces.
    await enqueue(tx, "park.index", changedParkIds);
    const parksDone = new Set(changedParkIds);
    await enqueue(
      tx,
      "space.index",
      spaces.filter((s) => changedSpaceIds.includes(s.id) && !parksDone.has(s.parkId)).map((s) => s.id),
    );
    // Reverse matching for every space whose change can alter a match: new, (no longer) available,
    // resized, re-specified — or in a park whose thresholds, exclusions or focus changed
    // (docs/decisions/018). The job withdraws matches that no longer hold and adds new ones.
    const inChangedParks = changedParkIds.length
      ? (await tx<{ id: string }[]>`select id from spaces where park_id in ${tx(changedParkIds)} order by id`).map((r) => r.id)
      : [];
    await enqueue(tx, "space.match", [...new Set([...changedSpaceIds, ...inChangedParks])]);
    return { ok: true as const, counts, changedSpaceIds };
  });
}

type Outcome = "created" | "updated" | "unchanged";
const tally = () => ({ created: 0, updated: 0, unchanged: 0 });
const count = (t: { created: number; updated: number; unchanged: number }, o: Outcome) => void t[o]++;

// `is distinct from` in the WHERE keeps an identical row untouched: a second import of the same file
// changes nothing (no updated_at bump, no re-match).
async function upsertPark(tx: TransactionSql, p: Park): Promise<Outcome> {
  const row = {
    id: p.id,
    name: p.name,
    province: p.province,
    city: p.city,
    district: p.district,
    district_code: p.districtCode,
    address: p.address ?? null,
    lat: p.location?.lat ?? null,
    lng: p.location?.lng ?? null,
    industries: p.industries,
    excluded_industries: p.excludedIndustries,
    min_tax_per_mu_wan: p.minTaxPerMuWan ?? null,
    min_investment_per_mu_wan: p.minInvestmentPerMuWan ?? null,
    min_tax_per_1000sqm_wan: p.minTaxPer1000SqmWan ?? null,
    policies: p.policies ?? null,
    wecom_webhook_url: p.wecomWebhookUrl ?? null,
  };
  return upsert(tx, "parks", row);
}

async function upsertSpace(tx: TransactionSql, s: Space): Promise<Outcome> {
  const row = {
    id: s.id,
    park_id: s.parkId,
    kind: s.kind,
    deals: [...new Set(s.deals)].sort(),
    title: s.title,
    area_sqm: s.areaSqm,
    divisible_min_sqm: s.divisibleMinSqm ?? null,
    floors: s.floors ?? null,
    single_storey: s.singleStorey ?? null,
    ceiling_m: s.ceilingM ?? null,
    floor_load_kg: s.floorLoadKg ?? null,
    power_kva: s.powerKva ?? null,
    crane_t: s.craneT ?? null,
    rent_yuan_per_sqm_month: s.rentYuanPerSqmMonth ?? null,
    price_yuan_per_sqm: s.priceYuanPerSqm ?? null,
    land_price_wan_per_mu: s.landPriceWanPerMu ?? null,
    available_from: s.availableFrom ? (s.availableFrom.length === 7 ? `${s.availableFrom}-01` : s.availableFrom) : null,
    status: s.status,
    notes: s.notes ?? null,
  };
  // A listing that is created or changed counts as confirmed available now (verified_at).
  return upsert(tx, "spaces", row, "verified_at = now()");
}

async function upsertRecruiter(tx: TransactionSql, r: Recruiter): Promise<Outcome> {
  const row = {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    channel: r.channel,
    parks: r.parks,
    industries: r.industries,
    capacity: r.capacity,
    active: r.active,
  };
  return upsert(tx, "recruiters", row);
}

async function upsert(
  tx: TransactionSql,
  table: "parks" | "spaces" | "recruiters",
  row: Record<string, unknown>,
  alsoSet?: string,
): Promise<Outcome> {
  const columns = Object.keys(row).filter((c) => c !== "id");
  const changed = columns.map((c) => `${table}.${c} is distinct from excluded.${c}`).join(" or ");
  const sets = [...columns.map((c) => `${c} = excluded.${c}`), ...(alsoSet ? [alsoSet] : [])].join(", ");
  const rows = await tx<{ created: boolean }[]>`
    insert into ${tx(table)} ${tx(row as Record<string, never>)}
    on conflict (id) do update set ${tx.unsafe(sets)}, updated_at = now()
    where ${tx.unsafe(changed)}
    returning (xmax = 0) as created`;
  if (rows.length === 0) return "unchanged";
  return rows[0].created ? "created" : "updated";
}
