import type { Sql, TransactionSql } from "~/db/db.server";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";

import type { Collections } from "./inventory-schema";

/**
 * A park no working recruiter covers once an import is written: its leads go to the admins' unassigned queue.
 * `why`: no recruiter names it (`noRecruiter`), those that do are inactive or their accounts are
 * (`inactive`), or an active one names it with capacity 0 (`noCapacity`) — the warning names the fix.
 */
export type UncoveredPark = { id: string; name: string; why: "noRecruiter" | "inactive" | "noCapacity" };

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
  const named = new Set<string>(); // parks some recruiter names
  const atZero = new Set<string>(); // parks an active recruiter (and account) names with capacity 0
  for (const r of [...others, ...imported.values()]) {
    const works = { active: r.active, capacity: r.capacity, accountActive: accountActive.get(r.id) };
    for (const p of r.parks) {
      named.add(p);
      if (recruiterCovers(works)) covered.add(p);
      else if (recruiterCovers({ ...works, capacity: 1 })) atZero.add(p);
    }
  }
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
    .map((id) => ({ id, name: names.get(id)!, why: atZero.has(id) ? "noCapacity" : named.has(id) ? "inactive" : "noRecruiter" }));
}

/** The most parks named one by one in the warning; the rest are counted. */
const NAMED = 10;

/**
 * The warning in `lng`, one sentence for each cause with its fix ("园区 JN-2（江宁二园）没有在岗的招商专员负责：
 * …待分配队列…"; "…的在岗招商专员容量都为 0…把专员的容量改为大于 0"), or "" when every park is covered: the Excel preview and result, `POST /api/import` and `npm run import` say the same.
 */
export function uncoveredParksText(lng: Lng, parks: readonly UncoveredPark[]): string {
  const sep = lng === "zh" ? "、" : ", ";
  const sentence = (why: UncoveredPark["why"], key: Parameters<typeof inventoryText>[1]) => {
    const these = parks.filter((p) => (p.why ?? "noRecruiter") === why);
    if (these.length === 0) return [];
    const named = these
      .slice(0, NAMED)
      .map((p) => (p.name && p.name !== p.id ? `${p.id}${lng === "zh" ? `（${p.name}）` : ` (${p.name})`}` : p.id))
      .join(sep);
    const more = these.length > NAMED ? inventoryText(lng, "import.unknownKeysMore", { count: these.length - NAMED }) : "";
    return [inventoryText(lng, key, { parks: `${named}${more}`, count: these.length })];
  };
  return [
    ...sentence("noRecruiter", "import.uncoveredParks"),
    ...sentence("inactive", "import.uncoveredParks.inactive"),
    ...sentence("noCapacity", "import.uncoveredParks.noCapacity"),
  ].join(lng === "zh" ? "" : " ");
}
