import { Transform, type TransformCallback } from "node:stream";

import { type AppLoadContext, createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { NonceProvider } from "~/components/nonce";
import { isUnavailableError } from "~/db/unavailable";
import type { WebLoadContext } from "~/http/load-context";
import { errorMessage, log } from "~/utils/log.server";

// Remix's default server entry plus two things (ADR 021): the response's CSP nonce on every inline
// script Remix renders, and errors sorted into "a service is down" (the web layer answers 503) and
// real faults (logged).

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as Partial<WebLoadContext>).cspNonce ?? "";
  // Crawlers get the whole page at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = withoutZeroBytes();
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          if (shellRendered) log.error("page render failed", { error: errorMessage(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * The page's bytes without React 18's stray zero bytes. Its streaming renderer (react-dom 18.3.1,
 * `writeStringChunk`) sends its whole 2,048-byte buffer when a three-byte UTF-8 character does not fit
 * in the one or two bytes left: those bytes go out as zeros, inside whatever text or attribute was being
 * written. A browser shows each as "�", and a form sent back from such a page stored it with what was
 * typed (test/integration/pages.test.ts). The zeros are extra bytes — the character follows in the
 * next buffer — and a page has no zero byte of its own (text is UTF-8, data is JSON-escaped), so they
 * are dropped. Fixed upstream in React 19 (facebook/react#26228).
 */
function withoutZeroBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (chunk.indexOf(0) < 0) return done(null, chunk);
      done(
        null,
        chunk.filter((b) => b !== 0),
      );
    },
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return; // the client went away
  if (isRouteErrorResponse(error) && error.status < 500) return; // a 404 or 405 the framework answered: not a fault
  if (isUnavailableError(error)) {
    (context as Partial<WebLoadContext>).unavailable = true;
    log.warn("request failed: a backing service is unreachable", { path: new URL(request.url).pathname, error: errorMessage(error) });
    return;
  }
  log.error("request failed", {
    path: new URL(request.url).pathname,
    error: errorMessage(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
};
