import { resolveParkDistrict } from "~/domain/regions";

import type { Sql } from "./db.server";
import { enqueue } from "./outbox.server";

/**
 * Parks stored before migration 007 have names only: their district codes, resolved from province,
 * city and district with the same rule as the import, and their search documents rewritten. A park
 * whose names do not resolve keeps a null code (it then matches no region) and is returned, to be
 * fixed by importing it with a `districtCode`. Runs after the migrations; cheap when nothing is null.
 */
export async function backfillParkDistrictCodes(sql: Sql): Promise<{ filled: string[]; unresolved: string[] }> {
  const parks = await sql<{ id: string; province: string; city: string; district: string }[]>`
    select id, province, city, district from parks where district_code is null order by id`;
  const filled: string[] = [];
  const unresolved: string[] = [];
  if (parks.length === 0) return { filled, unresolved };
  await sql.begin(async (tx) => {
    for (const p of parks) {
      const r = resolveParkDistrict(p);
      if (!r.ok) {
        unresolved.push(p.id);
        continue;
      }
      await tx`update parks set district_code = ${r.division.code} where id = ${p.id} and district_code is null`;
      filled.push(p.id);
    }
    await enqueue(tx, "park.index", filled);
  });
  return { filled, unresolved };
}
