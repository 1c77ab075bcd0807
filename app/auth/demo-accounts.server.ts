import type { Sql } from "~/db/db.server";

import { hashPassword } from "./password.server";

/**
 * `npm start` with the demo inventory: a sign-in for every demo recruiter (their inventory email) and
 * a demo admin and a demo hotline agent (/hotline), all with one development password, so the desks can be tried at once. Only for a
 * database the demo was just seeded into; an account that exists is left alone.
 */
export async function seedDemoStaff(sql: Sql, password: string): Promise<string[]> {
  const hash = await hashPassword(password);
  const rows = await sql<{ email: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash)
    select lower(email), name, 'recruiter', id, ${hash} from recruiters
    union all
    select 'admin@example.test', '管理员（示例）', 'admin', null, ${hash}
    union all
    select 'hotline@example.test', '热线坐席（示例）', 'hotline', null, ${hash}
    on conflict (email) do nothing
    returning email`;
  return rows.map((r) => r.email);
}
