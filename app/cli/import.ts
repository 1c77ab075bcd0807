import { readFile } from "node:fs/promises";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { importInventory } from "~/inventory/import.server";
import { uncoveredParksText } from "~/inventory/uncovered-parks.server";

// npm run import -- file.json — upserts {parks, spaces, recruiters} by id; a bad row writes nothing.
const file = process.argv[2];
if (!file) {
  console.error("usage: npm run import -- inventory.json");
  process.exit(2);
}
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/parkmatch";
let input: unknown;
try {
  input = JSON.parse(await readFile(file, "utf8"));
} catch (error) {
  console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
await migrate(url);
const sql = createSql(url, { max: 2 });
const result = await importInventory(sql, input);
await sql.end();
if (!result.ok) {
  console.error(`nothing imported; ${result.errors.length} bad row(s):`);
  for (const e of result.errors) console.error(`  ${e.collection}[${e.index}]${e.id ? ` (${e.id})` : ""}: ${e.errors.join("; ")}`);
  process.exit(1);
}
// What words were read as ("areaSqm": "约五千" → 5000), as the Excel preview's 提示 say it (docs/decisions/117):
// on stderr, so stdout stays the counts' JSON.
if (result.notes?.length) {
  console.error("notes:");
  for (const n of result.notes)
    for (const note of n.notes) console.error(`  ${n.collection}[${n.index}]${n.id ? ` (${n.id})` : ""}: ${note}`);
}
// Parks no working recruiter covers: their leads go to the admins' unassigned queue (said as /admin/import says it).
if (result.uncovered?.length) console.error(`warning: ${uncoveredParksText("en", result.uncovered)}`);
console.log(JSON.stringify(result.counts));
