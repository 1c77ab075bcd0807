import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";

import { findSignInAccount } from "~/auth/accounts.server";
import { knownDeviceOf, rememberDevice } from "~/auth/known-device.server";
import { createLoginSchema, LOGIN_MAX } from "~/auth/login-schema";
import { verifyPassword } from "~/auth/password.server";
import { safeRedirectPath } from "~/auth/safe-redirect";
import { getStaffUser, isCrossSite, signInStaff, type StaffRole } from "~/auth/session.server";
import { useDraftKept } from "~/components/draft-keeper";
import { type FieldMeta, TextField } from "~/components/forms";
import { noindexMeta, stylesheets } from "~/components/page-head";
import { StaffPage } from "~/components/staff";
import { refusedAsSent } from "~/http/action-form.server";
import type { WebLoadContext } from "~/http/load-context";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import adminStyles from "~/styles/admin.css";
import { authLimits, clientKey, consume, consumeAll, giveBack, type Limit } from "~/utils/rate-limit.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => staffText(d?.lng ?? "zh", "login.title"));
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
  return lngHref(role === "admin" ? "/admin" : role === "recruiter" ? "/queue" : "/hotline", lng);
}

/**
 * GET: the form; a signed-in browser goes on to `next` or its desk. After a refused post (the action's
 * `loginRefused`), the form with the refusal — a signed-in browser too, told it is still signed in as itself: a
 * failed attempt neither signs it out nor sends it on without a word (ADR 191).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lng = lngFromUrl(request.url);
  const next = safeRedirectPath(url.searchParams.get("next"));
  const user = await getStaffUser(request);
  const refused = (context as Partial<WebLoadContext> | undefined)?.loginRefused === true;
  if (user && !refused) throw redirect(next ?? home(user.role, lng), 303);
  const stillSignedIn = user ? { name: user.name, home: home(user.role, lng) } : null;
  // Sent here by a form posted on a session that had ended (loginPath): say that it was not saved.
  return { lng, next, expired: url.searchParams.get("expired") === "1", stillSignedIn };
}

/** A refused post is answered with the form as it is: its loader's next read would send a signed-in browser on (ADR 191). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult === undefined ? defaultShouldRevalidate : false;

/** A refused post: the same request's loader draws the form (with the refusal) rather than sending a signed-in browser on. */
function refusedLogin<T>(context: unknown, answer: T): T {
  if (context && typeof context === "object") (context as Partial<WebLoadContext>).loginRefused = true;
  return answer;
}

/**
 * POST email + password (Conform + Zod, app/auth/login-schema.ts) → a new session and 303 onwards
 * (`next` if it is a safe local path, else the role's desk); 400 with the fields' errors or one
 * form-level message that never says which of the two was wrong; 429 while a guessing budget is
 * spent; 403 when posted from another site. The password is never sent back into the page.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (isCrossSite(request)) throw new Response("Forbidden: sign in from this site's own form", { status: 403 });
  const lng = lngFromUrl(request.url);
  const form = await request.formData();
  const limits = authLimits();
  // The wait is the limit's own (a wrong-password budget lasts AUTH_LIMIT_WINDOW_SECONDS), in whole minutes.
  const limitedText = (retryAfterSec: number) =>
    staffText(lng, "login.rateLimited", { minutes: Math.max(1, Math.ceil(retryAfterSec / 60)) });
  const tooMany = (retryAfterSec: number) => ({ status: 429, headers: { "Retry-After": String(retryAfterSec) } });
  // The address's budget before the form is parsed (ADR 178): a flood past it costs no schema.
  const perAddress = await consume(limits.staffAddress, clientKey(context));
  if (!perAddress.ok)
    return refusedLogin(
      context,
      data(refusedAsSent(form, [limitedText(perAddress.retryAfterSec)], ["password"]), tooMany(perAddress.retryAfterSec)),
    );
  const submission = parseWithZod(form, { schema: createLoginSchema(lng) });
  const reply = (formError?: string) => submission.reply({ formErrors: formError ? [formError] : undefined, hideFields: ["password"] });
  const limited = (retryAfterSec: number) => refusedLogin(context, data(reply(limitedText(retryAfterSec)), tooMany(retryAfterSec)));
  const wrong = () => refusedLogin(context, data(reply(staffText(lng, "login.wrong")), { status: 400 }));
  if (submission.status !== "success") return refusedLogin(context, data(reply(), { status: 400 }));
  const { email, password, next } = submission.value;
  // A browser that signed in as this account before has a budget of its own (ADR 182): strangers'
  // guesses, which spend the account's and everyone's, do not keep the person out of it.
  const device = await knownDeviceOf(request, email);
  const budgets: [Limit, string][] = device
    ? [[limits.staffDeviceFailures, `${email}\u0000${device}`]]
    : [
        [limits.staffAccountFailures, email],
        [limits.staffAllFailures, "all"],
      ];
  const gate = await consumeAll(budgets);
  if (!gate.ok) return limited(gate.retryAfterSec);
  if (password.length > LOGIN_MAX.password) return wrong(); // no account has one; not worth hashing
  const user = await findSignInAccount(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return wrong();
  await Promise.all(budgets.map(([limit, key]) => giveBack(limit, key)));
  const signedIn = await signInStaff(request, user.id, safeRedirectPath(next) ?? home(user.role, lng));
  signedIn.headers.append("Set-Cookie", await rememberDevice(request, email));
  return signedIn;
}

export default function StaffLogin() {
  const { lng, next, expired, stillSignedIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  // With JavaScript, what the ended session's post held is kept in this tab (ADR 085): say it comes back.
  const kept = useDraftKept();
  const t = (key: Parameters<typeof staffText>[1]) => staffText(lng, key);
  const schema = useMemo(() => createLoginSchema(lng), [lng]);
  const [form, fields] = useForm({
    id: "login",
    lastResult: navigation.state === "idle" ? lastResult : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // The form-level message (wrong pair, too many tries) describes both fields.
  const both = { required: true, alsoDescribedBy: form.errors?.length ? form.errorId : undefined };
  return (
    <StaffPage lng={lng} signedIn={false}>
      <div className="login">
        <h1>{t("login.title")}</h1>
        {expired ? (
          <div className="banner error" role="alert">
            {t("session.expiredLogin")}
          </div>
        ) : null}
        {expired && kept ? (
          <div className="banner" role="status">
            {t("draft.keptLogin")}
          </div>
        ) : null}
        {form.errors?.length ? (
          <div className="banner error" role="alert" id={form.errorId}>
            {form.errors.join(" ")}
          </div>
        ) : null}
        {stillSignedIn && form.errors?.length ? (
          <p className="banner" role="status" data-testid="still-signed-in">
            {staffText(lng, "login.stillSignedIn", { name: stillSignedIn.name })} <a href={stillSignedIn.home}>{t("login.backToDesk")}</a>
          </p>
        ) : null}
        <Form method="post" action={lngHref(`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`, lng)} {...getFormProps(form)}>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField
            {...both}
            meta={fields.email as unknown as FieldMeta}
            label={t("login.email")}
            type="email"
            autoComplete="username"
            maxLength={LOGIN_MAX.email}
            autoFocus
          />
          {/* Never filled in from the server (hideFields). */}
          <TextField
            {...both}
            meta={fields.password as unknown as FieldMeta}
            label={t("login.password")}
            type="password"
            autoComplete="current-password"
            maxLength={LOGIN_MAX.password}
          />
          <button type="submit">{t("login.submit")}</button>
        </Form>
      </div>
    </StaffPage>
  );
}
