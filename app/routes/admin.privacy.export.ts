import type { ActionFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { requireAdminForResource } from "~/auth/admin-gate.server";
import { getSql } from "~/db/db.server";
import { parseActionForm } from "~/http/action-form.server";
import { getOutboxDir } from "~/notify/outbox-dir.server";
import { staffActor } from "~/privacy/access-log.server";
import { privacyRequestSchema } from "~/privacy/request-form";
import { exportPersonData, findPerson } from "~/privacy/requests.server";
import { getWebEnv } from "~/utils/env.server";

import { createSearchClient } from "../../search/client";
import { webIndexNames } from "../../search/web-index-names";

/**
 * POST /admin/privacy/export query=<phone or reference>: everything we hold about that person as a
 * JSON download (PIPL art. 45), recorded in the privacy audit log. 400 when the query is neither. No
 * loader: a GET is answered 405 by the web layer (remix-handler.server.ts), in the person's language.
 */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const submission = await parseActionForm(request, admin.user, privacyRequestSchema);
  const sql = getSql();
  const person = submission.status === "success" ? await findPerson(sql, submission.value.query) : null;
  if (!person) return apiError(request, 400, "personQuery", { field: "query" });
  const env = getWebEnv();
  const { actor } = await staffActor(request);
  const body = await exportPersonData(sql, createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY), {
    person,
    actor,
    outboxDir: getOutboxDir(),
    leadsIndex: webIndexNames().leads, // MEILI_INDEX_PREFIX, as the worker writes it
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="parkmatch-personal-data-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
