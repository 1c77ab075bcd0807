import type { LoaderFunctionArgs } from "@remix-run/node";

import { hasAdminSession, hasAdminToken } from "~/auth/admin-session.server";
import { getWebEnv } from "~/utils/env.server";
import { checkHealth } from "~/utils/health.server";

/**
 * 200 when Postgres, Redis and Meilisearch answer; 503 naming what is down. The errors (they hold
 * internal addresses and ports) only for an admin: the bearer token or an admin session.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const report = await checkHealth(getWebEnv());
  const down = Object.entries(report.components)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  const admin = (await hasAdminToken(request)) || (await hasAdminSession(request));
  const components = admin
    ? report.components
    : Object.fromEntries(Object.entries(report.components).map(([name, c]) => [name, { ok: c.ok }]));
  return Response.json(
    { status: report.ok ? "ok" : "degraded", down, components },
    { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
