import type { Sql } from "~/db/db.server";
import { maskPhone, normalizePhone } from "~/domain/phone";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import { referenceOf } from "~/domain/reference-typed";
import { findOutboxMailsAbout } from "~/notify/outbox-files.server";
import { shortlistsOfLeads } from "~/recruiter-desk/shortlists.server";

import type { SearchClient } from "../../search/client";
import { loadPhoneAccessLog } from "./access-log.server";

// A person's requests under PIPL art. 45 (a copy of their data) and art. 47 (erasure), made to an admin
// (docs/decisions/022). A person is found by their phone number (however written) or by a reference.

export type PersonLead = {
  id: string;
  reference: string;
  status: string;
  createdAt: string;
  company: string;
  phoneMasked: string;
  anonymised: boolean;
};
export type Person = { subject: string; leads: PersonLead[] };

/**
 * The leads of the person named by `query`: a phone number (any way of writing it; all leads with
 * that number) or a lead reference (that lead, and every other lead with the same phone). Null when
 * the query is neither. `subject` is the masked phone, for the audit log.
 */
export async function findPerson(sql: Sql, query: string): Promise<Person | null> {
  const q = referenceOf(query);
  let phone: string;
  if (q) {
    const [row] = await sql<{ phone: string }[]>`select phone from leads where reference = ${q}`;
    if (!row) return { subject: q, leads: [] };
    phone = row.phone;
    if (phone === "") {
      const leads = await sql<
        LeadRow[]
      >`select id, reference, status, created_at, company_name, phone, anonymised_at from leads where reference = ${q}`;
      return { subject: q, leads: leads.map(toPersonLead) };
    }
  } else {
    const p = normalizePhone(query);
    if (!p.ok) return null;
    phone = p.value;
  }
  const rows = await sql<LeadRow[]>`
    select id, reference, status, created_at, company_name, phone, anonymised_at from leads where phone = ${phone} order by created_at`;
  return { subject: maskPhone(phone), leads: rows.map(toPersonLead) };
}

type LeadRow = {
  id: string;
  reference: string;
  status: string;
  createdAt: Date;
  companyName: string;
  phone: string;
  anonymisedAt: Date | null;
};
const toPersonLead = (r: LeadRow): PersonLead => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  company: r.companyName,
  phoneMasked: r.phone ? maskPhone(r.phone) : "",
  anonymised: r.anonymisedAt !== null,
});

/**
 * Everything we hold about the leads, as one JSON-ready object: each lead as stored (normalised and as
 * typed, consent time), its matches, assignments (with the recruiter's follow-up and visit dates and
 * why it closed, reason code and free text), the staff's notes on it (hotline call notes, recruiter
 * and admin notes: time, source, text, call outcome — not which staff member wrote them), call tasks
 * and the record of staff who saw its phone; the shortlist links shared with them and when each was opened; its search document; the
 * development outbox's mails about it. Records an `export` row in
 * the privacy audit log. A search document that cannot be read (Meilisearch down) is reported as such.
 */
export async function exportPersonData(
  sql: Sql,
  search: SearchClient,
  input: { person: Person; actor: string; outboxDir?: string; leadsIndex: string },
): Promise<Record<string, unknown>> {
  const ids = input.person.leads.map((l) => l.id);
  const leads = ids.length
    ? await sql<Record<string, unknown>[]>`
        select l.id, l.reference, l.status, l.source, l.lng, l.created_at, l.consent_at, l.anonymised_at, l.lead, l.raw,
               coalesce((select jsonb_agg(jsonb_build_object('spaceId', m.space_id, 'parkId', m.park_id, 'score', m.score, 'reasons', m.reasons) order by m.score desc)
                         from matches m where m.lead_id = l.id), '[]') as matches,
               coalesce((select jsonb_agg(jsonb_build_object('parkId', a.park_id, 'recruiterId', a.recruiter_id, 'channel', a.channel, 'status', a.status, 'createdAt', a.created_at,
                                                             'followUpOn', a.follow_up_on, 'visitOn', a.visit_on, 'closeReason', a.close_reason, 'closeNote', a.close_note,
                                                             'closedAt', a.closed_at) order by a.created_at)
                         from assignments a where a.lead_id = l.id), '[]') as assignments,
               coalesce((select jsonb_agg(jsonb_build_object('at', n.created_at, 'source', n.source, 'body', n.body, 'callOutcome', n.call_outcome) order by n.created_at, n.id)
                         from lead_notes n where n.lead_id = l.id), '[]') as notes,
               coalesce((select jsonb_agg(jsonb_build_object('kind', c.kind, 'status', c.status, 'dueAt', c.due_at, 'createdAt', c.created_at) order by c.created_at)
                         from call_tasks c where c.lead_id = l.id), '[]') as "callTasks"
        from leads l where l.id in ${sql(ids)} order by l.created_at`
    : [];
  const access = ids.length ? (await loadPhoneAccessLog(sql, { leadIds: ids, limit: 10_000 })).rows : [];
  const shortlists = await shortlistsOfLeads(sql, ids);
  const searchDocuments: unknown[] = [];
  let searchError: string | null = null;
  for (const id of ids) {
    try {
      searchDocuments.push(await search.index(input.leadsIndex).getDocument(id));
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status !== 404) searchError = "search index unavailable; its documents are copies of the leads above";
    }
  }
  const mails = await findOutboxMailsAbout(
    input.outboxDir,
    input.person.leads.map((l) => l.reference),
  );
  await sql`insert into privacy_audit (actor, action, subject, lead_ids, detail)
            values (${input.actor}, 'export', ${input.person.subject}, ${ids}::uuid[],
                    ${sql.json({ leads: ids.length, searchDocuments: searchDocuments.length, mails: mails.length } as never)})`;
  return {
    exportedAt: new Date().toISOString(),
    privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    leads,
    phoneViews: access,
    searchDocuments,
    ...(searchError ? { searchError } : {}),
    outboxMails: mails.map((m) => ({ file: m.file, raw: m.raw })),
    shortlists, // links recruiters shared with the enterprise, each opening's time (docs/decisions/030)
  };
}

export type PrivacyAuditRow = {
  at: string;
  actor: string;
  action: "export" | "erase" | "retention";
  subject: string | null;
  leads: number;
  detail: Record<string, unknown>;
};

/** The newest privacy audit rows (requests and retention runs), newest first. */
export async function loadPrivacyAudit(sql: Sql, limit = 50): Promise<PrivacyAuditRow[]> {
  const rows = await sql<
    { at: Date; actor: string; action: PrivacyAuditRow["action"]; subject: string | null; leads: number; detail: Record<string, unknown> }[]
  >`
    select at, actor, action, subject, cardinality(lead_ids) as leads, detail from privacy_audit order by at desc, id desc limit ${limit}`;
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
