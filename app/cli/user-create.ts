import { parseArgs } from "node:util";
import { z } from "zod";
import { createSql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

// npm run user:create -- --role admin --email admin@example.cn [--name 张三] [--recruiter R1]
// Staff accounts: admins receive SLA escalations. (Sign-in for staff comes with the staff desks.)
const { values } = parseArgs({
  options: { role: { type: "string" }, email: { type: "string" }, name: { type: "string" }, recruiter: { type: "string" } },
});
const input = z
  .object({
    role: z.enum(["admin", "recruiter", "hotline"], { error: "--role must be admin, recruiter or hotline" }),
    email: z.email({ error: "--email must be an email address" }),
    name: z.string().max(50).default(""),
    recruiter: z.string().optional(),
  })
  .safeParse(values);
if (!input.success) {
  for (const issue of input.error.issues) console.error(issue.message);
  console.error("usage: npm run user:create -- --role admin --email admin@example.cn [--name 张三] [--recruiter R1]");
  process.exit(2);
}
const url = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/parkmatch";
await migrate(url);
const sql = createSql(url, { max: 1 });
try {
  const { role, email, name, recruiter } = input.data;
  const [row] = await sql<{ id: string; created: boolean }[]>`
    insert into users (email, name, role, recruiter_id) values (${email.toLowerCase()}, ${name}, ${role}, ${recruiter ?? null})
    on conflict (email) do update set name = excluded.name, role = excluded.role, recruiter_id = excluded.recruiter_id
    returning id, (xmax = 0) as created`;
  console.log(`${row.created ? "created" : "updated"} ${role} ${email} (${row.id})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await sql.end();
}
