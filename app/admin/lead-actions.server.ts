import type { Notice } from "~/assignments/notifications.server";
import { assignPark, recruiterWorksSql, type RoutingOptions } from "~/assignments/route-lead.server";
import { recordRoutingEvent, recruitersWhoHad } from "~/assignments/routing-events.server";
import { type EndedOffer, endedOfferColumns, queueWithdrawalNotices } from "~/assignments/withdrawal-notices.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { isUuid } from "~/domain/ids";
import { referenceOf } from "~/domain/reference-typed";
import { auditMessages } from "~/i18n/audit-messages";
import { notifyText } from "~/i18n/notify-messages";
import { rematchLead } from "~/matches/rematch.server";

// What an admin does to one lead at /admin/leads/<id> (ADR 028). Each action is one transaction and
// writes the routing audit trail with who did it (routing_events.actor) and why.

const OPEN_LEAD = ["received", "indexed", "matched", "unmatched", "assigned"];

export type LeadActionProblem =
  "not-found" | "closed" | "recruiter-not-of-park" | "park-retired" | "nothing-to-reroute" | "unknown-duplicate" | "duplicate-self";
export type LeadActionResult = { ok: true; notices?: Notice[]; recruiterName?: string } | { ok: false; problem: LeadActionProblem };

async function lockOpenLead(
  tx: TransactionSql,
  leadId: string,
): Promise<{ id: string; status: string; industry: string } | "not-found" | "closed"> {
  if (!isUuid(leadId)) return "not-found";
  const [lead] = await tx<{ id: string; status: string; industry: string }[]>`
    select id, status, industry from leads where id = ${leadId} for update`;
  if (!lead) return "not-found";
  return OPEN_LEAD.includes(lead.status) ? lead : "closed";
}

/** Re-runs matching for the lead against today's inventory (queues lead.match), recording the admin. */
export async function rematchByAdmin(sql: Sql, leadId: string, actor: string): Promise<LeadActionResult> {
  return sql.begin(async (tx) => {
    const lead = await lockOpenLead(tx, leadId);
    if (typeof lead === "string") return { ok: false, problem: lead };
    // Not a need edit: a park left without a fitting space keeps its assignment (docs/decisions/127).
    await rematchLead(tx, leadId, notifyText("zh", "reason.rematchByAdmin", { actor }), "admin-rematch");
    await tx`update routing_events set actor = ${actor}
             where id = (select max(id) from routing_events where lead_id = ${leadId} and event = 'rematch')`;
    return { ok: true };
  });
}

/**
 * Whether the park is retired (停用, parks.retired_at): no lead is assigned or re-routed to it, by hand or by
 * the policy (ADR 157). false for a park that does not exist (the recruiter check refuses that one).
 */
async function parkRetired(tx: TransactionSql, parkId: string): Promise<boolean> {
  const [p] = await tx<{ retired: boolean }[]>`select retired_at is not null as retired from parks where id = ${parkId}`;
  return !!p?.retired;
}

/** The recruiters an admin may pick for a lead by hand: active ones that can sign in (recruiterWorksSql), with the parks they cover that are not retired. */
export async function listAssignableRecruiters(sql: Sql): Promise<{ id: string; name: string; parks: { id: string; name: string }[] }[]> {
  const rows = await sql<{ id: string; name: string; parks: { id: string; name: string }[] }[]>`
    select r.id, r.name,
           coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.id) from parks p where p.id = any (r.parks) and p.retired_at is null), '[]') as parks
    from recruiters r where ${recruiterWorksSql(sql)} order by r.id`;
  return rows;
}

/**
 * Assigns the lead in `parkId` to `recruiterId` by hand, whatever the policy would say: an open
 * assignment of that park moves to them (a new offer round: its own notice and SLA check), or a new
 * one is made (a lead that matched nothing can be placed too). The audit says "manual", the admin and
 * `why`. The recruiter must be active and cover the park, and the park not be retired (problem
 * `park-retired`, ADR 157). Returns the notices to deliver (none here:
 * they are due at once and the worker sends them).
 */
export async function assignByHand(
  sql: Sql,
  input: { leadId: string; parkId: string; recruiterId: string; why: string },
  actor: string,
  routing: RoutingOptions,
): Promise<LeadActionResult> {
  return sql.begin(async (tx) => {
    const lead = await lockOpenLead(tx, input.leadId);
    if (typeof lead === "string") return { ok: false, problem: lead };
    const [recruiter] = await tx<{ name: string }[]>`
      select name from recruiters r where r.id = ${input.recruiterId} and ${recruiterWorksSql(tx)} and ${input.parkId} = any (r.parks)`;
    if (!recruiter) return { ok: false, problem: "recruiter-not-of-park" };
    if (await parkRetired(tx, input.parkId)) return { ok: false, problem: "park-retired" };
    const [existing] = await tx<{ id: string; reroutes: number; status: string }[]>`
      select id, reroutes, status from assignments where lead_id = ${lead.id} and park_id = ${input.parkId} for update`;
    const why = input.why.trim().slice(0, 500);
    const { notices } = await assignPark(
      tx,
      {
        leadId: lead.id,
        parkId: input.parkId,
        leadIndustry: lead.industry,
        previousRecruiterId: null,
        assignmentId: existing?.id,
        reroutes: existing ? existing.reroutes + 1 : 0,
        manual: {
          recruiterId: input.recruiterId,
          actor,
          reason: auditMessages.both("admin.assignedByHand", { actor, recruiter: recruiter.name, why }),
        },
      },
      { ...routing, noticeFallbackMs: 0 }, // no worker here to deliver inline: the notice is due now
    );
    await tx`update leads set status = 'assigned', updated_at = now() where id = ${lead.id} and status <> 'assigned'`;
    return { ok: true, notices, recruiterName: recruiter.name };
  });
}

/**
 * Re-routes an assignment of the lead that is not accepted yet (offered, unassigned, escalated or
 * declined) to the park's next eligible recruiter by the policy, skipping everyone who had it. Not in a
 * retired park (problem `park-retired`: retiring it ended its offers, ADR 157).
 */
export async function rerouteByAdmin(
  sql: Sql,
  leadId: string,
  assignmentId: string,
  actor: string,
  routing: RoutingOptions,
): Promise<LeadActionResult> {
  if (!isUuid(assignmentId)) return { ok: false, problem: "nothing-to-reroute" };
  return sql.begin(async (tx) => {
    const lead = await lockOpenLead(tx, leadId);
    if (typeof lead === "string") return { ok: false, problem: lead };
    const [a] = await tx<{ id: string; parkId: string; reroutes: number; recruiterId: string | null }[]>`
      select id, park_id, reroutes, recruiter_id from assignments
      where id = ${assignmentId} and lead_id = ${lead.id} and status in ('offered', 'unassigned', 'escalated', 'declined') for update`;
    if (!a) return { ok: false, problem: "nothing-to-reroute" };
    if (await parkRetired(tx, a.parkId)) return { ok: false, problem: "park-retired" };
    await recordRoutingEvent(tx, {
      assignmentId: a.id,
      leadId: lead.id,
      event: "admin-reroute",
      recruiterId: a.recruiterId,
      rule: "manual",
      reason: auditMessages.both("admin.rerouteAsked", { actor }),
      actor,
    });
    const had = await recruitersWhoHad(tx, a.id);
    const { notices } = await assignPark(
      tx,
      {
        leadId: lead.id,
        parkId: a.parkId,
        leadIndustry: lead.industry,
        previousRecruiterId: null,
        exclude: had,
        assignmentId: a.id,
        reroutes: a.reroutes + 1,
      },
      { ...routing, noticeFallbackMs: 0 },
    );
    return { ok: true, notices };
  });
}

/**
 * Closes the lead as spam or as a duplicate of the lead with reference `duplicateOf`: status
 * 'closed', the reason and note kept, its open assignments lost (each with a `lost` audit line naming who
 * held it, counted on the dashboard: ADRs 114, 119) and its open call tasks done with reason `lead-closed`
 * (nobody calls about it any more; migration 090), and one `closed` audit line of the lead with the admin. Each
 * recruiter whose assignment it ended is told — "an admin closed the lead (spam / a duplicate of …)" — on the
 * assignment's channel and the park's group when the offer was posted there (queueWithdrawalNotices, due at once:
 * docs/decisions/167; until then they were told nothing and found the lead gone from their queue).
 */
export async function closeLead(
  sql: Sql,
  leadId: string,
  input: { as: "spam" | "duplicate"; note: string; duplicateOf: string | null },
  actor: string,
): Promise<LeadActionResult> {
  return sql.begin(async (tx) => {
    const lead = await lockOpenLead(tx, leadId);
    if (typeof lead === "string") return { ok: false, problem: lead };
    let original: { id: string; reference: string } | undefined;
    if (input.as === "duplicate") {
      [original] = await tx<
        { id: string; reference: string }[]
      >`select id, reference from leads where reference = ${referenceOf(input.duplicateOf ?? "") ?? ""}`;
      if (!original) return { ok: false, problem: "unknown-duplicate" };
      if (original.id === lead.id) return { ok: false, problem: "duplicate-self" };
    }
    const note = input.note.trim().slice(0, 500);
    await tx`update leads set status = 'closed', closed_as = ${input.as}, closed_note = ${note}, duplicate_of = ${original?.id ?? null},
                              closed_at = now(), updated_at = now()
             where id = ${lead.id}`;
    const ended = await tx<EndedOffer[]>`
      with open as (
        select a.id, a.status as from_status from assignments a
        where a.lead_id = ${lead.id} and a.status in ('unassigned', 'offered', 'accepted', 'contacted', 'visit', 'escalated')
        for update of a)
      update assignments a set status = 'lost', updated_at = now()
      from open where a.id = open.id
      returning a.id, a.lead_id, a.park_id, a.recruiter_id, open.from_status as from, ${endedOfferColumns(tx)}`;
    // The assignments' own tasks were closed by their ending (migration 090); the lead's call-backs go too.
    await tx`update call_tasks set status = 'done', closed_reason = 'lead-closed', updated_at = now()
             where lead_id = ${lead.id} and status in ('open', 'no-answer')`;
    const reason = auditMessages.both("admin.closed", (lng) => ({
      what:
        input.as === "spam"
          ? auditMessages.t(lng, "admin.closed.spam")
          : auditMessages.t(lng, "admin.closed.duplicate", { reference: original!.reference }),
      note: note ? auditMessages.t(lng, "noteParen", { note }) : "",
    }));
    // Each assignment it ends has its own `lost` line, as every other ending writes one (a signing
    // elsewhere, the recruiter's 流失): the desks' histories read it, and the dashboard counts it as lost
    // (ADR 114; with or without a recruiter, ADR 119). The lead's line says why, once.
    for (const a of ended)
      await recordRoutingEvent(tx, {
        assignmentId: a.id,
        leadId: lead.id,
        event: "lost",
        recruiterId: a.recruiterId,
        rule: input.as,
        reason,
        actor,
      });
    await recordRoutingEvent(tx, { leadId: lead.id, event: "closed", rule: input.as, reason, actor });
    // Due at once: the relay hands them to notify.* (no worker here to deliver them inline).
    await queueWithdrawalNotices(tx, ended, "lead-closed", 0);
    return { ok: true };
  });
}

/** Whether the lead was anonymised (erasure on request, or the retention period; ADR 090). */
export async function leadAnonymised(sql: Sql, leadId: string): Promise<boolean> {
  if (!isUuid(leadId)) return false;
  const [row] = await sql<{ anonymised: boolean }[]>`select anonymised_at is not null as anonymised from leads where id = ${leadId}`;
  return row?.anonymised ?? false;
}

export type LeadClosing = {
  as: "spam" | "duplicate";
  note: string;
  at: string | null;
  duplicateOf: { id: string; reference: string } | null;
};

/** How the lead was closed (null while open), and which leads were closed as its duplicates. */
export async function loadLeadClosing(
  sql: Sql | TransactionSql,
  leadId: string,
): Promise<{ closing: LeadClosing | null; repeatedBy: { id: string; reference: string }[] }> {
  if (!isUuid(leadId)) return { closing: null, repeatedBy: [] };
  const [[row], repeatedBy] = await Promise.all([
    sql<
      {
        closedAs: "spam" | "duplicate" | null;
        closedNote: string | null;
        closedAt: Date | null;
        dupId: string | null;
        dupRef: string | null;
      }[]
    >`
      select l.closed_as, l.closed_note, l.closed_at, d.id as dup_id, d.reference as dup_ref
      from leads l left join leads d on d.id = l.duplicate_of where l.id = ${leadId} and l.status = 'closed'`,
    sql<{ id: string; reference: string }[]>`select id, reference from leads where duplicate_of = ${leadId} order by created_at`,
  ]);
  const closing: LeadClosing | null = row?.closedAs
    ? {
        as: row.closedAs,
        note: row.closedNote ?? "",
        at: row.closedAt?.toISOString() ?? null,
        duplicateOf: row.dupId && row.dupRef ? { id: row.dupId, reference: row.dupRef } : null,
      }
    : null;
  return { closing, repeatedBy: [...repeatedBy] };
}
