import { type EnqueuedTaskPromise, Meilisearch, MeilisearchApiError, type Settings, type Task } from "meilisearch";

import { nodeHttpClient, nodeHttpClientWithin } from "./http-client";

export type SearchClient = Meilisearch;

export function createSearchClient(url: string, apiKey: string, options: { timeoutMs?: number } = {}): SearchClient {
  // The request timeout lives in nodeHttpClient (10 s unless `timeoutMs` says otherwise): the library's
  // own timeout adds an abort listener to a task wait's signal on every poll and never removes it.
  const httpClient = options.timeoutMs === undefined ? nodeHttpClient : nodeHttpClientWithin(options.timeoutMs);
  return new Meilisearch({ host: url, apiKey, httpClient });
}

/**
 * Waits for a Meilisearch task and insists it succeeded: a finished task may still have failed,
 * and treating that as success silently loses documents.
 */
export async function waitSucceeded(task: EnqueuedTaskPromise, timeoutMs = 30_000): Promise<Task> {
  const done = await task.waitTask({ timeout: timeoutMs, interval: 25 });
  if (done.status !== "succeeded") {
    throw new TaskFailedError(
      `Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? "no detail"}`,
      done.error?.type,
    );
  }
  return done;
}

/** Meilisearch took a task and then failed it; `errorType` says whose fault ("invalid_request": ours). */
export class TaskFailedError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
  ) {
    super(message);
  }
}

/**
 * Meilisearch answered and refused what we sent (a task failed as an invalid request, or a 4xx other
 * than a key problem) — as opposed to an outage, a full disk or a misconfiguration, where sending the
 * same thing later can succeed.
 */
export function isRefusal(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof TaskFailedError) return e.errorType === "invalid_request";
    if (e instanceof MeilisearchApiError) {
      const status = e.response.status;
      return status >= 400 && status < 500 && ![401, 403, 404, 408, 429].includes(status);
    }
  }
  return false;
}

/** The one way to put a user value into a filter expression: a double-quoted, escaped string. */
export function filterValue(value: string | number | boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("non-finite number in filter");
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Creates the index with an explicit primary key when missing, then applies settings and waits. */
export async function ensureIndex(client: SearchClient, uid: string, primaryKey: string, settings: Settings): Promise<void> {
  try {
    await client.getRawIndex(uid);
  } catch (error) {
    if (meiliErrorCode(error) !== "index_not_found") throw error;
    await waitSucceeded(client.createIndex(uid, { primaryKey })).catch((e: Error) => {
      if (!/already exists/.test(e.message)) throw e; // created meanwhile by another process
    });
  }
  await waitSucceeded(client.index(uid).updateSettings(settings), 60_000);
}

/** Meilisearch's error code ("index_not_found", …), also when the request layer wrapped the API error. */
export function meiliErrorCode(error: unknown): string | undefined {
  for (let e = error as { cause?: unknown; code?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const code = (e.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
