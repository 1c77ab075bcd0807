import { createHash } from "node:crypto";

import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import type { AssistFill, Lead, LeadChannel } from "~/domain/lead-schema";
import { HOTLINE_CONSENT_SCRIPT, PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import type { Lng } from "~/i18n/lng";

/** Thrown inside the intake transaction when a concurrent copy of the submission committed first. */
class LostRace extends Error {}

/**
 * The reference `PM-<YYYYMMDD>-<n>` (Asia/Shanghai day): n zero-padded to four digits and longer once
 * the day passes 9,999 leads (`…-10000`, `…-100000`), so a reference is never truncated and never
 * repeats (`lpad` alone cuts `10000` to `1000`). Reads `day` and `n` of the counter row.
 */
function referenceSql(tx: TransactionSql) {
  return tx`'PM-' || to_char(day, 'YYYYMMDD') || '-' || lpad(n::text, greatest(4, length(n::text)), '0')`;
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
  let stored: StoredLead;
  try {
    stored = await sql.begin(async (tx) => {
      const [{ reference }] = await tx<{ reference: string }[]>`
        with today as (select (now() at time zone 'Asia/Shanghai')::date as day),
        bump as (
          insert into reference_counters (day, n) select day, 1 from today
          on conflict (day) do update set n = reference_counters.n + 1
          returning day, n
        )
        select ${referenceSql(tx)} as reference from bump`;
      const { lead } = input;
      const rows = await tx<{ id: string; reference: string }[]>`
        insert into leads (reference, source, lng, submission_key, request_hash, lead, raw, assist,
                           phone, credit_code, company_name, industry,
                           consent_at, consent_version, consent_method, consent_recorded_by)
        values (${reference}, ${input.source}, ${input.lng}, ${key}, ${input.requestHash ?? null},
                ${tx.json(lead as never)}, ${tx.json((input.raw ?? {}) as never)}, ${tx.json(input.assist as never)},
                ${lead.contact.phone}, ${lead.company.creditCode ?? null}, ${lead.company.name}, ${lead.use.industry ?? null},
                now(), ${method === "oral" ? HOTLINE_CONSENT_SCRIPT.version : PRIVACY_NOTICE_VERSION}, ${method}, ${recordedBy})
        on conflict (submission_key) do nothing
        returning id, reference`;
      // A concurrent copy won. Roll back, so this copy spends no reference number (the counter row
      // is locked from the bump to the commit, so the copies queue there and each undoes its bump).
      if (rows.length === 0) throw new LostRace();
      // Indexing and matching run side by side: a recruiter's email never waits for the search index.
      await enqueue(tx, "lead.index", [rows[0].id]);
      await enqueue(tx, "lead.match", [rows[0].id]);
      return { id: rows[0].id, reference: rows[0].reference, created: true, requestHash: input.requestHash ?? null };
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    const winner = key ? await findBySubmissionKey(sql, key) : null;
    if (!winner) throw new Error("lead insert conflicted but no lead holds the submission key", { cause: error });
    return winner;
  }
  return stored;
}

async function findBySubmissionKey(sql: Sql, key: string): Promise<StoredLead | null> {
  const [row] = await sql<{ id: string; reference: string; request_hash: string | null }[]>`
    select id, reference, request_hash from leads where submission_key = ${key}`;
  return row ? { id: row.id, reference: row.reference, created: false, requestHash: row.request_hash } : null;
}
