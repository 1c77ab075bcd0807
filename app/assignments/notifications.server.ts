import {
  type AssignmentDetails,
  type AssignmentDetailsRow,
  assignmentDetailsSelect,
  detailsFromRow,
} from "~/assignments/assignment-details.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import type { NotificationKind } from "~/domain/statuses";

export type { NotificationKind };
export type NotificationRow = {
  id: number;
  assignmentId: string | null;
  leadId: string;
  kind: NotificationKind;
  recipient: string;
  status: string;
  attempts: number;
  /** The lease this sender holds (from claimNotification): its failure updates apply only while it still holds it. */
  leaseToken?: string | null;
};

export type NewNotification = {
  assignmentId: string | null;
  leadId: string;
  kind: NotificationKind;
  channel: "email" | "hotline" | "wecom";
  recipient: string;
  dedupeKey: string;
};

/** A notice the worker delivers right after the routing transaction commits. */
export type Notice = { topic: "notify.email" | "notify.hotline"; outboxId: number; notificationId: string };

/**
 * Records a notice to send, in the routing transaction. Email and hotline notices are delivered
 * inline by the worker that routed (deliverNotices); their outbox row is the fallback that hands the
 * notice to a notify.* job if the inline attempt failed or never happened (the worker died), after
 * `fallbackMs`. WeCom posts go through the queue at once: the robot's rate limit sets their pace.
 */
export async function queueNotice(tx: TransactionSql, n: NewNotification, fallbackMs: number): Promise<Notice[]> {
  if (n.channel === "wecom") {
    await enqueue(tx, "notify.wecom", await addNotification(tx, n));
    return [];
  }
  const topic = n.channel === "email" ? "notify.email" : "notify.hotline";
  // One statement: the notification and its fallback row (none when the notice already existed).
  const rows = await tx<{ outboxId: string; notificationId: string }[]>`
    with added as (
      insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
      values (${n.assignmentId}, ${n.leadId}, ${n.kind}, ${n.channel}, ${n.recipient}, ${n.dedupeKey})
      on conflict (dedupe_key) do nothing
      returning id)
    insert into outbox (topic, aggregate_id, not_before)
    select ${topic}, id::text, clock_timestamp() + ${fallbackMs}::float8 * interval '1 millisecond' from added
    returning id as outbox_id, aggregate_id as notification_id`;
  return rows.map((r) => ({ topic, outboxId: Number(r.outboxId), notificationId: r.notificationId }));
}

/** One row per logical message; a second call with the same key adds nothing (returns no id). */
export async function addNotification(tx: TransactionSql, n: NewNotification): Promise<string[]> {
  const rows = await tx<{ id: number }[]>`
    insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
    values (${n.assignmentId}, ${n.leadId}, ${n.kind}, ${n.channel}, ${n.recipient}, ${n.dedupeKey})
    on conflict (dedupe_key) do nothing
    returning id`;
  return rows.map((r) => String(r.id));
}

/**
 * The lease rule of claimNotification as two CTEs, `mine` (the row this call took, attempt counted)
 * and `claim` (that row with `mine` true, else the row as it is with `mine` false; none when it does
 * not exist), for a statement that goes on with `select … from claim`.
 */
function claimCtes(sql: Sql, id: string, leaseMs: number) {
  return sql`
    with mine as (
      update notifications set status = 'sending', attempts = attempts + 1, lease_token = gen_random_uuid(),
                               lease_until = clock_timestamp() + ${leaseMs}::float8 * interval '1 millisecond'
      where id = ${id} and status in ('pending', 'sending') and (lease_until is null or lease_until < clock_timestamp())
      returning id, assignment_id, lead_id, kind, recipient, status, attempts, lease_token),
    claim as (
      select *, true as mine from mine
      union all
      select id, assignment_id, lead_id, kind, recipient, status, attempts, null, false from notifications
      where id = ${id} and not exists (select 1 from mine))`;
}

/** The claim's columns in claimEmailNotice's row, beside the assignment's (`n_` keeps the two apart). */
type ClaimColumns = {
  nId: number;
  nAssignmentId: string | null;
  nLeadId: string;
  nKind: NotificationKind;
  nRecipient: string;
  nStatus: string;
  nAttempts: number;
  nLeaseToken: string | null;
  nMine: boolean;
};

/** What a claim came to: the row when it is ours, "held" while another sender's lease runs, null when it is finished. */
function claimResult(row: (NotificationRow & { mine: boolean }) | undefined): NotificationRow | "held" | null {
  if (!row) return null;
  const { mine, ...n } = row;
  if (mine) return n;
  return n.status === "pending" || n.status === "sending" ? "held" : null;
}

/**
 * Takes a notification for sending, under a lease (and counts the attempt): the row when it is ours,
 * "held" while another sender's lease runs, null when it is finished (sent, dead or handled).
 */
export async function claimNotification(sql: Sql, id: string, leaseMs: number): Promise<NotificationRow | "held" | null> {
  const [row] = await sql<(NotificationRow & { mine: boolean })[]>`${claimCtes(sql, id, leaseMs)} select * from claim`;
  return claimResult(row);
}

/**
 * claimNotification and, when the claim is ours and the notice is about an assignment, that
 * assignment's details (loadAssignmentDetails) read in the same statement: the email's sender needs
 * both, and a statement fewer an email is a round trip fewer for the worker and a statement fewer for
 * Postgres (issue 14; docs/decisions/100). The details are those of the statement's snapshot, taken
 * with the lease; `details` is null when the claim is not ours, the notice has no assignment, or the
 * assignment is gone.
 */
export async function claimEmailNotice(
  sql: Sql,
  id: string,
  leaseMs: number,
): Promise<{ claim: NotificationRow | "held" | null; details: AssignmentDetails | null }> {
  const [row] = await sql<(AssignmentDetailsRow & ClaimColumns)[]>`
    ${claimCtes(sql, id, leaseMs)}
    select c.id as n_id, c.assignment_id as n_assignment_id, c.lead_id as n_lead_id, c.kind as n_kind, c.recipient as n_recipient,
           c.status as n_status, c.attempts as n_attempts, c.lease_token as n_lease_token, c.mine as n_mine, d.*
    from claim c left join lateral (${assignmentDetailsSelect(sql, sql`c.assignment_id`)} and c.mine) d on true`;
  if (!row) return { claim: null, details: null };
  const { nId, nAssignmentId, nLeadId, nKind, nRecipient, nStatus, nAttempts, nLeaseToken, nMine, ...assignment } = row;
  const claim = claimResult({
    id: nId,
    assignmentId: nAssignmentId,
    leadId: nLeadId,
    kind: nKind,
    recipient: nRecipient,
    status: nStatus,
    attempts: nAttempts,
    leaseToken: nLeaseToken,
    mine: nMine,
  });
  // No assignment row (not ours, none, or gone): the lateral join's columns are all null.
  const details = typeof claim === "object" && claim !== null && assignment.id != null ? detailsFromRow(assignment) : null;
  return { claim, details };
}

/**
 * The notification a notify.* job is about, or null when it is already finished: sent, dead, or handled
 * (by an admin, or by an erasure: nothing more may go out about that lead).
 */
export async function openNotification(sql: Sql, id: string): Promise<NotificationRow | null> {
  const [n] = await sql<NotificationRow[]>`
    select id, assignment_id, lead_id, kind, recipient, status, attempts from notifications where id = ${id}`;
  return n && (n.status === "pending" || n.status === "sending") ? n : null;
}

// The send state of a notice (pending → sending → sent | dead, ADR 020), as the notify.* jobs move it.

// A notice finished meanwhile (handled by an erasure while a post was under way) is left as it is:
// no state and no error text come back to it (ADR 093).

/** A WeCom post is being tried: counts the attempt. */
export async function markNoticeSending(sql: Sql, id: number): Promise<void> {
  await sql`update notifications set status = 'sending', attempts = attempts + 1 where id = ${id} and status in ('pending', 'sending')`;
}

/** Keeps the last error of a try that will be retried. */
export async function noteNoticeError(sql: Sql, id: number, error: string): Promise<void> {
  await sql`update notifications set last_error = ${error} where id = ${id} and status in ('pending', 'sending')`;
}

/** The notice is finished: sent (now) or dead with its reason. False when it was finished meanwhile. */
export async function finishNotice(tx: Sql | TransactionSql, id: number, status: "sent" | "dead", error: string | null): Promise<boolean> {
  const r = await tx`update notifications set status = ${status}, last_error = ${error}, sent_at = ${status === "sent" ? tx`now()` : null}
                     where id = ${id} and status in ('pending', 'sending')`;
  return r.count > 0;
}

/** A hotline notice is done once its hand-over call task exists: sent now, the attempt counted. */
export async function markHandedToHotline(tx: TransactionSql, id: number): Promise<void> {
  await tx`update notifications set status = 'sent', sent_at = now(), attempts = attempts + 1 where id = ${id}`;
}

/**
 * An email went out: the notice is sent (with its Message-ID, lease released), the audit trail says
 * so, and the notice's outbox row is done — one statement, so it is all or nothing without a
 * transaction's extra round trips. (The one place `routing_events` is written outside
 * `recordRoutingEvent`: a data-modifying CTE cannot call it.) `reason` is the event's text.
 * A notice finished while the server held the mail keeps its end (as finishNotice): ended by an
 * erasure (`handled` by privacy, no event about the person after it), or sent by a sender that took
 * an expired lease over (one `notified` event). Returns false then.
 */
export async function markEmailSent(
  sql: Sql,
  n: Pick<NotificationRow, "id" | "kind" | "recipient">,
  messageId: string,
  outboxId: number,
  reason: { zh: string; en: string },
): Promise<boolean> {
  const [{ marked }] = await sql<{ marked: boolean }[]>`
    with sent as (
      update notifications set status = 'sent', sent_at = now(), last_error = null, lease_until = null, lease_token = null, message_id = ${messageId}
      where id = ${n.id} and status in ('pending', 'sending')
      returning assignment_id, lead_id),
    event as (
      insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
      select assignment_id, lead_id, 'notified', ${n.kind === "escalation" ? null : n.recipient}, ${sql.json(reason as never)}
      from sent),
    done as (update outbox set done_at = now() where id = ${outboxId} and done_at is null)
    select exists (select 1 from sent) as marked`;
  return marked;
}

/**
 * Starts (once) the notice's retry budget of `budgetMs` from its first failure, while this sender
 * still holds the lease. Returns whether the budget is spent, or null when another sender holds it now.
 */
export async function retryBudgetSpent(sql: Sql, n: Pick<NotificationRow, "id" | "leaseToken">, budgetMs: number): Promise<boolean | null> {
  const [row] = await sql<{ givenUp: boolean }[]>`
    update notifications set retry_until = coalesce(retry_until, now() + ${budgetMs}::float8 * interval '1 millisecond')
    where id = ${n.id} and lease_token = ${n.leaseToken ?? null}
    returning retry_until <= now() as given_up`;
  return row ? row.givenUp : null;
}

/**
 * Counts one more send the server may have taken without saying so (SendResult `unconfirmed`) while this
 * sender holds the lease; the count after it, or null when another sender holds the notice now.
 */
export async function countUnconfirmedSend(sql: Sql, n: Pick<NotificationRow, "id" | "leaseToken">): Promise<number | null> {
  const [row] = await sql<{ unconfirmedSends: number }[]>`
    update notifications set unconfirmed_sends = unconfirmed_sends + 1
    where id = ${n.id} and lease_token = ${n.leaseToken ?? null}
    returning unconfirmed_sends`;
  return row ? row.unconfirmedSends : null;
}

/**
 * Releases the lease and schedules the next attempt on the notice's outbox row after `delayMs` (a fresh
 * job key, so BullMQ takes it as a new job), in one statement.
 */
export async function releaseForRetry(
  sql: Sql,
  n: Pick<NotificationRow, "id" | "leaseToken">,
  outboxId: number,
  error: string,
  delayMs: number,
): Promise<void> {
  await sql`
    with released as (
      update notifications set last_error = ${error}, lease_until = null, lease_token = null
      where id = ${n.id} and lease_token = ${n.leaseToken ?? null})
    update outbox set relayed_at = null, job_key = gen_random_uuid(), attempts = attempts + 1, last_error = ${error},
                      not_before = now() + ${delayMs}::float8 * interval '1 millisecond'
    where id = ${outboxId} and done_at is null`;
}

/** Dead-letters the notice with its reason while this sender holds the lease; false when another sender holds it now. */
export async function deadLetterNotice(
  tx: TransactionSql,
  n: Pick<NotificationRow, "id" | "leaseToken">,
  reason: string,
): Promise<boolean> {
  const dead = await tx`update notifications set status = 'dead', last_error = ${reason}, lease_until = null, lease_token = null
                        where id = ${n.id} and lease_token = ${n.leaseToken ?? null}`;
  return dead.count > 0;
}

/** The WeCom group robot's webhook of a park (a wecom notice's recipient), or null when it has none. */
export async function parkWecomWebhook(sql: Sql, parkId: string): Promise<string | null> {
  const [park] = await sql<{ wecomWebhookUrl: string | null }[]>`select wecom_webhook_url from parks where id = ${parkId}`;
  return park?.wecomWebhookUrl ?? null;
}

/** A recruiter's name and email (a reroute notice's recipient), or null when the recruiter is gone. */
export async function recruiterContact(sql: Sql, recruiterId: string): Promise<{ name: string; email: string } | null> {
  const [r] = await sql<{ name: string; email: string }[]>`select name, email from recruiters where id = ${recruiterId}`;
  return r ?? null;
}

/** A recruiter's id, name and phone (a hotline notice's recipient, to be called), or null when the recruiter is gone. */
export async function recruiterToCall(sql: Sql, recruiterId: string): Promise<{ id: string; name: string; phone: string } | null> {
  const [r] = await sql<{ id: string; name: string; phone: string }[]>`select id, name, phone from recruiters where id = ${recruiterId}`;
  return r ?? null;
}

/**
 * The name of the recruiter whose offer of `assignmentId` lapsed last (its latest `sla-missed` audit line),
 * for the group's "not accepted in time" post (docs/decisions/120); null when none is recorded or they are gone.
 */
export async function lapsedRecruiterName(sql: Sql, assignmentId: string): Promise<string | null> {
  const [r] = await sql<{ name: string }[]>`
    select r.name from routing_events e join recruiters r on r.id = e.recruiter_id
    where e.assignment_id = ${assignmentId} and e.event = 'sla-missed' order by e.id desc limit 1`;
  return r?.name ?? null;
}
