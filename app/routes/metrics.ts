import type { LoaderFunctionArgs } from "@remix-run/node";

import { hasAdminToken } from "~/auth/admin-token.server";
import { getSql } from "~/db/db.server";
import { collectMetrics, intakeGuardMetrics, renderMetrics } from "~/metrics/metrics.server";
import { errorMessage, log } from "~/utils/log.server";
import { intakeGuard } from "~/utils/overload.server";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Prometheus text for a scraper on this machine, or anyone with the admin bearer token. The client
 * address is the real one behind a proxy on loopback that sets X-Forwarded-For (express `trust
 * proxy`), so a proxied outside request is not mistaken for a local one.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const clientIp = String((context as { clientIp?: string }).clientIp ?? "");
  // A proxy that names the client only in these headers would otherwise make everyone look local.
  const proxied = request.headers.has("forwarded") || request.headers.has("x-real-ip");
  if ((!LOOPBACK.test(clientIp) || proxied) && !(await hasAdminToken(request))) {
    return new Response("metrics: loopback or Authorization: Bearer <ADMIN_API_TOKEN>\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="parkmatch"' },
    });
  }
  try {
    const body = renderMetrics([...(await collectMetrics(getSql())), ...intakeGuardMetrics(intakeGuard())]);
    return new Response(body, { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
  } catch (error) {
    log.warn("metrics unavailable", { error: errorMessage(error) });
    return new Response("metrics unavailable: the database does not answer\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
