import { createHash } from "node:crypto";

import { z } from "zod";

import { singleton } from "./singleton.server";

// One schema per process. Each process validates only what it needs and fails loudly at start,
// naming every bad variable at once (not one per restart).
const common = {
  DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/parkmatch"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  MEILI_URL: z.string().url(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes"),
  // Every Redis key of the installation starts with it (BullMQ's queue, the shared limits). Unset:
  // derived from DATABASE_URL's database (defaultQueuePrefix, docs/decisions/082).
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, "letters, digits, _ and - only")
    .optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Put before the Meilisearch index names (leads, spaces, parks), so processes sharing one server keep apart.
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]*$/, "letters, digits, _ and - only")
    .default(""),
  // A listing not confirmed for this many days is shown with a warning; after twice that it is not offered.
  SPACE_VERIFY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_FILE: z.string().optional(), // read by the logger (app/utils/log.server.ts)
  LOG_FILE_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
};

/** The database a Postgres URL names ("postgres" when it names none). */
export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || "postgres";
}

/**
 * QUEUE_PREFIX when it is not set, from the database: two installations on one machine — two checkouts,
 * a demo beside a development copy, each with its own DATABASE_URL — share its Redis, and with one fixed
 * prefix each one's worker took the other's jobs (docs/decisions/082). `parkmatch` for the database
 * `parkmatch` (the default database keeps the prefix it always had), `parkmatch-<database>` for any
 * other. A name with characters a prefix may not hold has each replaced by `_` and 8 hex digits of its
 * SHA-256 appended, so two databases never share a prefix.
 */
export function defaultQueuePrefix(databaseUrl: string): string {
  const name = databaseName(databaseUrl);
  if (name === "parkmatch") return "parkmatch";
  const safe = name.replace(/[^a-zA-Z0-9_-]/g, "_");
  return safe === name ? `parkmatch-${name}` : `parkmatch-${safe}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/** The parsed settings with QUEUE_PREFIX decided: as set, or derived from the database. */
function withQueuePrefix<E extends { DATABASE_URL: string; QUEUE_PREFIX?: string }>(env: E): E & { QUEUE_PREFIX: string } {
  return { ...env, QUEUE_PREFIX: env.QUEUE_PREFIX ?? defaultQueuePrefix(env.DATABASE_URL) };
}

export const webEnvSchema = z
  .object({
    ...common,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ADMIN_API_TOKEN: z.string().min(16, "must be at least 16 characters"),
    // Signs the session and flash cookies; comma-separated, newest first (ADR 025). Empty: derived from ADMIN_API_TOKEN.
    SESSION_SECRET: z
      .string()
      .optional()
      .refine((v) => !v || v.split(",").every((s) => s.trim().length >= 32), "each secret must be at least 32 characters"),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    DESK_LOOKUP_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(240), // each hotline lookup, per staff account (ADR 167)
    HOTLINE_PHONE: z.string().default("400-000-0000"),
    APP_URL: z.string().url().default("http://localhost:3000"),
    ACCEPT_SLA_MINUTES: z.coerce.number().int().min(1).default(120), // a declined assignment's next offer
    SLA_CLOCK: z.enum(["office-hours", "wall"]).default("office-hours"), // ADR 028: working time or wall-clock minutes
    AUTH_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900), // guessing budgets (rate-limit.server.ts)
    // Which peers may speak for the client in X-Forwarded-For/-Host/-Proto (express "trust proxy"; ADR 021).
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+|[\w.:/,\s-]+)$/, "true, false, a hop count, or addresses/CIDRs/loopback,linklocal,uniquelocal")
      .default("loopback")
      .transform(parseTrustProxy),
    RETENTION_DAYS: z.coerce.number().int().min(1).default(365), // stated in the privacy notice (/privacy)
    SHORTLIST_DAYS: z.coerce.number().int().min(1).max(365).default(30), // a shared shortlist link opens for this many days (ADR 030)
    // Load shedding of the intake (app/utils/overload.server.ts, ADR 035): past either bound POST /api/leads
    // and POST / answer 503 with Retry-After at once instead of queueing. 0 turns the event-loop signal off.
    INTAKE_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(256), // ADR 035, amended 2026-12-02: 48 collapsed goodput past the knee
    INTAKE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(150),
    INTAKE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    // ADR 202: a request whose answer has not begun after this many seconds is answered 503 (0: never).
    ANSWER_DEADLINE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    // ADR 148's warm-up at start (~1.5 s of CPU: the pinyin library, the readers' tables). "0" skips it: the
    // test suite's ~150 short-lived web processes, each paying it for readings most never make (ADR 172).
    WARM_READERS: z.enum(["0", "1"]).default("1"),
  })
  .transform(withQueuePrefix);

/**
 * TRUST_PROXY → express's `trust proxy` value: "false"/"0" trust nobody, "true" everybody (only when
 * nothing but the proxy can reach the port), a number trusts that many hops, anything else is a
 * comma-separated list of addresses, CIDR ranges or the names loopback, linklocal and uniquelocal.
 */
export function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim();
  if (v === "true") return true;
  if (v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/**
 * How long the search-index writer lets writes gather after a wake-up (ms). Meilisearch's CPU is per
 * task, not per document: 500 ms instead of 200 ms halves the lead-index tasks at tens of leads a second,
 * and a new lead becomes searchable ~0.5–0.8 s after intake instead of ~0.2–0.4 s (docs/decisions/055).
 */
export const DEFAULT_INDEX_LINGER_MS = 500;

/**
 * How long the relay lets due outbox rows gather after a wake-up (ms), so the lead.match rows of one
 * pass go to BullMQ as one job and to Meilisearch in one search call (docs/decisions/073, 079). Every
 * relayed job starts up to this much later.
 */
export const DEFAULT_RELAY_LINGER_MS = 100;

export const workerEnvSchema = z
  .object({
    ...common,
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    RELAY_POLL_MS: z.coerce.number().int().min(50).default(1000),
    RELAY_LINGER_MS: z.coerce.number().int().min(0).max(5_000).default(DEFAULT_RELAY_LINGER_MS), // ADR 073
    RECONCILE_EVERY_MS: z.coerce.number().int().min(100).default(30_000),
    // BullMQ's job lock and stalled-job check (ms): a job of a worker that died is taken up again within
    // about twice this. Its default is BullMQ's own; the lock is renewed every half of it.
    JOB_LOCK_MS: z.coerce.number().int().min(5_000).max(600_000).default(30_000),
    // How often BullMQ looks for jobs whose lock lapsed (ms; ADR 181). Unset: JOB_LOCK_MS, as before. It
    // decides how soon a dead worker's job is found, not whether a live worker's is: that needs its lock gone.
    JOB_STALLED_CHECK_MS: z.coerce.number().int().min(500).max(600_000).optional(),
    ACCEPT_SLA_MINUTES: z.coerce.number().int().min(1).default(120),
    SLA_CLOCK: z.enum(["office-hours", "wall"]).default("office-hours"), // ADR 028: working time or wall-clock minutes
    NOTICE_FALLBACK_MS: z.coerce.number().int().min(1_000).default(90_000),
    NOTICE_RETRY_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 14)
      .default(4), // email retry budget (ADR 020)
    INDEX_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_INDEX_LINGER_MS), // ADR 055
    RETENTION_DAYS: z.coerce.number().int().min(1).default(365), // unsigned leads are anonymised after this (ADR 022)
    SMTP_URL: z.string().url().optional(),
    SMTP_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000), // connect/greeting; a whole send gets 6×, a send's lease 6× + 5 s
    MAIL_OUTBOX_DIR: z.string().optional(), // read through getOutboxDir()
    APP_URL: z.string().url().default("http://localhost:3000"),
  })
  .transform(withQueuePrefix);

export type WebEnv = z.infer<typeof webEnvSchema>;
export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  // Empty strings in .env files mean "not set", so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * The web process's configuration, parsed once — kept with the process's other singletons, so a test file
 * that sets its own environment is not handed the one an earlier file of its worker parsed (test/setup/env.ts
 * forgets them after each file).
 */
export function getWebEnv(): WebEnv {
  return singleton("webEnv", () => parseEnv(webEnvSchema));
}
