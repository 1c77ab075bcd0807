import postgres from "postgres";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

// What each index on `leads` costs a lead's insert (issue 14, docs/decisions/039): in a scratch
// database, N leads are inserted one statement each inside a transaction that first drops one index
// (or none: the baseline) and is then rolled back. Each insert runs under EXPLAIN (ANALYZE, WAL), so the
// figures are the statement's own: its execution time in Postgres (no round trip) and the WAL records
// and bytes it wrote (not the cluster's, which other databases on a shared server also write). The
// order of the indexes is shuffled every round so a busy machine hits every one alike.
// Run: node --import tsx test/bench/lead-index-cost.ts   (BENCH_LEADS=3000 BENCH_ROUNDS=3)

const DB = "parkmatch_bench_index_cost";
const N = Number(process.env.BENCH_LEADS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${DB}" with (force)`);
await admin.end();
const url = `postgres://postgres@127.0.0.1:5432/${DB}`;
await migrate(url);
const sql = createSql(url, { max: 1 });

const products = ["数控机床", "锂电池电芯", "汽车零部件", "医疗器械", "光伏组件", "集成电路封装", "食品包装", "精密模具"];
const lead = (i: number) => ({
  need: { kind: "factory", deal: "lease", areaMin: 1000 + (i % 50) * 100, areaMax: 6000, areaUnit: "sqm", regions: ["高淳区"] },
  use: { industry: "C35", product: `${products[i % products.length]}${i}` },
  company: { name: `南京第${i}精工机械有限公司` },
  contact: { name: "王经理", phone: `138${String(10_000_000 + i * 7919).slice(-8)}` },
  consent: true,
});

const indexes = (
  await sql<
    { name: string }[]
  >`select indexname as name from pg_indexes where tablename = 'leads' and indexname not in ('leads_pkey', 'leads_reference_key', 'leads_submission_key_key') order by 1`
).map((r) => r.name);

type Cost = { ms: number; wal: number; records: number };
type Plan = [{ "Execution Time": number; Plan: { "WAL Bytes": number; "WAL Records": number } }];

async function run(drop: string | null): Promise<Cost> {
  const result = { ms: 0, wal: 0, records: 0 };
  await sql
    .begin(async (tx) => {
      if (drop) await tx.unsafe(`drop index ${drop}`);
      for (let i = 0; i < N; i++) {
        const l = lead(i);
        const [row] = await tx<
          { "QUERY PLAN": Plan }[]
        >`explain (analyze, wal, format json) insert into leads (reference, source, lng, lead, raw, assist, phone, company_name, industry, consent_at, consent_version, consent_method)
                 values (${`PM-BENCH-${i}`}, 'api', 'zh', ${tx.json(l as never)}, ${tx.json(l as never)}, '[]', ${l.contact.phone}, ${l.company.name}, 'C35', now(), 'v', 'written')`;
        const [plan] = row["QUERY PLAN"];
        result.ms += plan["Execution Time"];
        result.wal += plan.Plan["WAL Bytes"];
        result.records += plan.Plan["WAL Records"];
      }
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  return result;
}

const totals = new Map<string, Cost>([
  ["(none dropped)", { ms: 0, wal: 0, records: 0 }],
  ...indexes.map((i): [string, Cost] => [i, { ms: 0, wal: 0, records: 0 }]),
]);
for (let r = 0; r < ROUNDS; r++) {
  const order = [null, ...indexes].sort(() => Math.random() - 0.5);
  for (const drop of order) {
    const m = await run(drop);
    const t = totals.get(drop ?? "(none dropped)")!;
    totals.set(drop ?? "(none dropped)", { ms: t.ms + m.ms, wal: t.wal + m.wal, records: t.records + m.records });
  }
}
const base = totals.get("(none dropped)")!;
const per = (v: number) => v / (ROUNDS * N);
console.log(
  `${N} leads × ${ROUNDS} rounds; all indexes: ${per(base.ms).toFixed(3)} ms, ${per(base.records).toFixed(1)} WAL records, ${per(base.wal).toFixed(0)} WAL bytes per insert`,
);
console.log("| index dropped | insert execution ms | saved ms | WAL records | saved | WAL bytes | saved |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const [name, t] of totals) {
  const saved = (f: (c: Cost) => number, digits: number) => (per(f(base)) - per(f(t))).toFixed(digits);
  console.log(
    `| ${name} | ${per(t.ms).toFixed(3)} | ${saved((c) => c.ms, 3)} | ${per(t.records).toFixed(1)} | ${saved((c) => c.records, 1)} | ${per(t.wal).toFixed(0)} | ${saved((c) => c.wal, 0)} |`,
  );
}
await sql.end();
const admin2 = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
await admin2.unsafe(`drop database if exists "${DB}" with (force)`);
await admin2.end();
