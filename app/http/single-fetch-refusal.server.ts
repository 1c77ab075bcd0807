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
 * Sends a refusal of a single-fetch post as Remix's action answer (ADR 163): status `refusal.status` (a 4xx,
 * so Remix does not reload the page's data), the body `{data: {formRefusal}}` encoded as Remix encodes a
 * single-fetch result (turbo-stream, `text/x-script`, `X-Remix-Response: yes`). The page keeps its form as
 * typed and shows the words (app/components/form-refusal.tsx). Headers already set on `res` are kept.
 */
export async function sendSingleFetchRefusal(res: ExpressResponse, refusal: FormRefusal): Promise<void> {
  const result: { data: FormRefusalData } = { data: { formRefusal: refusal } };
  let body = "";
  const decoder = new TextDecoder();
  const reader = encode(result).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) body += decoder.decode(chunk.value, { stream: true });
  body += decoder.decode();
  res.status(refusal.status);
  res.setHeader("Content-Type", "text/x-script");
  res.setHeader("X-Remix-Response", "yes");
  res.send(body);
}
