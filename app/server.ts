import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { pathToFileURL } from "node:url";
import { getWebEnv } from "~/utils/env.server";
import { installLastResortHandlers } from "~/utils/last-resort.server";
import { log } from "~/utils/log.server";

// The web process: express serves the Remix build, with the client's address in the load context
// (rate limits) and a clean shutdown. Started by `npm start`, or alone with `npm run start:web`.
const env = getWebEnv();
const buildPath = new URL("../build/index.js", import.meta.url);
const build = (await import(pathToFileURL(buildPath.pathname).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }) }));

const server = app.listen(env.PORT, () => log.info("web listening", { url: `http://localhost:${env.PORT}` }));
// Keep idle connections longer than clients and proxies do, so a reused socket is never closed
// under a request in flight (that shows up as ECONNRESET at the client).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

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
