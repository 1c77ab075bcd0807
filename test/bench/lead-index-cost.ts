import postgres from "postgres";

import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

// What each index on `leads` costs a lead's insert (issue 14, docs/decisions/039): in a scratch
// database, N leads are inserted one statement each inside a transaction that first drops one index
// (or none: the baseline) and is then rolled back. Reported per lead: the time of the inserts, and the
// WAL bytes they wrote (load-independent). Rounds alternate so a busy machine hits every index alike.
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

async function run(drop: string | null): Promise<{ ms: number; wal: number }> {
  let result = { ms: 0, wal: 0 };
  await sql
    .begin(async (tx) => {
      if (drop) await tx.unsafe(`drop index ${drop}`);
      const [{ lsn: before }] = await tx<{ lsn: string }[]>`select pg_current_wal_insert_lsn()::text as lsn`;
      const t0 = performance.now();
      for (let i = 0; i < N; i++) {
        const l = lead(i);
        await tx`insert into leads (reference, source, lng, lead, raw, assist, phone, company_name, industry, consent_at, consent_version, consent_method)
                 values (${`PM-BENCH-${i}`}, 'api', 'zh', ${tx.json(l as never)}, ${tx.json(l as never)}, '[]', ${l.contact.phone}, ${l.company.name}, 'C35', now(), 'v', 'written')`;
      }
      const ms = performance.now() - t0;
      const [{ wal }] = await tx<{ wal: string }[]>`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ${before}::pg_lsn)::text as wal`;
      result = { ms, wal: Number(wal) };
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  return result;
}

const totals = new Map<string, { ms: number; wal: number }>();
for (let r = 0; r < ROUNDS; r++) {
  for (const drop of [null, ...indexes]) {
    const m = await run(drop);
    const t = totals.get(drop ?? "(none dropped)") ?? { ms: 0, wal: 0 };
    totals.set(drop ?? "(none dropped)", { ms: t.ms + m.ms, wal: t.wal + m.wal });
  }
}
const base = totals.get("(none dropped)")!;
const per = (v: number) => v / (ROUNDS * N);
console.log(`${N} leads × ${ROUNDS} rounds; all indexes: ${per(base.ms).toFixed(3)} ms and ${per(base.wal).toFixed(0)} WAL bytes per lead`);
console.log("| index dropped | ms per lead | saved ms | WAL bytes per lead | saved WAL bytes |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, t] of totals) {
  console.log(
    `| ${name} | ${per(t.ms).toFixed(3)} | ${(per(base.ms) - per(t.ms)).toFixed(3)} | ${per(t.wal).toFixed(0)} | ${(per(base.wal) - per(t.wal)).toFixed(0)} |`,
  );
}
await sql.end();
const admin2 = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
await admin2.unsafe(`drop database if exists "${DB}" with (force)`);
await admin2.end();
