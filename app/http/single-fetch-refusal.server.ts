import type { Response as ExpressResponse } from "express";
import { encode } from "turbo-stream";

import type { FormRefusal, FormRefusalData } from "./form-refusal";

/**
 * Whether `req` is Remix's single-fetch post of a hydrated page's form (`POST /hotline.data`, `/_root.data?index`):
 * the page reads its answer as turbo-stream data, never as a page (an HTML answer broke it: "Unable to decode
 * turbo-stream response"). GETs of `.data` (loaders) are not such a post.
 */
export function isSingleFetchPost(req: { method: string; path: string }): boolean {
  return req.method === "POST" && req.path.endsWith(".data");
}

/**
 * Whether `req` is Remix's single-fetch load of a page's data (`GET /queue.data?q=…`, `/_root.data`): a hydrated
 * page navigating, searching with a GET form or reloading its data after a post. It reads turbo-stream too.
 */
export function isSingleFetchLoad(req: { method: string; path: string }): boolean {
  return (req.method === "GET" || req.method === "HEAD") && req.path.endsWith(".data");
}

/**
 * The page address a single-fetch load stands for, as the browser would ask for it as a document: `/queue.data?q=x`
 * → `/queue?q=x`, `/_root.data` → `/`, Remix's `_routes` dropped; the query otherwise byte for byte (a refused one is
 * refused again, as a page). Never another site: `//host…` or a backslash → `/`.
 */
export function documentAddressOf(originalUrl: string): string {
  const q = originalUrl.indexOf("?");
  const rawPath = q === -1 ? originalUrl : originalUrl.slice(0, q);
  const path = rawPath === "/_root.data" ? "/" : rawPath.replace(/\.data$/, "") || "/";
  const query = (q === -1 ? "" : originalUrl.slice(q + 1))
    .split("&")
    .filter((pair) => pair !== "" && !/^_routes(=|$)/.test(pair))
    .join("&");
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return "/";
  return query ? `${path}?${query}` : path;
}

/** Marks the value turbo-stream writes as Remix's redirect record (server-runtime's SingleFetchRedirect plugin). */
const REDIRECT = Symbol("SingleFetchRedirect");

/**
 * Answers a single-fetch load the web layer refused (the gate's bad address, the database unavailable) as Remix's
 * loader answer of a redirect that reloads the document (docs/decisions/167): status `status` (the refusal's own:
 * 400, 429, 503 — for logs and the network tab; Remix reads a load's body whatever its status), `text/x-script`,
 * `X-Remix-Response: yes`, the body `{[SingleFetchRedirect]: {redirect: location, reload: true, …}}` encoded with
 * turbo-stream as Remix encodes it. The browser then asks for `location` as a page and is answered with the
 * refusal's page in its language (its words, Retry-After, the way back) — the answer a page without JavaScript
 * gets. An HTML answer to the load itself broke the page ("Unable to decode turbo-stream response").
 */
export async function sendSingleFetchReload(res: ExpressResponse, status: number, location: string): Promise<void> {
  const result = { [REDIRECT]: { redirect: location, status: 302, revalidate: false, reload: true, replace: false } };
  const stream = encode(result, {
    plugins: [
      (value: unknown) =>
        value && typeof value === "object" && REDIRECT in value
          ? ["SingleFetchRedirect", (value as Record<symbol, unknown>)[REDIRECT]]
          : false,
    ],
  });
  res.status(status);
  res.setHeader("Content-Type", "text/x-script");
  res.setHeader("X-Remix-Response", "yes");
  res.send(await readAll(stream));
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let body = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) body += decoder.decode(chunk.value, { stream: true });
  return body + decoder.decode();
}

/**
 * Sends a refusal of a single-fetch post as Remix's action answer (ADR 163): status `refusal.status` (a 4xx,
 * so Remix does not reload the page's data), the body `{data: {formRefusal}}` encoded as Remix encodes a
 * single-fetch result (turbo-stream, `text/x-script`, `X-Remix-Response: yes`). The page keeps its form as
 * typed and shows the words (app/components/form-refusal.tsx). Headers already set on `res` are kept.
 */
export async function sendSingleFetchRefusal(res: ExpressResponse, refusal: FormRefusal): Promise<void> {
  const result: { data: FormRefusalData } = { data: { formRefusal: refusal } };
  const body = await readAll(encode(result));
  res.status(refusal.status);
  res.setHeader("Content-Type", "text/x-script");
  res.setHeader("X-Remix-Response", "yes");
  res.send(body);
}
