-- A likely repeat (ADR 102; docs/decisions/108): the same phone, company and need within the window.
-- lead_need_key is "the same need" — kind, deal, area bounds in ㎡, region codes sorted — one expression
-- for both sides of the comparison.
create function lead_need_key(lead jsonb) returns jsonb language sql immutable parallel safe as $$
  select jsonb_build_array(lead -> 'need' -> 'kind', lead -> 'need' -> 'deal', lead -> 'need' -> 'areaMinSqm', lead -> 'need' -> 'areaMaxSqm',
    coalesce((select jsonb_agg(c order by c) from jsonb_array_elements_text(lead -> 'need' -> 'regionCodes') c), '[]'::jsonb))
$$;

-- A company name as a repeat compares it: case, spaces, punctuation and the legal form's words set aside
-- ("南京重复一号有限公司" and "南京重复一号公司" are one enterprise typed twice; ADR 108 amended).
create function company_key(name text) returns text language sql immutable parallel safe as $$
  select regexp_replace(lower(coalesce(name, '')),
    '股份有限公司|有限责任公司|有限公司|分公司|公司|集团|\s|[[:punct:]（）【】，。、·]|\m(co|ltd|limited|inc|corp|llc)\M', '', 'g')
$$;

-- The first stored lead that a new one repeats, or null. Volatile plpgsql (never inlined): under READ
-- COMMITTED its query takes a snapshot of its own, so — called by the intake statement after it took the
-- day's reference counter row — it sees the leads of another intake statement that held that row and
-- committed meanwhile (two copies sent to two web processes at once), which the statement's own snapshot
-- does not. `after_counter` is not read: passing the counter's value ties the call to after that lock.
create function intake_repeat_of(p_phone text, p_lead jsonb, p_minutes int, after_counter bigint) returns text
language plpgsql volatile as $$
declare
  found text;
begin
  select l.reference into found from leads l
  where split_part(l.phone, ';', 1) = split_part(p_phone, ';', 1) -- the main number, extension or not (ADR 107)
    and l.created_at > now() - make_interval(mins => p_minutes)
    and lead_need_key(l.lead) = lead_need_key(p_lead)
    -- the same enterprise: one phone for two companies (an agent, a group's offices) is two enquiries
    and company_key(l.lead #>> '{company,name}') = company_key(p_lead #>> '{company,name}')
  order by l.created_at, l.id limit 1;
  return found;
end
$$;

-- A repeat is attached to the lead it repeats (closed as its duplicate by lead.match, docs/decisions/108);
-- the first lead's pages and the recruiter's desk list and count them.
create index leads_duplicate_of on leads (duplicate_of) where duplicate_of is not null;

-- The need as the enterprise submitted it (its need without the notes, and the intake's flags), kept by
-- the first staff edit of the need (docs/decisions/108): the enterprise's own page shows what it sent,
-- and a staff correction apart. Null while nobody edited the need; erased with the lead.
alter table leads add column need_submitted jsonb;
