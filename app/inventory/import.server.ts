import { type Sql, toSqlColumn, type TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { inventoryText } from "~/i18n/inventory-messages";
import { libraryErrorMap } from "~/i18n/library-error-messages";
import type { Lng } from "~/i18n/lng";

import { dbRow } from "./inventory-rows.server";
import { type Park, parkSchema, type Recruiter, recruiterSchema, type Space, spaceSchema } from "./inventory-schema";

const RULES = { zh: libraryErrorMap("zh"), en: libraryErrorMap("en") } as const;

export type ImportRowError = { collection: "parks" | "spaces" | "recruiters" | "file"; index: number; id?: string; errors: string[] };
export type ImportCounts = Record<"parks" | "spaces" | "recruiters", { created: number; updated: number; unchanged: number }>;
export type ImportResult =
  { ok: true; counts: ImportCounts; changedSpaceIds: string[]; changedRecruiterIds: string[] } | { ok: false; errors: ImportRowError[] };

export type Collections = { parks: Park[]; spaces: Space[]; recruiters: Recruiter[] };

/**
 * Validates every row first (all errors, not the first one), then upserts everything in one transaction.
 * The messages are in `lng`: the API's caller's language (ADR 025), English for the command line.
 */
export function validateInventory(
  input: unknown,
  lng: Lng = "en",
): { ok: true; value: Collections } | { ok: false; errors: ImportRowError[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ collection: "file", index: -1, errors: [inventoryText(lng, "import.notObject")] }] };
  }
  const errors: ImportRowError[] = [];
  const value: Collections = { parks: [], spaces: [], recruiters: [] };
  const schemas = { parks: parkSchema, spaces: spaceSchema, recruiters: recruiterSchema } as const;
  for (const collection of ["parks", "spaces", "recruiters"] as const) {
    const rows = (input as Record<string, unknown>)[collection] ?? [];
    if (!Array.isArray(rows)) {
      errors.push({ collection: "file", index: -1, errors: [inventoryText(lng, "import.notArray", { collection })] });
      continue;
    }
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const rowId = typeof (row as { id?: unknown })?.id === "string" ? (row as { id: string }).id : undefined;
      const parsed = schemas[collection].safeParse(row, { error: RULES[lng] });
      if (!parsed.success) {
        errors.push({ collection, index, id: rowId, errors: parsed.error.issues.map(describeIssue) });
        return;
      }
      if (seen.has(parsed.data.id)) {
        errors.push({ collection, index, id: rowId, errors: [inventoryText(lng, "import.duplicateId", { id: parsed.data.id })] });
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

export async function importInventory(sql: Sql, input: unknown, lng: Lng = "en"): Promise<ImportResult> {
  const checked = validateInventory(input, lng);
  if (!checked.ok) return checked;
  return sql.begin((tx) => applyInventory(tx, checked.value, lng));
}

export type UnknownParkRef = { collection: "spaces" | "recruiters"; index: number; id: string; field: "parkId" | "parks"; parks: string[] };

/** Spaces and recruiters that name a park neither in `value` nor in the database. */
export async function unknownParkRefs(tx: TransactionSql | Sql, value: Collections): Promise<UnknownParkRef[]> {
  const named = [...new Set([...value.spaces.map((s) => s.parkId), ...value.recruiters.flatMap((r) => r.parks)])];
  const known = new Set([
    ...value.parks.map((p) => p.id),
    ...(named.length ? (await tx<{ id: string }[]>`select id from parks where id in ${tx(named)}`).map((r) => r.id) : []),
  ]);
  const out: UnknownParkRef[] = [];
  value.spaces.forEach((s, index) => {
    if (!known.has(s.parkId)) out.push({ collection: "spaces", index, id: s.id, field: "parkId", parks: [s.parkId] });
  });
  value.recruiters.forEach((r, index) => {
    const unknown = r.parks.filter((p) => !known.has(p));
    if (unknown.length) out.push({ collection: "recruiters", index, id: r.id, field: "parks", parks: unknown });
  });
  return out;
}

/**
 * Upserts validated rows inside the caller's transaction (the JSON import, the Excel import's apply):
 * parks first, then spaces and recruiters that may refer to them; index and reverse-matching work is
 * queued in the same transaction. A reference to an unknown park → `{ok: false}` and nothing written
 * by this call (the caller rolls back).
 */
export async function applyInventory(tx: TransactionSql, value: Collections, lng: Lng = "en"): Promise<ImportResult> {
  const { parks, spaces, recruiters } = value;
  const refs = await unknownParkRefs(tx, value);
  const errors: ImportRowError[] = refs.map((r) => ({
    collection: r.collection,
    index: r.index,
    id: r.id,
    errors: [inventoryText(lng, "import.unknownPark", { field: r.field, parks: r.parks.join(", ") })],
  }));
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
  const changedRecruiterIds: string[] = [];
  for (const r of recruiters) {
    const outcome = await upsertRecruiter(tx, r);
    count(counts.recruiters, outcome);
    if (outcome !== "unchanged") changedRecruiterIds.push(r.id);
  }
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
  return { ok: true as const, counts, changedSpaceIds, changedRecruiterIds };
}

type Outcome = "created" | "updated" | "unchanged";
const tally = () => ({ created: 0, updated: 0, unchanged: 0 });
const count = (t: { created: number; updated: number; unchanged: number }, o: Outcome) => void t[o]++;

// `is distinct from` in the WHERE keeps an identical row untouched: a second import of the same file
// changes nothing (no updated_at bump, no re-match).
async function upsertPark(tx: TransactionSql, p: Park): Promise<Outcome> {
  return upsert(tx, "parks", dbRow("parks", p));
}

async function upsertSpace(tx: TransactionSql, s: Space): Promise<Outcome> {
  // A listing that is created or changed counts as confirmed available now (verified_at).
  return upsert(tx, "spaces", dbRow("spaces", s), "verified_at = now()");
}

async function upsertRecruiter(tx: TransactionSql, r: Recruiter): Promise<Outcome> {
  return upsert(tx, "recruiters", dbRow("recruiters", r));
}

async function upsert(
  tx: TransactionSql,
  table: "parks" | "spaces" | "recruiters",
  row: Record<string, unknown>,
  alsoSet?: string,
): Promise<Outcome> {
  // `row`'s keys are camelCase (the driver turns them into column names for `tx(row)`); the text
  // built here goes through `unsafe`, which the driver leaves alone, so it names the columns itself.
  const columns = Object.keys(row)
    .filter((c) => c !== "id")
    .map(toSqlColumn);
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
