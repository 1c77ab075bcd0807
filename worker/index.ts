import { getOutboxDir } from "~/notify/outbox-dir.server";
import { parseEnv, workerEnvSchema } from "~/utils/env.server";
import { installLastResortHandlers } from "~/utils/last-resort.server";
import { errorMessage, log } from "~/utils/log.server";

import { indexNames } from "../search/index-names";
import { startWorker } from "./runtime";

// The job process: separate from the web process, started by `npm start` (or on its own).
const env = parseEnv(workerEnvSchema);
const running = await startWorker({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  meiliUrl: env.MEILI_URL,
  meiliKey: env.MEILI_MASTER_KEY,
  queuePrefix: env.QUEUE_PREFIX,
  indexNames: indexNames(env.MEILI_INDEX_PREFIX),
  concurrency: env.WORKER_CONCURRENCY,
  relayPollMs: env.RELAY_POLL_MS,
  relayLingerMs: env.RELAY_LINGER_MS,
  reconcileEveryMs: env.RECONCILE_EVERY_MS,
  jobLockMs: env.JOB_LOCK_MS,
  stalledCheckMs: env.JOB_STALLED_CHECK_MS,
  smtpUrl: env.SMTP_URL,
  smtpTimeoutMs: env.SMTP_TIMEOUT_MS,
  outboxDir: getOutboxDir(),
  appUrl: env.APP_URL,
  slaMinutes: env.ACCEPT_SLA_MINUTES,
  slaClock: env.SLA_CLOCK,
  noticeFallbackMs: env.NOTICE_FALLBACK_MS,
  indexLingerMs: env.INDEX_LINGER_MS,
  spaceVerifyDays: env.SPACE_VERIFY_DAYS,
  noticeRetryBudgetMs: env.NOTICE_RETRY_HOURS * 3_600_000,
  retentionDays: env.RETENTION_DAYS,
});
log.info("worker started", { concurrency: env.WORKER_CONCURRENCY });

// worker.close() waits for running jobs and never times out by itself: shut down once, with a kill timer.
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info("worker stopping", { signal });
  const timer = setTimeout(() => {
    log.error("worker did not stop within 10 s; exiting");
    process.exit(1);
  }, 10_000);
  timer.unref();
  try {
    await running.close();
    process.exit(0);
  } catch (error) {
    log.error("worker stop failed", { error: errorMessage(error) });
    process.exit(1);
  }
}
installLastResortHandlers("worker", () => void running.close().finally(() => process.exit(70)));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
