import { readFile } from "node:fs/promises";

import type { Sql } from "~/db/db.server";

import { importInventory } from "./import.server";

const DEMO_FILE = new URL("../data/demo-inventory.json", import.meta.url);

/** Seeds the bundled demo inventory into an empty database (no parks yet). Returns whether it did. */
export async function seedDemoIfEmpty(sql: Sql): Promise<boolean> {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from parks`;
  if (n > 0) return false;
  const result = await importInventory(sql, JSON.parse(await readFile(DEMO_FILE, "utf8")));
  if (!result.ok) throw new Error(`demo inventory is invalid: ${JSON.stringify(result.errors)}`);
  return true;
}
