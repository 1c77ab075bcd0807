import { recordRoutingEvent } from "~/assignments/routing-events.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { auditMessages } from "~/i18n/audit-messages";
import { removeOutboxMailsAbout } from "~/notify/outbox-files.server";
import { revokeShortlistsOfLeads } from "~/recruiter-desk/shortlists.server";

// Anonymisation of leads (PIPL art. 47 erasure, and the retention period; docs/decisions/022): one way,
// used by the admin's erasure on request and by the worker's retention job.

export type PrivacyActor = string; // staff email, "admin-token" or "retention"

/** The anonymised leads' ids and references (leads already anonymised are skipped). */
export type Anonymised = { id: string; reference: string }[];

/**
 * Blanks every field of the leads that identifies a person — contact (name, phone, email, WeChat,
 * title), company name, credit code and location, the free-text notes, what was typed (`raw`) and
 * the free-text assist — the staff's notes on them (lead_notes: hotline call notes, recruiter and admin
 * notes), the recruiter's free-text close reason (assignments.close_note and its copy in the routing
 * trail; the reason code stays), the error text of their notices and outbox rows (and of a failed
 * notice's routing event), and the phone and script of their call tasks (open ones are closed,
 * nobody may call); their shortlist links are revoked and their openings deleted. Need, industry, figures and the routing trail stay for the statistics. Enqueues
 * `lead.index`, so the search-index writer deletes the lead's search document (after a Meilisearch
 * outage too), and `lead.forget`, so the worker removes its jobs' records from Redis. Must run inside the caller's transaction, which also records the audit row.
 */
export async function anonymiseLeadsInTx(tx: TransactionSql, leadIds: string[]): Promise<Anonymised> {
  if (leadIds.length === 0) return [];
  const rows = await tx<{ id: string; reference: string }[]>`
    update leads set
      lead = lead || jsonb_build_object(
        'contact', jsonb_build_object('name', '', 'phone', ''),
        'company', jsonb_build_object('name', ''),
        'need', coalesce(lead->'need', '{}'::jsonb) - 'notes' - 'corrections'),
      raw = '{}'::jsonb, assist = '[]'::jsonb, phone = '', credit_code = null, company_name = '', company_search = '', need_submitted = null,
      notes_reading = null,
      anonymised_at = now(), updated_at = now()
    where id in ${tx(leadIds)} and anonymised_at is null
    returning id, reference`;
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Nobody works the lead any more (ADR 090): its open assignments end as lost, reason `erased` — no
  // SLA reminder, re-route or escalation follows — each with a routing event the recruiter's page
  // shows; no closing step can be undone (closed_from is cleared), and an open lead is closed.
  const erased = auditMessages.both("privacy.erased");
  const ended = await tx<{ id: string; leadId: string; recruiterId: string | null }[]>`
    update assignments set status = 'lost', close_reason = 'erased', closed_at = now(), follow_up_on = null, updated_at = now()
    where lead_id in ${tx(ids)} and status in ('unassigned', 'offered', 'accepted', 'contacted', 'visit', 'escalated')
    returning id, lead_id, recruiter_id`;
  await tx`update assignments set closed_from = null, closed_by = null where lead_id in ${tx(ids)} and (closed_from is not null or closed_by is not null)`;
  // Every copy of the lead's words in its call tasks: the phone, and the script in both languages; the open
  // ones closed as erased (the assignments' own were closed by their ending just above, migration 090 —
  // assignments before tasks, the order the hotline desk locks them in, ADR 114).
  await tx`update call_tasks set phone = '', script = '', script_en = case when script_en is null then null else '' end,
             status = case when status in ('open', 'no-answer') then 'done' else status end,
             closed_reason = case when status in ('open', 'no-answer') then 'erased' else closed_reason end, updated_at = now()
           where lead_id in ${tx(ids)}`;
  for (const a of ended)
    await recordRoutingEvent(tx, { assignmentId: a.id, leadId: a.leadId, event: "erased", recruiterId: a.recruiterId, reason: erased });
  for (const id of ids.filter((id) => !ended.some((a) => a.leadId === id)))
    await recordRoutingEvent(tx, { leadId: id, event: "erased", reason: erased });
  await tx`update leads set status = 'closed', closed_at = now() where id in ${tx(ids)} and status not in ('won', 'lost', 'closed')`;
  // The admin's free-text note on closing the lead (spam, duplicate), here and in the routing trail.
  await tx`update leads set closed_note = '' where id in ${tx(ids)} and closed_note <> ''`;
  const closedNoted = auditMessages.both("privacy.closedErased");
  await tx`update routing_events set reason = jsonb_build_object('zh', ${closedNoted.zh}::text, 'en', ${closedNoted.en}::text, 'erased', true)
           where lead_id in ${tx(ids)} and event = 'closed' and not coalesce((reason ->> 'erased')::boolean, false)`;
  // Mails not yet sent would go out about a person who asked to be forgotten: they are ended, and so is
  // their work in the outbox (a job already running finds the notice handled and leaves it).
  await tx`update notifications set status = 'handled', handled_at = now(), handled_by = 'privacy', lease_until = null, lease_token = null
           where lead_id in ${tx(ids)} and status in ('pending', 'sending', 'dead')`;
  await tx`update outbox set done_at = now(), skipped = true
           where topic in ('notify.email', 'notify.hotline', 'notify.wecom') and done_at is null and dead_at is null
             and aggregate_id in (select id::text from notifications where lead_id in ${tx(ids)})`;
  // The mail server's or WeCom's error text may echo a recipient or the message (ADR 093): cleared on
  // every notice of the lead, on every outbox row about it (the lead, its notices and assignments, dead
  // letters included), and in the routing trail's wording of a failed notice.
  await tx`update notifications set last_error = null where lead_id in ${tx(ids)} and last_error is not null`;
  await tx`update outbox set last_error = null
           where last_error is not null and aggregate_id in (
             select id::text from unnest(${ids}::uuid[]) as l (id)
             union all select id::text from notifications where lead_id in ${tx(ids)}
             union all select id::text from assignments where lead_id in ${tx(ids)})`;
  const noticeFailed = auditMessages.both("privacy.noticeFailedErased");
  await tx`update routing_events set reason = jsonb_build_object('zh', ${noticeFailed.zh}::text, 'en', ${noticeFailed.en}::text, 'erased', true)
           where lead_id in ${tx(ids)} and event = 'dead-letter' and not coalesce((reason ->> 'erased')::boolean, false)`;
  // Shared shortlist links stop opening at once; the record of their openings goes (ADR 030).
  await revokeShortlistsOfLeads(tx, ids);
  // Staff notes are free text about the person (what the caller said): erased with the rest — the notes
  // themselves (hotline call notes, recruiter and admin notes), the recruiter's free-text reason on a
  // closed assignment, and its copy in the routing trail's wording of "lost"/"declined" (the reason
  // code stays, for the funnel figures).
  await tx`delete from lead_notes where lead_id in ${tx(ids)}`;
  await tx`update assignments set close_note = null where lead_id in ${tx(ids)} and close_note is not null`;
  const lost = auditMessages.both("privacy.lostErased");
  const declined = auditMessages.both("privacy.declinedErased");
  await tx`update routing_events set reason = jsonb_build_object(
             'zh', case event when 'lost' then ${lost.zh}::text else ${declined.zh}::text end,
             'en', case event when 'lost' then ${lost.en}::text else ${declined.en}::text end,
             'code', reason -> 'code', 'erased', true)
           where lead_id in ${tx(ids)} and event in ('lost', 'declined') and reason ? 'code'`;
  await enqueue(tx, "lead.index", ids);
  // BullMQ keeps the records of the lead's jobs in Redis (a failure's reason and stack up to 7 days):
  // the worker removes them (worker/forget-lead-jobs.job.ts, ADR 096), after a Redis outage too.
  await enqueue(tx, "lead.forget", ids);
  return rows;
}

/**
 * Erases the data of one person on request: anonymises `leadIds`, records an `erase` row in the
 * privacy audit log (who asked, the masked subject, what was removed), then deletes the development
 * outbox's mails about those leads. Returns what was done.
 */
export async function eraseLeads(
  sql: Sql,
  input: { leadIds: string[]; actor: PrivacyActor; subject: string; outboxDir?: string },
): Promise<{ leads: Anonymised; mails: string[] }> {
  const { leads, auditId } = await sql.begin(async (tx) => {
    const done = await anonymiseLeadsInTx(tx, input.leadIds);
    const [audit] = await tx<{ id: string }[]>`
      insert into privacy_audit (actor, action, subject, lead_ids, detail)
      values (${input.actor}, 'erase', ${input.subject}, ${input.leadIds}::uuid[], ${tx.json({ anonymised: done.map((l) => l.reference) } as never)})
      returning id`;
    return { leads: done, auditId: audit.id };
  });
  const mails = await removeOutboxMailsAbout(
    input.outboxDir,
    leads.map((l) => l.reference),
  );
  if (mails.length)
    await sql`update privacy_audit set detail = detail || ${sql.json({ mailsRemoved: mails.length } as never)} where id = ${auditId}`;
  return { leads, mails };
}
