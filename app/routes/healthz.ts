import type { LoaderFunctionArgs } from "@remix-run/node";

import { hasAdminToken } from "~/auth/admin-token.server";
import { getStaffUser } from "~/auth/session.server";
import { getWebEnv } from "~/utils/env.server";
import { checkHealth } from "~/utils/health.server";

import { webIndexNames } from "../../search/web-index-names";

/**
 * 200 when Postgres, Redis and Meilisearch answer; 503 naming what is down. The errors (they hold
 * internal addresses and ports) only for an admin: the bearer token or a signed-in admin. An index the app
 * needs missing from a Meilisearch that answers: 200 with status "degraded" and the index named in
 * `components.meilisearch.missingIndexes` (for everyone: kinds, not uids) — intake works, matching and search
 * wait for the worker's refill (ADR 183). A worker that takes no work (its earliest due row untaken for minutes):
 * 200, "degraded", `worker` in `down` and `components.worker.behindSeconds` (ADR 214).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const report = await checkHealth({ ...getWebEnv(), indexes: webIndexNames() });
  const down = Object.entries(report.components)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  const admin = (await hasAdminToken(request)) || (await signedInAdmin(request));
  const components = admin
    ? report.components
    : Object.fromEntries(
        Object.entries(report.components).map(([name, c]) => [
          name,
          "missingIndexes" in c
            ? { ok: c.ok, missingIndexes: c.missingIndexes }
            : "behindSeconds" in c
              ? { ok: c.ok, behindSeconds: c.behindSeconds }
              : { ok: c.ok },
        ]),
      );
  return Response.json(
    { status: report.degraded ? "degraded" : "ok", down, components },
    { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

/** A signed-in admin; a database that is down (the very thing this page reports) means "not known to be one". */
async function signedInAdmin(request: Request): Promise<boolean> {
  try {
    return (await getStaffUser(request))?.role === "admin";
  } catch {
    return false;
  }
}
