import { standardPlaceNames } from "~/domain/regions";

import type { Sql } from "./db.server";
import { enqueue } from "./outbox.server";

/**
 * Parks stored before migration 079 keep their names as typed ("江苏", "南京", "江宁"): their province,
 * city and district become their district code's standard names (regions.ts standardPlaceNames), as every
 * save has stored them since, and their search documents are rewritten. A park without a code keeps its
 * names (it matches no region until fixed). `updated_at` stays: nobody edited the row (as migration 059).
 * Run by the migrator when it applies 079-park-standard-place-names.sql. Returns the ids changed.
 */
export async function standardiseParkPlaceNames(sql: Sql): Promise<string[]> {
  const parks = await sql<{ id: string; province: string; city: string; district: string; code: string }[]>`
    select id, province, city, district, district_code as code from parks where district_code is not null order by id`;
  const changed: string[] = [];
  if (parks.length === 0) return changed;
  await sql.begin(async (tx) => {
    for (const p of parks) {
      const names = standardPlaceNames(p.code);
      if (!names || (names.province === p.province && names.city === p.city && names.district === p.district)) continue;
      await tx`
        update parks set province = ${names.province}, city = ${names.city}, district = ${names.district}
        where id = ${p.id} and district_code = ${p.code}`;
      changed.push(p.id);
    }
    await enqueue(tx, "park.index", changed);
  });
  return changed;
}
