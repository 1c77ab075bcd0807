import { getSql, type Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import type { NotificationStatus } from "~/domain/statuses";
import { auditMessages } from "~/i18n/audit-messages";

import { recordRoutingEvent } from "./routing-events.server";

/** `not-dead`: the notice is no longer a dead letter — `status` says what became of it (retried: pending, sending or sent; handled). */
export type RetryDeadLetterResult =
  { ok: true } | { ok: false; reason: "not-found" } | { ok: false; reason: "not-dead"; status: NotificationStatus };

const TOPIC = { email: "notify.email", hotline: "notify.hotline", wecom: "notify.wecom" } as const;

/**
 * An admin sends a dead-lettered notice again (after fixing a mailbox, or once an outage is over):
 * the notice goes back to `pending` with a fresh retry budget (NOTICE_RETRY_HOURS) and a new
 * delivery job, and the lead's audit trail records who asked (`routing_events.event =
 * 'dead-letter-retry'`, `actor`). All in one transaction; a notice that is not dead changes nothing.
 * `noticeId` is `notifications.id`; `actor` names the person (their email, or "admin-token").
 */
export async function retryDeadLetter(noticeId: string, actor: string, sql: Sql = getSql()): Promise<RetryDeadLetterResult> {
  if (!/^\d{1,18}$/.test(noticeId)) return { ok: false, reason: "not-found" };
  return sql.begin(async (tx) => {
    const [n] = await tx<
      {
        id: string;
        status: NotificationStatus;
        channel: "email" | "hotline" | "wecom";
        assignmentId: string | null;
        leadId: string;
        lastError: string | null;
      }[]
    >`
      select id, status, channel, assignment_id, lead_id, last_error from notifications where id = ${noticeId} for update`;
    if (!n) return { ok: false, reason: "not-found" } as const;
    if (n.status !== "dead") return { ok: false, reason: "not-dead", status: n.status } as const;
    await tx`update notifications set status = 'pending', retry_until = null, unconfirmed_sends = 0, lease_until = null, lease_token = null where id = ${n.id}`;
    await enqueue(tx, TOPIC[n.channel], [String(n.id)]);
    await recordRoutingEvent(tx, {
      assignmentId: n.assignmentId,
      leadId: n.leadId,
      event: "dead-letter-retry",
      reason: auditMessages.both("admin.deadLetterRetried", (lng) => ({ error: n.lastError ?? auditMessages.t(lng, "unknown") })),
      actor,
    });
    return { ok: true } as const;
  });
}
