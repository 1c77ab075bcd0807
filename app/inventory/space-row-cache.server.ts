import type { SpaceRow } from "./inventory-rows";

/**
 * Space rows a worker keeps between lead.match jobs (issue 14): at 10,000 spaces a lead read ~80 rows
 * whole, and the same spaces come back lead after lead. Up to SPACE_ROW_CACHE_MAX rows (~1–2 KB each);
 * when full, the row kept longest without being read again whole goes. Only loadSpaceRows' `cache`
 * option (app/inventory/inventory-read.server.ts) fills and trusts it, checking both versions of every
 * row on every read, so nothing here can go stale: a changed space or park is read again.
 */
export class SpaceRowCache {
  private readonly rows = new Map<string, KeptRow>();
  /** The highest version (a space's or a park's) of any row kept since the last clearing. */
  private highest = 0n;

  constructor(private readonly max: number = SPACE_ROW_CACHE_MAX) {}

  /** The row kept for `id`, if any, with its versions as one key (versionKey). */
  get(id: string): KeptRow | undefined {
    return this.rows.get(id);
  }

  /** Keeps `row` (frozen, with its arrays) in place of any older one of its id; returns it. */
  put(row: SpaceRow): SpaceRow {
    this.rows.delete(row.id);
    if (this.rows.size >= this.max) this.rows.delete(this.rows.keys().next().value!);
    for (const value of Object.values(row)) if (Array.isArray(value)) Object.freeze(value);
    this.rows.set(row.id, { row: Object.freeze(row), key: versionKey(row) });
    for (const v of [row.version, row.parkVersion]) if (BigInt(v) > this.highest) this.highest = BigInt(v);
    return row;
  }

  /**
   * Told the inventory's current version (`inventory_version`, read by lead.match in every lead's
   * transaction): a version below a kept row's means the database went back (restored from a backup),
   * where a version number can come again for other content — everything kept is dropped.
   */
  seeInventoryVersion(current: string | null): void {
    if (current !== null && BigInt(current) < this.highest) {
      this.rows.clear();
      this.highest = 0n;
    }
  }

  /** How many rows are kept. */
  get size(): number {
    return this.rows.size;
  }
}

/** Rows a worker keeps at most: the demo's and the benchmark's whole inventory (10,000 spaces). */
export const SPACE_ROW_CACHE_MAX = 10_000;

/** A kept row and its versions as one key. */
export type KeptRow = { row: SpaceRow; key: string };

/** A row's own and its park's version as one key, as the read compares them: `<version>.<parkVersion>`. */
export function versionKey(r: Pick<SpaceRow, "version" | "parkVersion">): string {
  return `${r.version}.${r.parkVersion}`;
}
