import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { isUuid } from "~/domain/ids";
import type { Lead } from "~/domain/lead-schema";
import { correctNeed, storedCorrections } from "~/domain/need-corrections";
import { formatPhoneForDisplay, telHref } from "~/domain/phone";
import { leadSearchCopies } from "~/domain/search-text.server";
import type { Lng } from "~/i18n/lng";
import type { LeadHeadRow } from "~/leads/lead-view.server";
import { type WorkedLead, workedLeadOf } from "~/leads/worked-lead.server";
import { rematchLead } from "~/matches/rematch.server";
import { type RepeatOfLead, repeatsOf } from "~/matches/repeat.server";
import { editFingerprint } from "~/utils/edit-fingerprint.server";

import { addLeadNote, type LeadNote, loadLeadNotes, type NoteSource } from "./lead-notes.server";

// A lead as the hotline desk works it: the caller's open leads (link, don't duplicate), one lead's
// page, and a need changed on a call (saved, then matched again).

// Won, lost, or closed (spam, duplicate: ADR 028, 108): read only; lead.match would not match it again (docs/decisions/116).
const CLOSED = ["won", "lost", "closed"];

/**
 * Open (not won/lost, not erased) leads whose stored phone has `phone`'s main number (E.164-like; an
 * extension on either side does not tell them apart, ADR 107), newest first.
 */
export async function openLeadsWithPhone(
  sql: Sql | TransactionSql,
  phone: string,
  exceptSubmissionKey: string | null = null,
): Promise<{ id: string; reference: string }[]> {
  // The lead this very submission stored (a double click, a retry) is not "another open lead".
  return sql<{ id: string; reference: string }[]>`
    select id, reference from leads
    where split_part(phone, ';', 1) = split_part(${phone}, ';', 1) and anonymised_at is null and status not in ('won', 'lost', 'closed')
      and submission_key is distinct from ${exceptSubmissionKey}
    order by created_at desc limit 5`;
}

export type DeskLead = {
  id: string;
  reference: string;
  status: string;
  closed: boolean;
  source: string;
  createdAt: string;
  company: string;
  contactName: string;
  contactTitle: string | null;
  /** Full number, for the agent to call back: showing it is a logged view (privacy access log). */
  phoneDisplay: string;
  /** The number's tel: link (telHref), null when it is no number we dial. */
  phoneDial: string | null;
  lead: Lead;
  /** Each recruiter the lead was given to, with where their assignment stands (assignments.status), oldest first. */
  recruiters: { name: string; stage: string }[];
};

/** One lead for the desk, or null (unknown id, erased). */
export async function loadDeskLead(sql: Sql | TransactionSql, id: string, lng: Lng = "zh"): Promise<DeskLead | null> {
  if (!isUuid(id)) return null;
  const [row] = await sql<
    (LeadHeadRow & { companyName: string; phone: string; lead: Lead; recruiters: { name: string; stage: string }[] })[]
  >`
    select l.id, l.reference, l.status, l.source, l.created_at, l.company_name, l.phone, l.lead,
           coalesce((select json_agg(json_build_object('name', r.name, 'stage', a.status) order by a.created_at, a.id)
                     from assignments a join recruiters r on r.id = a.recruiter_id where a.lead_id = l.id), '[]') as recruiters
    from leads l where l.id = ${id} and l.anonymised_at is null`;
  if (!row) return null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    closed: CLOSED.includes(row.status),
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    company: row.companyName,
    contactName: row.lead.contact?.name ?? "",
    contactTitle: row.lead.contact?.title ?? null,
    phoneDisplay: formatPhoneForDisplay(row.phone, lng),
    phoneDial: telHref(row.phone),
    lead: row.lead,
    recruiters: row.recruiters,
  };
}

/** The hotline's lead page: the lead a closed duplicate belongs to (`worked`), the lead shown, its notes and its repeats. */
export type DeskLeadPage = { worked: WorkedLead | null; lead: DeskLead | null; notes: LeadNote[]; repeats: RepeatOfLead[] };

/**
 * What GET /hotline/leads/<id> shows, read in one REPEATABLE READ snapshot (inOneSnapshot, docs/decisions/170): the
 * lead `id` is worked as (workedLeadOf: a closed duplicate's first lead), that lead with its recruiters (null: unknown,
 * erased or a malformed id), its notes newest first and its repeats. Read apart, a need edit committed between the
 * lead's read and the notes' showed the need before the edit beside the call note that changed it.
 */
export async function readDeskLeadPage(sql: Sql, id: string, lng: Lng): Promise<DeskLeadPage> {
  const none = { worked: null, lead: null, notes: [], repeats: [] };
  if (!isUuid(id)) return none;
  return inOneSnapshot(sql, async (tx) => {
    const worked = await workedLeadOf(tx, id);
    const lead = await loadDeskLead(tx, worked?.id ?? id, lng);
    if (!lead) return { ...none, worked };
    const [notes, repeats] = await Promise.all([loadLeadNotes(tx, lead.id), repeatsOf(tx, lead.id)]);
    return { worked, lead, notes, repeats };
  });
}

export type NeedUpdate =
  { ok: true } | { ok: false; reason: "not-found" | "closed" } | { ok: false; reason: "changedMeanwhile"; base: string };

/**
 * What the need form was filled from, as a short fingerprint of the lead's need, use and tax: sent back
 * with the form, so a save over another agent's change made meanwhile is refused, not silently undone.
 */
export function needFingerprint(lead: Lead): string {
  return editFingerprint([lead.need, lead.use, lead.tax]);
}

/**
 * A need changed on a call (a new caller's second need on an existing lead, or a call-back 回访):
 * the lead's need, industry/product and figures are replaced by the parsed ones (company and contact
 * stay as stored), the call note is kept, the lead's search document is queued (`lead.index`) and the
 * lead is matched again (rematchLead: audit row and `lead.match`), all in the same transaction. Nothing changes when the lead is closed or erased, or when
 * `filledFrom` (needFingerprint of what the form showed) is no longer the stored need.
 */
export async function updateLeadNeed(
  sql: Sql,
  input: {
    leadId: string;
    parsed: Lead;
    authorId: string;
    note: string;
    /** Who wrote the call note kept with the change (default the hotline). */
    source?: NoteSource;
    reason: string;
    /** ADR 068's fingerprint (a page rendered before ADR 091): refused when the stored need is not that one. */
    filledFrom?: string;
    /**
     * ADR 091: given the stored lead (locked), the need to save — the form's changes over it — or null when
     * another person's change conflicts with the form's: then nothing is saved.
     */
    merge?: (current: Lead) => Lead | null;
    /** The notes added in this edit give the tax: it replaces the stored one (docs/decisions/109). */
    newerTax?: boolean;
    /** The text this edit added to the notes (need-edit.ts addedNotes): words a correction of this edit does not answer (docs/decisions/150). */
    addedNotes?: string;
  },
): Promise<NeedUpdate> {
  if (!isUuid(input.leadId)) return { ok: false, reason: "not-found" };
  return sql.begin(async (tx) => {
    const [row] = await tx<{ lead: Lead; status: string }[]>`
      select lead, status from leads where id = ${input.leadId} and anonymised_at is null for update`;
    if (!row) return { ok: false as const, reason: "not-found" as const };
    if (CLOSED.includes(row.status)) return { ok: false as const, reason: "closed" as const };
    const base = needFingerprint(row.lead);
    if (!input.merge && input.filledFrom && input.filledFrom !== base)
      return { ok: false as const, reason: "changedMeanwhile" as const, base };
    const parsed = input.merge ? input.merge(row.lead) : input.parsed;
    if (!parsed) return { ok: false as const, reason: "changedMeanwhile" as const, base };
    const { use, tax } = parsed;
    // The boxes this edit changed are confirmed values (docs/decisions/150): remembered with the need, with who and
    // when, and the doubts the notes raised about them are said as the corrections — on every later save too.
    const [author] = isUuid(input.authorId) ? await tx<{ name: string }[]>`select name from users where id = ${input.authorId}` : [];
    const corrected = correctNeed({
      stored: storedCorrections(row.lead.need),
      before: row.lead.need,
      after: parsed.need,
      flags: parsed.flags.filter((f) => f.field.startsWith("need.")),
      added: input.addedNotes ?? "",
      who: { by: author?.name ?? "", source: input.source ?? "hotline", at: new Date().toISOString() },
    });
    const need = { ...parsed.need } as Lead["need"] & { corrections?: unknown };
    if (corrected.corrections.length) need.corrections = corrected.corrections;
    else delete need.corrections;
    const lead: Lead = {
      ...row.lead,
      need,
      use: { ...row.lead.use, ...definedOnly(use) },
      // The need form has no tax box: its tax is only what the notes give ("年纳税三百万"), which fills a
      // blank and never replaces a stored figure (docs/decisions/101).
      // The notes added in this edit are newer than what is stored: their tax replaces it (docs/decisions/109).
      tax: input.newerTax ? { ...row.lead.tax, ...definedOnly(tax) } : { ...tax, ...definedOnly(row.lead.tax) },
      flags: [...(row.lead.flags ?? []).filter((f) => !f.field.startsWith("need.")), ...corrected.flags],
    };
    const copies = leadSearchCopies(lead);
    // The first edit keeps the need as the enterprise submitted it (without its notes) and the intake's
    // flags: its own page shows what it sent, and the correction apart (docs/decisions/108).
    await tx`update leads set lead = ${tx.json(lead as never)}, industry = coalesce(${lead.use.industry ?? null}, industry),
                              company_search = ${copies.company}, product_search = ${copies.product}, updated_at = now(),
                              need_submitted = coalesce(need_submitted, jsonb_build_object('need', (lead -> 'need') - 'notes',
                                                                                          'flags', coalesce(lead -> 'flags', '[]'::jsonb)))
             where id = ${input.leadId}`;
    // The search document holds the need's words (product, notes, regions, industry): written again now,
    // not by the re-match, whose outcome changes nothing of it (docs/decisions/209).
    await enqueue(tx, "lead.index", [input.leadId]);
    await addLeadNote(tx, { leadId: input.leadId, authorId: input.authorId, body: input.note, source: input.source ?? "hotline" });
    await rematchLead(tx, input.leadId, input.reason);
    return { ok: true as const };
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
