import type { LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";

// Any other address under /api/: a 404 in the API's error shape (ADR 025), not the HTML page.
export function loader({ request }: LoaderFunctionArgs) {
  return apiError(request, 404, "noSuchApi");
}

export function action({ request }: LoaderFunctionArgs) {
  return apiError(request, 404, "noSuchApi");
}
