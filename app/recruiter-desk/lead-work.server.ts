import { declineAssignment } from "~/assignments/decline.server";
import type { RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { type CloseReason, UNDO_MINUTES } from "~/domain/close-reasons";
import type { RoutingEvent } from "~/domain/statuses";

// What a recruiter records while working a lead (issue 12 item 6, docs/decisions/030): notes, a
// follow-up date, a visit date, closing as lost or declining with a reason, and the short undo of
// "lost". Each write checks the assignment is still the recruiter's in the same statement, and lands
// in the routing audit trail (routing_events) in the same transaction.

export type Who = { assignmentId: string; recruiterId: string };
export type WorkOutcome = { ok: true } | { ok: false; reason: "stale" };
const STALE = { ok: false, reason: "stale" } as const;

type Why = { zh: string; en: string } & Record<string, unknown>;

async function audit(tx: TransactionSql, who: Who, leadId: string, event: RoutingEvent, why: Why): Promise<void> {
  await tx`insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason)
           values (${who.assignmentId}, ${leadId}, ${event}, ${who.recruiterId}, ${tx.json(why as never)})`;
}

/** The lead id of the recruiter's assignment, locked for the step; null when it is not theirs (any more). */
async function mine(tx: TransactionSql, who: Who, statuses?: readonly string[]): Promise<{ lead_id: string; status: string } | null> {
  const [a] = await tx<{ lead_id: string; status: string }[]>`
    select lead_id, status from assignments
    where id = ${who.assignmentId} and recruiter_id = ${who.recruiterId} ${statuses ? tx`and status in ${tx(statuses)}` : tx``}
    for update`;
  return a ?? null;
}

/** Adds a timestamped note (1–2000 characters, already validated) by the signed-in recruiter; the audit trail points at it. */
export async function addNote(sql: Sql, who: Who & { staffId: string; body: string }): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const a = await mine(tx, who);
    if (!a) return STALE;
    const [note] = await tx<{ id: string }[]>`
      insert into lead_notes (lead_id, author_staff_id, body, source) values (${a.lead_id}, ${who.staffId}, ${who.body}, 'recruiter') returning id`;
    await audit(tx, who, a.lead_id, "note", { zh: "招商专员添加了备注", en: "The recruiter added a note", noteId: note.id });
    return { ok: true } as const;
  });
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
      a.lead_id,
      "follow-up",
      who.on
        ? { zh: `跟进日期设为 ${who.on}`, en: `Follow-up set for ${who.on}`, on: who.on }
        : { zh: "取消跟进日期", en: "Follow-up cleared" },
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
    await audit(tx, who, a.lead_id, "visit", { zh: `看厂日期 ${who.on}`, en: `Site visit on ${who.on}`, on: who.on });
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
    await audit(tx, who, a.lead_id, "lost", {
      zh: `已流失：${who.label.zh}${who.note ? `（${who.note}）` : ""}`,
      en: `Lost: ${who.label.en}${who.note ? ` (${who.note})` : ""}`,
      code: who.reason,
    });
    return { ok: true } as const;
  });
}

/**
 * Undoes "lost" within UNDO_MINUTES by the recruiter who closed it: back to the status it had. Not for
 * an assignment closed because another park signed (it has no closed_from), nor after the window.
 */
export async function undoLost(sql: Sql, who: Who): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const [a] = await tx<{ lead_id: string; status: string }[]>`
      update assignments set status = closed_from, closed_from = null, closed_at = null, close_reason = null, close_note = null, updated_at = now()
      where id = ${who.assignmentId} and recruiter_id = ${who.recruiterId} and status = 'lost' and closed_from is not null
        and closed_at > now() - ${UNDO_MINUTES}::int * interval '1 minute'
        and not exists (select 1 from leads l where l.id = assignments.lead_id and l.status in ('won', 'lost', 'closed'))
      returning lead_id, status`;
    if (!a) return STALE;
    await audit(tx, who, a.lead_id, "reopened", { zh: "撤销“已流失”，恢复跟进", en: "Undid “lost”; back to work", status: a.status });
    return { ok: true } as const;
  });
}

/** Declines an offer with a reason: it is re-routed at once (declineAssignment), the reason in the audit trail. */
export async function declineWithReason(
  sql: Sql,
  who: Who & { reason: CloseReason; note: string | null; label: { zh: string; en: string } },
  routing: RoutingOptions,
): Promise<WorkOutcome> {
  return sql.begin(async (tx) => {
    const next = await declineAssignment(tx, who, routing, {
      zh: `招商专员拒绝接单（${who.label.zh}${who.note ? `：${who.note}` : ""}），改派`,
      en: `Declined by the recruiter (${who.label.en}${who.note ? `: ${who.note}` : ""}); re-routed`,
      code: who.reason,
    } as { zh: string; en: string });
    return next === null ? STALE : ({ ok: true } as const);
  });
}

export type WorkState = {
  followUpOn: string | null;
  visitOn: string | null;
  closeReason: string | null;
  closeNote: string | null;
  /** ISO time until which "lost" can be undone; null when it cannot. */
  undoUntil: string | null;
};

/** The recruiter's own fields of an assignment. */
export async function loadWorkState(sql: Sql, assignmentId: string): Promise<WorkState> {
  const [w] = await sql<
    {
      follow_up_on: string | null;
      visit_on: string | null;
      close_reason: string | null;
      close_note: string | null;
      undo_until: Date | null;
    }[]
  >`
    select to_char(follow_up_on, 'YYYY-MM-DD') as follow_up_on, to_char(visit_on, 'YYYY-MM-DD') as visit_on, close_reason, close_note,
           case when status = 'lost' and closed_from is not null and closed_at > now() - ${UNDO_MINUTES}::int * interval '1 minute'
                then closed_at + ${UNDO_MINUTES}::int * interval '1 minute' end as undo_until
    from assignments where id = ${assignmentId}`;
  return {
    followUpOn: w?.follow_up_on ?? null,
    visitOn: w?.visit_on ?? null,
    closeReason: w?.close_reason ?? null,
    closeNote: w?.close_note ?? null,
    undoUntil: w?.undo_until?.toISOString() ?? null,
  };
}

export type NoteView = { id: string; at: string; author: string; source: string; body: string };

/**
 * The lead's notes a recruiter may read: the hotline's and admins', and their own — not another
 * park's recruiter's (issue 12 item 6); `all` (admins) reads every note. Oldest first.
 */
export async function loadVisibleNotes(
  sql: Sql,
  leadId: string,
  staffId: string | null,
  options: { all?: boolean } = {},
): Promise<NoteView[]> {
  const rows = await sql<{ id: string; created_at: Date; author: string | null; source: string; body: string }[]>`
    select n.id, n.created_at, u.name as author, n.source, n.body
    from lead_notes n left join users u on u.id = n.author_staff_id
    where n.lead_id = ${leadId} and (${options.all ?? false} or n.source <> 'recruiter' or n.author_staff_id = ${staffId}::uuid)
    order by n.created_at, n.id`;
  return rows.map((r) => ({ id: r.id, at: r.created_at.toISOString(), author: r.author ?? "", source: r.source, body: r.body }));
}

/** The other parks that received the same lead and where each stands (park name, status) — nothing of their recruiters' work. */
export async function loadOtherParks(sql: Sql, leadId: string, assignmentId: string): Promise<{ parkName: string; status: string }[]> {
  return sql<{ parkName: string; status: string }[]>`
    select p.name as "parkName", a.status from assignments a join parks p on p.id = a.park_id
    where a.lead_id = ${leadId} and a.id <> ${assignmentId} order by p.name`;
}

/** The park's spaces the recruiter may put on a shortlist (not let, not retired — ADR 033): matched ones first with their score. */
export async function loadShortlistCandidates(
  sql: Sql,
  leadId: string,
  parkId: string,
): Promise<{ id: string; title: string; areaSqm: number; status: string; score: number | null }[]> {
  return sql<{ id: string; title: string; areaSqm: number; status: string; score: number | null }[]>`
    select s.id, s.title, s.area_sqm as "areaSqm", s.status, m.score
    from spaces s left join matches m on m.lead_id = ${leadId} and m.space_id = s.id and m.withdrawn_at is null
    where s.park_id = ${parkId} and s.status <> 'let' and s.retired_at is null
      and not exists (select 1 from parks p where p.id = s.park_id and p.retired_at is not null)
    order by m.score desc nulls last, s.id
    limit 50`;
}
