import type { Sql, TransactionSql } from "~/db/db.server";
import { NOTE_MAX } from "~/domain/call-outcomes";
import { cleanTyped } from "~/domain/format-chars";

// Notes on a lead (table lead_notes, migration 027): the hotline's call notes here; the recruiter desk
// writes its own with source 'recruiter'. Internal: never shown to the enterprise.

export type NoteSource = "hotline" | "recruiter" | "admin";
export type LeadNote = { id: string; body: string; createdAt: string; author: string; source: NoteSource; callOutcome: string | null };

/** A note the same person wrote on the same lead with the same words this recently is the same press sent twice. */
export const DOUBLE_PRESS_SECONDS = 10;

type NoteFields = { leadId: string; authorId: string | null; body: string; source: NoteSource; callTaskId?: string | null };

/**
 * The id of the note `note` repeats — same lead, author, words, source and call task, written in the
 * last DOUBLE_PRESS_SECONDS — or null. The caller holds a lock that orders writers of the lead's notes
 * (the assignment's row, or noteLock), so two presses arriving together see each other.
 */
export async function sameNoteJustNow(tx: TransactionSql, note: NoteFields): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    select id from lead_notes
    where lead_id = ${note.leadId} and author_staff_id is not distinct from ${note.authorId} and body = ${note.body}
      and source = ${note.source} and call_task_id is not distinct from ${note.callTaskId ?? null}
      and created_at > now() - make_interval(secs => ${DOUBLE_PRESS_SECONDS})
    limit 1`;
  return row?.id ?? null;
}

/** Orders the writers of one lead's notes until the transaction ends. */
async function noteLock(tx: TransactionSql, leadId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext('lead_notes'), hashtext(${leadId}))`;
}

/**
 * Adds a note. `body` is trimmed; a blank body adds nothing (returns null). `callTaskId`/`callOutcome`
 * tie a call note to the call task whose outcome it was written with. Run it in the caller's
 * transaction when the note belongs to another write (the outcome, the need edit). A press sent twice
 * (the same note again within DOUBLE_PRESS_SECONDS) stores one note and returns its id.
 */
export async function addLeadNote(sql: Sql | TransactionSql, note: NoteFields & { callOutcome?: string | null }): Promise<string | null> {
  // Callers refuse an over-long note with a field message; this cut is a last guard and keeps whole code points.
  const body = Array.from(cleanTyped(note.body)).slice(0, NOTE_MAX).join("");
  if (!body) return null;
  const write = async (tx: TransactionSql) => {
    await noteLock(tx, note.leadId);
    const again = await sameNoteJustNow(tx, { ...note, body });
    if (again) return again;
    const [row] = await tx<{ id: string }[]>`
      insert into lead_notes (lead_id, author_staff_id, body, source, call_task_id, call_outcome)
      values (${note.leadId}, ${note.authorId}, ${body}, ${note.source}, ${note.callTaskId ?? null}, ${note.callOutcome ?? null})
      returning id`;
    return row.id;
  };
  return "begin" in sql ? sql.begin(write) : write(sql);
}

/** A lead's notes, newest first (at most `limit`), with the author's name (or email). */
export async function loadLeadNotes(sql: Sql | TransactionSql, leadId: string, limit = 50): Promise<LeadNote[]> {
  const rows = await sql<
    { id: string; body: string; createdAt: Date; author: string | null; source: NoteSource; callOutcome: string | null }[]
  >`
    select n.id, n.body, n.created_at, coalesce(nullif(u.name, ''), u.email) as author, n.source, n.call_outcome
    from lead_notes n left join users u on u.id = n.author_staff_id
    where n.lead_id = ${leadId}
    order by n.created_at desc, n.id
    limit ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    author: r.author ?? "—",
    source: r.source,
    callOutcome: r.callOutcome,
  }));
}
