import type { Lead } from "~/domain/lead-schema";
import { leadHasFoldedText, leadSearchCopies } from "~/domain/search-text.server";

import type { Sql } from "./db.server";
import { enqueue } from "./outbox.server";

const BATCH = 1_000;

/**
 * Fills the search copies of leads that have none (migration 062, docs/decisions/078): the leads stored
 * before it, and any row inserted without them. A lead whose search document gains a search form that
 * differs from its text (Traditional or full-width characters in it) is queued for the index writer
 * (`lead.index`), so the leads index finds it too; a lead typed in Simplified keeps its document. Runs
 * after the migrations, a batch of rows per transaction; cheap when nothing is missing. Returns how many
 * rows were filled and how many were queued for the index.
 */
export async function fillLeadSearchCopies(sql: Sql): Promise<{ filled: number; reindexed: number }> {
  let filled = 0;
  let reindexed = 0;
  for (;;) {
    const done = await sql.begin(async (tx) => {
      const rows = await tx<{ id: string; lead: Lead; erased: boolean }[]>`
        select id, lead, anonymised_at is not null as erased
        from leads where company_search is null order by id limit ${BATCH}`;
      if (rows.length === 0) return 0;
      const copies = rows.map((r) => leadSearchCopies(r.lead));
      await tx`
        update leads l set company_search = c.company, product_search = c.product
        from unnest(${rows.map((r) => r.id)}::uuid[], ${copies.map((c) => c.company)}::text[], ${copies.map((c) => c.product)}::text[])
             as c (id, company, product)
        where l.id = c.id and l.company_search is null`;
      const changed = rows.filter((r) => !r.erased && leadHasFoldedText(r.lead)).map((r) => r.id);
      await enqueue(tx, "lead.index", changed);
      filled += rows.length;
      reindexed += changed.length;
      return rows.length;
    });
    if (done < BATCH) return { filled, reindexed };
  }
}
