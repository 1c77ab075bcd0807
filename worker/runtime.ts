import { Worker } from "bullmq";

import { createSql, type Sql } from "~/db/db.server";
import type { SlaClock } from "~/domain/routing/working-time";
import { SpaceRowCache } from "~/inventory/space-row-cache.server";
import { createMailer } from "~/notify/mailer.server";
import { DEFAULT_INDEX_LINGER_MS, DEFAULT_RELAY_LINGER_MS } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

import { createSearchClient } from "../search/client";
import { indexNames as unprefixedIndexNames } from "../search/index-names";
import { ensureLeadsIndex } from "../search/leads.index";
import { ensureParksIndex } from "../search/parks.index";
import { ensureSpacesIndex } from "../search/spaces.index";
import { assignmentSlaJob } from "./assignment-sla.job";
import { startDashboardRollup } from "./dashboard-rollup";
import { forgetLeadJobsJob } from "./forget-lead-jobs.job";
import { startIndexGuard } from "./index-guard";
import { startIndexWriter } from "./index-writer";
import type { IndexNames, JobContext } from "./job-context";
import { failureText, jobFailure } from "./job-failure";
import { leadMatchJob } from "./lead-match.job";
import { matchRouteJob } from "./match-route.job";
import { notifyEmailJob } from "./notify-email.job";
import { notifyHotlineJob } from "./notify-hotline.job";
import { notifyWecomJob } from "./notify-wecom.job";
import { cappedBackoff, createQueue, type OutboxJobData, QUEUE_NAME } from "./queue";
import { startReconciler } from "./reconciler";
import { createRedis } from "./redis";
import { startRelay } from "./relay";
import { startRetention } from "./retention";
import { spaceMatchJob } from "./space-match.job";

export type WorkerConfig = {
  databaseUrl: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
  queuePrefix: string;
  concurrency: number;
  relayPollMs: number;
  /** How long due work gathers after a wake-up before a relay pass (ms, default 100; docs/decisions/073). */
  relayLingerMs?: number;
  reconcileEveryMs: number;
  /** BullMQ's lock of a running job and its stalled-job check (ms, default 30 s, JOB_LOCK_MS): a dead worker's job runs again within about twice this. */
  jobLockMs?: number;
  /**
   * How often BullMQ's stalled-job check runs (ms, JOB_STALLED_CHECK_MS; default jobLockMs). A job is taken back only
   * when a check finds it in the active list with its lock gone and the check before had seen it there too: with the
   * check every lock, a dead worker's job waits up to three locks; with a short check, one lock and two checks (ADR 181).
   */
  stalledCheckMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  indexNames?: IndexNames;
  /** SMTP server; absent → mails are written to outboxDir (development). */
  smtpUrl?: string;
  outboxDir?: string;
  smtpTimeoutMs?: number;
  appUrl?: string;
  slaMinutes?: number;
  /** The clock ACCEPT_SLA_MINUTES runs on (SLA_CLOCK; default "wall" here, "office-hours" in the env). */
  slaClock?: SlaClock;
  /** When a notice that was not delivered inline is handed to its notify.* job (ms, default 90 s). */
  noticeFallbackMs?: number;
  /** How long an email notice is retried after its first temporary failure (ms, default 4 h: NOTICE_RETRY_HOURS). */
  noticeRetryBudgetMs?: number;
  /** Its first retry delay and the longest (ms, default 5 s and 5 min). */
  noticeRetryBaseMs?: number;
  noticeRetryCapMs?: number;
  /** How long index writes may gather into one Meilisearch task (ms, default 200). */
  indexLingerMs?: number;
  afterSend?: JobContext["afterSend"];
  /** Test seam: a slow index writer (ms between reading Postgres and writing Meilisearch). */
  indexWriteDelayMs?: number;
  /** Test seam: the clock listing freshness is judged by. */
  clock?: () => Date;
  /** Days after which a listing shows a warning; twice that, it is not offered (SPACE_VERIFY_DAYS). */
  spaceVerifyDays?: number;
  /** Unsigned leads are anonymised this many days after they came in (default 365; docs/decisions/022). */
  retentionDays?: number;
  /** How often the retention pass runs (ms, default hourly). */
  retentionEveryMs?: number;
  /** How often changed and newly closed days of the dashboard's rollup are rebuilt (ms, default every minute; docs/decisions/040). */
  dashboardRollupEveryMs?: number;
};

export type RunningWorker = { close: () => Promise<void>; sql: Sql };

/**
 * Starts the job process's parts: relay, reconciler, the search-index writer and one BullMQ worker
 * dispatching on job name.
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  // Every write of this process is re-done from the outbox if a crash loses it: no commit waits for the WAL flush (ADR 050).
  const sql = createSql(config.databaseUrl, { max: config.concurrency + 4, applicationName: "parkmatch-worker", synchronousCommit: "off" });
  const search = createSearchClient(config.meiliUrl, config.meiliKey);
  const indexNames = config.indexNames ?? unprefixedIndexNames();
  const ensureIndexes = () =>
    Promise.all([
      ensureLeadsIndex(search, indexNames.leads),
      ensureSpacesIndex(search, indexNames.spaces),
      ensureParksIndex(search, indexNames.parks),
    ]);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, timeoutMs: config.smtpTimeoutMs });
  const ctx: JobContext = {
    sql,
    search,
    indexNames,
    mailer,
    appUrl: config.appUrl ?? "http://localhost:3000",
    routing: { slaMinutes: config.slaMinutes ?? 120, noticeFallbackMs: config.noticeFallbackMs ?? 90_000, slaClock: config.slaClock },
    noticeRetry: {
      budgetMs: config.noticeRetryBudgetMs ?? 4 * 3_600_000,
      baseMs: config.noticeRetryBaseMs ?? 5_000,
      capMs: config.noticeRetryCapMs ?? 5 * 60_000,
    },
    sendLeaseMs: mailer.maxSendMs + 5_000, // the send's own deadline, plus building the message and recording it
    afterSend: config.afterSend,
    verifyDays: config.spaceVerifyDays,
    clock: config.clock,
    spaceRows: new SpaceRowCache(),
  };

  // Settings first, so no document is ever indexed with default (non-Chinese) settings. Meilisearch
  // may be down right now: jobs and index writes then fail and retry, and whichever runs next applies
  // the settings first. An index lost later is filled again from Postgres before jobs go on (ADR 183).
  const indexGuard = startIndexGuard(sql, search, indexNames, ensureIndexes, config.reconcileEveryMs);
  const whenIndexesReady = indexGuard.whenReady;
  void whenIndexesReady().catch((error) => log.warn("Meilisearch not ready at worker start", { error: errorMessage(error) }));

  const producer = createRedis(config.redisUrl, "producer");
  const queue = createQueue(producer, config.queuePrefix);

  const handlers: Record<string, (data: OutboxJobData) => Promise<void>> = {
    "lead.match": (data) => leadMatchJob(ctx, data),
    "space.match": (data) => spaceMatchJob(ctx, data),
    "match.route": (data) => matchRouteJob(ctx, data),
    "notify.email": (data) => notifyEmailJob(ctx, data),
    "notify.hotline": (data) => notifyHotlineJob(ctx, data),
    "notify.wecom": (data) => notifyWecomJob(ctx, data),
    "assignment.sla": (data) => assignmentSlaJob(ctx, data),
    "lead.forget": (data) => forgetLeadJobsJob(sql, queue, data),
  };

  // Every failure reaches BullMQ (and, through it, the reconciler and the log) scrubbed (ADR 096).
  const runJob = async (job: { name: string; data: OutboxJobData }) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job name ${job.name}`);
    try {
      await whenIndexesReady();
      await handler(job.data);
    } catch (error) {
      indexGuard.noticeFailure(error);
      throw jobFailure(error);
    }
  };
  const worker = new Worker<OutboxJobData>(QUEUE_NAME, runJob, {
    connection: createRedis(config.redisUrl, "worker"),
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    lockDuration: config.jobLockMs ?? 30_000,
    stalledInterval: config.stalledCheckMs ?? config.jobLockMs ?? 30_000,
    settings: { backoffStrategy: cappedBackoff(config.backoffBaseMs ?? 1_000, config.backoffCapMs ?? 60_000) },
  });
  worker.on("error", (error) => log.warn("worker connection error", { error: errorMessage(error) }));
  worker.on("failed", (job, error) =>
    log.warn("job failed", { job: job?.name, id: job?.id, attempt: job?.attemptsMade, error: failureText(error) }),
  );

  const relay = await startRelay(sql, queue, config.relayPollMs, config.relayLingerMs ?? DEFAULT_RELAY_LINGER_MS);
  // A failed job counts against its rows only while Meilisearch answers (docs/decisions/077).
  const reconciler = startReconciler(sql, queue, config.reconcileEveryMs, {
    healthy: () =>
      search.health().then(
        (h) => h.status === "available",
        () => false,
      ),
  });
  const indexWriter = await startIndexWriter(ctx, {
    lingerMs: config.indexLingerMs ?? DEFAULT_INDEX_LINGER_MS,
    pollMs: config.relayPollMs,
    backoffBaseMs: config.backoffBaseMs,
    backoffCapMs: config.backoffCapMs,
    whenReady: whenIndexesReady,
    writeDelayMs: config.indexWriteDelayMs,
  });

  const retention = startRetention(sql, {
    days: config.retentionDays ?? 365,
    everyMs: config.retentionEveryMs ?? 3_600_000,
    outboxDir: config.outboxDir,
  });

  const dashboardRollup = startDashboardRollup(sql, config.dashboardRollupEveryMs ?? 60_000);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await retention.stop();
      await dashboardRollup.stop();
      await relay.stop();
      await reconciler.stop();
      await indexWriter.stop();
      await indexGuard.stop();
      await worker.close();
      await queue.close();
      producer.disconnect();
      mailer.close();
      await sql.end({ timeout: 5 });
    })());
  return { close, sql };
}
