import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { lngFrom } from "~/i18n/lng";
import { acceptApiLead, type ApiAnswer, overloadedAnswer } from "~/leads/api-intake.server";
import { intakeGuard } from "~/utils/overload.server";

import { deadlinePassed } from "./answer-deadline.server";
import { BODY_LIMITS, type GatePass } from "./request-gate.server";

/**
 * `POST /api/leads` answered straight from express, after the request gate (which has read and checked
 * the body), through the same `acceptApiLead` as the Remix route. Skipping the framework's request
 * (route matching, a Fetch Request and Response, the stream copy) cut the web process's CPU per lead
 * (docs/benchmarks.md, Intake; ADR 031). The answer is the route's, byte for byte: JSON with
 * `content-type: application/json`.
 */
export function apiLeadsRoute() {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const gate = res.locals.gate as GatePass;
      const answer = await acceptApiLead({
        method: req.method,
        url: req.originalUrl,
        acceptLanguage: req.headers["accept-language"] ?? null,
        idempotencyKey: typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null,
        body: async () => (gate.body ?? Buffer.alloc(0)).toString("utf8"),
        parsedBody: gate.json, // the gate parsed it while checking it: not a second time
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      });
      if (deadlinePassed(res)) return; // answered 503 meanwhile (ADR 202)
      sendAnswer(res, answer);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * `POST /api/leads` refused while the intake is overloaded (ADR 035) before anything else is spent on
 * it: no compression wrapper, no static-file look-up, no body read or JSON parse by the request gate
 * (~0.15 ms of the web's CPU a refusal at twice the knee, was ~0.21; docs/benchmarks.md, "The in-flight
 * bound, and refusals before the body"). Only a body the gate would take anyway (a declared length
 * within the API's limit) is refused here — anything else goes on to the gate and gets its own answer —
 * and the unread body is discarded by Node once the answer is sent. The answer is acceptApiLead's own 503.
 */
export function apiLeadsShed() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const length = Number(req.headers["content-length"]);
    if (!(length > 0 && length <= BODY_LIMITS.api)) return next();
    const refused = intakeGuard().refusal();
    if (!refused) return next();
    sendAnswer(res, overloadedAnswer(lngFrom(req.originalUrl, req.headers["accept-language"]), refused.retryAfterSec));
  };
}

function sendAnswer(res: ExpressResponse, answer: ApiAnswer): void {
  const json = Buffer.from(JSON.stringify(answer.body));
  res.writeHead(answer.status, { ...answer.headers, "content-type": "application/json", "content-length": json.length });
  res.end(json);
}
