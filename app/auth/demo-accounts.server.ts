import type { Sql } from "~/db/db.server";

import { hashPassword } from "./password.server";
import { type PasswordWeakness, passwordWeakness } from "./password-strength.server";

/** The demo password is too easy to guess (`weakness`): the demo's sign-ins are not created with it. */
export class DemoPasswordRefused extends Error {
  constructor(readonly weakness: PasswordWeakness) {
    super(`the demo staff password is refused: ${weakness}`);
  }
}

/**
 * `npm start` with the demo inventory: a sign-in for every demo recruiter (their inventory email) and
 * a demo admin and a demo hotline agent (/hotline), all with one development password, so the desks can be tried at once. Only for a
 * database the demo was just seeded into; an account that exists is left alone.
 */
export async function seedDemoStaff(sql: Sql, password: string): Promise<string[]> {
  // The one rule of staff passwords (ADR 107); the development password is 48 random hex digits, so only
  // a hand-edited .data/demo-staff-password can fail it, and then no account is made with it.
  const weakness = passwordWeakness(password, ["admin@example.test", "hotline@example.test", "example"]);
  if (weakness) throw new DemoPasswordRefused(weakness);
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
