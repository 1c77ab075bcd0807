import { isWecomWebhookUrl } from "~/domain/wecom-url";

/**
 * WeCom (企业微信) group robot sender. The webhook answers HTTP 200 for most failures and puts the
 * real outcome in `errcode`, so the classification below reads the body, not just the status.
 *
 * The webhook URL's `key` is a bearer secret (anyone holding it can post into the group): it never
 * appears in a returned error, so callers may log results as they are.
 */

export type WecomResult =
  { ok: true } | { ok: false; retryable: boolean; errcode?: number; status?: number; error: string; retryAfterMs?: number };

/** WeCom's limit on markdown.content, counted in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** A robot may send about 20 messages per rolling minute; after 45009/429 the whole window must pass. */
export const WECOM_RATE_WINDOW_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 5_000;
const ELLIPSIS = "…";

const ERRCODE_OK = 0;
const ERRCODE_BUSY = -1; // 系统繁忙: WeCom asks callers to retry later
const ERRCODE_FREQ_LIMIT = 45009; // api freq out of limit

/**
 * Cuts `content` to at most `maxBytes` UTF-8 bytes, ending with "…" when cut. Cuts only between
 * grapheme clusters, so neither a multi-byte character nor an emoji/combining sequence is split.
 */
export function truncateUtf8(content: string, maxBytes = WECOM_MARKDOWN_MAX_BYTES): string {
  const encoder = new TextEncoder();
  if (encoder.encode(content).length <= maxBytes) return content;
  const budget = maxBytes - encoder.encode(ELLIPSIS).length;
  let used = 0;
  let end = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(content)) {
    const bytes = encoder.encode(segment).length;
    if (used + bytes > budget) break;
    used += bytes;
    end += segment.length;
  }
  return content.slice(0, end) + ELLIPSIS;
}

export async function postWecomMarkdown(webhookUrl: string, content: string, options?: { timeoutMs?: number }): Promise<WecomResult> {
  // Configuration problems are answered locally: retrying cannot fix them, and a wrong host must
  // never receive the message.
  if (!isWecomWebhookUrl(webhookUrl)) return fail(false, "invalid WeCom webhook URL");
  if (typeof content !== "string" || content.trim() === "") return fail(false, "empty markdown content");
  const timeoutMs =
    options?.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0
      ? options.timeoutMs
      : DEFAULT_TIMEOUT_MS;

  let res: Response;
  let text: string;
  try {
    res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ msgtype: "markdown", markdown: { content: truncateUtf8(content) } }),
      // The key is in the URL: do not let a redirect carry the message (or the key) elsewhere.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Same signal: a body that trickles in past the deadline is a timeout too.
    text = await res.text();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") return fail(true, `WeCom request timed out after ${timeoutMs} ms`);
    // fetch's own messages do not include the URL, but keep only the name and message anyway.
    return fail(true, `WeCom request failed: ${safeMessage(error)}`);
  }

  const status = res.status;
  if (status === 429) {
    return { ok: false, retryable: true, status, error: "WeCom HTTP 429", retryAfterMs: retryAfter(res.headers.get("retry-after")) };
  }
  if (status >= 500 || status === 408) return { ok: false, retryable: true, status, error: `WeCom HTTP ${status}` };
  // Other 3xx/4xx: the URL or request is wrong (e.g. 404 for a mistyped path); retrying won't help.
  if (status < 200 || status >= 300) return { ok: false, retryable: false, status, error: `WeCom HTTP ${status}` };

  const body = parseBody(text);
  // A 200 without the expected JSON is most likely a proxy/gateway page: treat as transient.
  if (!body) return { ok: false, retryable: true, status, error: "WeCom answered with an unreadable body" };
  const { errcode, errmsg } = body;
  if (errcode === ERRCODE_OK) return { ok: true };
  const error = `WeCom errcode ${errcode}: ${redact(errmsg)}`;
  if (errcode === ERRCODE_FREQ_LIMIT) return { ok: false, retryable: true, errcode, status, error, retryAfterMs: WECOM_RATE_WINDOW_MS };
  if (errcode === ERRCODE_BUSY) return { ok: false, retryable: true, errcode, status, error };
  // 93000 (bad webhook/key), 40008 (bad msgtype), 40058 (bad content) …: config or message errors.
  return { ok: false, retryable: false, errcode, status, error };
}

function fail(retryable: boolean, error: string): WecomResult {
  return { ok: false, retryable, error };
}

function parseBody(text: string): { errcode: number; errmsg: string } | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return null;
    const { errcode, errmsg } = v as { errcode?: unknown; errmsg?: unknown };
    if (typeof errcode !== "number" || !Number.isInteger(errcode)) return null;
    return { errcode, errmsg: typeof errmsg === "string" ? errmsg : "" };
  } catch {
    return null;
  }
}

/** Retry-After as seconds or an HTTP date; the robot's window when absent or unreadable. */
function retryAfter(header: string | null): number {
  if (header) {
    const trimmed = header.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  return WECOM_RATE_WINDOW_MS;
}

/** errmsg is WeCom's text; keep it short and make sure no key can ride along into logs. */
function redact(message: string): string {
  return message.replace(/key=[^&\s"']+/gi, "key=***").slice(0, 300);
}

function safeMessage(error: unknown): string {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(raw);
}
