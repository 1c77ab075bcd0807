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
    return row;
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
