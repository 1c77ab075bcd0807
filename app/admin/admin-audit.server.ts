import type { Sql, TransactionSql } from "~/db/db.server";

// What admins did outside a lead's routing trail (accounts, dead letters, office hours): admin_audit
// (migration 023). Never a password, a token or a full phone number in `detail`.

export type AdminAuditLine = { actor: string; action: string; target: string; detail?: Record<string, unknown> };
export type AdminAuditRow = AdminAuditLine & { id: string; at: string; detail: Record<string, unknown> };

/** Appends one line, in the caller's transaction when given one. */
export async function writeAdminAudit(sql: Sql | TransactionSql, line: AdminAuditLine): Promise<void> {
  await sql`insert into admin_audit (actor, action, target, detail)
            values (${line.actor}, ${line.action}, ${line.target}, ${sql.json((line.detail ?? {}) as never)})`;
}

/** The newest lines, newest first; `targetPrefix` ("user:", "notification:", or several) narrows them. */
export async function loadAdminAudit(
  sql: Sql,
  options: { targetPrefix?: string | string[]; limit?: number } = {},
): Promise<AdminAuditRow[]> {
  const prefixes = [options.targetPrefix ?? []].flat();
  const where =
    prefixes.length > 0 ? sql`where ${prefixes.map((p) => sql`starts_with(target, ${p})`).reduce((a, b) => sql`${a} or ${b}`)}` : sql``;
  const rows = await sql<{ id: string; at: Date; actor: string; action: string; target: string; detail: Record<string, unknown> }[]>`
    select id::text, at, actor, action, target, detail from admin_audit ${where} order by at desc, id desc limit ${options.limit ?? 50}`;
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
