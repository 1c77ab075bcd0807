import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { renderToStaticMarkup } from "react-dom/server";

import { isUuid } from "~/domain/ids";
import { type HttpKey, httpText } from "~/i18n/http-messages";
import { type Lng, lngFrom } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui, uiMessages } from "~/i18n/ui-messages";
import styles from "~/styles/app.css";

import {
  documentAddressOf,
  isSingleFetchLoad,
  isSingleFetchPost,
  sendSingleFetchRefusal,
  sendSingleFetchReload,
} from "./single-fetch-refusal.server";

/** A request answered by the web layer itself (ADR 021): its status, message and field (for the JSON shape). */
/**
 * Whether an address is the API's: `/api` and everything under it, in any case — the router matches
 * paths case-insensitively (express and Remix alike: `/API/leads` reaches the JSON intake, `/api` and
 * `/API/x` the API's 404), so the gate must read such a request as an API call too (JSON bodies, the
 * API's limits and error shape), never answer it with the HTML page.
 */
export function isApiPath(path: string): boolean {
  return /^\/api(\/|$)/i.test(path);
}

/**
 * Whether an address answers JSON: the API (isApiPath), the desks' live lookups (`/hotline/callers`,
 * `/hotline/matches`: fetched by app/components/desk-lookup.ts, which reads the answer as JSON) and `/healthz`
 * — in any case, with or without a trailing slash, as the router matches them. A refusal of a request to one
 * (the gate's, the parser's, a method the route does not take) is the API's error shape
 * `{errors: {"<field>": ["…"]}}`: a NUL in a desk lookup's query was answered with the HTML refusal page
 * (attack 35, robust35; ADR 156). See refusesInJson for the one exception.
 */
export function isJsonPath(path: string): boolean {
  return isApiPath(path) || /^\/(hotline\/(callers|matches)|healthz)\/?$/i.test(path);
}

/**
 * Whether a refusal of `req` is said in JSON: always under `/api` (the contract), and for a client that asks
 * for JSON; at another JSON address (isJsonPath) unless the client asks for a page — a person who opens
 * `/hotline/callers` in the browser (Accept: text/html) gets the styled 405 page with a way back, the desk's
 * own fetch, a script or curl (`*` + `/*`) the JSON shape.
 */
export function refusesInJson(req: Pick<ExpressRequest, "path" | "headers">): boolean {
  const accept = String(req.headers.accept ?? "");
  if (isApiPath(req.path) || /^application\/json/i.test(accept)) return true;
  return isJsonPath(req.path) && !/\btext\/html\b/i.test(accept);
}

export type Refusal = {
  status: number;
  key: HttpKey;
  params?: Record<string, string | number>;
  field?: string;
  headers?: Record<string, string>;
  title?: HttpKey;
  /** The page to link back to (default: the address refused, which a form posts to its own page). */
  back?: string;
  /**
   * A form post the page keeps (a desk's save refused while the database is unavailable, without the
   * page's JavaScript): its fields as sent, posted again to the same address by the page's button, and
   * what was typed listed by the field's label. Passwords are neither carried nor listed.
   */
  resend?: [name: string, value: string][];
  /** The words for an answer that carries nothing back (a JSON address): a refusal with `resend` says it is kept. */
  unkept?: Pick<Refusal, "key" | "params">;
};

/** Never written back into a page: a password goes only where the person typed it. */
const NEVER_CARRIED = /pass|pwd|口令|密码/i;
/**
 * Carried but not listed: the forms' machinery (keys, the edit base, the task) and their choices, whose values
 * are codes ("factory", "C35", "no-answer"), not typing — listed, they showed as English codes on a Chinese page.
 */
const NOT_LISTED =
  /^(csrf|intent|_action|submissionKey|formKey|base|task|taskId|consent|website|outcome|kind|regionIntent|regionPicker\..*|need\.(kind|deal|areaUnit|singleStorey)|use\.(industry|eia))$/;
/** A value no person typed: an id or a token (a UUID, a long run without spaces). */
const isMachineValue = (v: string) => isUuid(v) || /^[A-Za-z0-9+/=_-]{40,}$/.test(v);

/** The fields a refused form post carries back (resend): text only, passwords dropped. */
function carried(resend: readonly [string, string][]): [string, string][] {
  return resend.filter(([name]) => !NEVER_CARRIED.test(name));
}

/** The small page of a refusal: rendered by React, which escapes the message and its `{field}`. */
function RefusalPage({
  lng,
  title,
  message,
  back,
  resend,
}: {
  lng: Lng;
  title: string;
  message: string;
  back: { href: string; text: string };
  resend?: { action: string; fields: [string, string][] };
}) {
  const typed =
    resend?.fields.filter(([name, value]) => value.trim() !== "" && !NOT_LISTED.test(name) && !isMachineValue(value.trim())) ?? [];
  return (
    <html lang={lng === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {/* The app's own stylesheet (the build's hashed file): a refusal looks like the pages around it. */}
        <link rel="stylesheet" href={styles} />
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <p role="alert">{message}</p>
          {resend ? (
            <>
              <form method="post" action={resend.action}>
                {resend.fields.map(([name, value], i) => (
                  <input key={i} type="hidden" name={name} value={value} />
                ))}
                <button type="submit">{ui(lng, "form.sendAgain")}</button>
              </form>
              {typed.length > 0 ? (
                <>
                  <h2>{ui(lng, "form.typedKept")}</h2>
                  <ul>
                    {typed.map(([name, value], i) => {
                      // A field's label the person knows, else the value alone: never an internal name.
                      const label = name.replace(/\[\d+\]/g, "");
                      return (
                        <li key={i} style={{ whiteSpace: "pre-wrap" }}>
                          {uiMessages.has(label) ? `${ui(lng, label)}${punctuationMessages.t(lng, "label")}${value}` : value}
                        </li>
                      );
                    })}
                  </ul>
                </>
              ) : null}
            </>
          ) : null}
          <p>
            <a href={back.href}>{back.text}</a>
          </p>
        </main>
      </body>
    </html>
  );
}

/** Between the items of a list in a refusal's params (`values` of sentTwice): joined in the reader's language by refusalMessage. */
export const REFUSAL_LIST = "\u001f";

/** Refusals that name a field by its label, and their words when it has none. */
const UNNAMED: Partial<Record<HttpKey, HttpKey>> = {
  badChars: "badCharsUnnamed",
  badCharsTakenOut: "badCharsTakenOutUnnamed",
  badEncodingKept: "badEncodingKeptUnnamed",
  badEncodingInPage: "badEncodingInPageUnnamed",
};

/**
 * A kept refusal's words for the hydrated page that sent the form (ADR 163): the page's form still holds the
 * typing, so neither "what you typed is below" (the refusal page's list) nor "reload the page" (which would lose it).
 */
const IN_PAGE: Partial<Record<HttpKey, HttpKey>> = {
  tooBigKept: "tooBigInPage",
  tooManyFieldsKept: "tooManyFieldsInPage",
  badEncodingKept: "badEncodingInPage",
  badCharsTakenOut: "badChars",
};

/**
 * The refusal's message in `lng`. Unstorable characters (badChars) name the field by the label the
 * person sees ("公司名称", "Company name"; app/i18n/ui-messages.ts, keyed by the field's dotted name,
 * list positions dropped), never by its internal name (`company.name`); a field without a label there
 * gets the message that names no field. The JSON shape still keys the message by the field name.
 */
export function refusalMessage(lng: Lng, refusal: Pick<Refusal, "key" | "params">): string {
  if (refusal.key === "sentTwice") {
    const values = String(refusal.params?.values ?? "").split(REFUSAL_LIST);
    return httpText(lng, "sentTwice", { ...refusal.params, values: values.join(punctuationMessages.t(lng, "list")) });
  }
  const unnamed = UNNAMED[refusal.key];
  if (unnamed) {
    const name = String(refusal.params?.field ?? "").replace(/\[\d+\]/g, "");
    if (uiMessages.has(name)) return httpText(lng, refusal.key, { ...refusal.params, field: ui(lng, name) });
    return httpText(lng, unnamed, refusal.params);
  }
  return httpText(lng, refusal.key, refusal.params);
}

/**
 * Answers a refused request in the client's language (`?lng=en` or Accept-Language, zh-CN otherwise):
 * a JSON address (isJsonPath) gets the API's error shape `{errors: {"<field>": ["…"]}}`, a hydrated page's
 * single-fetch post (`…/x.data`) Remix's data answer with `{formRefusal}` (ADR 163), its single-fetch load
 * (`GET …/x.data`) Remix's redirect that loads the page as a document, which then gets this page (ADR 167),
 * everything else a small plain page. With `close`, the connection is closed after the answer (an unread body must
 * not be taken for the next request, and a client must not wait on it).
 */
export function sendRefusal(req: ExpressRequest, res: ExpressResponse, refusal: Refusal, close = false): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const lng = lngFrom(req.originalUrl, req.headers["accept-language"]);
  const json = refusesInJson(req);
  const message = refusalMessage(lng, json && refusal.unkept ? refusal.unkept : refusal);
  res.status(refusal.status);
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  res.setHeader("Cache-Control", "no-store");
  if (close) {
    res.setHeader("Connection", "close");
    lingerThenClose(req);
  }
  if (json) {
    res.json({ errors: { [refusal.field ?? "_form"]: [message] } });
    return;
  }
  // A hydrated page's post (Remix single fetch) reads data, not a page: the refusal as its action data, the
  // plain words (the page's own form still holds the typing; the kept list is the refusal page's). ADR 163.
  if (isSingleFetchPost(req)) {
    const inPage = IN_PAGE[refusal.key];
    const words = refusalMessage(lng, inPage ? { key: inPage, params: refusal.params } : refusal);
    sendSingleFetchRefusal(res, { status: refusal.status, message: words, ...(refusal.field ? { field: refusal.field } : {}) }).catch(() =>
      req.socket.destroy(),
    );
    return;
  }
  // A hydrated page's load of its data (`GET …/x.data`) reads data too: told to load the address as a page, which
  // is then answered with this refusal's page — its words, its Retry-After, the way back (docs/decisions/167).
  if (isSingleFetchLoad(req)) {
    sendSingleFetchReload(res, refusal.status, documentAddressOf(req.originalUrl)).catch(() => req.socket.destroy());
    return;
  }
  const title = httpText(lng, refusal.title ?? "title");
  // A way back: the page the form was on (a refused post comes from it), or the home page.
  const back = { href: safeBackPath(refusal.back ?? req.originalUrl), text: httpText(lng, "back") };
  const resend = refusal.resend ? { action: safeBackPath(req.originalUrl), fields: carried(refusal.resend) } : undefined;
  res
    .type("html")
    .send(
      `<!doctype html>${renderToStaticMarkup(<RefusalPage lng={lng} title={title} message={message} back={back} resend={resend} />)}\n`,
    );
}

/**
 * Closing a socket while the client is still sending makes the kernel answer with a reset, and the
 * client loses our answer with it. So, like nginx's lingering close: send the answer, half-close
 * (FIN: the client reads the answer and stops), discard what still arrives, and close for good when
 * the client does or after `ms`.
 */
function lingerThenClose(req: ExpressRequest, ms = 3_000): void {
  const socket = req.socket;
  req.resume(); // whatever of the body still arrives is read and dropped, never kept
  socket.destroySoon = function lingeringClose(this: typeof socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), ms);
    timer.unref();
    this.once("end", () => this.destroy());
    this.once("close", () => clearTimeout(timer));
    this.resume();
  };
}

/** The address as a local path to link back to, or "/" when it is not one (`//host`, bad encoding). */
function safeBackPath(url: string): string {
  return url.startsWith("/") && !url.startsWith("//") && !url.includes("\\") ? url : "/";
}
