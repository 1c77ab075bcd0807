import type { Sql } from "~/db/db.server";
import type { Mailer } from "~/notify/mailer.server";

import type { JobContext } from "../../worker/job-context";
import { TEST_ROUTING } from "./routed-lead";

/**
 * What the email job (worker/notify-email.job.ts) reads of its context, for calling it directly: the
 * database, the mailer, the app's address, the routing rules, the retry budget and the send lease. The
 * email job reads no search client.
 */
export function emailJobContext(sql: Sql, mailer: Mailer, noticeRetry = { budgetMs: 60_000, baseMs: 1_000, capMs: 10_000 }): JobContext {
  return {
    sql,
    mailer,
    appUrl: "https://pm.test.invalid",
    routing: TEST_ROUTING,
    noticeRetry,
    sendLeaseMs: 60_000,
  } as unknown as JobContext;
}
