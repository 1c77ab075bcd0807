import { handoverScript, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { openNotification } from "~/assignments/notifications.server";
import { markDone } from "~/db/outbox.server";

import type { JobContext } from "./job-context";

/**
 * A recruiter who works by phone gets the lead through hotline staff: a call task "call recruiter X and
 * hand over lead Y", with the numbers, the script to read and the matched spaces. One task per round.
 */
export async function notifyHotlineJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const d = n.assignment_id ? await loadAssignmentDetails(ctx.sql, n.assignment_id) : null;
  await ctx.sql.begin(async (tx) => {
    if (d?.recruiter && d.recruiter.id === n.recipient) {
      const script = handoverScript(d, ctx.routing.slaMinutes);
      await Promise.all([
        tx`
          insert into call_tasks (kind, lead_id, assignment_id, recruiter_id, phone, script, dedupe_key)
          values ('handover', ${d.leadId}, ${d.id}, ${d.recruiter.id}, ${d.recruiter.phone}, ${script}, ${`handover:${n.id}`})
          on conflict (dedupe_key) do nothing`.execute(),
        tx`update notifications set status = 'sent', sent_at = now(), attempts = attempts + 1 where id = ${n.id}`.execute(),
        tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
           values (${d.id}, ${d.leadId}, 'notified', ${d.recruiter.id}, ${tx.json({ zh: "已生成热线转交任务", en: "Hotline hand-over task created" } as never)})`.execute(),
        markDone(tx, data.outboxId),
      ]);
    } else {
      await Promise.all([
        tx`update notifications set status = 'dead', last_error = 'assignment moved to another recruiter' where id = ${n.id}`.execute(),
        markDone(tx, data.outboxId),
      ]);
    }
  });
}
