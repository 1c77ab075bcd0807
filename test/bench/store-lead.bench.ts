import { createLeadSchema } from "~/domain/lead-schema";
import { intakeBatchLimit, storeLead } from "~/leads/intake.server";

import { validLeadJson } from "../support/leads";
import { Cleanups, cpuMs, fmt, freshDatabase, knob, load1, pidsWhere } from "./lib";

// storeLead alone, group commit on (batches of up to 100) against off (one statement per lead), in one
// run, alternating, on one fresh database: C callers store N leads each round (half with a submission
// key). Reported per lead: Postgres backends' CPU and this process's CPU (ms), and how many
// transactions wrote the leads (distinct xmin) — these hold on a busy machine; leads/s does not.
// Run: node --import tsx test/bench/store-lead.bench.ts   (BENCH_LEADS=2000 BENCH_CALLERS=16 BENCH_ROUNDS=3)

const DB = "parkmatch_bench_store_lead";
const N = knob("BENCH_LEADS", 2000, 10, 100_000);
const C = knob("BENCH_CALLERS", 16, 1, 512);
const ROUNDS = knob("BENCH_ROUNDS", 3, 1, 20);

const cleanups = new Cleanups();
const { sql } = await freshDatabase(DB, cleanups, 10);
const parsed = createLeadSchema("zh", "api").parse(validLeadJson());
const pg = () => pidsWhere((c) => c.startsWith("postgres: ") && c.includes(` ${DB} `));
const pgCpu = () => pg().reduce((s, pid) => s + cpuMs(pid), 0);

type Row = { limit: number; perSec: number; pgMs: number; nodeMs: number; xactPerLead: number };
const rows: Row[] = [];
let round = 0;
const loadBefore = load1();
for (let r = 0; r < ROUNDS; r++) {
  for (const limit of [1, 100]) {
    intakeBatchLimit(limit);
    const tag = `r${round++}`;
    await sql`select 1`;
    const pg0 = pgCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < N) {
          const i = next++;
          const lead = { ...parsed.lead, contact: { ...parsed.lead.contact, phone: `138${String(10_000_000 + i).slice(-8)}` } };
          await storeLead(sql, { ...parsed, lead, raw: { i }, source: "api", lng: "zh", submissionKey: i % 2 ? `api:${tag}:${i}` : null });
        }
      }),
    );
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const pgMs = pgCpu() - pg0;
    const [{ x }] = await sql<{ x: number }[]>`
      select count(distinct xmin::text)::int as x from leads where raw ->> 'i' is not null and created_at > now() - ${`${Math.ceil(ms / 1000) + 5} seconds`}::interval
        and id in (select id from leads order by created_at desc limit ${N})`;
    rows.push({ limit, perSec: (N * 1000) / ms, pgMs: pgMs / N, nodeMs: (cpu.user + cpu.system) / 1000 / N, xactPerLead: x / N });
    console.log(JSON.stringify(rows.at(-1)));
    await sql`delete from outbox`;
  }
}
const avg = (limit: number, f: (r: Row) => number) => {
  const rs = rows.filter((r) => r.limit === limit);
  return rs.reduce((s, r) => s + f(r), 0) / rs.length;
};
console.log(`\nstoreLead, ${C} callers, ${N} leads × ${ROUNDS} rounds each; load average ${fmt(loadBefore, 1)} → ${fmt(load1(), 1)}`);
console.log("| group commit | leads/s | Postgres CPU ms/lead | caller CPU ms/lead | transactions per lead |");
console.log("| --- | --- | --- | --- | --- |");
for (const limit of [1, 100])
  console.log(
    `| ${limit === 1 ? "off (1 lead per statement)" : "on (≤ 100 per statement)"} | ${fmt(avg(limit, (r) => r.perSec))} | ${fmt(
      avg(limit, (r) => r.pgMs),
      3,
    )} | ${fmt(
      avg(limit, (r) => r.nodeMs),
      3,
    )} | ${fmt(
      avg(limit, (r) => r.xactPerLead),
      3,
    )} |`,
  );
await cleanups.run();
process.exit(0);
