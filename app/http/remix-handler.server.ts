import { createRequestHandler, type ServerBuild, writeReadableStreamToWritable } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { REFUSAL_KEY_HEADER, REFUSED_PAGE_HEADER, refusedPagePath } from "~/auth/refused-page";
import { isHttpKey } from "~/i18n/http-messages";

import { deadlinePassed, typedForm } from "./answer-deadline.server";
import type { WebLoadContext } from "./load-context";
import { type Refusal, sendRefusal } from "./refusal.server";
import type { GatePass } from "./request-gate.server";

/**
 * Serves the Remix build behind the request gate (ADR 021). Unlike @remix-run/express it builds the
 * Fetch request from what the gate established: the public origin (so the framework's own origin
 * check and every `request.url` agree with what the browser addressed) and the body the gate
 * already read and checked. A page or API route that failed because the database is unreachable
 * answers a plain 503 with Retry-After instead of the framework's 500.
 */
export function remixHandler(build: ServerBuild, options: { hotline: () => string; mode?: string }) {
  const handle = createRequestHandler(build, options.mode ?? process.env.NODE_ENV);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const gate = res.locals.gate as GatePass;
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = toFetchRequest(req, gate, controller.signal);
      const context: WebLoadContext = {
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: String(res.locals.cspNonce ?? ""),
        unavailable: false,
        ...(gate.json ? { json: gate.json } : {}),
      };
      let response = await handle(request, context);
      if (deadlinePassed(res)) {
        // Answered 503 meanwhile (ADR 202): this late answer has nowhere to go.
        await response.body?.cancel();
        return;
      }
      const refusedPage = response.headers.get(REFUSED_PAGE_HEADER);
      if (refusedPage && response.status === 403 && !new URL(request.url).pathname.endsWith(".data")) {
        // A resource route refused a signed-in person of another role (refused-page.ts): the page it
        // names, rendered for the same person, is the admin pages' own 403 page in their language.
        await response.body?.cancel();
        const headers = new Headers(request.headers);
        headers.delete("content-type");
        headers.delete("content-length");
        const page = new Request(new URL(refusedPage, request.url), { method: "GET", headers, signal: request.signal });
        response = await handle(page, context);
      }
      const refusal = resourceRefusal(request, response);
      if (refusal) {
        await response.body?.cancel();
        return sendRefusal(req, res, refusal);
      }
      // A service failed for now during this request: its page is the unavailable one — also when an action
      // answered 400 first and the page could not be rendered for want of the database (attack of 12-04, M5:
      // the field errors' page lost what was typed); the post is kept to send again once it is back.
      const failedPost = request.method === "POST" && response.status >= 400;
      // A page's load of its data (`GET ….data`) that failed so is told to load the page, which then says it is
      // unavailable (sendRefusal, ADR 167); Remix's own answer was "unexpected error". A `.data` post keeps Remix's.
      const dataPath = new URL(request.url).pathname.endsWith(".data");
      const dataLoad = dataPath && (request.method === "GET" || request.method === "HEAD");
      if (context.unavailable && (response.status >= 500 || failedPost) && (!dataPath || dataLoad)) {
        await response.body?.cancel();
        return sendRefusal(req, res, {
          status: 503,
          key: "unavailable",
          title: "unavailableTitle",
          params: { hotline: options.hotline() },
          headers: { "Retry-After": "30" },
          resend: typedForm(req, gate),
        });
      }
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * What a route without a page of its own (sign-out, the privacy export, the desk's lookups) threw, as the
 * web layer's refusal: the framework answers it with a bare `{"message":"Unexpected Server Error"}`
 * (marked X-Remix-Error). A 403 there is the session's CSRF check (checkCsrf: a page of an earlier
 * sign-in; a role refusal is answered through REFUSED_PAGE_HEADER above); a GET the route has no loader
 * for, or a POST one has no action for, is a method it does not take. All link back to the route's parent
 * page (a JSON address, isJsonPath, gets the API's error shape instead). Null: answered as it is.
 */
export function resourceRefusal(request: Request, response: Response): Refusal | null {
  if (new URL(request.url).pathname.endsWith(".data")) return null;
  const back = refusedPagePath(request.url);
  // A refusal the route named (REFUSAL_KEY_HEADER): its words, its status, its Retry-After.
  const key = response.headers.get(REFUSAL_KEY_HEADER);
  if (key && isHttpKey(key) && response.status >= 400) {
    const retry = response.headers.get("Retry-After");
    return { status: response.status, key, back, ...(retry ? { headers: { "Retry-After": retry } } : {}) };
  }
  if (response.headers.get("X-Remix-Error") !== "yes") return null;
  if (response.status === 403) return { status: 403, key: "csrf", title: "csrfTitle", back };
  if ((request.method === "GET" || request.method === "HEAD") && (response.status === 400 || response.status === 405))
    return { status: 405, key: "method", headers: { Allow: "POST" }, back };
  // A post to a route that only reads (`/api/regions`, `/api/leads/<id>`, `/healthz`): the framework's 405 said
  // `{"message":"Unexpected Server Error"}` — no error shape, no words (attack 35; ADR 156).
  if (request.method === "POST" && response.status === 405) return { status: 405, key: "method", headers: { Allow: "GET, HEAD" }, back };
  return null;
}

function toFetchRequest(req: ExpressRequest, gate: GatePass, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const url = new URL(req.originalUrl, gate.publicOrigin);
  // The contract's `POST /` is the inquiry form's action (the index route's). Remix tells it from the
  // root layout's, which has none (405), by `?index`: the page's own form sends it, a script or a
  // hand-written form following the contract does not.
  if (req.method === "POST" && url.pathname === "/" && !url.searchParams.has("index")) url.searchParams.append("index", "");
  // `?_data=<route>` is how Remix asked for a route's data before single fetch (remix.config.js
  // v3_singleFetch): these pages ask with the `.data` suffix and never send it. Remix still answers it —
  // /no-such-page?_data=root with 200 and the root's data — and hands each one to handleError as an
  // Error ("Single fetch-enabled apps should not be making ?_data requests"), logged with its stack as a
  // failed request. Without it a request is what its path says: the page, or the 404 page.
  url.searchParams.delete("_data");
  // The gate resolved the forwarded host (or refused a foreign origin): the framework compares Origin
  // with these, so they say what the client addressed.
  headers.set("host", url.host);
  headers.delete("x-forwarded-host");
  if (gate.contentType) headers.set("content-type", gate.contentType);
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = gate.body ?? Buffer.alloc(0);
    init.body = body as unknown as BodyInit; // a Buffer is a Uint8Array; TypeScript's DOM types lag
    headers.delete("transfer-encoding");
    headers.set("content-length", String(body.length));
  }
  return new Request(url, init);
}

async function send(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  // A JSON answer (health, API) is one small document: sent whole, the compressor sees its length and
  // leaves one under its threshold alone. Pages and single-fetch data stay streamed.
  if (response.body && /^application\/json/i.test(response.headers.get("content-type") ?? "")) {
    res.end(Buffer.from(await response.arrayBuffer()));
  } else if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
