import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { checkAdminTokenGuess, hasAdminSession, safeAdminPath, signIn } from "~/auth/admin-session.server";
import { AdminPage, useAdminText } from "~/components/admin";
import { adminText, withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import adminStyles from "~/styles/admin.css";
import { authLimits, clientKey, consume } from "~/utils/rate-limit.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: adminText(d?.lng ?? "zh", "login.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers(actionHeaders);
  out.set("Cache-Control", "no-store");
  return out;
};

function target(request: Request, next: unknown): string {
  const lng = lngFromUrl(request.url);
  return safeAdminPath(next) ?? withLng("/admin", lng);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Already signed in: straight on.
  if (await hasAdminSession(request)) throw redirect(target(request, url.searchParams.get("next")), 303);
  return { lng: lngFromUrl(request.url), next: safeAdminPath(url.searchParams.get("next")) };
}

type ActionResult = { error: "missing" | "wrong" | "rateLimited" };

/** POST: the admin token (never echoed back) → a fresh session and 303 to /admin, or 400 with a field error. */
export async function action({ request, context }: ActionFunctionArgs) {
  // Tries per address; wrong tokens also count against the token's own budget, shared with the
  // Bearer header (a guessed token must take forever, whichever door is tried).
  const perAddress = await consume(authLimits().adminLoginAddress, clientKey(context));
  if (!perAddress.ok)
    return data<ActionResult>({ error: "rateLimited" }, { status: 429, headers: { "Retry-After": String(perAddress.retryAfterSec) } });
  const form = await request.formData();
  const token = form.get("token");
  if (typeof token !== "string" || token.trim() === "") return data<ActionResult>({ error: "missing" }, { status: 400 });
  const verdict = await checkAdminTokenGuess(token.trim());
  if (typeof verdict === "object")
    return data<ActionResult>({ error: "rateLimited" }, { status: 429, headers: { "Retry-After": String(verdict.retryAfterSec) } });
  if (verdict === "wrong") return data<ActionResult>({ error: "wrong" }, { status: 400 });
  return signIn(request, target(request, form.get("next")));
}

export default function AdminLogin() {
  const { lng, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = useAdminText(lng);
  const error = actionData?.error;
  const message =
    error === "missing"
      ? t("login.missing")
      : error === "wrong"
        ? t("login.wrong")
        : error === "rateLimited"
          ? t("login.rateLimited")
          : null;
  return (
    <AdminPage lng={lng} signedIn={false}>
      <div className="login">
        <h1>{t("login.title")}</h1>
        <p>{t("login.intro")}</p>
        {error === "rateLimited" ? (
          <div className="banner error" role="alert">
            {message}
          </div>
        ) : null}
        <Form method="post" action={withLng("/admin/login", lng)}>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <div className="field">
            <label htmlFor="admin-token">{t("login.token")}</label>
            {/* Never filled in from the server: a wrong token is not sent back into the page. */}
            <input
              id="admin-token"
              name="token"
              type="password"
              autoComplete="current-password"
              required
              maxLength={500}
              aria-invalid={error === "missing" || error === "wrong" ? true : undefined}
              aria-describedby={error === "missing" || error === "wrong" ? "admin-token-error" : undefined}
              autoFocus
            />
            {error === "missing" || error === "wrong" ? (
              <ul id="admin-token-error" className="errors" role="alert">
                <li>{message}</li>
              </ul>
            ) : null}
          </div>
          <button type="submit">{t("login.submit")}</button>
        </Form>
      </div>
    </AdminPage>
  );
}
