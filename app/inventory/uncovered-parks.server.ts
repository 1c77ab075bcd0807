import type { Sql, TransactionSql } from "~/db/db.server";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";

import type { Collections } from "./import.server";

/** A park no working recruiter covers once an import is written: its leads go to the admins' unassigned queue. */
export type UncoveredPark = { id: string; name: string };

/**
 * The one rule of "covered" (ADR 134): a recruiter covers its parks when it works — `active`, and when it
 * has staff accounts one of them active (a deactivated account stops routing, ADR 107; route-lead.server.ts
 * `recruiterWorksSql`) — and takes leads: `capacity` above 0 (routing offers nobody at capacity, and a
 * capacity of 0 is "takes no leads", policy.ts). `accountActive`: undefined when it has no account.
 */
export function recruiterCovers(r: { active: boolean; capacity: number; accountActive: boolean | undefined }): boolean {
  return r.active && r.capacity > 0 && r.accountActive !== false;
}

/**
 * The parks an import leaves without a working recruiter (trial 12-05 finding 4; ADR 134): of the parks the
 * import names — its park rows (changed or not: a re-import of a park still uncovered says so again), the
 * parks its recruiter rows name, and the parks the stored rows of those recruiters cover (a recruiter
 * moved to other parks, made inactive, or given capacity 0) — those no recruiter covers (`recruiterCovers`)
 * once the import is written: the import's recruiter rows over the stored ones. Routing sends such a
 * park's leads to the admins' unassigned queue ("本园区未配置招商专员", policy.ts), so the import says so
 * before and after it is written. Read before the rows are written (the preview, and applyInventory under
 * its lock). Sorted by id; [] when every park is covered.
 */
export async function uncoveredParks(tx: Sql | TransactionSql, value: Collections): Promise<UncoveredPark[]> {
  const imported = new Map(value.recruiters.map((r) => [r.id, r]));
  const importedIds = [...imported.keys()];
  const stored = importedIds.length
    ? await tx<{ id: string; parks: string[] }[]>`select id, parks from recruiters where id in ${tx(importedIds)}`
    : [];
  const candidates = [
    ...new Set([...value.parks.map((p) => p.id), ...value.recruiters.flatMap((r) => r.parks), ...stored.flatMap((r) => r.parks)]),
  ];
  if (candidates.length === 0) return [];
  // Stored recruiters the import leaves as they are, covering one of the candidates; and whether each
  // recruiter, stored or imported, has staff accounts, and an active one.
  const [others, accounts] = await Promise.all([
    tx<{ id: string; parks: string[]; active: boolean; capacity: number }[]>`
      select r.id, r.parks, r.active, r.capacity from recruiters r
      where r.parks && ${candidates}::text[] ${importedIds.length ? tx`and r.id not in ${tx(importedIds)}` : tx``}`,
    tx<{ recruiterId: string; anyActive: boolean }[]>`
      select u.recruiter_id, bool_or(u.active) as any_active from users u
      where u.recruiter_id in (select r.id from recruiters r where r.parks && ${candidates}::text[])
         ${importedIds.length ? tx`or u.recruiter_id in ${tx(importedIds)}` : tx``}
      group by u.recruiter_id`,
  ]);
  const accountActive = new Map(accounts.map((a) => [a.recruiterId, a.anyActive]));
  const covered = new Set<string>();
  for (const r of [...others, ...imported.values()])
    if (recruiterCovers({ active: r.active, capacity: r.capacity, accountActive: accountActive.get(r.id) }))
      for (const p of r.parks) covered.add(p);
  const left = candidates.filter((p) => !covered.has(p));
  if (left.length === 0) return [];
  // The name as it will be: the import's row, else the stored one (a park that only lost its recruiter).
  const names = new Map(value.parks.map((p) => [p.id, p.name]));
  const missing = left.filter((p) => !names.has(p));
  if (missing.length)
    for (const p of await tx<{ id: string; name: string }[]>`select id, name from parks where id in ${tx(missing)}`)
      names.set(p.id, p.name);
  // A park named only by a recruiter's old row that no longer exists is no park to warn of.
  return left
    .filter((p) => names.has(p))
    .sort()
    .map((id) => ({ id, name: names.get(id)! }));
}

/** The most parks named one by one in the warning; the rest are counted. */
const NAMED = 10;

/**
 * The warning as a sentence in `lng` ("园区 JN-2（江宁二园）没有在岗的招商专员负责：…待分配队列…"), or "" when
 * every park is covered: the Excel preview and result, `POST /api/import` and `npm run import` say the same.
 */
export function uncoveredParksText(lng: Lng, parks: readonly UncoveredPark[]): string {
  if (parks.length === 0) return "";
  const sep = lng === "zh" ? "、" : ", ";
  const named = parks
    .slice(0, NAMED)
    .map((p) => (p.name && p.name !== p.id ? `${p.id}${lng === "zh" ? `（${p.name}）` : ` (${p.name})`}` : p.id))
    .join(sep);
  const more = parks.length > NAMED ? inventoryText(lng, "import.unknownKeysMore", { count: parks.length - NAMED }) : "";
  return inventoryText(lng, "import.uncoveredParks", { parks: `${named}${more}`, count: parks.length });
}
