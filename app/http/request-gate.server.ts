import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

import { checkAdminTokenGuess } from "~/auth/admin-token.server";
import { IMPORT_COLLECTIONS, MAX_IMPORT_ROWS } from "~/domain/import-bounds";
import { runSteps, runStepsInSlices, sliceClock } from "~/utils/slices.server";

import {
  decodeFormStrict,
  type DuplicateJsonKey,
  findUnstorableField,
  findUnstorableJson,
  FormKeeper,
  hasUnstorableChars,
  jsonShapeSteps,
  keepFormFields,
  KEPT_VALUE_CHARS,
  type KeptForm,
  MAX_JSON_DEPTH,
  rawJsonValueAfter,
  unstorableJsonSteps,
  withoutUnstorableChars,
} from "./inspect-body";
import { isApiPath, type Refusal, REFUSAL_LIST, sendRefusal } from "./refusal.server";

// Every request passes this gate before a route sees it (ADR 021). It refuses, with a 4xx and a
// readable message, what would otherwise crash a route or poison the database: a malformed address,
// a cross-site post, an oversized body (counted while it streams in), a wrong content type, a body
// that does not parse, nests too deep or holds characters Postgres cannot store.

/** Body limits in bytes. The form and the JSON lead are a few KB; an inventory import can be large. */
export const BODY_LIMITS = { form: 128 * 1024, api: 64 * 1024, import: 20 * 1024 * 1024, upload: 5 * 1024 * 1024 } as const;
/**
 * Fields a form post may carry. The largest form (a space's edit, the hotline's lead with its picks) sends
 * under 150; past this the post is refused before a route parses it: Conform's parse gathers a repeated
 * name by copying its list at each value, so 40,000 repeats of one name in a 120 KB post held the event
 * loop for two minutes (an attack, 2026-12-04), every other request of the process waiting.
 */
export const MAX_FORM_FIELDS = 1000;
/** Form posts that carry a file (the admin's Excel/CSV import): multipart only, up to BODY_LIMITS.upload. */
export const UPLOAD_PATHS: ReadonlySet<string> = new Set(["/admin/import"]);

/** What the gate hands on to the Remix handler (res.locals.gate). */
export type GatePass = {
  /** The origin the client addressed: APP_URL when the browser said so, else the (trusted) forwarded or Host origin. */
  publicOrigin: string;
  /** The body, read in full and checked (undefined for GET/HEAD). */
  body?: Buffer;
  /** Set when the body had no content type and was empty: handed on as an empty urlencoded form. */
  contentType?: string;
  /** A JSON body (`/api/*`) as the gate parsed it while checking it, for routes that read it without Remix. */
  json?: { value: unknown };
};

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const FORM_TYPES = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const MULTIPART = /^multipart\/form-data\s*;(.*;)?\s*boundary=("[^"]+"|[^;\s]+)/i;
const JSON_TYPES = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
/** A Content-Encoding the gate reads as it is: none, or `identity` (listed any number of times). */
const IDENTITY = /^\s*(identity\s*(,\s*identity\s*)*)?$/i;

type GateOptions = { appUrl: string };

/** The express middleware. `appUrl` is APP_URL: the public origin forms are posted from. */
export function requestGate({ appUrl }: GateOptions) {
  const appOrigin = new URL(appUrl).origin;
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const url = checkAddress(req);
      if (url) return sendRefusal(req, res, url);
      const origin = requestOrigin(req, appOrigin);
      if (!origin) return sendRefusal(req, res, { status: 400, key: "badUrl" });
      const pass: GatePass = { publicOrigin: origin };
      res.locals.gate = pass;
      if (SAFE_METHODS.has(req.method)) return next();
      if (req.method !== "POST") return sendRefusal(req, res, { status: 405, key: "method", headers: { Allow: "GET, HEAD, POST" } }, true);

      const bearer = await hasBearer(req);
      const crossSite = checkSameOrigin(req, origin, appOrigin, bearer);
      if (crossSite) return sendRefusal(req, res, crossSite, true);
      // The browser's own origin is the public one (a proxy may send its upstream address as Host).
      if (req.headers.origin === appOrigin) pass.publicOrigin = appOrigin;

      const api = isApiPath(req.path);
      const upload = UPLOAD_PATHS.has(req.path) && MULTIPART.test(String(req.headers["content-type"] ?? ""));
      const importing = api && req.path.toLowerCase() === "/api/import" && bearer;
      const limit = upload ? BODY_LIMITS.upload : !api ? BODY_LIMITS.form : importing ? BODY_LIMITS.import : BODY_LIMITS.api;
      const tooBig: Refusal = { status: 413, key: "tooBig", params: { max: Math.round(limit / 1024) } };
      const declared = Number(req.headers["content-length"] ?? 0);
      const type = String(req.headers["content-type"] ?? "");
      // A page's form (urlencoded: what a browser sends) over its limit is read on up to KEEP_READ_MAX, for
      // its typing to come back with the refusal (ADR 156); anything else is refused before it is read.
      const keepable = !api && FORM_TYPES.test(type);
      if (declared > (keepable ? KEEP_READ_MAX : limit)) return sendRefusal(req, res, tooBig, true);

      const empty = declared === 0 && req.headers["transfer-encoding"] === undefined;
      if (api ? !JSON_TYPES.test(type) : !(FORM_TYPES.test(type) || MULTIPART.test(type) || (type === "" && empty))) {
        return sendRefusal(req, res, { status: 415, key: api ? "jsonType" : "formType" }, true);
      }
      // The body is read as it is sent: a compressed one (Content-Encoding: gzip …) would be taken for
      // text — refused as "not UTF-8" or "not JSON" when it was fine, or, when the header lies, accepted
      // against what it says. 415 with Accept-Encoding says which coding to use (RFC 7694).
      if (!IDENTITY.test(String(req.headers["content-encoding"] ?? ""))) {
        return sendRefusal(req, res, { status: 415, key: "bodyCoding", headers: { "Accept-Encoding": "identity" } }, true);
      }
      const body = await readLimited(req, limit, keepable);
      if (body === "aborted") return; // the client went away
      if (!Buffer.isBuffer(body)) return sendRefusal(req, res, body.kept ? keptRefusal(tooBig, body.kept, "tooBigKept") : tooBig, true);
      pass.body = body;
      if (type === "") pass.contentType = "application/x-www-form-urlencoded";

      // An import's rows are bounded as the route bounds them, before the parse (docs/decisions/120).
      const bad = api ? await checkJson(body, pass, importing ? MAX_IMPORT_ROWS : Infinity) : await checkForm(body, type);
      if (bad) return sendRefusal(req, res, bad);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The path and query decode to valid UTF-8 without NUL (they end up in SQL parameters and pages). */
function checkAddress(req: ExpressRequest): Refusal | null {
  const q = req.originalUrl.indexOf("?");
  const path = q === -1 ? req.originalUrl : req.originalUrl.slice(0, q);
  try {
    if (hasUnstorableChars(decodeURIComponent(path))) return { status: 400, key: "badUrl" };
  } catch {
    return { status: 400, key: "badUrl" };
  }
  const pairs = q === -1 ? [] : decodeFormStrict(req.originalUrl.slice(q + 1));
  // Only the query is bad: the way back is the page without it (in its language), not the same refused address.
  if (pairs === null || findUnstorableField(pairs) !== null)
    return { status: 400, key: "badUrl", back: /(^|&)lng=en(&|$)/.test(req.originalUrl.slice(q + 1)) ? `${path}?lng=en` : path };
  return null;
}

/**
 * The origin the client addressed: X-Forwarded-Proto/-Host when express trusts the peer (TRUST_PROXY),
 * else the connection's protocol and the Host header. Null when the host is not a valid host.
 */
export function requestOrigin(req: ExpressRequest, appOrigin: string): string | null {
  const trust = req.app.get("trust proxy fn") as (addr: string | undefined, i: number) => boolean;
  const forwardedHost = trust(req.socket.remoteAddress, 0)
    ? String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        .trim()
    : "";
  const host = forwardedHost || req.headers.host;
  if (!host) return appOrigin;
  const address = `${req.protocol}://${host}`;
  let origin = origins.get(address);
  if (origin === undefined) {
    origin = originOf(address, host);
    if (origins.size >= ORIGINS_MAX) origins.clear();
    origins.set(address, origin);
  }
  return origin;
}

/** The origins of the addresses seen (a WHATWG URL parse per request otherwise); bounded, emptied when full. */
const origins = new Map<string, string | null>();
const ORIGINS_MAX = 256;

function originOf(address: string, host: string): string | null {
  try {
    const url = new URL(address);
    return url.host === host.toLowerCase() ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * A state-changing request from a browser must come from our own pages: its Origin is the public
 * origin (APP_URL) or the origin it addressed. Bearer-token calls carry no ambient credentials and
 * are exempt. Without Origin, Sec-Fetch-Site (sent by every current browser) must not say cross-site.
 */
function checkSameOrigin(req: ExpressRequest, origin: string, appOrigin: string, bearer: boolean): Refusal | null {
  if (bearer) return null;
  const given = req.headers.origin;
  const refused: Refusal = { status: 403, key: "crossOrigin" };
  if (given === undefined) return req.headers["sec-fetch-site"] === "cross-site" ? refused : null;
  return given === appOrigin || given === origin ? null : refused;
}

/**
 * The admin token, checked against the shared budget of wrong guesses (ADR 020): an uncounted
 * comparison here would let anyone guess the token by watching which requests the gate lets through.
 * Over budget → false (the route then answers 429).
 */
async function hasBearer(req: ExpressRequest): Promise<boolean> {
  const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ""));
  return match !== null && (await checkAdminTokenGuess(match[1].trim())) === "ok";
}

/**
 * Bytes of an oversized form post read on for its typing (ADR 156): a person's form is a few KB, a pasted
 * document a few hundred; past this the post is refused without its typing, as before.
 */
export const KEEP_READ_MAX = 4 * 1024 * 1024;

type TooLarge = { tooLarge: true; kept: KeptForm | null };

/**
 * Reads the body, counting bytes as they arrive: more than `limit` stops keeping it (the caller answers
 * 413 and closes the connection), so an oversized body never sits in memory. With `keep` (a page's
 * urlencoded form), the bytes go on through a FormKeeper, whose memory is bounded, up to KEEP_READ_MAX
 * read, and the refusal gets what it kept of the typing.
 */
function readLimited(req: ExpressRequest, limit: number, keep: boolean): Promise<Buffer | TooLarge | "aborted"> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let keeper: FormKeeper | null = null;
    const done = (result: Buffer | TooLarge | "aborted") => {
      req.off("data", onData).off("end", onEnd).off("error", onAbort).off("aborted", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      if (!keep) {
        req.pause();
        return done({ tooLarge: true, kept: null });
      }
      if (keeper === null) {
        keeper = new FormKeeper(MAX_FORM_FIELDS, limit - KEPT_MARGIN);
        for (const c of chunks) keeper.push(c);
        chunks = [];
      }
      keeper.push(chunk);
      if (size >= KEEP_READ_MAX) {
        req.pause();
        done({ tooLarge: true, kept: keeper.finish() });
      }
    };
    const onEnd = () => done(keeper ? { tooLarge: true, kept: keeper.finish() } : Buffer.concat(chunks, size));
    const onAbort = () => done("aborted");
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("aborted", onAbort);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/** Bytes decoded between two turns of the event loop (decodeUtf8InSlices). */
const DECODE_STEP = 1024 * 1024;

/**
 * decodeUtf8 one megabyte at a time (a streaming decoder: a character cut by a step's end is completed by
 * the next), pausing for the event loop every few milliseconds: 20 MB of Chinese text took 200–400 ms to
 * decode at once on a loaded machine (docs/decisions/120). Null when the body is not valid UTF-8.
 */
export async function decodeUtf8InSlices(body: Buffer): Promise<string | null> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const clock = sliceClock();
  const parts: string[] = [];
  try {
    for (let at = 0; at < body.length; at += DECODE_STEP) {
      parts.push(decoder.decode(body.subarray(at, at + DECODE_STEP), { stream: true }));
      await clock.pause();
    }
    parts.push(decoder.decode());
  } catch {
    return null;
  }
  return parts.join("");
}

/**
 * A JSON body larger than this (only an import can be: BODY_LIMITS) is scanned and walked in slices with
 * turns of the event loop between them: a 20 MB import checked at once held every request of the process
 * for seconds (docs/decisions/120). JSON.parse itself is one call (~50 ms for 20 MB).
 */
export const SLICED_JSON_BYTES = 256 * 1024;

/** The top-level keys of an import body whose arrays are its rows (the others are refused by the import). */
const IMPORT_ROW_KEYS: ReadonlySet<string> = new Set(IMPORT_COLLECTIONS);

/** Runs `steps` to their end: at once, or for a large body pausing for the event loop every few milliseconds. */
const stepped = <T>(steps: Generator<void, T>, large: boolean): T | Promise<T> => (large ? runStepsInSlices(steps) : runSteps(steps));

/**
 * JSON bodies: valid UTF-8, not nested deeper than MAX_JSON_DEPTH, parseable, every key and string
 * storable. The parsed value is kept on `pass.json` for the routes answered without Remix, and for
 * those that read it again (POST /api/import: the Remix handler hands it on, WebLoadContext.json).
 */
async function checkJson(body: Buffer, pass: GatePass, rowsMax: number): Promise<Refusal | null> {
  const large = body.length > SLICED_JSON_BYTES;
  const text = large ? await decodeUtf8InSlices(body) : decodeUtf8(body);
  if (text === null) return { status: 400, key: "badEncoding" };
  // One pass for the depth and for a key written twice in an object (ADR 113), before the parse.
  // An import's rows are its collections' (docs/decisions/124): another top-level key is refused by the route, not counted.
  const shape = await stepped(jsonShapeSteps(text, MAX_JSON_DEPTH, rowsMax === Infinity ? undefined : IMPORT_ROW_KEYS), large);
  if (shape.tooDeep) return { status: 400, key: "tooDeep", params: { max: MAX_JSON_DEPTH } };
  // Too many rows for one import: said before a parse of them all (130,000 small rows: half a second at once).
  if (shape.rows > rowsMax) return { status: 413, key: "importTooMany", params: { rows: shape.rows, max: rowsMax } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, key: "json" };
  }
  if (shape.duplicate) return keySentTwice(text, shape.duplicate);
  const field = large ? await stepped(unstorableJsonSteps(value), true) : findUnstorableJson(value);
  if (field !== null) return { status: 400, key: "badChars", params: { field }, field };
  pass.json = { value };
  return null;
}

/**
 * A key written twice in one object of a JSON body (two "phone" keys in `contact`, `"\u0070hone"` beside
 * `"phone"`): refused on that field, quoting the values, as the form refuses a field sent twice (ADR 102,
 * 113) — JSON.parse would keep the last silently, and which one was meant is the sender's to say.
 */
function keySentTwice(text: string, dup: DuplicateJsonKey): Refusal {
  const values = dup.valueStarts.map((at) => `“${rawJsonValueAfter(text, at)}”`);
  return { status: 400, key: "sentTwice", params: { count: dup.count, values: values.join(REFUSAL_LIST) }, field: dup.path };
}

/** Form bodies: they parse (strict percent-decoding, or multipart with its boundary) and every name and value is storable. */
async function checkForm(body: Buffer, type: string): Promise<Refusal | null> {
  let entries: Iterable<[string, unknown]>;
  if (MULTIPART.test(type)) {
    try {
      entries = (await new Response(body as unknown as BodyInit, { headers: { "content-type": type } }).formData()).entries();
    } catch {
      return { status: 400, key: "form" };
    }
  } else {
    // Bytes that are no UTF-8, raw or percent-escaped (`%C3%28`, `%FF`): the form comes back without them (ADR 156).
    const text = decodeUtf8(body);
    const pairs = text === null ? null : decodeFormStrict(text);
    if (pairs === null) return keptRefusal({ status: 400, key: text === null ? "badEncoding" : "form" }, kept(body), "badEncodingKept");
    entries = pairs;
  }
  const all = [...entries];
  const tooMany: Refusal = { status: 413, key: "tooManyFields", params: { max: MAX_FORM_FIELDS } };
  if (all.length > MAX_FORM_FIELDS) return MULTIPART.test(type) ? tooMany : keptRefusal(tooMany, kept(body), "tooManyFieldsKept");
  const field = findUnstorableField(all);
  if (field === null) return null;
  // A pasted NUL lost the whole form (attack 12-05g L3): a form of text comes back, those characters taken out, to send again.
  if (MULTIPART.test(type)) return { status: 400, key: "badChars", params: { field }, field };
  const resend = all.map(([name, value]): [string, string] => [withoutUnstorableChars(name), withoutUnstorableChars(String(value))]);
  return { status: 400, key: "badCharsTakenOut", params: { field }, field, resend, unkept: { key: "badChars", params: { field } } };
}

/** Bytes left under a form's limit by what a refusal carries back: the page's button adds nothing, a browser may add a little. */
const KEPT_MARGIN = 1024;

/** What a page's urlencoded form within its limit keeps for a refusal (FormKeeper). */
function kept(body: Buffer): KeptForm {
  return keepFormFields(body, MAX_FORM_FIELDS, BODY_LIMITS.form - KEPT_MARGIN);
}

/**
 * A whole-form refusal of a page's form that carries the typing back (ADR 156): `plain` (its status, and its
 * words for a JSON address, which carries nothing back) said with `key`, the fields `form` kept to send again.
 */
function keptRefusal(plain: Refusal, form: KeptForm, key: "tooBigKept" | "tooManyFieldsKept" | "badEncodingKept"): Refusal {
  const field = form.undecodable ?? undefined;
  return {
    status: plain.status,
    key,
    params: { ...plain.params, chars: KEPT_VALUE_CHARS, ...(field !== undefined ? { field } : {}) },
    ...(key === "badEncodingKept" && field !== undefined ? { field } : {}),
    resend: form.fields,
    unkept: { key: plain.key, params: plain.params },
  };
}
