import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";

import { AdminErrorBoundary } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale, withErrorTitle } from "~/components/error-pages";
import { InventoryEditPage } from "~/components/inventory-edit-page";
import { noStore, stylesheets } from "~/components/page-head";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Collection } from "~/inventory/inventory-columns";
import { inventoryEditAction, inventoryEditLoader } from "~/inventory/inventory-edit.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta: MetaFunction<typeof loader> = withErrorTitle(({ data: d }) => {
  const section = d ? inventoryText(d.lng, `${d.collection}.title`) : "";
  return [{ title: d?.name ? `${d.name} · ${section}` : section }, { name: "robots", content: "noindex" }];
});
export const headers = noStore;

/** /admin/parks/<id>, /admin/spaces/<id>, /admin/recruiters/<id> (and …/new); any other first segment is a 404. */
function collectionOf(param: string | undefined): Collection {
  if (param === "parks" || param === "spaces" || param === "recruiters") return param;
  throw new Response("Not found", { status: 404 });
}

/** GET: the form (the import's columns and checks); a space also shows its verification and the leads it is offered to. */
export const loader = ({ request, params }: LoaderFunctionArgs) => inventoryEditLoader(collectionOf(params.collection), request, params.id);
// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/** POST intent=save (one transaction, 303 back; field errors → 400) or intent=verify (a space is still available). */
export const action = ({ request, params }: ActionFunctionArgs) => inventoryEditAction(collectionOf(params.collection), request, params.id);

export default InventoryEditPage;

export const ErrorBoundary = AdminErrorBoundary;
