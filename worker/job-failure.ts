import { meiliErrorCode } from "../search/client";

// What a job's failure says (docs/decisions/096). BullMQ keeps a failed job's reason and stack in Redis
// for up to 7 days (`removeOnFail`), the reconciler copies the reason into the outbox, and the worker
// logs it: none of them may carry a person's data. An error's text is not ours — an SMTP server's
// reply quoting the mail, WeCom's errmsg, a Postgres or Meilisearch message quoting a value — so every
// failure of a job leaves the worker through `jobFailure`, and every worker log of a failure through
// `failureText`: one scrub, at the one place where a job's failure is handed over.

const MAX_CHARS = 500;

/** Text between quotes of any kind a server or a library puts around what it quotes. */
const QUOTED = /"[^"\n]*"|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|«[^»\n]*»|(?<![A-Za-z])'[^'\n]*'/g;
const EMAIL = /[^\s<>()"'`,;:]+@[^\s<>()"'`,;:]+\.[A-Za-z]{2,}/g;
/** Seven digits or more, spaces or hyphens between them (a phone, its last eight), not inside an id. */
const LONG_NUMBER = /(?<![\w-])\+?\d(?:[\s-]?\d){6,}(?![\w-])/g;
/** A unified social credit code (GB 32100: 18 digits and capitals), or one mistyped with any capital. */
const CREDIT_CODE = /(?<![\w-])[0-9A-Z]{18}(?![\w-])/g;
/** Any run of CJK text (Han, kana, Hangul, full-width forms): names, companies, the message itself. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+/gu;

/**
 * `text` without what could name a person: quoted passages, email addresses, long numbers, credit
 * codes and CJK text become "…" (what is left: our words, codes such as "451 4.7.1", "errcode 45009",
 * ECONNREFUSED, ids), cut to 500 characters. A Latin name written bare in a foreign reply is not
 * recognisable as one: the sources we know (SMTP, WeCom) therefore give the job their codes only.
 */
export function scrubPersonal(text: string): string {
  return text
    .replace(QUOTED, "“…”")
    .replace(EMAIL, "…@…")
    .replace(CREDIT_CODE, "…")
    .replace(LONG_NUMBER, "…")
    .replace(CJK, "…")
    .slice(0, MAX_CHARS);
}

/** An index uid as Meilisearch names it in index_not_found ("Index `spaces` not found."): our letters only. */
const INDEX_NOT_FOUND = /Index `([A-Za-z0-9_-]{1,100})` not found/;

/**
 * Meilisearch's own code for the failure, and the index it names when one is missing: " [meilisearch
 * index_not_found spaces]". The request layer's message says only "Request to …/multi-search has failed"; the
 * reason is in its cause, which neither the outbox's last_error nor the admin's dead letters read (attack 38).
 */
function searchCause(error: unknown): string {
  const code = meiliErrorCode(error);
  if (!code || !/^[a-z_]{1,60}$/.test(code)) return "";
  let index: string | undefined;
  for (let e = error as { cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 5 && !index; depth++) {
    if (typeof e.message === "string") index = INDEX_NOT_FOUND.exec(e.message)?.[1];
    e = (typeof e.cause === "object" && e.cause !== null ? e.cause : undefined) as typeof e;
  }
  return ` [meilisearch ${code}${code === "index_not_found" && index ? ` ${index}` : ""}]`;
}

/** An error's name, code and message (and a search failure's own code), scrubbed: what a worker log says of a failure. */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return scrubPersonal(String(error));
  const code = (error as { code?: unknown }).code;
  const head = typeof code === "string" || typeof code === "number" ? `${error.name} ${code}` : error.name;
  const cause = searchCause(error);
  // The cause kept whole at the end of a long message: cut what comes before it.
  return scrubPersonal(`${head}: ${error.message}`).slice(0, MAX_CHARS - cause.length) + cause;
}

/**
 * The error a job throws to BullMQ in place of `error`: its message is `failureText(error)` and its
 * stack that message over the original frames (file positions only), so neither `failedReason` nor
 * `stacktrace` in Redis holds anything the original's text held.
 */
export function jobFailure(error: unknown): Error {
  const failure = new Error(failureText(error));
  const frames = error instanceof Error && error.stack ? error.stack.split("\n").filter((l) => /^\s+at /.test(l)) : [];
  failure.stack = [`Error: ${failure.message}`, ...frames.map((l) => scrubPersonal(l))].join("\n");
  return failure;
}
