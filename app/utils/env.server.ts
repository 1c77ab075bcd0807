import { z } from "zod";

// One schema per process. Each process validates only what it needs and fails loudly at start,
// naming every bad variable at once (not one per restart).
const common = {
  DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/parkmatch"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  MEILI_URL: z.string().url(),
  MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 bytes"),
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/, "letters, digits, _ and - only").default("parkmatch"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  LOG_FILE: z.string().optional(), // read by the logger (app/utils/log.server.ts)
  LOG_FILE_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
};

export const webEnvSchema = z.object({
  ...common,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_API_TOKEN: z.string().min(16, "must be at least 16 characters"),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  HOTLINE_PHONE: z.string().default("400-000-0000"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  ACCEPT_SLA_MINUTES: z.coerce.number().int().min(1).default(120), // a declined assignment's next offer
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365), // stated in the privacy notice (/privacy)
});

export const workerEnvSchema = z.object({
  ...common,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RELAY_POLL_MS: z.coerce.number().int().min(50).default(1000),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(100).default(30_000),
  ACCEPT_SLA_MINUTES: z.coerce.number().int().min(1).default(120),
  NOTICE_FALLBACK_MS: z.coerce.number().int().min(1_000).default(90_000),
  INDEX_LINGER_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  RETENTION_DAYS: z.coerce.number().int().min(1).default(365), // unsigned leads are anonymised after this (ADR 022)
  SMTP_URL: z.string().url().optional(),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(500).default(10_000), // connect/greeting; a whole send gets 6×, a send's lease 6× + 5 s
  MAIL_OUTBOX_DIR: z.string().optional(), // read through getOutboxDir()
  APP_URL: z.string().url().default("http://localhost:3000"),
});

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

let webEnv: WebEnv | undefined;
/** The web process's configuration, parsed once. */
export function getWebEnv(): WebEnv {
  webEnv ??= parseEnv(webEnvSchema);
  return webEnv;
}
