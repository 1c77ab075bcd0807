import { type Notice, queueNotice } from "~/assignments/notifications.server";
import { assignPark } from "~/assignments/route-lead.server";
import { markDone } from "~/db/outbox.server";

import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";

export const MAX_REROUTES = 2;

/**
 * An assignment not accepted in time goes to the next eligible recruiter (the first one is told);
 * after two re-routes it escalates to every admin by email and as a hotline task. The check is an
 * outbox row with not_before = accept_by, so it survives a Redis wipe.
 */
export async function assignmentSlaJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const notices = await ctx.sql.begin(async (tx): Promise<Notice[]> => {
    const [a] = await tx<
      {
        id: string;
        lead_id: string;
        park_id: string;
        recruiter_id: string | null;
        status: string;
        reroutes: number;
        due: boolean;
        closed: boolean;
        industry: string;
        phone: string;
        reference: string;
      }[]
    >`
      select a.id, a.lead_id, a.park_id, a.recruiter_id, a.status, a.reroutes, a.accept_by <= now() as due,
             l.status in ('won', 'lost', 'closed') as closed, l.industry, l.phone, l.reference
      from assignments a join leads l on l.id = a.lead_id
      where a.id = ${data.id} for update of a`;
    // Accepted, closed, already moved on, the deadline was extended, or the lead is won or lost: nothing to do.
    if (!a || a.status !== "offered" || !a.due || a.closed) {
      await markDone(tx, data.outboxId);
      return [];
    }

    if (a.reroutes >= MAX_REROUTES) {
      await tx`update assignments set status = 'escalated', updated_at = now() where id = ${a.id}`;
      await tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, rule, reason)
               values (${a.id}, ${a.lead_id}, 'escalated', ${a.recruiter_id}, 'sla-escalation',
                       ${tx.json({ zh: `改派 ${a.reroutes} 次后仍未接单，升级给管理员`, en: `Not accepted after ${a.reroutes} re-routes; escalated to the admins` } as never)})`;
      const admins = await tx<{ id: string }[]>`select id from users where role = 'admin' order by email`;
      const notices: Notice[] = [];
      for (const admin of admins) {
        notices.push(
          ...(await queueNotice(
            tx,
            {
              assignmentId: a.id,
              leadId: a.lead_id,
              kind: "escalation",
              channel: "email",
              recipient: admin.id,
              dedupeKey: `escalation:${a.id}:${admin.id}`,
            },
            ctx.routing.noticeFallbackMs,
          )),
        );
      }
      await tx`insert into call_tasks (kind, lead_id, assignment_id, phone, script, dedupe_key)
               values ('escalation', ${a.lead_id}, ${a.id}, ${a.phone},
                       ${`升级：线索 ${a.reference} 两次改派仍无人接单。请先致电企业致歉并确认需求仍有效，再通知管理员指派专员。`},
                       ${`escalation:${a.id}`})
               on conflict (dedupe_key) do nothing`;
      await markDone(tx, data.outboxId);
      return notices;
    }

    // The missed deadline, on the recruiter who missed it (the dashboard's SLA breaches, ADR 028).
    await tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, rule, reason)
             values (${a.id}, ${a.lead_id}, 'sla-missed', ${a.recruiter_id}, 'sla',
                     ${tx.json({ zh: "接单时限已过，未接单", en: "Not accepted before the deadline" } as never)})`;
    // Everyone who already had this assignment is skipped by the next choice.
    const had = await tx<{ recruiter_id: string }[]>`
      select distinct recruiter_id from routing_events where assignment_id = ${a.id} and event in ('assigned', 'rerouted') and recruiter_id is not null`;
    const previous = a.recruiter_id;
    const { notices } = await assignPark(
      tx,
      {
        leadId: a.lead_id,
        parkId: a.park_id,
        leadIndustry: a.industry,
        previousRecruiterId: null,
        exclude: had.map((h) => h.recruiter_id),
        assignmentId: a.id,
        reroutes: a.reroutes + 1,
      },
      ctx.routing,
    );
    if (previous) {
      notices.push(
        ...(await queueNotice(
          tx,
          {
            assignmentId: a.id,
            leadId: a.lead_id,
            kind: "reroute-notice",
            channel: "email",
            recipient: previous,
            dedupeKey: `reroute-notice:${a.id}:r${a.reroutes}`,
          },
          ctx.routing.noticeFallbackMs,
        )),
      );
    }
    await markDone(tx, data.outboxId);
    return notices;
  });
  await deliverNotices(ctx, notices);
}
