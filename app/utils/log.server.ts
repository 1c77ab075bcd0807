import pino, { type Logger, type StreamEntry } from "pino";

import { maskPhone } from "~/domain/phone";
import { maskPhonesInText } from "~/domain/phone-in-text";

// The structured logger of every process (pino, JSON lines). No full phone number may reach a log
// (docs/decisions/022), whoever forgets to mask one: fields named like a phone are redacted by path,
// and every string — the message included — has phone-shaped runs cut to "138****5678".

type Level = "debug" | "info" | "warn" | "error";

/** Fields that hold a phone wherever they sit (pino `redact` paths, up to three levels deep). */
export const REDACTED_PATHS = ["phone", "phoneDigits", "typedPhone", "mobile", "tel"].flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

/**
 * What a redacted field becomes: the masked phone for a string (already masked text, as the string
 * pass below leaves it, stays), a marker for anything else.
 */
function censor(value: unknown): unknown {
  if (typeof value !== "string") return "[redacted]";
  return value.includes("****") ? value : maskPhone(value);
}

/** Masks phone-shaped text in every string of a log record (objects, arrays, errors), depth-limited. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskPhonesInText(value);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth > 8) return "[deep]";
  if (value instanceof Error)
    return { name: value.name, message: maskPhonesInText(value.message), stack: value.stack ? maskPhonesInText(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

const LEVELS: Record<Level | "silent", number> = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };
const levelOf = (name: string | undefined, fallback: Level): Level | "silent" =>
  name && name in LEVELS ? (name as Level | "silent") : fallback;

/**
 * Console: below warn on stdout, warn and error on stderr, from LOG_LEVEL (default info; "silent" for
 * none). LOG_FILE: every line also appended to that file (synchronously, so a process killed a moment
 * later has written it) from LOG_FILE_LEVEL (default info) — the tests scan such a file for phones.
 */
export function createLogger(env: Record<string, string | undefined> = process.env): Logger {
  const consoleLevel = levelOf(env.LOG_LEVEL, "info");
  const streams: StreamEntry<Level>[] = [];
  if (consoleLevel !== "silent") {
    const stdout = {
      [Symbol.for("pino.metadata")]: true,
      lastLevel: 0,
      write(line: string) {
        if (this.lastLevel < LEVELS.warn) process.stdout.write(line);
      },
    };
    streams.push({ level: consoleLevel, stream: stdout });
    streams.push({ level: LEVELS[consoleLevel] > LEVELS.warn ? consoleLevel : "warn", stream: process.stderr });
  }
  const fileLevel = levelOf(env.LOG_FILE_LEVEL, "info");
  if (env.LOG_FILE && fileLevel !== "silent") {
    streams.push({ level: fileLevel, stream: pino.destination({ dest: env.LOG_FILE, append: true, sync: true, mkdir: true }) });
  }
  const lowest = streams.length ? streams.map((s) => s.level as Level).sort((a, b) => LEVELS[a] - LEVELS[b])[0] : "silent";
  return pino(
    {
      level: lowest,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor },
      formatters: { level: (label) => ({ level: label }), log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? maskPhonesInText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
}

let current: Logger | undefined;
const logger = () => (current ??= createLogger());

/** The process logger: `log.info("message", { field: value })`. */
export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => logger().debug(fields ?? {}, msg),
  info: (msg: string, fields?: Record<string, unknown>) => logger().info(fields ?? {}, msg),
  warn: (msg: string, fields?: Record<string, unknown>) => logger().warn(fields ?? {}, msg),
  error: (msg: string, fields?: Record<string, unknown>) => logger().error(fields ?? {}, msg),
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
