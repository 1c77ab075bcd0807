import type { Sql, TransactionSql } from "~/db/db.server";
import { NOTE_MAX } from "~/domain/call-outcomes";
import { trimInvisible } from "~/domain/format-chars";

// Notes on a lead (table lead_notes, migration 027): the hotline's call notes here; the recruiter desk
// writes its own with source 'recruiter'. Internal: never shown to the enterprise.

export type NoteSource = "hotline" | "recruiter" | "admin";
export type LeadNote = { id: string; body: string; createdAt: string; author: string; source: NoteSource; callOutcome: string | null };

/**
 * Adds a note. `body` is trimmed; a blank body adds nothing (returns null). `callTaskId`/`callOutcome`
 * tie a call note to the call task whose outcome it was written with. Run it in the caller's
 * transaction when the note belongs to another write (the outcome, the need edit).
 */
export async function addLeadNote(
  sql: Sql | TransactionSql,
  note: {
    leadId: string;
    authorId: string | null;
    body: string;
    source: NoteSource;
    callTaskId?: string | null;
    callOutcome?: string | null;
  },
): Promise<string | null> {
  const body = trimInvisible(note.body).slice(0, NOTE_MAX);
  if (!body) return null;
  const [row] = await sql<{ id: string }[]>`
    insert into lead_notes (lead_id, author_staff_id, body, source, call_task_id, call_outcome)
    values (${note.leadId}, ${note.authorId}, ${body}, ${note.source}, ${note.callTaskId ?? null}, ${note.callOutcome ?? null})
    returning id`;
  return row.id;
}

/** A lead's notes, newest first (at most `limit`), with the author's name (or email). */
export async function loadLeadNotes(sql: Sql, leadId: string, limit = 50): Promise<LeadNote[]> {
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
