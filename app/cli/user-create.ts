import { parseArgs } from "node:util";

import { z } from "zod";

import { hashPassword } from "~/auth/password.server";
import { passwordWeakness, passwordWeaknessText, personalWords } from "~/auth/password-strength.server";
import { revokeSessionsOf } from "~/auth/session.server";
import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { cleanTyped } from "~/domain/format-chars";

// npm run user:create -- --role recruiter --email zhou@example.cn --recruiter R1 [--name 周敏] [--password-stdin]
// Staff accounts: admins receive SLA escalations; with --password-stdin (the first line of standard
// input, never an argument that `ps` would show) the person can sign in at /login.
const { values } = parseArgs({
  options: {
    role: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    recruiter: { type: "string" },
    "password-stdin": { type: "boolean" },
  },
});
const input = z
  .object({
    role: z.enum(["admin", "recruiter", "hotline"], { error: "--role must be admin, recruiter or hotline" }),
    email: z.email({ error: "--email must be an email address" }),
    name: z.string().overwrite(cleanTyped).max(50).default(""),
    recruiter: z.string().optional(),
    "password-stdin": z.boolean().optional(),
  })
  .refine((v) => v.role !== "recruiter" || v.recruiter, { error: "--recruiter <id> is required for a recruiter account" })
  .refine((v) => v.role === "recruiter" || !v.recruiter, { error: "--recruiter belongs to recruiter accounts only" })
  .safeParse(values);
if (!input.success) {
  for (const issue of input.error.issues) console.error(issue.message);
  console.error(
    "usage: npm run user:create -- --role admin|recruiter|hotline --email a@example.cn [--name 张三] [--recruiter R1] [--password-stdin]",
  );
  process.exit(2);
}
let passwordHash: string | null = null;
if (input.data["password-stdin"]) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  // The rule of every place a staff password is set (ADR 107): long enough and not guessed early, knowing the person.
  const { email, name, recruiter } = input.data;
  const weakness = passwordWeakness(password, personalWords({ email, name, recruiterId: recruiter }));
  if (weakness) {
    console.error(passwordWeaknessText("zh", weakness));
    console.error(passwordWeaknessText("en", weakness));
    process.exit(2);
  }
  passwordHash = await hashPassword(password);
}
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/parkmatch";
await migrate(url);
const sql = createSql(url, { max: 1 });
try {
  const { role, email, name } = input.data;
  // The recruiter record by its id in any case (ids ignore case, ADR 107): linked as stored.
  let recruiter: string | null = null;
  if (input.data.recruiter) {
    const [r] = await sql<{ id: string }[]>`select id from recruiters where lower(id) = lower(${input.data.recruiter})`;
    if (!r) throw new Error(`no recruiter record ${input.data.recruiter}`);
    recruiter = r.id;
  }
  const [row] = await sql<{ id: string; created: boolean }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values (${email.toLowerCase()}, ${name}, ${role}, ${recruiter}, ${passwordHash})
    on conflict (email) do update set name = excluded.name, role = excluded.role, recruiter_id = excluded.recruiter_id,
                                      password_hash = coalesce(excluded.password_hash, users.password_hash)
    returning id, (xmax = 0) as created`;
  // Any change to an account (a new password, another role) ends its sessions: a leaked password is not still signed in.
  const revoked = row.created ? 0 : await revokeSessionsOf(sql, row.id);
  console.log(`${row.created ? "created" : "updated"} ${role} ${email} (${row.id})${revoked ? `; ${revoked} session(s) signed out` : ""}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await sql.end();
}
