import { createHash } from "node:crypto";

import type { Sql, TransactionSql } from "~/db/db.server";
import { outboxChannel } from "~/db/outbox.server";
import type { AssistFill, Lead, LeadChannel } from "~/domain/lead-schema";
import { HOTLINE_CONSENT_SCRIPT, PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import type { Lng } from "~/i18n/lng";

/** SQLSTATE raised by the intake statement when a concurrent copy of the submission was stored first (migration 033). */
const LOST_RACE = "PM001";

/**
 * The reference `PM-<YYYYMMDD>-<n>` (Asia/Shanghai day): n zero-padded to four digits and longer once
 * the day passes 9,999 leads (`…-10000`, `…-100000`), so a reference is never truncated and never
 * repeats (`lpad` alone cuts `10000` to `1000`). Reads `day` and `n` of the counter row.
 */
function referenceSql(sql: Sql | TransactionSql) {
  return sql`'PM-' || to_char(day, 'YYYYMMDD') || '-' || lpad(n::text, greatest(4, length(n::text)), '0')`;
}

export type StoredLead = { id: string; reference: string; created: boolean; requestHash: string | null };

/** A stable fingerprint of a request body, so a reused Idempotency-Key with another body is caught. */
export function hashRequest(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/**
 * How the person consented: in writing (the form's box, `"consent": true` in the API) or orally on the
 * hotline, where the staff account that asked is recorded and the version of the script read to the
 * caller (`HOTLINE_CONSENT_SCRIPT`) stands in for the notice version.
 */
export function consentMethod(source: LeadChannel): "written" | "oral" {
  return source === "hotline" ? "oral" : "written";
}

/**
 * Stores a validated lead and its outbox rows (`lead.index`, `lead.match`) in one transaction. Idempotent on the
 * submission key: a replay (double click, retried request, 50 concurrent copies) gets the first lead back.
 * Never touches Redis or Meilisearch: the relay picks the outbox row up.
 */
export async function storeLead(
  sql: Sql,
  input: {
    lead: Lead;
    assist: AssistFill[];
    raw: unknown;
    source: LeadChannel;
    lng: Lng;
    submissionKey?: string | null;
    requestHash?: string | null;
    /** Hotline only: the staff user (users.id) who took the caller's oral consent. */
    consentRecordedBy?: string | null;
  },
): Promise<StoredLead> {
  // The schema refuses a lead without consent; this guards every other caller (PIPL: no consent, no processing).
  if (input.lead.consent !== true) throw new Error("a lead without consent is never stored");
  const method = consentMethod(input.source);
  const recordedBy = method === "oral" ? (input.consentRecordedBy ?? null) : null;
  if (method === "oral" && !recordedBy) throw new Error("a hotline lead needs the staff account that recorded the oral consent");
  const key = input.submissionKey ?? null;
  if (key) {
    const existing = await findBySubmissionKey(sql, key);
    if (existing) return existing;
  }
  // One statement, in its own transaction: bump the day's counter, insert the lead with its reference,
  // add its outbox rows, wake the index writer and the relay (NOTIFY is sent at commit). The counter row
  // is locked from the bump to the commit, so all leads of a day pass it one at a time: a single
  // statement keeps that to the commit's own wait (five round trips in a transaction kept intake under
  // ~60 leads/s; docs/decisions/031). A copy whose submission key another copy took is raised as
  // PM001 (migration 033), which rolls its bump back: a copy spends no reference number.
  const { lead } = input;
  try {
    const [row] = await sql<{ id: string; reference: string }[]>`
      with today as (select (now() at time zone 'Asia/Shanghai')::date as day),
      bump as (
        insert into reference_counters (day, n) select day, 1 from today
        on conflict (day) do update set n = reference_counters.n + 1
        returning day, n
      ),
      stored as (
        insert into leads (reference, source, lng, submission_key, request_hash, lead, raw, assist,
                           phone, credit_code, company_name, industry,
                           consent_at, consent_version, consent_method, consent_recorded_by)
        select ${referenceSql(sql)}, ${input.source}, ${input.lng}, ${key}, ${input.requestHash ?? null},
               ${sql.json(lead as never)}, ${sql.json((input.raw ?? {}) as never)}, ${sql.json(input.assist as never)},
               ${lead.contact.phone}, ${lead.company.creditCode ?? null}, ${lead.company.name}, ${lead.use.industry ?? null},
               now(), ${method === "oral" ? HOTLINE_CONSENT_SCRIPT.version : PRIVACY_NOTICE_VERSION}, ${method}, ${recordedBy}
        from bump
        on conflict (submission_key) do nothing
        returning id, reference
      ),
      work as (
        -- Indexing and matching run side by side: a recruiter's email never waits for the search index.
        insert into outbox (topic, aggregate_id)
        select topic, stored.id::text from stored, (values (1, 'lead.index'), (2, 'lead.match')) as t (n, topic)
        order by n
        returning id
      )
      select stored.id, stored.reference, (select count(*) from work) as work,
             pg_notify(${outboxChannel("lead.index")}, '')::text as woke_index, pg_notify(${outboxChannel("lead.match")}, '')::text as woke_relay
      from stored
      union all
      select null, null, null, null, null where intake_lost_race_if(not exists (select 1 from stored))`;
    return { id: row.id, reference: row.reference, created: true, requestHash: input.requestHash ?? null };
  } catch (error) {
    if ((error as { code?: string }).code !== LOST_RACE) throw error;
    const winner = key ? await findBySubmissionKey(sql, key) : null;
    if (!winner) throw new Error("lead insert conflicted but no lead holds the submission key", { cause: error });
    return winner;
  }
}

async function findBySubmissionKey(sql: Sql, key: string): Promise<StoredLead | null> {
  const [row] = await sql<{ id: string; reference: string; requestHash: string | null }[]>`
    select id, reference, request_hash from leads where submission_key = ${key}`;
  return row ? { id: row.id, reference: row.reference, created: false, requestHash: row.requestHash } : null;
}
