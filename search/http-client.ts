import http from "node:http";
import https from "node:https";

import { MeilisearchApiError } from "meilisearch";

/**
 * HTTP for the Meilisearch client over node:http with keep-alive sockets that set TCP_NODELAY.
 * Why: with global fetch (undici) every search answer over ~1 KB took a flat 40 ms on loopback
 * (Nagle on our side meeting delayed ACK on the server's) — 10–40× the search itself. Measured in
 * docs/benchmarks.md. Errors keep the library's shape (MeilisearchApiError with `cause.code`).
 */
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * How long a person's own search waits (the hotline's as-you-type lookup and match preview, the lead
 * list's words) before the page says search is unavailable and falls back: Meilisearch answers these in
 * milliseconds, and a hung one otherwise held every keystroke for REQUEST_TIMEOUT_MS.
 */
export const PERSON_WAIT_MS = 2_000;
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

export const nodeHttpClient = nodeHttpClientWithin(REQUEST_TIMEOUT_MS);

/** nodeHttpClient with another request timeout (ms): the socket is destroyed when no answer came by then. */
export function nodeHttpClientWithin(timeoutMs: number) {
  return (input: Parameters<typeof fetch>[0], init: RequestInit = {}) => request(input, init, timeoutMs);
}

function request(input: Parameters<typeof fetch>[0], init: RequestInit, timeoutMs: number): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const secure = url.protocol === "https:";
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === "string" ? init.body : init.body == null ? undefined : String(init.body);
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // The library reuses one signal for all polls of a task wait: listen once per request and always
    // remove the listener, or they pile up on that signal.
    const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    const done =
      <T>(f: (v: T) => void) =>
      (v: T) => {
        signal?.removeEventListener("abort", onAbort);
        f(v);
      };
    resolve = done(resolve);
    reject = done(reject);
    const req = (secure ? https : http).request(
      url,
      { method: init.method ?? "GET", headers, agent: secure ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch (error) {
            // A proxy's HTML error page still carries its status (a 413 is a refusal, a 502 an outage).
            if (status >= 200 && status < 300) reject(error);
            else reject(new MeilisearchApiError(new Response(text, { status, statusText: res.statusMessage })));
            return;
          }
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new MeilisearchApiError(new Response(text, { status, statusText: res.statusMessage }), parsed as never));
        });
      },
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`Meilisearch did not answer within ${timeoutMs} ms`)));
    req.setNoDelay(true);
    req.on("error", reject);
    req.end(body);
  });
}
