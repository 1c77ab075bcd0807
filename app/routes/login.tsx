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

import { verifyPassword } from "~/auth/password.server";
import { getStaffUser, isCrossSite, safeNext, signInStaff, type StaffRole } from "~/auth/staff-session.server";
import { StaffPage } from "~/components/staff";
import { getSql } from "~/db/db.server";
import { withLng } from "~/i18n/admin-messages";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import adminStyles from "~/styles/admin.css";
import { authLimits, clientKey, consume, consumeAll, giveBack } from "~/utils/rate-limit.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: staffText(d?.lng ?? "zh", "login.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers(actionHeaders); // Retry-After of a 429
  out.set("Cache-Control", "no-store");
  return out;
};

// Budgets (app/utils/rate-limit.server.ts, ADR 020): failures per account from every address
// together (a guessed password takes forever), failures over all accounts (one password sprayed at
// many), all attempts per address. Each attempt is counted before the password is checked, so
// parallel guesses cannot all pass one check; a right password gives its failure points back.
// Checked when the email is unknown too, so the answer takes as long either way (no account probing).
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function home(role: StaffRole, lng: Lng): string {
  return withLng(role === "admin" ? "/admin" : role === "recruiter" ? "/queue" : "/hotline", lng);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lng = lngFromUrl(request.url);
  const user = await getStaffUser(request);
  if (user) throw redirect(safeNext(url.searchParams.get("next")) ?? home(user.role, lng), 303);
  return { lng, next: safeNext(url.searchParams.get("next")) };
}

type ActionResult = { error: "missing" | "wrong" | "rateLimited"; email: string };

/** POST email + password → a new session and 303 onwards, or 400 with one message (never which of the two was wrong). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (isCrossSite(request)) throw new Response("Forbidden: sign in from this site's own form", { status: 403 });
  const form = await request.formData();
  const email = String(form.get("email") ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 200);
  const password = String(form.get("password") ?? "");
  const limits = authLimits();
  const limited = (retryAfterSec: number) =>
    data<ActionResult>({ error: "rateLimited", email }, { status: 429, headers: { "Retry-After": String(retryAfterSec) } });
  const perAddress = await consume(limits.staffAddress, clientKey(context));
  if (!perAddress.ok) return limited(perAddress.retryAfterSec);
  if (!email || !password) return data<ActionResult>({ error: "missing", email }, { status: 400 });
  const gate = await consumeAll([
    [limits.staffAccountFailures, email],
    [limits.staffAllFailures, "all"],
  ]);
  if (!gate.ok) return limited(gate.retryAfterSec);
  if (password.length > 200) return data<ActionResult>({ error: "wrong", email }, { status: 400 }); // no account has one; not worth hashing
  const [user] = await getSql()<{ id: string; role: StaffRole; password_hash: string | null }[]>`
    select id, role, password_hash from users where email = ${email} and active`;
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) return data<ActionResult>({ error: "wrong", email }, { status: 400 });
  await Promise.all([giveBack(limits.staffAccountFailures, email), giveBack(limits.staffAllFailures, "all")]);
  return signInStaff(request, user.id, safeNext(form.get("next")) ?? home(user.role, lngFromUrl(request.url)));
}

export default function StaffLogin() {
  const { lng, next } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const t = (key: Parameters<typeof staffText>[1]) => staffText(lng, key);
  const error = result?.error;
  return (
    <StaffPage lng={lng} signedIn={false}>
      <div className="login">
        <h1>{t("login.title")}</h1>
        {error ? (
          <div className="banner error" role="alert" id="login-error">
            {t(error === "missing" ? "login.missing" : error === "wrong" ? "login.wrong" : "login.rateLimited")}
          </div>
        ) : null}
        <Form method="post" action={withLng(`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`, lng)}>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <div className="field">
            <label htmlFor="staff-email">{t("login.email")}</label>
            <input
              id="staff-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              maxLength={200}
              defaultValue={result?.email ?? ""}
              aria-describedby={error ? "login-error" : undefined}
              autoFocus
            />
          </div>
          <div className="field">
            <label htmlFor="staff-password">{t("login.password")}</label>
            {/* Never filled in from the server. */}
            <input
              id="staff-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={200}
              aria-describedby={error ? "login-error" : undefined}
            />
          </div>
          <button type="submit">{t("login.submit")}</button>
        </Form>
      </div>
    </StaffPage>
  );
}
