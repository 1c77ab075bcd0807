import type { Sql, TransactionSql } from "~/db/db.server";
import type { StaffRole } from "~/domain/statuses";

// Reads of the staff accounts (`users`, migration 003): sign-in, and who to tell about an escalation.

/** The account for a sign-in by email (already trimmed and lower-cased by the caller); null when none. */
export async function findStaffLogin(
  sql: Sql,
  email: string,
): Promise<{ id: string; role: StaffRole; passwordHash: string | null } | null> {
  const [user] = await sql<{ id: string; role: StaffRole; password_hash: string | null }[]>`
    select id, role, password_hash from users where email = ${email}`;
  return user ? { id: user.id, role: user.role, passwordHash: user.password_hash } : null;
}

/** Ids of every admin account, by email: escalations go to each of them (ADR 010). */
export async function adminUserIds(tx: Sql | TransactionSql): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`select id from users where role = 'admin' order by email`;
  return rows.map((r) => r.id);
}

/** The name and email of a staff account by id (a notice's recipient, as text); null when it is gone. */
export async function staffContact(sql: Sql, userId: string): Promise<{ name: string; email: string } | null> {
  const [user] = await sql<{ email: string; name: string }[]>`select email, name from users where id::text = ${userId}`;
  return user ?? null;
}
