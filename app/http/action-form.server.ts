import { parse, type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { $ZodType, input, output } from "zod/v4/core";

import { checkCsrf, isSessionCsrf, type StaffUser } from "~/auth/session.server";
import { httpText } from "~/i18n/http-messages";
import { libraryErrorMap } from "~/i18n/library-error-messages";
import { type Lng, lngFromRequest } from "~/i18n/lng";

// The one way to take a state-changing form of a signed-in person (ADR 025): Conform + Zod, with the
// session's CSRF token (ADR 021) checked before anything else is looked at. Routes never read
// `formData.get(…)` by hand (test/unit/forms-one-way.test.ts walks app/routes).
//
//   const Outcome = z.object({ intent: z.literal("outcome"), task: uuidSchema, outcome: z.enum(CALL_OUTCOMES) });
//   const Lookup = z.object({ intent: z.literal("lookup"), phone: z.string().max(40) });
//   const schema = z.discriminatedUnion("intent", [Outcome, Lookup]);
//   const submission = await parseActionForm(request, user, schema);
//   if (submission.status !== "success") return data(submission.reply(), { status: 400 });
//   switch (submission.value.intent) { … }
//
// The form carries `<input type="hidden" name="csrf" value={csrf} />` (or `<CsrfField />`) and, for
// several buttons, `name="intent" value="…"` on each button.

/** The hidden field's name; the schema need not declare it (it is checked here, then ignored). */
export const CSRF_FIELD = "csrf";

/**
 * Reads the request's form once and parses it with `schema` (`parseWithZod`: empty fields are
 * undefined, numbers and booleans coerced from text; with `disableAutoCoercion` every field stays the
 * text that was sent). `user` (the signed-in staff member) must have sent their session's CSRF
 * token, else a 403 Response is thrown. A bearer-token caller (a script, no cookie) passes
 * `user = null`: there is no session to ride on, so no token is asked for. A route that parses one
 * post with two schemas (the hotline desk: its controls, then the lead) passes the FormData it read.
 * A rule without a message of its own is said from app/i18n/library-error-messages.ts in `options.lng`
 * (default: the request's language, or zh for a bare FormData), never in Zod's default words.
 * Returns the Conform submission: `status === "success"` with `value`, or `reply()` for a 400.
 */
export async function parseActionForm<Schema extends $ZodType>(
  source: Request | FormData,
  user: StaffUser | null,
  schema: Schema,
  options: { disableAutoCoercion?: boolean; lng?: Lng } = {},
): Promise<Submission<input<Schema>, string[], output<Schema>>> {
  // By what it can do, not `instanceof`: a FormData from another realm (a polyfill) must not be taken for a request.
  const form = "formData" in source ? await source.formData() : source;
  const lng = options.lng ?? ("formData" in source ? lngFromRequest(source) : "zh");
  const submission = parseWithZod(form, { schema, disableAutoCoercion: options.disableAutoCoercion, error: libraryErrorMap(lng) });
  if (user) checkCsrf(user, (submission.payload as Record<string, unknown>)[CSRF_FIELD]);
  return submission;
}

/** A form that is nothing but the CSRF token (sign-out): parsed the same way, so no route reads fields by hand. */
export const csrfOnlySchema = z.object({ [CSRF_FIELD]: z.string().optional() });

/**
 * The answer to a post refused before it is read (a spent rate limit, ADR 178): Conform's reply with every field as
 * sent, nested by its name as the page's form has it (`hide` left out: a password), and `formErrors` as the form's own
 * message — the form's schema neither built nor run, so a flood of posts past the limit costs no parse.
 */
export function refusedAsSent(form: FormData, formErrors: string[] = [], hide: string[] = []): SubmissionResult<string[]> {
  return parse<unknown, string[]>(form, { resolve: () => ({ error: {} }) }).reply({ formErrors, hideFields: hide });
}

/**
 * For a page that keeps what was typed when its form comes from a stale page (signed in again in
 * another tab: the session's CSRF token changed): null when `form` carries the session's token, else
 * the Conform reply to answer with a 403 — `initialValue` is every text field as sent (the token left
 * out), so the fields come back filled. The page shows its "expired, submit again" banner and takes
 * `user.csrf` (sent beside the reply) for the next post. Pages that do not use it get checkCsrf's 403.
 */
export function staleFormReply(form: FormData, user: StaffUser): SubmissionResult<string[]> | null {
  if (isSessionCsrf(user, form.get(CSRF_FIELD))) return null;
  const initialValue: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (name === CSRF_FIELD || typeof value !== "string") continue;
    const had = initialValue[name];
    if (had === undefined) initialValue[name] = value;
    else if (Array.isArray(had)) had.push(value);
    else initialValue[name] = [had, value];
  }
  return { status: "error", initialValue, error: {} };
}

/**
 * What a page's form sends: every name of `fields` at least once (a text box sends "" when emptied, a
 * select its chosen option), at most once each; `multi`: names that may come any number of times or not
 * at all (a group of checkboxes, none ticked sends nothing). Names in neither may be absent, and come once.
 */
export type FormShape = { fields: readonly string[]; multi?: readonly string[] };

/**
 * A post that is not what its page's form sends — refused before it is read, never half-applied:
 * - a field of `shape.fields` absent altogether. Absent is not empty: a stored value is blanked only by a
 *   box emptied on purpose, never by a truncated or hand-made post that left the field out;
 * - a single-valued name sent more than once (a crafted post): never joined, never "the last one wins".
 * Null when the form is whole; else the Conform reply for a 400: the form-level message (a repeated name
 * too: it may be a hidden one, the step's `intent`, with nothing to show a message beside), a message beside
 * each field sent twice, and every text as sent (the first of a repeated name) so what was typed stays.
 * `fields: []` checks repeats only (a form whose fields differ by step, where a missing one is the schema's).
 */
export function formShapeRefusal(form: FormData, shape: FormShape, lng: Lng): SubmissionResult<string[]> | null {
  const multi = new Set(shape.multi ?? []);
  const counts = new Map<string, number>();
  for (const name of form.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const missing = shape.fields.filter((name) => !counts.has(name));
  const twice = [...counts].filter(([name, n]) => n > 1 && !multi.has(name));
  if (missing.length === 0 && twice.length === 0) return null;
  const initialValue: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (name === CSRF_FIELD || typeof value !== "string") continue;
    const had = initialValue[name];
    if (had === undefined) initialValue[name] = multi.has(name) ? [value] : value;
    else if (Array.isArray(had)) had.push(value);
  }
  const error: Record<string, string[]> = {};
  if (missing.length > 0) error[""] = [httpText(lng, "formIncomplete")];
  else error[""] = [httpText(lng, "formTwice")];
  for (const [name, n] of twice) error[name] = [httpText(lng, "fieldTwice", { count: n })];
  return { status: "error", initialValue, error };
}
