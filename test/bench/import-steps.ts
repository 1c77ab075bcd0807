import { performance } from "node:perf_hooks";

import postgres from "postgres";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { importInventory, validateInventory } from "~/inventory/import.server";
import { applyPreview, previewUpload } from "~/inventory/import-plan.server";

import { demoInventory, generatedSpaces } from "../fixtures/inventory";

// Which step of a large import holds the event loop longest (docs/decisions/125): each step of the
// JSON import and of the .xlsx preview and apply run in this process while a timer notes every gap
// between its turns, charged to the step running at the gap's end. Prints each step's longest gap.
//
//   node --import tsx test/bench/import-steps.ts
//
// Not a test: figures depend on the machine.

const DB = `parkmatch_bench_import_steps_${process.pid}`;
const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";

let step = "idle";
const longest = new Map<string, number>();
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  longest.set(step, Math.max(longest.get(step) ?? 0, now - last));
  last = now;
}, 1);

/** Runs `work` as the step `name`: its gaps are charged to it. */
async function as<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  step = name;
  last = performance.now();
  const t = performance.now();
  const value = await work();
  const now = performance.now();
  longest.set(name, Math.max(longest.get(name) ?? 0, now - last));
  console.log(
    `${name.padEnd(48)} took ${(now - t).toFixed(0).padStart(6)} ms, longest hold ${longest.get(name)!.toFixed(0).padStart(5)} ms`,
  );
  step = "idle";
  return value;
}

const notes = "交通便利，近高速出入口，配套齐全。".repeat(20);
const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${DB}" with (force)`);
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${DB}`;
await migrate(databaseUrl);
const sql = createSql(databaseUrl);
try {
  const demo = demoInventory();
  await importInventory(sql, { parks: demo.parks, recruiters: demo.recruiters });
  const rows = generatedSpaces(20_000).map((s, i) => ({ ...s, notes: `${i} ${notes.slice(0, 300)}` }));
  const text = JSON.stringify({ spaces: rows });
  const body = await as("JSON.parse (20k rows)", () => JSON.parse(text) as unknown);
  await as("importInventory (20k new, JSON)", () => importInventory(sql, body));
  const bad = JSON.parse(JSON.stringify({ spaces: rows.map((r) => ({ ...r, areaSqm: -1 })) })) as unknown;
  await as("importInventory (20k bad, JSON)", () => importInventory(sql, bad));
  const checked = validateInventory({ spaces: rows.map((r, i) => ({ ...r, id: `X${i + 1}`, notes: r.notes.slice(0, 200) })) });
  if (!checked.ok) throw new Error("refused");
  const xlsx = await inventoryWorkbook(checked.value);
  const read = await as("readWorkbook (.xlsx 20k rows)", () => readWorkbook(xlsx, "空间.xlsx"));
  const { plan, previewId } = await as("previewUpload", () => previewUpload(sql, read, { fileName: "空间.xlsx", actor: "bench" }));
  await as("applyPreview", () => applyPreview(sql, { previewId: previewId!, hash: plan.hash }));
} finally {
  clearInterval(timer);
  await sql.end();
  await admin.unsafe(`drop database if exists "${DB}" with (force)`);
  await admin.end();
}
