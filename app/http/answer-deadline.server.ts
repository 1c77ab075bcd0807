import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { log } from "~/utils/log.server";

import { isApiPath, sendRefusal } from "./refusal.server";
import type { GatePass } from "./request-gate.server";
import { UPLOAD_PATHS } from "./request-gate.server";

/**
 * The longest a request waits for its answer to begin (ADR 202). A database that goes silent — a failover whose old
 * primary vanished without a reset, a network partition, a hung disk — answers no statement and ends no connection:
 * the driver has no statement timeout, the kernel's keep-alive gives up after minutes, and every request that had
 * sent a statement waited with it, an enterprise's `POST /` and `POST /api/leads` for as long as their browser or
 * client would (attack 41: over 60 s, while `/healthz` said 503 after 5 s and pages that opened a new connection
 * after 10). Past the deadline the request is answered 503 with Retry-After and the connection closed: a form's
 * typing comes back with a button to send it again (ADR 115), an intake post says it could not be confirmed (its
 * submission key, or the API's Idempotency-Key, makes a second send harmless if the first is saved after all).
 * The request's own work goes on; its late answer is dropped (`deadlinePassed`).
 *
 * Not for what is slow by nature: an import's upload or body (`UPLOAD_PATHS`, `/api/import`) and a download
 * (`…/export`), which streams once it starts. `seconds` 0 turns it off.
 */
export function answerDeadline(seconds: number, hotline: () => string) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (seconds <= 0 || exempt(req.path)) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.deadlinePassed = true;
      log.warn("request not answered within its deadline: answered 503", { method: req.method, path: req.path, seconds });
      const intake = req.method === "POST" && (req.path === "/" || /^\/api\/leads\/?$/i.test(req.path));
      sendRefusal(
        req,
        res,
        {
          status: 503,
          key: intake ? "unconfirmed" : "unavailable",
          title: "unavailableTitle",
          params: { hotline: hotline() },
          headers: { "Retry-After": "30" },
          resend: typedForm(req, res.locals.gate as GatePass | undefined),
        },
        true,
      );
    }, seconds * 1000);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once("finish", clear).once("close", clear);
    next();
  };
}

/** True once the deadline answered the request: its late answer has nowhere to go. */
export function deadlinePassed(res: ExpressResponse): boolean {
  return res.locals.deadlinePassed === true;
}

function exempt(path: string): boolean {
  return UPLOAD_PATHS.has(path) || (isApiPath(path) && /^\/api\/import\/?$/i.test(path)) || /\/export\/?$/i.test(path);
}

/**
 * The fields of a form post sent as a document (urlencoded, the gate's checked body), for a refusal page to keep
 * what was typed (ADR 115); undefined for anything else. Multipart posts (a workbook upload) carry files a page
 * cannot hold: not kept.
 */
export function typedForm(req: Pick<ExpressRequest, "method" | "headers">, gate: GatePass | undefined): [string, string][] | undefined {
  if (req.method !== "POST" || !gate?.body) return undefined;
  if (!/^application\/x-www-form-urlencoded/i.test(gate.contentType ?? String(req.headers["content-type"] ?? ""))) return undefined;
  return [...new URLSearchParams(gate.body.toString("utf8"))];
}
