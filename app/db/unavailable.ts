// Errors that mean "a backing service could not be reached", not "this request is wrong" (ADR 021):
// the web answers them with 503 and Retry-After. No framework imports.

const UNAVAILABLE_CODES = new Set([
  // the network
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // porsager/postgres connection states
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // PostgreSQL SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, cannot connect now), 53300 (too many connections)
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // The database refuses for now, not the request: read-only (a failover onto a standby, a maintenance
  // switch: 25006), out of disk or memory (53100, 53200), a statement cancelled by its timeout (57014),
  // a transaction that lost a conflict (40001 serialization, 40P01 deadlock) — each worth the same post
  // again shortly (an attack of 2026-12-04 got 500s and lost typing from the first two).
  "25006",
  "53100",
  "53200",
  "57014",
  "40001",
  "40P01",
]);

/** 55000 is "object not in prerequisite state" in general; only this message of it is a database refusing connections. */
const NOT_ACCEPTING = /not currently accepting connections/i;

/** True when `error` (or its cause, or one of an AggregateError's errors) is a connection failure. */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const e = error as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown; message?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.code === "55000" && NOT_ACCEPTING.test(String(e.message ?? ""))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isUnavailableError(inner, depth + 1))) return true;
  return e.cause !== undefined && isUnavailableError(e.cause, depth + 1);
}
