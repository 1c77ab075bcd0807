// The action data a hydrated page's form post gets when the web layer refused it as a whole (ADR 163): the
// gate answers a single-fetch `.data` post (Remix's, from a hydrated page) in the form Remix reads — this
// object as the posting route's action data — instead of the refusal page, which the page could not read.
// Shared by the server (app/http/single-fetch-refusal.server.ts) and the page (app/components/form-refusal.tsx).

/** `message`: the refusal's words in the page's language; `field`: the form field it names, when it names one. */
export type FormRefusal = { status: number; message: string; field?: string };

/** The action data: one member, so no route's own answer is taken for it. */
export type FormRefusalData = { formRefusal: FormRefusal };

/** Whether a route's action data is a whole-form refusal (FormRefusalData). */
export function isFormRefusalData(value: unknown): value is FormRefusalData {
  if (typeof value !== "object" || value === null || !("formRefusal" in value)) return false;
  const r = (value as { formRefusal: unknown }).formRefusal;
  return typeof r === "object" && r !== null && typeof (r as FormRefusal).message === "string";
}
