import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";

import { requireAdmin } from "~/auth/session.server";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { lngFromUrl } from "~/i18n/lng";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

import { leadsOfferedSpace, requireAdminForm, saveInventoryRow, spaceVerification } from "./inventory-admin.server";
import { inventoryFormSchema } from "./inventory-check";
import { type Collection, COLUMNS, DEFAULT_WORKING_HOURS, flattenRow, writeCells } from "./inventory-columns";
import { fromDbRow, loadDbRows } from "./inventory-rows.server";
import { confirmSpaceAvailable } from "./listing-verify.server";

// GET/POST /admin/{parks,spaces,recruiters}/<id|new>: the loader and action behind the three edit pages.

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
type Done = "created" | "updated" | "unchanged" | "verified";

/** What a new row starts with. */
const DEFAULTS: Record<Collection, Record<string, string | string[]>> = {
  parks: {},
  spaces: { status: "available", deals: ["lease"] },
  recruiters: { channel: "email", active: "true", capacity: "20", workingHours: DEFAULT_WORKING_HOURS },
};

function formValues(collection: Collection, value: Record<string, unknown>): Record<string, string | string[]> {
  const cells = writeCells(collection, value);
  const flat = flattenRow(collection, value);
  const out: Record<string, string | string[]> = {};
  for (const c of COLUMNS[collection]) {
    const v = flat[c.key];
    if (c.list && c.choices) out[c.key] = Array.isArray(v) ? v.map(String) : [];
    else if (c.choices && v !== undefined && v !== null) out[c.key] = String(v);
    else if (cells[c.key] !== null && cells[c.key] !== undefined) out[c.key] = String(cells[c.key]);
  }
  return out;
}

/**
 * The edit page's data: the row as form values (or the defaults for `new`), and for a space its
 * verification state and the open leads it is offered to. 404 for an unknown id.
 */
export async function inventoryEditLoader(collection: Collection, request: Request, id: string | undefined) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const lng = lngFromUrl(request.url);
  const done = (url.searchParams.get("done") ?? null) as Done | null;
  const rerouted = Number(url.searchParams.get("rerouted") ?? 0) || 0;
  const verifyDays = getWebEnv().SPACE_VERIFY_DAYS;
  if (id === "new") return { lng, collection, id: null, name: null, values: DEFAULTS[collection], done, rerouted, verifyDays, space: null };
  if (!id || !ID.test(id)) throw new Response("Not found", { status: 404 });
  const sql = getSql();
  const [row] = await loadDbRows(sql, collection, [id]);
  if (!row) throw new Response("Not found", { status: 404 });
  const value = fromDbRow(collection, row) as unknown as Record<string, unknown>;
  const space =
    collection === "spaces"
      ? { verification: await spaceVerification(sql, id, verifyDays), offered: await leadsOfferedSpace(sql, id) }
      : null;
  return withoutBidiControls({
    lng,
    collection,
    id,
    name: String(value.title ?? value.name ?? id),
    values: formValues(collection, value),
    done,
    rerouted,
    verifyDays,
    space,
  });
}

/**
 * intent=save: the form checked by the import's schema (field errors → 400 with everything typed),
 * saved in one transaction, then 303 back to the row's page. intent=verify (spaces): "still
 * available" sets verified_at. Every post needs the admin session's CSRF token.
 */
export async function inventoryEditAction(collection: Collection, request: Request, id: string | undefined) {
  const lng = lngFromUrl(request.url);
  const form = await request.formData();
  await requireAdminForm(request, form);
  const sql = getSql();
  const base = `/admin/${collection}`;
  if (form.get("intent") === "verify" && collection === "spaces" && id && ID.test(id)) {
    const done = await confirmSpaceAvailable(sql, id);
    if (!done) throw new Response("Not found", { status: 404 });
    const back =
      form.get("back") === "list" ? `${base}?stale=1&done=verified&space=${encodeURIComponent(id)}` : `${base}/${id}?done=verified`;
    return redirect(lngHref(back, lng), 303);
  }
  const create = id === "new";
  if (!create && (!id || !ID.test(id))) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(form, { schema: inventoryFormSchema(collection, lng), disableAutoCoercion: true });
  if (submission.status !== "success") return data({ result: submission.reply(), banner: null }, { status: 400 });
  const value = submission.value;
  if (!create && value.id !== id) throw new Response("Bad request: the id does not match the page", { status: 400 });
  const env = getWebEnv();
  try {
    const saved = await saveInventoryRow(sql, collection, value, {
      create,
      routing: { slaMinutes: env.ACCEPT_SLA_MINUTES, noticeFallbackMs: 0 },
    });
    if (!saved.ok) {
      const field = saved.reason === "idTaken" ? "id" : collection === "spaces" ? "parkId" : "parks";
      const message = saved.reason === "idTaken" ? inventoryText(lng, "edit.idTaken") : inventoryText(lng, "edit.unknownPark");
      return data({ result: submission.reply({ fieldErrors: { [field]: [message] } }), banner: null }, { status: 400 });
    }
    const query = `done=${saved.outcome}${saved.rerouted ? `&rerouted=${saved.rerouted}` : ""}`;
    return redirect(lngHref(`${base}/${encodeURIComponent(value.id)}?${query}`, lng), 303);
  } catch (error) {
    log.error("inventory save failed", { collection, error: errorMessage(error) });
    return data({ result: submission.reply(), banner: "edit.unavailable" as const }, { status: 503 });
  }
}
