import { getSql, type Sql } from "~/db/db.server";

import type { StaffRole } from "./session.server";

export type SignInAccount = { id: string; role: StaffRole; passwordHash: string | null };

/**
 * The account `email` (already trimmed and lower-cased) signs in as, or null: its id, role and stored
 * password hash (`scrypt$N$r$p$salt$hash`, app/staff/password.server.ts; null when no password is set).
 */
export async function findSignInAccount(email: string, sql: Sql = getSql()): Promise<SignInAccount | null> {
  const [row] = await sql<{ id: string; role: StaffRole; password_hash: string | null }[]>`
    select id, role, password_hash from users where email = ${email} and active`; // a deactivated account cannot sign in (ADR 028)
  return row ? { id: row.id, role: row.role, passwordHash: row.password_hash } : null;
}
