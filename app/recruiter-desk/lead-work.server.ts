import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { type CloseReason, UNDO_MINUTES } from "~/domain/close-reasons";
import type { RoutingEvent, RoutingRuleCode } from "~/domain/statuses";
import { addLeadNote, sameNoteJustNow } from "~/hotline/lead-notes.server";
import { auditMessages } from "~/i18n/audit-messages";
import { pick } from "~/i18n/i18n";

// What a recruiter records while working a lead (issue 12 item 6, docs/decisions/030): notes, a
// follow-up date, a visit date, closing as lost or declining with a reason, and the short undo of
// every closing step (lost, signed, decline; ADR 034). Each write checks the assignment is still the recruiter's in the same statement, and lands
// in the routing audit trail (routing_events) in the same transaction.

export type Who = { assignmentId: string; recruiterId: string };
export type WorkOutcome = { ok: true } | { ok: false; reason: "stale" };
const STALE = { ok: false, reason: "stale" } as const;

type Why = { zh: string; en: string } & Record<string, unknown>;

async function audit(tx: TransactionSql, who: Who, leadId: string, event: RoutingEvent, why: Why, rule?: RoutingRuleCode): Promise<void> {
  await recordRoutingEvent(tx, { assignmentId: who.assignmentId, leadId, event, recruiterId: who.recruiterId, reason: why, rule });
}

/**
 * The lead id of the recruiter's assignment, locked for the step; null when it is not theirs (any more)
 * or its lead was anonymised (ADR 090: a note would bring the person's words back).
 */
async function mine(tx: TransactionSql, who: Who, statuses?: readonly string[]): Promise<{ leadId: string; status: string } | null> {
  const [a] = await tx<{ leadId: string; status: string }[]>`
    select a.lead_id, a.status from assignments a join leads l on l.id = a.lead_id
    where a.id = ${who.assignmentId} and a.recruiter_id = ${who.recruiterId} and l.anonymised_at is null
      ${statuses ? tx`and a.status in ${tx(statuses)}` : tx``}
    for update of a`;
  return a ?? null;
}

/**
 * Whether a post to assignment `assignmentId` is about a row the recruiter may act on: it exists and is
 * theirs — or, for `undoDecline`, was declined by them (the row is the next recruiter's now). False: the
 * action answers 404 itself, as the page would (no 303 to a page that is not there).
 */
export async function assignmentToActOn(sql: Sql, who: Who, intent: string): Promise<boolean> {
  const [a] = await sql<{ recruiterId: string | null }[]>`select recruiter_id from assignments where id = ${who.assignmentId}`;
  if (!a) return false;
  if (a.recruiterId === who.recruiterId) return true;
  if (intent !== "undoDecline") return false;
  const [d] = await sql<{ n: number }[]>`
    select 1 as n from routing_events where assignment_id = ${who.assignmentId} and event = 'declined' and recruiter_id = ${who.recruiterId} limit 1`;
  return d !== undefined;
}

/**
 * Whether assignment `assignmentId`, not the recruiter's now, was theirs: declined by them or re-routed
 * away from them (the same routing events their history view lists, desk-search.server.ts).
 */
export async function wasTheirs(sql: Sql | TransactionSql, assignmentId: string, recruiterId: string): Promise<boolean> {
  const [e] = await sql<{ n: number }[]>`
    select 1 as n from routing_events
    where assignment_id = ${assignmentId} and recruiter_id = ${recruiterId} and event in ('assigned', 'rerouted', 'declined') limit 1`;
  return e !== undefined;
}

/** Adds a timestamped note (1–2000 characters, already validated) by the signed-in recruiter; the audit trail points at it. The same note pressed twice is stored once. */
export async function addNote(sql: Sql, who: Who & { staffId: string; body: string }): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const a = await mine(tx, who); // the assignment's row lock orders two presses of one note
    if (!a) return STALE;
    if (await sameNoteJustNow(tx, { leadId: a.leadId, authorId: who.staffId, body: who.body, source: "recruiter" }))
      return { ok: true } as const;
    const [note] = await tx<{ id: string }[]>`
      insert into lead_notes (lead_id, author_staff_id, body, source) values (${a.leadId}, ${who.staffId}, ${who.body}, 'recruiter') returning id`;
    await audit(tx, who, a.leadId, "note", { ...auditMessages.both("desk.noteAdded"), noteId: note.id });
    return { ok: true } as const;
  });
}

/**
 * A note typed while the assignment left the recruiter's hands (declined in another tab, re-routed by
 * the deadline or an admin): they did talk to the enterprise, so it is kept on the lead — the recruiter's
 * own note, as addNote keeps it — when the assignment was theirs (wasTheirs) and the lead is not erased.
 * Returns the lead's reference (for the history view), or null when nothing was kept.
 */
export async function addNoteOnceTheirs(sql: Sql, who: Who & { staffId: string; body: string }): Promise<{ reference: string } | null> {
  if (!(await wasTheirs(sql, who.assignmentId, who.recruiterId))) return null;
  const [lead] = await sql<{ id: string; reference: string }[]>`
    select l.id, l.reference from assignments a join leads l on l.id = a.lead_id
    where a.id = ${who.assignmentId} and l.anonymised_at is null`;
  if (!lead) return null;
  await addLeadNote(sql, { leadId: lead.id, authorId: who.staffId, body: who.body, source: "recruiter" });
  return { reference: lead.reference };
}

/** Sets (YYYY-MM-DD) or clears (null) the follow-up date of an open assignment; a due date brings it to the top of /queue. */
export async function setFollowUp(sql: Sql, who: Who & { on: string | null }): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const a = await mine(tx, who, ["accepted", "contacted", "visit"]);
    if (!a) return STALE;
    await tx`update assignments set follow_up_on = ${who.on}::date, updated_at = now() where id = ${who.assignmentId}`;
    await audit(
      tx,
      who,
      a.leadId,
      "follow-up",
      who.on ? { ...auditMessages.both("desk.followUpSet", { on: who.on }), on: who.on } : auditMessages.both("desk.followUpCleared"),
    );
    return { ok: true } as const;
  });
}

/** Records the site visit's date (YYYY-MM-DD): an accepted or contacted assignment moves to `visit`; a visit's date is changed. */
export async function recordVisit(sql: Sql, who: Who & { on: string }): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const a = await mine(tx, who, ["accepted", "contacted", "visit"]);
    if (!a) return STALE;
    await tx`update assignments set status = 'visit', visit_on = ${who.on}::date, updated_at = now() where id = ${who.assignmentId}`;
    await audit(tx, who, a.leadId, "visit", { ...auditMessages.both("desk.visitOn", { on: who.on }), on: who.on });
    return { ok: true } as const;
  });
}

/** Closes an accepted, contacted or visit assignment as lost with a reason code and optional note; undoable for UNDO_MINUTES. */
export async function markLost(
  sql: Sql,
  who: Who & { reason: CloseReason; note: string | null; label: { zh: string; en: string } },
): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const a = await mine(tx, who, ["accepted", "contacted", "visit"]);
    if (!a) return STALE;
    await tx`update assignments set status = 'lost', closed_from = status, closed_at = now(), close_reason = ${who.reason},
                    close_note = ${who.note}, follow_up_on = null, updated_at = now()
             where id = ${who.assignmentId}`;
    await audit(tx, who, a.leadId, "lost", {
      ...auditMessages.both("desk.lost", (lng) => ({
        label: pick(lng, who.label),
        note: who.note ? auditMessages.t(lng, "noteParen", { note: who.note }) : "",
      })),
      code: who.reason,
    });
    return { ok: true } as const;
  });
}

/** Whether the assignment's last audit line is this recruiter's undo, written in the last minute. */
async function reopenedJustNow(tx: TransactionSql, who: Who): Promise<boolean> {
  const [last] = await tx<{ reopened: boolean }[]>`
    select event = 'reopened' and recruiter_id = ${who.recruiterId} and at > now() - interval '1 minute' as reopened
    from routing_events where assignment_id = ${who.assignmentId}
    order by id desc limit 1`;
  return last?.reopened ?? false;
}

/**
 * Undoes a closing step — "lost" or "signed" — within UNDO_MINUTES, by the recruiter who took it: the
 * assignment goes back to the status it had (closed_from). Undoing "signed" also puts the lead back to
 * its status before (`won` → lead_status_before) and reopens the other parks' assignments the signing
 * closed (closed_by), each to where it stood, with an SLA check for an offer among them. Refused
 * (stale) after the window, for an assignment another park's signing closed (its recruiter did not
 * close it), when an admin closed the lead meanwhile, or when nothing is undoable. ADR 034.
 */
export async function undoClose(sql: Sql, who: Who): Promise<WorkOutcome & { undone?: "lost" | "signed" }> {
  return sql.begin(async (tx) => {
    const [a] = await tx<{ leadId: string; status: "lost" | "signed"; leadStatus: string; leadStatusBefore: string | null }[]>`
      select a.lead_id, a.status, l.status as lead_status, a.lead_status_before
      from assignments a join leads l on l.id = a.lead_id
      where a.id = ${who.assignmentId} and a.recruiter_id = ${who.recruiterId} and a.status in ('lost', 'signed')
        and a.closed_from is not null and a.closed_by is null
        and a.closed_at > now() - ${UNDO_MINUTES}::int * interval '1 minute'
      for update of a`;
    // Nothing to reopen because this recruiter's own undo just did (a double click, two tabs): that is done, not too late.
    if (!a) return (await reopenedJustNow(tx, who)) ? ({ ok: true, undone: "lost" } as const) : STALE;
    // A lost assignment of a lead an admin closed, or a signing whose lead is no longer won: not ours to reopen.
    if (a.status === "lost" && ["won", "lost", "closed"].includes(a.leadStatus)) return STALE;
    if (a.status === "signed" && a.leadStatus !== "won") return STALE;
    const [back] = await tx<{ status: string }[]>`
      update assignments set status = closed_from, closed_from = null, closed_at = null, close_reason = null, close_note = null,
                             lead_status_before = null, updated_at = now()
      where id = ${who.assignmentId} returning status`;
    if (a.status === "lost") {
      // The rule says what the undo takes back: the dashboard counts the `lost` line no more (migration 106, ADR 150).
      await audit(tx, who, a.leadId, "reopened", { ...auditMessages.both("desk.reopened"), status: back.status }, "undo-lost");
      return { ok: true, undone: "lost" } as const;
    }
    await tx`update leads set status = ${a.leadStatusBefore ?? "assigned"}, updated_at = now() where id = ${a.leadId} and status = 'won'`;
    await audit(tx, who, a.leadId, "reopened", { ...auditMessages.both("desk.reopenedSigned"), status: back.status }, "undo-signed");
    const reopened = await tx<{ id: string; recruiterId: string | null; status: string; dueMs: number | null }[]>`
      update assignments set status = closed_from, closed_from = null, closed_at = null, closed_by = null, updated_at = now()
      where closed_by = ${who.assignmentId} and status = 'lost'
      returning id, recruiter_id, status,
                case when status = 'offered' then greatest(0, extract(epoch from accept_by - now()) * 1000)::float8 end as due_ms`;
    for (const r of reopened) {
      await recordRoutingEvent(tx, {
        assignmentId: r.id,
        leadId: a.leadId,
        event: "reopened",
        recruiterId: r.recruiterId,
        rule: "undo-lost", // the `lost` line the signing wrote for it
        reason: auditMessages.both("desk.reopenedElsewhere"),
      });
      // The offer's SLA check may have run while it was closed (and did nothing): check it again at its deadline.
      if (r.dueMs !== null) await enqueue(tx, "assignment.sla", [r.id], { afterMs: r.dueMs });
    }
    // Their "signed elsewhere" notices, due after this window, are not sent: nothing ended (docs/decisions/167).
    if (reopened.length > 0)
      await tx`update notifications set status = 'handled', handled_at = now(), handled_by = 'undo-signed'
               where assignment_id in ${tx(reopened.map((r) => r.id))} and kind = 'withdrawal-notice' and status = 'pending'`;
    return { ok: true, undone: "signed" } as const;
  });
}

/**
 * Declines an offer with a reason: it is re-routed at once (declineAssignment), the reason in the audit trail.
 * `next`: where it went — `offered` to another recruiter of the park, or `unassigned` (nobody else could take it:
 * the admins' queue), for the page to say which.
 */
export async function declineWithReason(
  sql: Sql,
  who: Who & { reason: CloseReason; note: string | null; label: { zh: string; en: string } },
  routing: RoutingOptions,
): Promise<{ ok: true; next: "offered" | "unassigned" } | { ok: false; reason: "stale" }> {
  return sql.begin(async (tx) => {
    // The offer's deadline goes into the audit row: undoing the decline gives the offer back as it stood.
    const [before] = await tx<{ acceptBy: Date | null }[]>`select accept_by from assignments where id = ${who.assignmentId}`;
    const next = await declineAssignment(tx, who, routing, {
      ...auditMessages.both("desk.declinedBecause", (lng) => ({
        label: pick(lng, who.label),
        note: who.note ? auditMessages.t(lng, "noteColon", { note: who.note }) : "",
      })),
      code: who.reason,
      acceptBy: before?.acceptBy?.toISOString() ?? null,
    } as { zh: string; en: string });
    return next === null ? STALE : ({ ok: true, next } as const);
  });
}

export type UndoDeclineOutcome = { ok: true; already?: true } | { ok: false; reason: "stale" | "taken" };

/**
 * Takes back an offer the recruiter declined less than UNDO_MINUTES ago — only while nobody has
 * accepted it since: it is still offered to the next recruiter (or waits unassigned) and the lead is
 * open. The offer comes back to the recruiter with its old deadline (or a full SLA when none was
 * recorded), the next recruiter's unsent notices are withdrawn (an email already sent stays sent; the
 * offer is gone from their queue), and the audit trail says who got it back from whom.
 * `taken`: the next recruiter accepted (or it moved on: escalated, closed) — the page says so.
 * `stale`: no decline of theirs within the window, or a later decline by someone else. ADR 034.
 * `{ok: true, already: true}`: undone before (the offer is theirs again by their own undo after this
 * decline); nothing is written, and the page says "undone" as the first time (idempotent).
 */
export async function undoDecline(sql: Sql, who: Who, routing: RoutingOptions): Promise<UndoDeclineOutcome> {
  return sql.begin(async (tx) => {
    const [a] = await tx<{ leadId: string; status: string; recruiterId: string | null; leadStatus: string }[]>`
      select a.lead_id, a.status, a.recruiter_id, l.status as lead_status
      from assignments a join leads l on l.id = a.lead_id where a.id = ${who.assignmentId} for update of a`;
    if (!a) return STALE;
    const [d] = await tx<{ id: string; recruiterId: string | null; recent: boolean; acceptBy: string | null }[]>`
      select id, recruiter_id, at > now() - ${UNDO_MINUTES}::int * interval '1 minute' as recent, reason ->> 'acceptBy' as accept_by
      from routing_events where assignment_id = ${who.assignmentId} and event = 'declined' order by id desc limit 1`;
    if (!d || d.recruiterId !== who.recruiterId) return STALE;
    if (a.recruiterId === who.recruiterId) {
      // Undone already (a second tab, a double press without JS): the offer is theirs again by their own
      // undo after this decline — the same answer as the first time, not "too late" (attack-desks finding 10).
      const [again] = await tx<{ n: number }[]>`
        select 1 as n from routing_events
        where assignment_id = ${who.assignmentId} and event = 'reopened' and recruiter_id = ${who.recruiterId} and id > ${d.id} limit 1`;
      return again && a.status === "offered" ? ({ ok: true, already: true } as const) : STALE;
    }
    if (!d.recent) return STALE;
    if (!["offered", "unassigned"].includes(a.status) || ["won", "lost", "closed"].includes(a.leadStatus))
      return { ok: false, reason: "taken" } as const;
    const acceptBy = d.acceptBy ? tx`${d.acceptBy}::timestamptz` : tx`now() + ${routing.slaMinutes}::int * interval '1 minute'`;
    const [back] = await tx<{ dueMs: number }[]>`
      update assignments set recruiter_id = ${who.recruiterId}, status = 'offered', offered_at = now(), accept_by = ${acceptBy},
             channel = (select channel from recruiters where id = ${who.recruiterId}), reroutes = greatest(0, reroutes - 1), updated_at = now()
      where id = ${who.assignmentId}
      returning greatest(0, extract(epoch from accept_by - now()) * 1000)::float8 as due_ms`;
    await tx`update notifications set status = 'handled', handled_at = now(), handled_by = 'undo-decline'
             where assignment_id = ${who.assignmentId} and status = 'pending' and kind in ('assignment', 'wecom')`;
    await audit(
      tx,
      who,
      a.leadId,
      "reopened",
      { zh: "撤销“拒绝”，收回给原专员", en: "Undid “decline”; the offer is back with the recruiter who declined", from: a.recruiterId },
      "undo-declined",
    );
    await enqueue(tx, "assignment.sla", [who.assignmentId], { afterMs: back.dueMs });
    return { ok: true } as const;
  });
}

/** Whether the assignment's lead was anonymised (ADR 090): every step on it is refused, saying so. */
export async function leadOfAssignmentAnonymised(sql: Sql, assignmentId: string): Promise<boolean> {
  const [row] = await sql<{ anonymised: boolean }[]>`
    select l.anonymised_at is not null as anonymised from assignments a join leads l on l.id = a.lead_id where a.id = ${assignmentId}`;
  return row?.anonymised ?? false;
}

export type RecentDecline = {
  assignmentId: string;
  reference: string;
  company: string;
  /** ISO time until which the decline can be undone. */
  undoUntil: string;
  /** Still offered (or unassigned) and the lead open: it can be taken back. False: someone accepted it, or it moved on. */
  undoable: boolean;
};

/** The recruiter's declines of the last UNDO_MINUTES that are still the last decline of their assignment, newest first (the /queue banner). */
export async function recentDeclines(sql: Sql, recruiterId: string): Promise<RecentDecline[]> {
  const rows = await sql<{ assignmentId: string; reference: string; company: string; undoUntil: Date; undoable: boolean; mine: boolean }[]>`
    select * from (
      select distinct on (e.assignment_id) e.assignment_id, l.reference, l.lead -> 'company' ->> 'name' as company,
             e.at + ${UNDO_MINUTES}::int * interval '1 minute' as undo_until, e.recruiter_id = ${recruiterId} as mine,
             a.status in ('offered', 'unassigned') and l.status not in ('won', 'lost', 'closed') as undoable
      from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = a.lead_id
      where e.event = 'declined' and e.assignment_id in (
              select assignment_id from routing_events
              where recruiter_id = ${recruiterId} and event = 'declined' and at > now() - ${UNDO_MINUTES}::int * interval '1 minute')
        and a.recruiter_id is distinct from ${recruiterId}
      order by e.assignment_id, e.id desc) d
    where mine order by undo_until desc`;
  return rows.map((r) => ({
    assignmentId: r.assignmentId,
    reference: r.reference,
    company: r.company ?? "",
    undoUntil: r.undoUntil.toISOString(),
    undoable: r.undoable,
  }));
}

export type WorkState = {
  followUpOn: string | null;
  visitOn: string | null;
  closeReason: string | null;
  closeNote: string | null;
  /** ISO time until which "lost" or "signed" can be undone; null when it cannot. */
  undoUntil: string | null;
};

/** The recruiter's own fields of an assignment. */
export async function loadWorkState(sql: Sql | TransactionSql, assignmentId: string): Promise<WorkState> {
  const [w] = await sql<
    {
      followUpOn: string | null;
      visitOn: string | null;
      closeReason: string | null;
      closeNote: string | null;
      undoUntil: Date | null;
    }[]
  >`
    select to_char(follow_up_on, 'YYYY-MM-DD') as follow_up_on, to_char(visit_on, 'YYYY-MM-DD') as visit_on, close_reason, close_note,
           case when status in ('lost', 'signed') and closed_from is not null and closed_by is null
                     and closed_at > now() - ${UNDO_MINUTES}::int * interval '1 minute'
                then closed_at + ${UNDO_MINUTES}::int * interval '1 minute' end as undo_until
    from assignments where id = ${assignmentId}`;
  return {
    followUpOn: w?.followUpOn ?? null,
    visitOn: w?.visitOn ?? null,
    closeReason: w?.closeReason ?? null,
    closeNote: w?.closeNote ?? null,
    undoUntil: w?.undoUntil?.toISOString() ?? null,
  };
}

export type NoteView = { id: string; at: string; author: string; source: string; body: string };

/**
 * The lead's notes a recruiter may read: the hotline's and admins', and their own — not another
 * park's recruiter's (issue 12 item 6); `all` (admins) reads every note. Oldest first.
 */
export async function loadVisibleNotes(
  sql: Sql | TransactionSql,
  leadId: string,
  staffId: string | null,
  options: { all?: boolean } = {},
): Promise<NoteView[]> {
  const rows = await sql<{ id: string; createdAt: Date; author: string | null; source: string; body: string }[]>`
    select n.id, n.created_at, u.name as author, n.source, n.body
    from lead_notes n left join users u on u.id = n.author_staff_id
    where n.lead_id = ${leadId} and (${options.all ?? false} or n.source <> 'recruiter' or n.author_staff_id = ${staffId}::uuid)
    order by n.created_at, n.id`;
  return rows.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), author: r.author ?? "", source: r.source, body: r.body }));
}

/** The other parks that received the same lead and where each stands (park name, status) — nothing of their recruiters' work. */
export async function loadOtherParks(
  sql: Sql | TransactionSql,
  leadId: string,
  assignmentId: string,
): Promise<{ parkName: string; status: string }[]> {
  return sql<{ parkName: string; status: string }[]>`
    select p.name as "parkName", a.status from assignments a join parks p on p.id = a.park_id
    where a.lead_id = ${leadId} and a.id <> ${assignmentId} order by p.name`;
}

/** The park's spaces the recruiter may put on a shortlist (not let, not retired — ADR 033): matched ones first with their score. */
export async function loadShortlistCandidates(
  sql: Sql | TransactionSql,
  leadId: string,
  parkId: string,
): Promise<{ id: string; title: string; kind: string; areaSqm: number; status: string; score: number | null }[]> {
  return sql<{ id: string; title: string; kind: string; areaSqm: number; status: string; score: number | null }[]>`
    select s.id, s.title, s.kind, s.area_sqm as "areaSqm", s.status, m.score
    from spaces s left join matches m on m.lead_id = ${leadId} and m.space_id = s.id and m.withdrawn_at is null
    where s.park_id = ${parkId} and s.status <> 'let' and s.retired_at is null
      and not exists (select 1 from parks p where p.id = s.park_id and p.retired_at is not null)
    order by m.score desc nulls last, s.id
    limit 50`;
}
