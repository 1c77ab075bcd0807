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

/** An error's name, code and message, scrubbed: what a worker log says of a failure. */
export function failureText(error: unknown): string {
  if (!(error instanceof Error)) return scrubPersonal(String(error));
  const code = (error as { code?: unknown }).code;
  const head = typeof code === "string" || typeof code === "number" ? `${error.name} ${code}` : error.name;
  return scrubPersonal(`${head}: ${error.message}`);
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
