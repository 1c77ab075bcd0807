import { createHash } from "node:crypto";

import type { Sql, TransactionSql } from "~/db/db.server";
import { outboxChannel } from "~/db/outbox.server";
import type { AssistFill, Lead, LeadChannel } from "~/domain/lead-schema";
import { HOTLINE_CONSENT_SCRIPT, PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import { leadSearchCopies } from "~/domain/search-text.server";
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

/**
 * A web or API lead with the same phone, company and need as a lead stored less than this long before
 * it is a likely repeat (a second tap, the Back button, "did it go through?"): stored all the same, the
 * person may mean it, and flagged `repeat` for the recruiter with the first lead's reference (ADR 102).
 * A rolling window, counted back from the storing statement's time: a China day never enters it — a copy
 * at 00:01 of a lead sent at 23:59 is a repeat, also when the two arrive at once at two web processes
 * (migration 090's lock, docs/decisions/114).
 */
export const REPEAT_WINDOW_MINUTES = 60;

/**
 * `repeatOf`: the reference of the earlier lead this new one repeats (same phone, same company, same need — kind, deal,
 * area bounds in ㎡ and region codes — within REPEAT_WINDOW_MINUTES; web and API leads only), else null.
 */
export type StoredLead = { id: string; reference: string; created: boolean; requestHash: string | null; repeatOf: string | null };

/** A stable fingerprint (sha256, hex) of a JSON-serialisable value. */
export function hashRequest(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/**
 * The fingerprint of what a lead is (sha256, hex): the parsed, normalised lead and the assist's fills,
 * as the lead schema gives them (`{ lead, assist }`), never the request that carried it. Every channel's
 * duplicate check uses it (form and hotline inside the submission key, the API as the Idempotency-Key's
 * request hash), so the form's machinery (region picker fields, its intent, the honeypot, the key itself),
 * JSON key order, spacing or a phone typed another way never turn one lead into two, while another need,
 * company or contact still does (a new form lead; 409 on the API).
 */
export function leadHash(value: { lead: Lead; assist: AssistFill[] }): string {
  return hashRequest({ lead: value.lead, assist: value.assist });
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
 * Stores a validated lead and its outbox rows (`lead.index`, `lead.match`) in one transaction, together
 * with the leads other requests of this process sent meanwhile (group commit, docs/decisions/039), and
 * resolves only after that transaction committed. Idempotent on the submission key: a replay (double
 * click, retried request, 50 concurrent copies, in one batch or not) gets the first lead back
 * (`created: false`, the first lead's `requestHash`) and spends no reference number. Rejects with the
 * database's error when this lead cannot be stored (another lead's failure never fails it), or when the
 * connection was lost (the lead may or may not be stored; it is never acknowledged). Throws at once for a
 * lead without consent, or a hotline lead without the staff account that recorded the oral consent
 * (docs/decisions/016). Never touches Redis or Meilisearch: the relay picks the outbox rows up.
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
  const { lead } = input;
  let batcher = batchers.get(sql);
  if (!batcher) batchers.set(sql, (batcher = new IntakeBatcher(sql)));
  const copies = leadSearchCopies(lead);
  return batcher.store({
    source: input.source,
    lng: input.lng,
    key: input.submissionKey ?? null,
    hash: input.requestHash ?? null,
    lead,
    raw: input.raw ?? {},
    assist: input.assist,
    phone: lead.contact.phone,
    credit: lead.company.creditCode ?? null,
    company: lead.company.name,
    companysearch: copies.company,
    productsearch: copies.product,
    industry: lead.use.industry ?? null,
    version: method === "oral" ? HOTLINE_CONSENT_SCRIPT.version : PRIVACY_NOTICE_VERSION,
    method,
    recorder: recordedBy,
  });
}

/** One lead as the batch statement reads it (`jsonb_to_recordset`): single-word keys, so no column transform touches them. */
type BatchRow = {
  ord: number;
  source: LeadChannel;
  lng: Lng;
  key: string | null;
  hash: string | null;
  lead: Lead;
  raw: unknown;
  assist: AssistFill[];
  phone: string;
  credit: string | null;
  company: string;
  /** The search copies of company name and product (migration 062, docs/decisions/078). */
  companysearch: string;
  productsearch: string;
  industry: string | null;
  version: string;
  method: "written" | "oral";
  recorder: string | null;
};

type Pending = { row: BatchRow; resolve: (stored: StoredLead) => void; reject: (error: unknown) => void };

/**
 * The most leads one statement stores (default 100). A lead's body is at most 64 KB (the request gate),
 * so a batch's parameter stays within a few MB even at the limit. `intakeBatchLimit(1)` stores every
 * lead by its own statement (group commit off): the intake bench compares both in one run.
 */
let maxBatch = 100;
export function intakeBatchLimit(n?: number): number {
  if (n !== undefined) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`intake batch limit must be a whole number ≥ 1, got ${n}`);
    maxBatch = n;
  }
  return maxBatch;
}

/**
 * Group commit (docs/decisions/039): per pool, one intake statement is in flight at a time; the leads
 * that arrive meanwhile wait and go together in the next statement — one bump of the day's counter by
 * N, N leads, 2N outbox rows, one commit and one WAL flush. The day's counter row serialises every
 * lead's commit anyway (gapless references), so a second statement in flight would only queue on its
 * lock; gathering turns that queue into one commit.
 */
class IntakeBatcher {
  private waiting: Pending[] = [];
  private running = false;

  constructor(private readonly sql: Sql) {}

  store(row: Omit<BatchRow, "ord">): Promise<StoredLead> {
    return new Promise<StoredLead>((resolve, reject) => {
      this.waiting.push({ row: { ...row, ord: 0 }, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, maxBatch);
        batch.forEach((p, i) => (p.row.ord = i));
        await storeBatch(this.sql, batch);
      }
    } finally {
      this.running = false;
    }
  }
}

const batchers = new WeakMap<Sql, IntakeBatcher>();

/**
 * Stores a batch and settles every request of it, never before the commit. A batch that Postgres
 * refused (any SQLSTATE error: the statement, and so its transaction, rolled back) is stored again
 * lead by lead, so one lead's failure (a bad value, a concurrent copy from another process) fails no
 * other lead. A lost connection fails the whole batch: whether it committed is unknown, and storing
 * again could store a lead twice; every request of it gets the error (answered 503, nothing acknowledged).
 */
async function storeBatch(sql: Sql, batch: Pending[]): Promise<void> {
  try {
    const stored = await insertBatch(
      sql,
      batch.map((p) => p.row),
    );
    for (const p of batch) {
      const answer = stored.get(p.row.ord);
      if (answer) p.resolve(answer);
      else p.reject(new Error("the intake statement returned no answer for a lead of its batch"));
    }
  } catch (error) {
    if (batch.length > 1 && rolledBack(error)) {
      for (const [i, p] of batch.entries()) {
        p.row.ord = 0;
        await storeBatch(sql, [p]);
        p.row.ord = i;
      }
      return;
    }
    if (batch.length === 1 && (error as { code?: string }).code === LOST_RACE) {
      // A copy from another process took the key between this statement's snapshot and its insert.
      const key = batch[0].row.key;
      const winner = key ? await findBySubmissionKey(sql, key).catch(() => null) : null;
      if (winner) return batch[0].resolve(winner);
      return batch[0].reject(new Error("lead insert conflicted but no lead holds the submission key", { cause: error }));
    }
    for (const p of batch) p.reject(error);
  }
}

/** True for an error Postgres answered with a SQLSTATE, other than a lost connection or a shutdown (classes 08, 57). */
function rolledBack(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
}

/**
 * The batch statement, in its own transaction. Leads whose submission key is already stored get that
 * lead back (created false) and spend no number; of several leads in the batch with one key, the first
 * is stored and the others get it back. The counter is bumped once by the number of new leads, and
 * lead i of them gets the reference n − count + i, in arrival order. A new lead whose key a concurrent
 * statement took after this one's snapshot makes the whole statement fail with PM001 (migration 033),
 * so its bump rolls back: nothing is stored and no number spent; the caller stores the batch again.
 * Returns the answer of each lead by its `ord`.
 */
async function insertBatch(sql: Sql, rows: BatchRow[]): Promise<Map<number, StoredLead>> {
  const answers = await sql<
    { ord: number; id: string; reference: string; created: boolean; requestHash: string | null; repeatOf: string | null }[]
  >`
    with input as (
      select * from jsonb_to_recordset(${sql.json(rows as never)}) as x (
        ord int, source text, lng text, key text, hash text, lead jsonb, raw jsonb, assist jsonb,
        phone text, credit text, company text, companysearch text, productsearch text, industry text,
        version text, method text, recorder uuid)
    ),
    fresh as (
      select distinct on (key, case when key is null then ord end) *
      from input x
      where key is null or not exists (select 1 from leads l where l.submission_key = x.key)
      order by key, case when key is null then ord end, ord
    ),
    numbered as (
      select f.*, row_number() over (order by f.ord) as i, count(*) over () as total from fresh f
    ),
    bump as (
      insert into reference_counters (day, n)
      select (now() at time zone 'Asia/Shanghai')::date, count(*) from fresh having count(*) > 0
      on conflict (day) do update set n = reference_counters.n + excluded.n
      -- After the day's counter row, the lock that is the same every day (intake_serialised, migration
      -- 090): a copy stored by another statement on the other side of China midnight is committed before
      -- this statement's repeat check looks (docs/decisions/114).
      returning day, intake_serialised(n) as n
    ),
    referenced as (
      select nb.*, ${referenceSql(sql)} as reference, c.n as counter
      from numbered nb cross join lateral (select b.day, b.n - nb.total + nb.i as n from bump b) c
    ),
    ready as (
      -- A likely repeat (ADR 102, 108): the first lead of the same phone and need within the window —
      -- stored before (intake_repeat_of, migration 085: its own snapshot, taken after this statement got
      -- the day's counter row, also sees a copy another process committed meanwhile), else an earlier
      -- copy in this batch. "The same need" is lead_need_key on both sides.
      select r.*,
             case when r.source in ('web', 'api') and r.phone <> '' then coalesce(
               intake_repeat_of(r.phone, r.lead, ${REPEAT_WINDOW_MINUTES}, r.counter),
               (select e.reference from referenced e
                where e.ord < r.ord and split_part(e.phone, ';', 1) = split_part(r.phone, ';', 1) -- the main number (ADR 107)
                  and lead_need_key(e.lead) = lead_need_key(r.lead)
                  and company_key(e.lead #>> '{company,name}') = company_key(r.lead #>> '{company,name}')
                order by e.ord limit 1)) end as repeat_of
      from referenced r
    ),
    stored as (
      insert into leads (reference, source, lng, submission_key, request_hash, lead, raw, assist,
                         phone, credit_code, company_name, company_search, product_search, industry,
                         consent_at, consent_version, consent_method, consent_recorded_by)
      select reference, source, lng, key, hash,
             case when repeat_of is null then lead
                  else jsonb_set(lead, '{flags}', coalesce(lead -> 'flags', '[]'::jsonb)
                         || jsonb_build_array(jsonb_build_object('field', 'contact.phone', 'code', 'repeat', 'text', repeat_of))) end,
             raw, assist, phone, credit, company, companysearch, productsearch, industry,
             now(), version, method, recorder
      from ready order by ord
      on conflict (submission_key) do nothing
      returning id, reference
    ),
    work as (
      -- Indexing and matching run side by side: a recruiter's email never waits for the search index.
      insert into outbox (topic, aggregate_id)
      select t.topic, s.id::text
      from stored s join ready r using (reference), (values (1, 'lead.index'), (2, 'lead.match')) as t (n, topic)
      order by r.ord, t.n
      returning id
    )
    select r.ord, s.id, s.reference, true as created, r.hash as "requestHash", r.repeat_of as "repeatOf",
           pg_notify(${outboxChannel("lead.index")}, '')::text as "wokeIndex", pg_notify(${outboxChannel("lead.match")}, '')::text as "wokeRelay"
    from ready r join stored s using (reference)
    union all
    select x.ord, l.id, l.reference, false, l.request_hash, ${REPEAT_OF_STORED(sql)}, null, null
    from input x join leads l on l.submission_key = x.key
    union all
    select x.ord, s.id, s.reference, false, r.hash, r.repeat_of, null, null
    from input x join ready r on r.key = x.key and r.ord <> x.ord join stored s using (reference)
    union all
    select null, null, null, null, null, null, null, null
    where intake_lost_race_if((select count(*) from stored) < (select count(*) from ready))`;
  return new Map(
    answers.map((a) => [a.ord, { id: a.id, reference: a.reference, created: a.created, requestHash: a.requestHash, repeatOf: a.repeatOf }]),
  );
}

async function findBySubmissionKey(sql: Sql, key: string): Promise<StoredLead | null> {
  const [row] = await sql<{ id: string; reference: string; requestHash: string | null; repeatOf: string | null }[]>`
    select l.id, l.reference, l.request_hash as "requestHash", ${REPEAT_OF_STORED(sql)} as "repeatOf"
    from leads l where l.submission_key = ${key}`;
  return row ? { id: row.id, reference: row.reference, created: false, requestHash: row.requestHash, repeatOf: row.repeatOf } : null;
}

/**
 * The first lead a stored lead `l` repeats, as its `repeat` flag names it (null when none): a replay of its submission
 * key answers what its first send answered, `repeatOf` included — "the same answer again" (attack40 #1: a replay
 * dropped it, so a client that retried after losing the first answer never learnt the reference staff work).
 */
const REPEAT_OF_STORED = (sql: Sql) => sql`(
  select f ->> 'text' from jsonb_array_elements(case when jsonb_typeof(l.lead -> 'flags') = 'array' then l.lead -> 'flags' else '[]'::jsonb end) f
  where f ->> 'code' = 'repeat' limit 1)`;
