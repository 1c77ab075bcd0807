import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { acceptApiLead } from "~/leads/api-intake.server";

import type { GatePass } from "./request-gate.server";

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
      const json = Buffer.from(JSON.stringify(answer.body));
      res.writeHead(answer.status, { ...answer.headers, "content-type": "application/json", "content-length": json.length });
      res.end(json);
    } catch (error) {
      next(error);
    }
  };
}
