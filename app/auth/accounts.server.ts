import { getSql, type Sql, type TransactionSql } from "~/db/db.server";

import type { StaffRole } from "./session.server";

export type SignInAccount = { id: string; role: StaffRole; passwordHash: string | null };

/**
 * The account `email` (already trimmed and lower-cased) signs in as, or null: its id, role and stored
 * password hash (`scrypt$N$r$p$salt$hash`, app/auth/password.server.ts; null when no password is set).
 */
export async function findSignInAccount(email: string, sql: Sql = getSql()): Promise<SignInAccount | null> {
  const [row] = await sql<{ id: string; role: StaffRole; passwordHash: string | null }[]>`
    select id, role, password_hash from users where email = ${email} and active`; // a deactivated account cannot sign in (ADR 028)
  return row ?? null;
}

/**
 * Ids of every active admin account, by email: escalations go to each of them (ADR 010). A deactivated
 * admin is left out: someone who can no longer sign in receives no more leads' details (ADR 182).
 */
export async function adminUserIds(tx: Sql | TransactionSql): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`select id from users where role = 'admin' and active order by email`;
  return rows.map((r) => r.id);
}

/**
 * The name and email of an active staff account by id (a notice's recipient, as text); null when it is
 * gone or deactivated — a notice queued before the deactivation is not sent to them (ADR 182).
 */
export async function staffContact(sql: Sql, userId: string): Promise<{ name: string; email: string } | null> {
  const [user] = await sql<{ email: string; name: string }[]>`select email, name from users where id::text = ${userId} and active`;
  return user ?? null;
}

/** The role of an account (`StaffRole`), or null when there is no such account. */
export async function roleOfAccount(sql: Sql, userId: string): Promise<StaffRole | null> {
  const [user] = await sql<{ role: StaffRole }[]>`select role from users where id = ${userId}`;
  return user?.role ?? null;
}
