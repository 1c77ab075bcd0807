import { cappedList } from "~/db/capped-list.server";
import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

/**
 * An admin confirms a listing is still available ("still available" in the admin inventory):
 * `verified_at = now()`. The change takes a new inventory version, so the index and reverse matching
 * follow (a listing that had gone stale is offered again). Returns the new time, or null when the
 * space does not exist.
 */
export async function confirmSpaceAvailable(sql: Sql, spaceId: string): Promise<{ verifiedAt: string } | null> {
  return sql.begin(async (tx) => {
    const [row] = await tx<
      { verifiedAt: Date }[]
    >`update spaces set verified_at = now(), updated_at = now() where id = ${spaceId} returning verified_at`;
    if (!row) return null;
    await enqueue(tx, "space.index", [spaceId]);
    await enqueue(tx, "space.match", [spaceId]);
    return { verifiedAt: row.verifiedAt.toISOString() };
  });
}

export type UnverifiedListing = {
  spaceId: string;
  title: string;
  parkId: string;
  parkName: string;
  verifiedAt: string;
  days: number;
  /** Past 2 × SPACE_VERIFY_DAYS: no longer offered until confirmed. */
  suspended: boolean;
};

/** Available listings not confirmed for `verifyDays`, oldest first (the admin confirms them); retired ones are not asked about (ADR 033). */
export async function listUnverifiedListings(
  sql: Sql,
  verifyDays: number,
  limit = 50,
): Promise<{ total: number; rows: UnverifiedListing[] }> {
  // The count and the rows in one snapshot (ADRs 170, 179): a listing confirmed between them showed "3 to confirm" over two.
  return inOneSnapshot(sql, (tx) => unverifiedListings(tx, verifyDays, limit));
}

async function unverifiedListings(
  sql: TransactionSql,
  verifyDays: number,
  limit: number,
): Promise<{ total: number; rows: UnverifiedListing[] }> {
  const where = sql`s.status = 'available' and s.retired_at is null and s.verified_at < now() - make_interval(days => ${verifyDays})
                    and not exists (select 1 from parks rp where rp.id = s.park_id and rp.retired_at is not null)`;
  return cappedList(
    sql<{ total: number }[]>`select count(*)::int as total from spaces s where ${where}`,
    sql<{ id: string; title: string; parkId: string; parkName: string; verifiedAt: Date; days: number; suspended: boolean }[]>`
      select s.id, s.title, s.park_id, p.name as park_name, s.verified_at,
             floor(extract(epoch from now() - s.verified_at) / 86400)::int as days,
             s.verified_at < now() - make_interval(days => ${2 * verifyDays}) as suspended
      from spaces s join parks p on p.id = s.park_id
      where ${where}
      order by s.verified_at, s.id
      limit ${limit}`,
    (r) => ({
      spaceId: r.id,
      title: r.title,
      parkId: r.parkId,
      parkName: r.parkName,
      verifiedAt: r.verifiedAt.toISOString(),
      days: r.days,
      suspended: r.suspended,
    }),
  );
}
