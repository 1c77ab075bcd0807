import type { Sql } from "~/db/db.server";
import { normalizePhone } from "~/domain/phone";

// "This caller is already known": while a caller talks, the hotline looks up the number as they say it
// (any way of writing it: +86, spaces, dashes, full-width digits) and sees their earlier leads.

export type KnownLead = { leadId: string; reference: string; company: string; status: string; createdAt: string; recruiters: string[] };
export type CallerLookup = { ok: true; phone: string; leads: KnownLead[] } | { ok: false };

export async function lookUpCaller(sql: Sql, typed: string): Promise<CallerLookup> {
  const phone = normalizePhone(typed);
  if (!phone.ok) return { ok: false };
  const rows = await sql<{ id: string; reference: string; company_name: string; status: string; created_at: Date; recruiters: string[] }[]>`
    select l.id, l.reference, l.company_name, l.status, l.created_at,
           coalesce(array_agg(distinct r.name) filter (where r.name is not null), '{}') as recruiters
    from leads l
    left join assignments a on a.lead_id = l.id and a.recruiter_id is not null
    left join recruiters r on r.id = a.recruiter_id
    where l.phone = ${phone.value}
    group by l.id
    order by l.created_at desc
    limit 20`;
  return {
    ok: true,
    phone: phone.value,
    leads: rows.map((r) => ({
      leadId: r.id,
      reference: r.reference,
      company: r.company_name,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      recruiters: r.recruiters,
    })),
  };
}
