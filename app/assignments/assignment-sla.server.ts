import type { TransactionSql } from "~/db/db.server";
import { auditMessages } from "~/i18n/audit-messages";

import { recordRoutingEvent } from "./routing-events.server";

// The acceptance deadline of an offer (ADR 010): what the SLA check reads and the escalation it writes.

export type SlaAssignment = {
  id: string;
  leadId: string;
  parkId: string;
  recruiterId: string | null;
  status: string;
  reroutes: number;
  /** accept_by has passed (by the database's clock). */
  due: boolean;
  /** The lead is won, lost or closed (spam, duplicate). */
  closed: boolean;
  industry: string | null;
  phone: string;
  reference: string;
  /** The channel the lapsed offer was made on (its recruiter's, ADR 114): the re-route notice goes the same way. */
  channel: "email" | "hotline" | null;
  /** The offer was posted to the park's WeCom group (a `wecom` notice of the assignment) and the park still has its webhook. */
  toGroup: boolean;
};

/** The assignment with its lead's facts, locked for this transaction; null when it does not exist. */
export async function lockAssignmentForSla(tx: TransactionSql, assignmentId: string): Promise<SlaAssignment | null> {
  const [a] = await tx<SlaAssignment[]>`
    select a.id, a.lead_id, a.park_id, a.recruiter_id, a.status, a.reroutes, a.accept_by <= now() as due,
           l.status in ('won', 'lost', 'closed') as closed, l.industry, l.phone, l.reference, a.channel,
           (exists (select 1 from notifications n where n.assignment_id = a.id and n.kind = 'wecom')
            and exists (select 1 from parks p where p.id = a.park_id and p.wecom_webhook_url is not null)) as to_group
    from assignments a join leads l on l.id = a.lead_id
    where a.id = ${assignmentId} for update of a`;
  return a ?? null;
}

/** Marks the assignment escalated after `a.reroutes` re-routes and records why (rule `sla-escalation`). */
export async function markEscalated(
  tx: TransactionSql,
  a: Pick<SlaAssignment, "id" | "leadId" | "recruiterId" | "reroutes">,
): Promise<void> {
  await tx`update assignments set status = 'escalated', updated_at = now() where id = ${a.id}`;
  await recordRoutingEvent(tx, {
    assignmentId: a.id,
    leadId: a.leadId,
    event: "escalated",
    recruiterId: a.recruiterId,
    rule: "sla-escalation",
    reason: auditMessages.both("sla.escalated", { reroutes: a.reroutes }),
  });
}
