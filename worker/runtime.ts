import { Worker } from "bullmq";
import { createSql, type Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";
import { createSearchClient } from "../search/client";
import { ensureLeadsIndex, LEADS_INDEX } from "../search/leads.index";
import { ensureParksIndex, PARKS_INDEX } from "../search/parks.index";
import { ensureSpacesIndex, SPACES_INDEX } from "../search/spaces.index";
import { parkIndexJob, spaceIndexJob } from "./inventory-index.job";
import { createMailer } from "~/notify/mailer.server";
import { assignmentSlaJob } from "./assignment-sla.job";
import type { Attempt, IndexNames, JobContext } from "./job-context";
import { matchRouteJob } from "./match-route.job";
import { notifyEmailJob } from "./notify-email.job";
import { notifyHotlineJob } from "./notify-hotline.job";
import { notifyWecomJob } from "./notify-wecom.job";
import { leadIndexJob } from "./lead-index.job";
import { leadMatchJob } from "./lead-match.job";
import { spaceMatchJob } from "./space-match.job";
import { cappedBackoff, createQueues, LANES, type Lane, type OutboxJobData } from "./queue";
import { createRedis } from "./redis";
import { startReconciler } from "./reconciler";
import { startRelay } from "./relay";

export type WorkerConfig = {
  databaseUrl: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
  queuePrefix: string;
  concurrency: number;
  relayPollMs: number;
  reconcileEveryMs: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  indexNames?: IndexNames;
  /** SMTP server; absent → mails are written to outboxDir (development). */
  smtpUrl?: string;
  outboxDir?: string;
  smtpTimeoutMs?: number;
  appUrl?: string;
  slaMinutes?: number;
  afterSend?: JobContext["afterSend"];
};

export type RunningWorker = { close: () => Promise<void>; sql: Sql };

/** Starts the job process's parts: relay, reconciler and one worker dispatching on job name. */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const sql = createSql(config.databaseUrl, { max: config.concurrency + 4 });
  const search = createSearchClient(config.meiliUrl, config.meiliKey);
  const indexNames = config.indexNames ?? { leads: LEADS_INDEX, spaces: SPACES_INDEX, parks: PARKS_INDEX };
  const ensureIndexes = () =>
    Promise.all([ensureLeadsIndex(search, indexNames.leads), ensureSpacesIndex(search, indexNames.spaces), ensureParksIndex(search, indexNames.parks)]);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, timeoutMs: config.smtpTimeoutMs });
  const ctx: JobContext = {
    sql, search, indexNames, mailer,
    appUrl: config.appUrl ?? "http://localhost:3000",
    slaMinutes: config.slaMinutes ?? 120,
    afterSend: config.afterSend,
  };

  // Settings first, so no document is ever indexed with default (non-Chinese) settings. Meilisearch
  // may be down right now: jobs then fail and retry, and the settings are applied on the next start
  // or before the next successful job.
  let indexesReady = ensureIndexes().then(
    () => true,
    (error) => {
      log.warn("Meilisearch not ready at worker start", { error: errorMessage(error) });
      return false;
    },
  );

  const producer = createRedis(config.redisUrl, "producer");
  const queues = createQueues(producer, config.queuePrefix);

  const handlers: Record<string, (data: OutboxJobData, attempt: Attempt) => Promise<void>> = {
    "lead.index": (data) => leadIndexJob(ctx, data),
    "lead.match": (data) => leadMatchJob(ctx, data),
    "space.index": (data) => spaceIndexJob(ctx, data),
    "park.index": (data) => parkIndexJob(ctx, data),
    "space.match": (data) => spaceMatchJob(ctx, data),
    "match.route": (data) => matchRouteJob(ctx, data),
    "notify.email": (data, attempt) => notifyEmailJob(ctx, data, attempt),
    "notify.hotline": (data) => notifyHotlineJob(ctx, data),
    "notify.wecom": (data) => notifyWecomJob(ctx, data),
    "assignment.sla": (data) => assignmentSlaJob(ctx, data),
  };

  const runJob = async (job: { name: string; data: OutboxJobData; attemptsMade: number; opts: { attempts?: number } }) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`unknown job name ${job.name}`);
    if (!(await indexesReady)) {
      indexesReady = ensureIndexes().then(() => true);
      await indexesReady;
    }
    await handler(job.data, { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 });
  };
  // Index jobs mostly wait on Meilisearch tasks; more of them in flight lets Meilisearch batch them.
  const concurrency: Record<Lane, number> = { pipeline: config.concurrency, index: config.concurrency * 2 };
  const workers = LANES.map((lane) => {
    const worker = new Worker<OutboxJobData>(lane, runJob, {
      connection: createRedis(config.redisUrl, "worker"),
      prefix: config.queuePrefix,
      concurrency: concurrency[lane],
      settings: { backoffStrategy: cappedBackoff(config.backoffBaseMs ?? 1_000, config.backoffCapMs ?? 60_000) },
    });
    worker.on("error", (error) => log.warn("worker connection error", { lane, error: errorMessage(error) }));
    worker.on("failed", (job, error) =>
      log.warn("job failed", { job: job?.name, id: job?.id, attempt: job?.attemptsMade, error: errorMessage(error) }),
    );
    return worker;
  });

  const relay = await startRelay(sql, queues, config.relayPollMs);
  const reconciler = startReconciler(sql, queues, config.reconcileEveryMs);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await relay.stop();
      await reconciler.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      producer.disconnect();
      mailer.close();
      await sql.end({ timeout: 5 });
    })());
  return { close, sql };
}
