import type { Sql, TransactionSql } from "~/db/db.server";

import type { Collection } from "./inventory-columns";
import { parkPlace, type ParkRow, parkTerms, type SpaceColumns, spaceFields } from "./inventory-rows";
import type { Park, Recruiter, Space } from "./inventory-schema";

// The inventory tables' rows ↔ the import format. `dbRow` is what an import writes; `fromDbRow` reads a
// stored row back into the import format (the export, the edit forms, the preview's "old" side), so
// an exported row re-imports to exactly the stored row.

/** Recruiter columns named and valued alike in the table and the import format (both directions copy them as they are). */
const RECRUITER_SAME = ["id", "name", "email", "phone", "channel", "parks", "industries", "capacity", "active"] as const;

function pickSame<T, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

export type InventoryValue = { parks: Park; spaces: Space; recruiters: Recruiter };
export type DbRow = Record<string, unknown> & { id: string };

/** The columns an import writes, per table (the order is the export's). */
export function dbRow<C extends Collection>(collection: C, value: InventoryValue[C]): DbRow {
  if (collection === "parks") {
    const p = value as Park;
    return {
      id: p.id,
      name: p.name,
      province: p.province,
      city: p.city,
      district: p.district,
      districtCode: p.districtCode ?? null,
      address: p.address ?? null,
      lat: p.location?.lat ?? null,
      lng: p.location?.lng ?? null,
      industries: p.industries,
      excludedIndustries: p.excludedIndustries,
      minTaxPerMuWan: p.minTaxPerMuWan ?? null,
      minInvestmentPerMuWan: p.minInvestmentPerMuWan ?? null,
      minTaxPer1000sqmWan: p.minTaxPer1000SqmWan ?? null,
      policies: p.policies ?? null,
      wecomWebhookUrl: p.wecomWebhookUrl ?? null,
    };
  }
  if (collection === "spaces") {
    const s = value as Space;
    return {
      id: s.id,
      parkId: s.parkId,
      kind: s.kind,
      deals: [...new Set(s.deals)].sort(),
      title: s.title,
      areaSqm: s.areaSqm,
      divisibleMinSqm: s.divisibleMinSqm ?? null,
      floors: s.floors ?? null,
      singleStorey: s.singleStorey ?? null,
      ceilingM: s.ceilingM ?? null,
      floorLoadKg: s.floorLoadKg ?? null,
      powerKva: s.powerKva ?? null,
      craneT: s.craneT ?? null,
      rentYuanPerSqmMonth: s.rentYuanPerSqmMonth ?? null,
      priceYuanPerSqm: s.priceYuanPerSqm ?? null,
      landPriceWanPerMu: s.landPriceWanPerMu ?? null,
      availableFrom: s.availableFrom ? (s.availableFrom.length === 7 ? `${s.availableFrom}-01` : s.availableFrom) : null,
      status: s.status,
      notes: s.notes ?? null,
    };
  }
  const r = value as Recruiter;
  return {
    ...pickSame(r, RECRUITER_SAME),
    awayFrom: r.away?.[0]?.from ?? null,
    awayTo: r.away?.[0]?.to ?? null,
    workingHours: r.workingHours ?? null,
  };
}

const nn = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A stored row (as `loadDbRows` reads it) → the import format (optional blanks left out). */
export function fromDbRow<C extends Collection>(collection: C, row: DbRow): InventoryValue[C] {
  const r = row as unknown as Record<string, never>;
  if (collection === "parks") {
    return strip({
      ...parkPlace(row as unknown as ParkRow),
      location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
      ...parkTerms(row as unknown as ParkRow),
      policies: r.policies,
      wecomWebhookUrl: r.wecomWebhookUrl,
    }) as InventoryValue[C];
  }
  if (collection === "spaces") {
    return strip({ ...spaceFields(row as unknown as SpaceColumns), notes: r.notes }) as InventoryValue[C];
  }
  return strip({
    ...pickSame(r, RECRUITER_SAME),
    away: r.awayFrom ? [{ from: r.awayFrom, to: r.awayTo }] : [],
    workingHours: r.workingHours,
  }) as InventoryValue[C];
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .map(([k, v]) => [k, nn(v)])
      .filter(([, v]) => v !== undefined),
  );
}

const SELECT = {
  parks: (sql: Sql | TransactionSql) => sql`
    select id, name, province, city, district, district_code, address, lat, lng, industries, excluded_industries,
           min_tax_per_mu_wan, min_investment_per_mu_wan, min_tax_per_1000sqm_wan, policies, wecom_webhook_url
    from parks`,
  spaces: (sql: Sql | TransactionSql) => sql`
    select id, park_id, kind, deals, title, area_sqm, divisible_min_sqm, floors, single_storey, ceiling_m, floor_load_kg,
           power_kva, crane_t, rent_yuan_per_sqm_month, price_yuan_per_sqm, land_price_wan_per_mu,
           to_char(available_from, 'YYYY-MM-DD') as available_from, status, notes
    from spaces`,
  recruiters: (sql: Sql | TransactionSql) => sql`
    select id, name, email, phone, channel, parks, industries, capacity, active,
           to_char(away_from, 'YYYY-MM-DD') as away_from, to_char(away_to, 'YYYY-MM-DD') as away_to, working_hours
    from recruiters`,
};

/** Stored rows of one table in `dbRow`'s shape, by id (all rows when `ids` is absent), ordered by id. */
export async function loadDbRows(
  sql: Sql | TransactionSql,
  collection: Collection,
  ids?: string[],
  options: { anyCase?: boolean } = {},
): Promise<DbRow[]> {
  if (ids?.length === 0) return [];
  // anyCase: ids ignore case (ADR 107; unique on lower(id), migration 082) — "s1" finds S1.
  const which = !ids
    ? sql``
    : options.anyCase
      ? sql`and lower(id) in ${sql([...new Set(ids.map((id) => id.toLowerCase()))])}`
      : sql`and id in ${sql(ids)}`;
  return sql<DbRow[]>`${SELECT[collection](sql)} where true ${which} order by id collate natural_order`;
}

/** The whole inventory in the import format (the export; what a JSON import would recreate). */
export async function loadInventory(sql: Sql | TransactionSql): Promise<{ parks: Park[]; spaces: Space[]; recruiters: Recruiter[] }> {
  const [parks, spaces, recruiters] = await Promise.all([
    loadDbRows(sql, "parks"),
    loadDbRows(sql, "spaces"),
    loadDbRows(sql, "recruiters"),
  ]);
  return {
    parks: parks.map((r) => fromDbRow("parks", r)),
    spaces: spaces.map((r) => fromDbRow("spaces", r)),
    recruiters: recruiters.map((r) => fromDbRow("recruiters", r)),
  };
}

/** Stable JSON (object keys sorted), so a jsonb value read back compares equal to the one written. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}
