import type { Sql } from "~/db/db.server";
import { removeOutboxMailsAbout } from "~/notify/outbox-files.server";
import { type Anonymised, anonymiseLeadsInTx } from "~/privacy/anonymise.server";
import { log } from "~/utils/log.server";

import { startPeriodic } from "./periodic";

// Retention (PIPL art. 19: kept no longer than the purpose needs; docs/decisions/022): a lead that did
// not lead to a signed deal is anonymised RETENTION_DAYS after it came in — the row, its search
// document (through the index writer) and the development outbox's mails about it.

const BATCH = 200;

/** `outboxDir`: the development mails' folder (none: no mail files to remove). */
export type RetentionOptions = { days: number; outboxDir?: string; now?: Date };

/**
 * One pass: anonymises every lead older than `days` (before `now`, default the clock) that is not
 * won and has no signed assignment, in batches; each batch gets a `retention` row in the privacy audit
 * log. Safe to run in several workers at once (rows are claimed with SKIP LOCKED). Returns the leads.
 */
export async function retentionPass(sql: Sql, options: RetentionOptions): Promise<Anonymised> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const all: Anonymised = [];
  for (;;) {
    const batch = await sql.begin(async (tx) => {
      const due = await tx<{ id: string }[]>`
        select id from leads l
        where anonymised_at is null and created_at < ${cutoff} and status <> 'won'
          and not exists (select 1 from assignments a where a.lead_id = l.id and a.status = 'signed')
        order by created_at
        limit ${BATCH}
        for update skip locked`;
      const done = await anonymiseLeadsInTx(
        tx,
        due.map((r) => r.id),
      );
      if (done.length) {
        await tx`insert into privacy_audit (actor, action, lead_ids, detail)
                 values ('retention', 'retention', ${done.map((l) => l.id)}::uuid[],
                         ${tx.json({ retentionDays: options.days, createdBefore: cutoff.toISOString(), anonymised: done.length } as never)})`;
      }
      return done;
    });
    if (batch.length === 0) break;
    if (options.outboxDir)
      await removeOutboxMailsAbout(
        options.outboxDir,
        batch.map((l) => l.reference),
      );
    all.push(...batch);
  }
  if (all.length) log.info("retention: leads anonymised", { count: all.length, retentionDays: options.days });
  return all;
}

/** Runs a pass now and then every `everyMs`; a failed pass is logged and tried again next time. */
export function startRetention(sql: Sql, options: Omit<RetentionOptions, "now"> & { everyMs: number }): { stop: () => Promise<void> } {
  return startPeriodic("retention pass", options.everyMs, () => retentionPass(sql, options));
}
