import { afterAll, beforeAll, expect } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { createMailer } from "~/notify/mailer.server";

import type { JobContext } from "../../worker/job-context";
import { leadMatchJob } from "../../worker/lead-match.job";
import { leadMatchJobSuite } from "./lead-match-job";
import { startWebServer } from "./services";

/** The password of the suite's staff accounts (zhoumin@example.test for recruiter R1, desk@example.test for the hotline). */
export const DESK_PASSWORD = "recruiter-秘密-2026";

/**
 * A test file's desks and worker: leadMatchJobSuite's database `name` (the demo inventory) with a web server on it, a
 * recruiter (R1) and a hotline account, and lead.match run straight (an empty spaces index: every space is
 * read from Postgres), its emails written to `mailDir` when given. `runMatch(leadId)` runs the lead's open
 * lead.match rows as the worker would. Everything is removed after the file.
 */
export function deskWorkerSuite(name: string, mailDir?: string) {
  const base = leadMatchJobSuite(name);
  let web: Awaited<ReturnType<typeof startWebServer>>;
  let ctx: JobContext;
  beforeAll(async () => {
    web = await startWebServer({ DATABASE_URL: base.url });
    await base.sql`insert into users (email, name, role, recruiter_id, password_hash) values
      ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(DESK_PASSWORD)})`;
    await base.sql`insert into users (email, name, role, password_hash) values
      ('desk@example.test', '坐席', 'hotline', ${await hashPassword(DESK_PASSWORD)})`;
    const { ctx: counting } = base.context();
    ctx = mailDir ? { ...counting, mailer: createMailer({ outboxDir: mailDir }) } : counting;
  }, 120_000);
  afterAll(async () => web?.stop());
  return {
    get db() {
      return { sql: base.sql };
    },
    get web() {
      return web;
    },
    /** The lead's open lead.match rows (at least one), run as one job. */
    async runMatch(leadId: string) {
      const rows = await base.sql<{ id: string }[]>`
        select id from outbox where aggregate_id = ${leadId} and topic = 'lead.match' and done_at is null order by id`;
      expect(rows.length).toBeGreaterThan(0);
      const items = rows.map((r) => ({ outboxId: Number(r.id), id: leadId }));
      await leadMatchJob(ctx, { ...items[0], items });
    },
  };
}
