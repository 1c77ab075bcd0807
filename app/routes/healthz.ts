import { getWebEnv } from "~/utils/env.server";
import { checkHealth } from "~/utils/health.server";

/** 200 when Postgres, Redis and Meilisearch answer; 503 naming what is down. */
export async function loader() {
  const report = await checkHealth(getWebEnv());
  const down = Object.entries(report.components).filter(([, c]) => !c.ok).map(([name]) => name);
  return Response.json(
    { status: report.ok ? "ok" : "degraded", down, components: report.components },
    { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
