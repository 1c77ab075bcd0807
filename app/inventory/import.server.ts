import { type Sql, toSqlColumn, type TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { fieldPath } from "~/domain/field-path";
import { quoteValue } from "~/domain/filter-notices";
import { cleanTyped } from "~/domain/format-chars";
import { IMPORT_COLLECTIONS } from "~/domain/import-bounds";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import { libraryErrorMap } from "~/i18n/library-error-messages";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { runSteps, runStepsInSlices } from "~/utils/slices.server";

import { cellsCleaned, industryListRead } from "./inventory-check";
import { foldKey, inventoryClashes } from "./inventory-clashes.server";
import { COLUMNS, readJsonNumbers } from "./inventory-columns";
import { dbRow } from "./inventory-rows.server";
import { type Collections, type Park, parkSchema, type Recruiter, recruiterSchema, type Space, spaceSchema } from "./inventory-schema";
import { type UncoveredPark, uncoveredParks } from "./uncovered-parks.server";

const RULES = { zh: libraryErrorMap("zh"), en: libraryErrorMap("en") } as const;

export type ImportRowError = { collection: "parks" | "spaces" | "recruiters" | "file"; index: number; id?: string; errors: string[] };
export type ImportCounts = Record<"parks" | "spaces" | "recruiters", { created: number; updated: number; unchanged: number }>;
/**
 * What a row's words were read as — a figure written "约五千": 5000 (docs/decisions/117); an industry word and the code
 * it became, "锂电池" → C38 (docs/decisions/169) — said back as the Excel preview's 提示 are: POST /api/import's
 * `readAs`, `npm run import`'s notes.
 */
export type ImportRowNote = { collection: "parks" | "spaces" | "recruiters"; index: number; id?: string; notes: string[] };
export type ImportResult =
  | {
      ok: true;
      counts: ImportCounts;
      changedSpaceIds: string[];
      changedRecruiterIds: string[];
      notes?: ImportRowNote[];
      /** Parks written or left by their recruiters that no working recruiter covers now (uncovered-parks.server.ts). */
      uncovered?: UncoveredPark[];
    }
  | { ok: false; errors: ImportRowError[] };

type Checked =
  | { ok: true; value: Collections; notes: ImportRowNote[] }
  | { ok: false; errors: ImportRowError[]; value: Collections; refs: ParkRef[]; parkIds: string[] };
/** The parks a row names, by its place in the input: the good rows' and the bad rows' alike (`unknownParks`). */
type ParkRef = Omit<UnknownParkRef, "id"> & { id?: string };

/**
 * Checks every row (all errors, not the first one): each row's schema issues, and an id that an
 * earlier row of its collection has too, good or bad. When any row is bad, every row's park
 * references are kept for the reference check (`refs`), so one pass names every bad cell. The messages are in `lng`: the API's
 * caller's language (ADR 025), English for the command line. At once: the web process checks a body in
 * slices (validateInventoryInSlices).
 */
export function validateInventory(input: unknown, lng: Lng = "en"): Checked {
  return runSteps(inventoryChecks(input, lng));
}

/**
 * validateInventory in slices of a few milliseconds with a turn of the event loop between them
 * (sliceClock), for the web process: 20,000 rows take a second or more on a loaded machine, and
 * checked at once they held every other request of the process (docs/decisions/120). Same answer.
 * `sliceMs`: SLICE_MS unless told (0: a turn before every row).
 */
export function validateInventoryInSlices(input: unknown, lng: Lng = "en", sliceMs?: number): Promise<Checked> {
  return runStepsInSlices(inventoryChecks(input, lng), sliceMs);
}

/** validateInventory's checks, pausing (yield) before each row. */
function* inventoryChecks(input: unknown, lng: Lng): Generator<void, Checked> {
  const value: Collections = { parks: [], spaces: [], recruiters: [] };
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ collection: "file", index: -1, errors: [inventoryText(lng, "import.notObject")] }],
      value,
      refs: [],
      parkIds: [],
    };
  }
  const errors: ImportRowError[] = [];
  // A top-level key that is no collection (a typo such as "space", a wrapper's own field) is refused, named:
  // read as nothing, "space" imported no row and answered 200 (docs/decisions/124). Said with the rows' errors.
  const unknown = Object.keys(input).filter((k) => !(IMPORT_COLLECTIONS as readonly string[]).includes(k));
  if (unknown.length) errors.push({ collection: "file", index: -1, errors: [unknownKeysText(lng, unknown)] });
  // No collection at all (`{}`, `{"spaces": null}`): an import of nothing answered 200 with zero counts (an
  // attack, 12-05) — a body that lost its content on the way looked like a success. An empty list is kept as is.
  else if (IMPORT_COLLECTIONS.every((c) => (input as Record<string, unknown>)[c] == null))
    errors.push({ collection: "file", index: -1, errors: [inventoryText(lng, "import.noCollections")] });
  const notes: ImportRowNote[] = [];
  const refs: ParkRef[] = [];
  const parkIds: string[] = []; // every park row's id, good or bad: a space in a bad park row is not "in an unknown park"
  const schemas = { parks: parkSchema, spaces: spaceSchema, recruiters: recruiterSchema } as const;
  for (const collection of ["parks", "spaces", "recruiters"] as const) {
    const rows = (input as Record<string, unknown>)[collection] ?? [];
    if (!Array.isArray(rows)) {
      errors.push({ collection: "file", index: -1, errors: [inventoryText(lng, "import.notArray", { collection })] });
      continue;
    }
    const seen = new Map<string, string>(); // folded id → the first row's id: ids ignore case (ADR 107)
    for (let index = 0; index < rows.length; index++) {
      yield;
      const row: unknown = rows[index];
      const raw = (typeof row === "object" && row !== null ? row : {}) as Record<string, unknown>;
      const rowId = typeof raw.id === "string" ? raw.id : undefined;
      const said: string[] = [];
      const id = rowId === undefined ? "" : cleanTyped(rowId);
      const first = id ? seen.get(foldKey(id)) : undefined;
      if (first === id) said.push(inventoryText(lng, "import.duplicateId", { id }));
      else if (first !== undefined) said.push(inventoryRuleMessages.t(lng, "idCaseInFile", { id, first }));
      else if (id) seen.set(foldKey(id), id);
      if (id && collection === "parks") parkIds.push(id);
      // A number written as a string is read as a CSV cell of its column is (ADR 096); what its reader
      // refuses is said once, at its path, instead of the schema's "expected number".
      const read = readJsonNumbers(collection, row);
      said.push(...read.errors.map((e) => labelled(lng, fieldPath(e.path), e.reason[lng])));
      const unread = new Set(read.errors.map((e) => fieldPath(e.path)));
      const parsed = schemas[collection].safeParse(read.value, { error: RULES[lng] });
      // What words were read as: figures (ADR 117) and industry words, each with the code it became (docs/decisions/169).
      const readAs = [
        ...cellsCleaned(collection, raw).map((d) => ({ path: [d.key ?? ""], reason: d.reason })),
        ...read.notes,
        ...(parsed.success ? industryWordsRead(collection, read.value) : []),
      ];
      if (readAs.length)
        notes.push({ collection, index, id: rowId, notes: readAs.map((e) => labelled(lng, fieldPath(e.path), e.reason[lng])) });
      if (!parsed.success)
        said.push(...parsed.error.issues.filter((i) => !unread.has(fieldPath(i.path))).map((i) => describeIssue(lng, i)));
      const ref = collection === "parks" ? null : parkRefOf(collection, raw);
      if (ref && (parsed.success || !parsed.error.issues.some((i) => i.path[0] === ref.field))) refs.push({ ...ref, index, id: rowId });
      if (said.length === 0 && parsed.success) (value[collection] as unknown[]).push(parsed.data);
      else errors.push({ collection, index, id: rowId, errors: said });
    }
  }
  return errors.length ? { ok: false, errors, value, refs, parkIds } : { ok: true, value, notes };
}

/**
 * A JSON row's industry lists (a park's industries and excludedIndustries, a recruiter's industries) read as the
 * Excel preview says them (inventory-check.ts industryListRead): each item that is no code as stored, with the
 * code it became ("锂电池" → C38 电气机械和器材制造业), and each stored once beside an earlier one of the same code.
 * The JSON import stored the codes and said nothing, while the sheet's preview said them (docs/decisions/160, 169).
 */
function industryWordsRead(collection: keyof Collections, row: unknown): { path: string[]; reason: Bilingual }[] {
  const r = row as Record<string, unknown>;
  return COLUMNS[collection].flatMap((c) => {
    const items = r[c.key];
    if (!c.industry || !Array.isArray(items) || !items.every((x) => typeof x === "string")) return [];
    const reason = industryListRead(c.header, items as string[], c.key === "excludedIndustries");
    return reason ? [{ path: [c.key], reason }] : [];
  });
}

/** The park ids a raw row names (a space's parkId, a recruiter's parks), when they are ids at all. */
function parkRefOf(
  collection: "spaces" | "recruiters",
  raw: Record<string, unknown>,
): Pick<ParkRef, "collection" | "field" | "parks"> | null {
  const named = collection === "spaces" ? [raw.parkId] : Array.isArray(raw.parks) ? raw.parks : [];
  const parks = named
    .filter((p): p is string => typeof p === "string")
    .map(cleanTyped)
    .filter((p) => p !== "");
  return parks.length ? { collection, field: collection === "spaces" ? "parkId" : "parks", parks } : null;
}

function describeIssue(lng: Lng, issue: { path: PropertyKey[]; message: string }): string {
  // One way of naming a place in a row, the contract's (`parks[1]`, as `spaces[57]`; ADR 102).
  const path = fieldPath(issue.path);
  return path && !issue.message.startsWith(`${path}:`) && !issue.message.startsWith(`${path}：`)
    ? labelled(lng, path, issue.message)
    : issue.message;
}

/**
 * "field: reason" in `lng`'s punctuation — "parkId：未知园区编号" in Chinese, "parkId: unknown park" in English
 * (ADR 143: the rows' errors mixed a half-width ":" before a Chinese reason with the catalog's "：").
 */
const labelled = (lng: Lng, field: string, reason: string) => `${field}${punctuationMessages.t(lng, "label")}${reason}`;

/**
 * Checks everything — each row, duplicate ids, references to unknown parks, the rows with other
 * errors included — and writes only when nothing is wrong, in one transaction. The errors come one
 * entry per bad row, in the order of the file.
 */
export async function importInventory(sql: Sql, input: unknown, lng: Lng = "en"): Promise<ImportResult> {
  const checked = await validateInventoryInSlices(input, lng);
  if (checked.ok) {
    const result = await sql.begin((tx) => applyInventory(tx, checked.value, lng));
    return result.ok && checked.notes.length ? { ...result, notes: checked.notes } : result;
  }
  const byRow = new Map(checked.errors.map((e) => [`${e.collection} ${e.index}`, e]));
  // The good rows' clashes with stored rows (an id in another case, a recruiter email taken), said in the same pass.
  // `index` counts good rows only: mapped back to the input's rows by id.
  for (const clash of await inventoryClashes(sql, checked.value)) {
    const index = rowIndexOf(input, clash.collection, clash.id);
    const row = byRow.get(`${clash.collection} ${index}`) ?? { collection: clash.collection, index, id: clash.id, errors: [] };
    row.errors.push(labelled(lng, clash.field, clash.reason[lng]));
    byRow.set(`${clash.collection} ${index}`, row);
  }
  for (const ref of await unknownParks(sql, checked.parkIds, checked.refs)) {
    const row = byRow.get(`${ref.collection} ${ref.index}`) ?? { collection: ref.collection, index: ref.index, id: ref.id, errors: [] };
    row.errors.push(unknownParkText(lng, ref));
    byRow.set(`${ref.collection} ${ref.index}`, row);
  }
  const errors = [...byRow.values()].sort(
    (a, b) => COLLECTION_ORDER.indexOf(a.collection) - COLLECTION_ORDER.indexOf(b.collection) || a.index - b.index,
  );
  return { ok: false, errors };
}

const COLLECTION_ORDER = ["file", "parks", "spaces", "recruiters"];

/** The most unknown top-level keys named one by one (a body can carry thousands); the rest counted. */
const KEYS_NAMED = 5;

/** "“space”、“notes”" — each quoted and cut as a filter notice quotes (40 characters), the rest as "… 等 N 个" / "and N more". */
function unknownKeysText(lng: Lng, keys: string[]): string {
  const named = keys
    .slice(0, KEYS_NAMED)
    .map((k) => `“${quoteValue(k)}”`)
    .join(lng === "zh" ? "、" : ", ");
  const more = keys.length > KEYS_NAMED ? inventoryText(lng, "import.unknownKeysMore", { count: keys.length - KEYS_NAMED }) : "";
  return inventoryText(lng, "import.unknownKeys", { keys: `${named}${more}` });
}

/** The place in `input` of the first row of `collection` with `id` (clashes are found on good rows only). */
function rowIndexOf(input: unknown, collection: keyof Collections, id: string): number {
  const rows = (input as Record<string, unknown>)[collection];
  return Array.isArray(rows)
    ? rows.findIndex((r) => typeof r === "object" && r !== null && cleanTyped(String((r as { id?: unknown }).id ?? "")) === id)
    : -1;
}

const unknownParkText = (lng: Lng, ref: Pick<UnknownParkRef, "field" | "parks" | "asStored">) =>
  inventoryText(lng, "import.unknownPark", { field: ref.field, parks: unknownParkList(lng, ref) });

/**
 * The unknown parks of a reference as an error names them: a park written in another case than a known one says which
 * one it is (ids ignore case, ADR 107: "gc-edz" is GC-EDZ; the row must write it as stored — trial38 M8).
 */
export function unknownParkList(lng: Lng, ref: Pick<UnknownParkRef, "parks" | "asStored">): string {
  return ref.parks
    .map((p) => (ref.asStored?.[p] ? inventoryText(lng, "import.parkCase", { typed: p, stored: ref.asStored[p] }) : p))
    .join(punctuationMessages.t(lng, "list"));
}

export type UnknownParkRef = {
  collection: "spaces" | "recruiters";
  index: number;
  id: string;
  field: "parkId" | "parks";
  parks: string[];
  /** Of `parks`, those that are a known park in another case: typed → the known id. */
  asStored?: Record<string, string>;
};

/** Spaces and recruiters that name a park neither in `value` nor in the database. */
export async function unknownParkRefs(tx: TransactionSql | Sql, value: Collections, alsoKnown: string[] = []): Promise<UnknownParkRef[]> {
  const refs: UnknownParkRef[] = [
    ...value.spaces.map((s, index) => ({ collection: "spaces" as const, index, id: s.id, field: "parkId" as const, parks: [s.parkId] })),
    ...value.recruiters.map((r, index) => ({
      collection: "recruiters" as const,
      index,
      id: r.id,
      field: "parks" as const,
      parks: r.parks,
    })),
  ];
  return unknownParks(tx, [...value.parks.map((p) => p.id), ...alsoKnown], refs);
}

/** Of `refs`, those naming a park that is neither in `inFile` (park ids of the import) nor stored; `parks` cut to the unknown ones. */
export async function unknownParks<R extends Pick<UnknownParkRef, "parks">>(
  tx: TransactionSql | Sql,
  inFile: string[],
  refs: R[],
): Promise<(R & Pick<UnknownParkRef, "asStored">)[]> {
  const named = [...new Set(refs.flatMap((r) => r.parks))];
  const stored = named.length
    ? (await tx<{ id: string }[]>`select id from parks where lower(id) in ${tx([...new Set(named.map(foldKey))])}`).map((r) => r.id)
    : [];
  const known = new Set([...inFile, ...stored]);
  // A park known in another case is still no reference (the row must write it as stored), but the error says which it is.
  const byKey = new Map([...known].map((id) => [foldKey(id), id]));
  return refs.flatMap((r) => {
    const parks = r.parks.filter((p) => !known.has(p));
    if (!parks.length) return [];
    const asStored = Object.fromEntries(parks.flatMap((p) => (byKey.has(foldKey(p)) ? [[p, byKey.get(foldKey(p))!]] : [])));
    return [{ ...r, parks, ...(Object.keys(asStored).length ? { asStored } : {}) }];
  });
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
    errors: [unknownParkText(lng, r)],
  }));
  for (const clash of await inventoryClashes(tx, value)) {
    const row = errors.find((e) => e.collection === clash.collection && e.index === clash.index);
    if (row) row.errors.push(labelled(lng, clash.field, clash.reason[lng]));
    else
      errors.push({
        collection: clash.collection,
        index: clash.index,
        id: clash.id,
        errors: [labelled(lng, clash.field, clash.reason[lng])],
      });
  }
  if (errors.length)
    return {
      ok: false as const,
      errors: errors.sort((a, b) => COLLECTION_ORDER.indexOf(a.collection) - COLLECTION_ORDER.indexOf(b.collection) || a.index - b.index),
    };

  const counts: ImportCounts = { parks: tally(), spaces: tally(), recruiters: tally() };
  const changedParkIds: string[] = [];
  for (const p of parks) {
    const outcome = await upsertPark(tx, p);
    count(counts.parks, outcome);
    if (outcome !== "unchanged") changedParkIds.push(p.id);
  }
  // Read before the recruiters are written (the stored rows say which parks they covered), as the preview reads it.
  const uncovered = await uncoveredParks(tx, value);
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
  // A set, not `changedSpaceIds.includes`: 20,000 changed spaces were 200 million comparisons, the
  // event loop held for a second (docs/decisions/125).
  const spacesChanged = new Set(changedSpaceIds);
  await enqueue(
    tx,
    "space.index",
    spaces.filter((s) => spacesChanged.has(s.id) && !parksDone.has(s.parkId)).map((s) => s.id),
  );
  // Reverse matching for every space whose change can alter a match: new, (no longer) available,
  // resized, re-specified — or in a park whose thresholds, exclusions or focus changed
  // (docs/decisions/018). The job withdraws matches that no longer hold and adds new ones.
  const inChangedParks = changedParkIds.length
    ? (await tx<{ id: string }[]>`select id from spaces where park_id in ${tx(changedParkIds)} order by id`).map((r) => r.id)
    : [];
  await enqueue(tx, "space.match", [...new Set([...changedSpaceIds, ...inChangedParks])]);
  return { ok: true as const, counts, changedSpaceIds, changedRecruiterIds, uncovered };
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
