import type { Sql } from "~/db/db.server";

import { sleep } from "./lib";

/**
 * Rows written per table and WAL records per relation over a bench round, for `sql`'s database only:
 * load-independent figures of what a lead costs Postgres to write (issue 14, docs/decisions/210).
 *
 * - per table, from pg_stat_user_tables: rows inserted, updated, updated HOT (no index entry written),
 *   deleted, and the table's index count: a row inserted or updated not HOT adds one entry to each
 *   index whose predicate it meets;
 * - per relation (tables and indexes), from pg_walinspect when it is installable: WAL records and bytes
 *   by the relation of each record's first block, between the two snapshots' LSNs (the server's WAL
 *   holds every database's records; only this database's are counted).
 */
export type TableWritesSnapshot = {
  lsn: string;
  tables: Map<string, { ins: number; upd: number; hot: number; del: number; indexes: number }>;
};

/** The counters now. Waits for backends' pending statistics first (flushed when idle, at most once a second). */
export async function snapshotTableWrites(sql: Sql): Promise<TableWritesSnapshot> {
  await sleep(2_500);
  await sql.unsafe("select pg_stat_clear_snapshot()");
  const rows = await sql.unsafe<{ relname: string; ins: string; upd: string; hot: string; del: string; indexes: number }[]>(
    `select t.relname, t.n_tup_ins::text as ins, t.n_tup_upd::text as upd, t.n_tup_hot_upd::text as hot, t.n_tup_del::text as del,
            (select count(*)::int from pg_index i where i.indrelid = t.relid) as indexes
       from pg_stat_user_tables t`,
  );
  const [{ lsn }] = await sql.unsafe<{ lsn: string }[]>("select pg_current_wal_lsn()::text as lsn");
  return {
    lsn,
    tables: new Map(rows.map((r) => [r.relname, { ins: +r.ins, upd: +r.upd, hot: +r.hot, del: +r.del, indexes: r.indexes }])),
  };
}

/** Markdown: per table with any write, rows a lead; then WAL records a lead by relation (top 30). */
export async function tableWritesPerLead(
  sql: Sql,
  before: TableWritesSnapshot,
  after: TableWritesSnapshot,
  leads: number,
): Promise<string> {
  const per = (v: number) => (v / leads).toFixed(2);
  const lines = [
    "| table | indexes | inserted | updated | of which HOT | deleted | index entries (upper bound) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  let entries = 0;
  const rows = [...after.tables]
    .map(([name, a]) => {
      const b = before.tables.get(name) ?? { ins: 0, upd: 0, hot: 0, del: 0, indexes: a.indexes };
      const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, hot: a.hot - b.hot, del: a.del - b.del };
      return { name, indexes: a.indexes, ...d, entries: (d.ins + d.upd - d.hot) * a.indexes };
    })
    .filter((r) => r.ins + r.upd + r.del > 0)
    .sort((x, y) => y.entries - x.entries);
  for (const r of rows) {
    entries += r.entries;
    lines.push(`| ${r.name} | ${r.indexes} | ${per(r.ins)} | ${per(r.upd)} | ${per(r.hot)} | ${per(r.del)} | ${per(r.entries)} |`);
  }
  lines.push(
    `| all | | ${per(rows.reduce((s, r) => s + r.ins, 0))} | ${per(rows.reduce((s, r) => s + r.upd, 0))} | ${per(rows.reduce((s, r) => s + r.hot, 0))} | ${per(rows.reduce((s, r) => s + r.del, 0))} | ${per(entries)} |`,
  );
  try {
    await sql.unsafe("create extension if not exists pg_walinspect");
    const wal = await sql.unsafe<{ relname: string; kind: string; records: string; bytes: string }[]>(
      `with r as (
         select resource_manager || '/' || split_part(record_type, ' ', 1) as kind, record_length,
                substring(block_ref from 'rel \\d+/(\\d+)/\\d+')::oid as db, substring(block_ref from 'rel \\d+/\\d+/(\\d+)')::oid as node
           from pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn))
       select coalesce(pg_filenode_relation(0, r.node)::regclass::text, 'relfilenode ' || r.node) as relname,
              string_agg(distinct r.kind, ' ') as kind, count(*)::text as records, sum(record_length)::text as bytes
         from r where r.db = (select oid from pg_database where datname = current_database())
        group by 1 order by count(*) desc`,
      [before.lsn, after.lsn],
    );
    const total = wal.reduce((s, w) => s + Number(w.records), 0);
    const bytes = wal.reduce((s, w) => s + Number(w.bytes), 0);
    lines.push(
      "",
      `WAL of this database by relation (pg_walinspect, records with a block): ${per(total)} records, ${(bytes / leads).toFixed(0)} bytes a lead`,
      "",
    );
    lines.push("| relation | WAL records | bytes | record kinds |", "| --- | --- | --- | --- |");
    for (const w of wal.slice(0, 40))
      lines.push(`| ${w.relname} | ${per(Number(w.records))} | ${(Number(w.bytes) / leads).toFixed(0)} | ${w.kind} |`);
  } catch (error) {
    lines.push("", `(WAL by relation: not available: ${error instanceof Error ? error.message : String(error)})`);
  }
  return lines.join("\n");
}
