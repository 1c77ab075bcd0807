import * as serverBuild from "@remix-run/dev/server-build";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

import { isUnavailableError } from "~/db/unavailable";
import { answerDeadline, deadlinePassed } from "~/http/answer-deadline.server";
import { apiLeadsRoute, apiLeadsShed } from "~/http/api-leads.server";
import { answerClientError } from "~/http/client-error.server";
import { formShed } from "~/http/form-shed.server";
import { sendRefusal } from "~/http/refusal.server";
import { remixHandler } from "~/http/remix-handler.server";
import { requestGate } from "~/http/request-gate.server";
import { securityHeaders } from "~/http/security-headers.server";
import { rememberTrust, type TrustFn } from "~/http/trust-proxy.server";
import { startRegionHome } from "~/inventory/region-home.server";
import { warmReaders } from "~/leads/warm-readers.server";
import { getWebEnv } from "~/utils/env.server";
import { installLastResortHandlers } from "~/utils/last-resort.server";
import { errorMessage, log } from "~/utils/log.server";
import { limitsRedis } from "~/utils/rate-limit.server";

// The web process: express serves the Remix build behind the request gate (ADR 021), with the
// client's address in the load context (rate limits) and a clean shutdown. Started by `npm start`,
// or alone with `npm run start:web`; it runs as `node build/index.js` (see app/cli/web-entry.ts).
const env = getWebEnv();
// The Remix build, compiled into this same file by `remix build` (remix.config.js `server`): one copy
// of every module, and no TypeScript compiler at run time (docs/decisions/044).
const build = serverBuild as unknown as ServerBuild;

limitsRedis(); // connect now: rate and guessing limits are shared through Redis (ADR 020)
startRegionHome(); // the parks' districts, which region suggestions put first (ADR 113)

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
app.set("trust proxy fn", rememberTrust(app.get("trust proxy fn") as TrustFn)); // parsed once per address, not per use
app.use(securityHeaders({ appUrl: env.APP_URL }));
app.post("/api/leads", apiLeadsShed()); // an overloaded intake refuses before anything else is spent on it (ADR 035)
// The JSON intake ahead of the compressor and the static files: its answers and refusals are JSON of a
// few hundred bytes, under the compressor's threshold, and its wrapper of every response cost 20–25 % of
// the web's CPU a lead (bench:intake, docs/benchmarks.md). Without the framework's per-request cost (ADR 031).
const gate = requestGate({ appUrl: env.APP_URL });
// Once the body is read: a request whose answer has not begun within ANSWER_DEADLINE_SECONDS is answered 503 (ADR 202).
const deadline = answerDeadline(env.ANSWER_DEADLINE_SECONDS, () => env.HOTLINE_PHONE);
app.post("/api/leads", gate, deadline, apiLeadsRoute());
// gzip (or deflate) for a client that asks: pages, scripts, styles and JSON of 1 KB or more whose type
// is text-like (images and archives are already compressed and pass as they are). Remix's streamed
// HTML stays streamed: its writer flushes the compressor after every chunk. Refusals and shed pages
// go through the same response object, so they are compressed when large enough too.
app.use(compression({ threshold: 1024 }));
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(gate);
app.use(deadline);
app.post(
  "/",
  formShed(() => env.HOTLINE_PHONE),
); // an overloaded intake refuses the form before Remix renders (ADR 035)
app.all("*", remixHandler(build, { hotline: () => env.HOTLINE_PHONE }));
// Last resort: a plain page in the client's language, never a stack trace.
app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
  if (deadlinePassed(res)) return; // answered already (ADR 202): what failed late has nowhere to go
  const status = typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : 500;
  if (status >= 400 && status < 500) return sendRefusal(req, res, { status, key: "title" }, true);
  const unavailable = isUnavailableError(error);
  log.error("request failed in the web layer", { path: req.path, error: errorMessage(error) });
  sendRefusal(req, res, {
    status: unavailable ? 503 : 500,
    key: unavailable ? "unavailable" : "error",
    title: unavailable ? "unavailableTitle" : "title",
    params: { hotline: env.HOTLINE_PHONE },
    headers: unavailable ? { "Retry-After": "30" } : {},
  });
});

const server = app.listen(env.PORT, () => {
  log.info("web listening", { url: `http://localhost:${env.PORT}` });
  // Next, before most first requests: the readers' tables, so the first enterprise's notes cost what any other's do (ADR 148).
  if (env.WARM_READERS === "1") setImmediate(() => log.info("readers warmed", { cpuMs: warmReaders() }));
});
// Keep idle connections longer than clients and proxies do, so a reused socket is never closed
// under a request in flight (that shows up as ECONNRESET at the client).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// What Node's parser refuses (an address over 16 KB, bytes that are no HTTP) is told why, not a bare 431/400.
server.on("clientError", answerClientError);

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("web stopping", { signal });
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
}
installLastResortHandlers("web", () => server.close(() => process.exit(70)));
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
