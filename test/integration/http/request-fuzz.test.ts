import { readFileSync } from "node:fs";

import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { leadSchema } from "~/domain/lead-schema";

import { createTestDatabase } from "../../support/database";
import { validLeadJson } from "../../support/leads";
import { validLeadForm } from "../../support/leads";
import { startWebServer } from "../../support/services";
import { webClient } from "../../support/staff-web";

// "Bad input at scale" of issue 13: a property-based fuzz against the real web process. Generated
// requests across the form, the JSON API, the import and the desk actions — random unicode with NUL
// and lone surrogates, huge and non-finite numbers, deep nesting, __proto__/constructor keys,
// injection strings, wrong content types and methods — answer only 2xx/3xx/4xx, and every lead that
// was accepted reads back (GET /api/leads/<id>) exactly as the shared schema parses what was sent.
// Runs from the suite's fixed seed (test/setup/env.ts); FC_SEED=random explores others.
const TOKEN = process.env.ADMIN_API_TOKEN!;
const BATCH = 25; // requests in flight together: modest, on kept-alive connections
const RUNS = Number(process.env.FUZZ_RUNS ?? 400); // × BATCH ≥ 10,000 requests
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let deskCookie = "";
let deskCsrf = "";

beforeAll(async () => {
  db = await createTestDatabase("http_fuzz");
  web = await startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "10000000" });
  const password = "fuzz-热线-2026-12";
  await db.sql`insert into users (email, name, role, password_hash) values ('fuzz-desk@example.test', '模糊坐席', 'hotline', ${await hashPassword(password)})`;
  deskCookie = await webClient(web.url).signIn("fuzz-desk@example.test", password);
  deskCsrf = await webClient(web.url).csrfOf("/hotline", deskCookie);
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

// ---- values -------------------------------------------------------------------------------------

const NASTY = ["\u0000", "\ud800", "\udfff", "a\ud83d", "\u202e", "\r\n", "\ufeff", "😀", "𠮷", "\u0085", "\\", '"', "%00", "%FF"];
const INJECTIONS = [
  "'; drop table leads; --",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "../../etc/passwd",
  "\r\nSet-Cookie: a=b",
  "' OR '1'='1",
  "javascript:alert(1)",
  "%s%s%n",
  "$where: 1",
];
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY, ...INJECTIONS) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map((p) => p.join("")),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "5000",
      "５０００",
      "五千",
      "3万平",
      "50亩",
      "-1",
      "1e400",
      "13812345678",
      "+86 138-1234-5678",
      "C39",
      "2027-03",
    ),
  },
);
/** Numbers as JSON text: ordinary, huge, tiny, and the ones JSON cannot hold (written out, so they reach the parser). */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom(
    "1e400",
    "-1e400",
    "1e308",
    "123456789012345678901234567890",
    "0.000000000000000000001",
    "-0",
    "NaN",
    "Infinity",
    "0x10",
    "01",
  ),
);

/** A JSON value as text, written by hand so `__proto__`, raw lone surrogates and bad numbers get through as sent. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("null", "true", "false"),
    numberText,
    text.map(quote),
    fc.array(tie("value"), { maxLength: 4 }).map((xs) => `[${xs.join(",")}]`),
    fc
      .array(
        fc.tuple(fc.oneof(text, fc.constantFrom("__proto__", "constructor", "prototype", "toString", "need", "contact")), tie("value")),
        { maxLength: 4 },
      )
      .map((kv) => `{${kv.map(([k, v]) => `${quote(k)}:${v}`).join(",")}}`),
  ),
})).value;

/** A string as a JSON literal; raw lone surrogates stay raw (JSON.stringify would escape them). */
function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

const deepText = fc
  .integer({ min: 20, max: 30_000 })
  .chain((n) => fc.constantFrom(`${"[".repeat(n)}${"]".repeat(n)}`, `{"need":${'{"a":'.repeat(n)}1${"}".repeat(n)}}`));

/** A valid lead (JSON) with some fields replaced, removed or added: many are accepted, many not. */
const leadJson = fc
  .record({
    edits: fc.array(
      fc.tuple(
        fc.constantFrom(
          "need.kind",
          "need.deal",
          "need.areaMin",
          "need.areaMax",
          "need.areaUnit",
          "need.regions",
          "need.notes",
          "need.moveInBy",
          "use.industry",
          "use.product",
          "tax.annualTaxWan",
          "tax.employees",
          "company.name",
          "company.creditCode",
          "contact.name",
          "contact.phone",
          "contact.email",
          "consent",
          "extra",
          "__proto__",
          "constructor",
        ),
        fc.oneof(text.map(quote), numberText, jsonText),
      ),
      { maxLength: 3 },
    ),
  })
  .map(({ edits }) => {
    const groups: Record<string, Record<string, string>> = {};
    const top: Record<string, string> = {};
    const base = validLeadJson({ company: "南京模糊测试机械有限公司" }) as Record<string, unknown>;
    for (const [g, v] of Object.entries(base)) {
      if (typeof v === "object" && v !== null && !Array.isArray(v))
        groups[g] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, JSON.stringify(x)]));
      else top[g] = JSON.stringify(v);
    }
    for (const [path, value] of edits) {
      const [g, k] = path.split(".");
      if (k === undefined) top[g] = value;
      else (groups[g] ??= {})[k] = value;
    }
    const parts = [
      ...Object.entries(top).map(([k, v]) => `${quote(k)}:${v}`),
      ...Object.entries(groups).map(
        ([g, kv]) =>
          `${quote(g)}:{${Object.entries(kv)
            .map(([k, v]) => `${quote(k)}:${v}`)
            .join(",")}}`,
      ),
    ];
    return `{${parts.join(",")}}`;
  });

const VALID_FORM: Record<string, string> = validLeadForm({
  "use.product": "储能电池",
  "tax.annualTaxWan": "200",
  "company.name": "南京模糊表单有限公司",
  "contact.phone": "025-8345 6789",
});
const formBody = fc
  .record({
    edits: fc.array(
      fc.tuple(
        fc.constantFrom(
          ...Object.keys(VALID_FORM),
          "need.notes",
          "need.regions",
          "website",
          "submissionKey",
          "x-unknown",
          "__proto__",
          "constructor[prototype]",
        ),
        text,
      ),
      { maxLength: 3 },
    ),
    raw: fc.option(fc.constantFrom("%FF", "%E4%B8", "%00=%00", "a=%ZZ", "&&&", "=", "a=1&a=2&a=3"), { freq: 5 }),
  })
  .map(({ edits, raw }) => {
    const pairs = Object.entries(VALID_FORM);
    for (const [k, v] of edits) pairs.push([k, v]);
    const body = pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`).join("&");
    return raw ? `${body}&${raw}` : body;
  });

/** Like encodeURIComponent, but a lone surrogate becomes the bytes a careless client would send instead of throwing. */
function encodeLoosely(s: string): string {
  return Array.from(s)
    .map((ch) => (/\p{Cs}/u.test(ch) ? "%ED%A0%80" : encodeURIComponent(ch)))
    .join("");
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=xyz",
  "text/plain",
  "application/xml",
  "",
  "application/vnd.api+json",
  "*/*",
];
const contentType = fc.constantFrom(...CONTENT_TYPES);
const method = fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
const uuid = fc.oneof(fc.uuid().map(String), text.map(encodeLoosely));

type Spec = {
  kind: "api" | "form" | "import" | "desk" | "read";
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
};

const bearer = { authorization: `Bearer ${TOKEN}` };
const spec: fc.Arbitrary<Spec> = fc.oneof(
  // the JSON API: mostly right, sometimes wrong in every way
  {
    weight: 8,
    arbitrary: fc
      .record({
        body: fc.oneof({ weight: 6, arbitrary: leadJson }, { weight: 1, arbitrary: jsonText }, { weight: 1, arbitrary: deepText }),
        type: fc.oneof({ weight: 5, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: contentType }),
        lng: fc.constantFrom("", "?lng=en"),
        key: fc.option(fc.constantFrom("k1", "k2", "\u00ff", "", " "), { freq: 4 }),
      })
      .map(({ body, type, lng, key }): Spec => ({
        kind: "api",
        method: "POST",
        path: `/api/leads${lng}`,
        headers: {
          ...(type ? { "content-type": type } : {}),
          ...(key !== null && /^[\x21-\x7e]+$/.test(key) ? { "idempotency-key": `${key}-${body.length}` } : {}),
        },
        body,
      })),
  },
  // the form
  {
    weight: 8,
    arbitrary: fc
      .record({
        body: formBody,
        type: fc.oneof({ weight: 6, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 1, arbitrary: contentType }),
        lng: fc.constantFrom("?index", "?index&lng=en", ""),
        // As a page without JavaScript posts it (a document request: the whole page is rendered), or
        // as the hydrated page does (a single-fetch data request to the same action; cheaper to answer).
        data: fc.boolean(),
      })
      .map(({ body, type, lng, data }): Spec => ({
        kind: "form",
        method: "POST",
        path: `/${data ? "_root.data" : ""}${lng}`,
        headers: type ? { "content-type": type } : {},
        body,
      })),
  },
  // the import (bearer): random inventory documents, never a 5xx
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        jsonText,
        deepText,
        jsonText.map((v) => `{"parks":[${v}],"spaces":[],"recruiters":[]}`),
        jsonText.map((v) => `{"parks":[],"spaces":[{"id":${v},"parkId":"P","kind":"factory"}],"recruiters":[]}`),
      )
      .map((body): Spec => ({
        kind: "import",
        method: "POST",
        path: "/api/import",
        headers: { "content-type": "application/json", ...bearer },
        body,
      })),
  },
  // the desk actions, signed out or with the bearer, with odd bodies and ids
  {
    weight: 3,
    arbitrary: fc
      .record({
        path: fc.oneof(
          fc.constantFrom("/hotline", "/logout", "/admin/logout", "/queue"),
          uuid.map((id) => `/queue/assignments/${id}`),
          uuid.map((id) => `/api/call-tasks/${id}/outcome`),
        ),
        body: fc.oneof(formBody, jsonText),
        type: contentType,
        auth: fc.boolean(),
      })
      .map(({ path, body, type, auth }): Spec => ({
        kind: "desk",
        method: "POST",
        path,
        headers: { ...(type ? { "content-type": type } : {}), ...(auth ? bearer : {}) },
        body,
      })),
  },
  // any method on any route, odd addresses
  {
    weight: 2,
    arbitrary: fc
      .record({
        method,
        path: fc.oneof(
          fc.constantFrom("/", "/api/leads", "/api/import", "/healthz", "/login", "/admin", "/inquiry/received", "/metrics"),
          uuid.map((x) => `/api/leads/${x}`),
          text.map((x) => `/inquiry/${encodeLoosely(x)}`),
          text.map((x) => `/?lng=${encodeLoosely(x)}`),
        ),
        body: fc.option(jsonText, { freq: 2 }),
        type: contentType,
      })
      .map(({ method: m, path, body, type }): Spec => ({
        kind: "read",
        method: m,
        path,
        headers: { ...(type ? { "content-type": type } : {}), ...bearer },
        body: m === "GET" || m === "HEAD" || body === null ? undefined : body,
      })),
  },
);

// ---- the property ---------------------------------------------------------------------------------

type Accepted = { id: string; expected: unknown };
let requests = 0;

const timeByKind = new Map<string, number>();
async function send(s: Spec): Promise<{ status: number; accepted?: Accepted }> {
  requests++;
  const t0 = performance.now();
  try {
    return await sendTimed(s);
  } finally {
    timeByKind.set(s.kind, (timeByKind.get(s.kind) ?? 0) + performance.now() - t0);
  }
}
async function sendTimed(s: Spec): Promise<{ status: number; accepted?: Accepted }> {
  const res = await fetch(`${web.url}${s.path}`, {
    method: s.method,
    headers: s.headers,
    body: s.body === undefined ? undefined : Buffer.from(s.body, "utf8"),
    redirect: "manual",
  });
  const status = res.status;
  const answer = await res.text();
  if (status >= 500)
    throw new Error(
      `${s.method} ${s.path} [${s.headers["content-type"] ?? "-"}] → ${status}: ${answer.slice(0, 300)}\nbody: ${JSON.stringify(s.body?.slice(0, 500))}`,
    );
  if (s.kind === "api" && status === 201) {
    const lng = s.path.includes("lng=en") ? "en" : "zh";
    const parsed = leadSchema(lng, "api").parse(JSON.parse(Buffer.from(s.body!, "utf8").toString("utf8")));
    return { status, accepted: { id: (JSON.parse(answer) as { id: string }).id, expected: parsed.lead } };
  }
  // A document post answers 303; a data request 202 with the redirect in its turbo-stream body.
  const redirectedTo =
    status === 303 ? (res.headers.get("location") ?? "") : status === 202 ? (/"(\/inquiry\/PM-[\d-]+)/.exec(answer)?.[1] ?? "") : "";
  if (s.kind === "form" && /^\/inquiry\/PM-/.test(redirectedTo)) {
    const reference = redirectedTo.split("/").pop()!.split("?")[0];
    const [row] = await db.sql<{ id: string }[]>`select id from leads where reference = ${reference}`;
    const lng = s.path.includes("lng=en") ? "en" : "zh";
    const submission = parseWithZod(new URLSearchParams(Buffer.from(s.body!, "utf8").toString("utf8")), {
      schema: leadSchema(lng, "web"),
      disableAutoCoercion: true,
    });
    if (submission.status !== "success") throw new Error(`the server accepted a form the schema refuses: ${s.body}`);
    return { status, accepted: { id: row.id, expected: submission.value.lead } };
  }
  return { status };
}

describe("fuzz: ≥ 10,000 generated requests against the real web process", () => {
  it("answer only 2xx/3xx/4xx, and every accepted lead round-trips exactly", { timeout: 600_000 }, async () => {
    const statuses = new Map<number, number>();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.all(batch.map(send));
        for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        for (const { accepted: a } of results) {
          if (!a) continue;
          accepted++;
          const res = await fetch(`${web.url}/api/leads/${a.id}`, { headers: bearer });
          expect(res.status).toBe(200);
          const view = (await res.json()) as { lead: { flags?: { code: string }[] } };
          // The intake's one mark of its own: a repeat of an earlier lead of the same phone and need (ADR 102).
          const stored = { ...view.lead, flags: view.lead.flags?.filter((f) => f.code !== "repeat") };
          // jsonb keeps what JSON can say: compare with the parsed lead as JSON says it.
          expect(stored).toEqual(JSON.parse(JSON.stringify(a.expected)));
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The fuzz must exercise both sides: many refusals, and leads that were really stored.
    const [utime, stime] = readFileSync(`/proc/${web.process.pid}/stat`, "utf8").split(") ")[1].split(" ").slice(11, 13).map(Number);
    console.log(
      `fuzz: web process CPU ${((utime + stime) / 100).toFixed(1)} s; time in flight by kind (ms) ${JSON.stringify(Object.fromEntries([...timeByKind].map(([k, v]) => [k, Math.round(v)])))}`,
    );
    console.log(
      `fuzz: ${requests} requests, ${accepted} leads accepted and read back; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(requests).toBeGreaterThanOrEqual(RUNS * BATCH);
    expect(accepted).toBeGreaterThan(RUNS * BATCH * 0.05);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(3);
  });
});

// ---- refusals in the address's own kind (ADR 156) ----------------------------------------------------

// The JSON addresses (app/http/refusal.server.tsx isJsonPath) answer anything with JSON — their own answer,
// or the API's error shape `{errors: {field: [message]}}` with a 4xx — never a page; and a page's form refused
// as a whole (bytes that are no UTF-8, NUL, too large, too many fields) comes back with what was typed.
const JSON_RUNS = Number(process.env.FUZZ_JSON_RUNS ?? 20); // × BATCH requests (and 5 broken forms a run)
const BAD_ESCAPES = ["%00", "%FF", "%C3%28", "%E4%B8", "%ED%A0%80", "%ZZ", "%", "%C0%AF", "%F4%90%80%80"];
const badBits = fc.oneof(
  fc.constantFrom(...BAD_ESCAPES),
  text.map(encodeLoosely),
  fc.constantFrom(...BAD_ESCAPES).chain((e) => fc.string({ maxLength: 6 }).map((t) => `${encodeURIComponent(t)}${e}`)),
);
const query = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(fc.constantFrom("q", "parent", "resolve", "lng", "x", "%00", "q"), badBits), { minLength: 1, maxLength: 4 })
    .map((kv) => `?${kv.map(([k, v]) => `${k}=${v}`).join("&")}`),
  fc.constantFrom("?lng=en&q=%00", "?q=a&q=b&q=%FF", `?q=${"长".repeat(40)}`, `?q=${"x".repeat(17_000)}`),
);
/** A body as bytes: a form or JSON, with bad bytes spliced in raw, very long, or of very many fields. */
const rawBody = fc.oneof(
  formBody.map((b) => Buffer.from(b)),
  jsonText.map((b) => Buffer.from(b, "utf8")),
  fc
    .tuple(formBody, fc.uint8Array({ minLength: 1, maxLength: 6 }))
    .map(([b, junk]) => Buffer.concat([Buffer.from(`${b}&x=`), Buffer.from(junk)])),
  fc.integer({ min: 100_000, max: 300_000 }).map((n) => Buffer.from(`csrf=x&company.name=${"x".repeat(n)}`)),
  fc.integer({ min: 1001, max: 3000 }).map((n) => Buffer.from(Array.from({ length: n }, (_, i) => `f${i % 7}=${i}`).join("&"))),
);
type JsonSpec = { method: string; path: string; headers: Record<string, string>; body?: Buffer };
const jsonSpec: fc.Arbitrary<JsonSpec> = fc
  .record({
    path: fc.oneof(
      fc.constantFrom(
        "/hotline/callers",
        "/hotline/matches",
        "/HOTLINE/callers/",
        "/api/regions",
        "/api/leads",
        "/api/nope",
        "/healthz",
        "/api/import",
      ),
      uuid.map((id) => `/api/leads/${id}`),
      uuid.map((id) => `/api/call-tasks/${id}/outcome`),
    ),
    query,
    method,
    type: contentType,
    body: rawBody,
    signedIn: fc.boolean(),
    withCsrf: fc.boolean(),
  })
  .map(({ path, query: q, method: m, type, body, signedIn, withCsrf }) => ({
    method: m,
    path: `${path}${q}`,
    headers: { ...(type ? { "content-type": type } : {}), ...(signedIn ? { cookie: deskCookie } : {}) },
    body: m === "GET" || m === "HEAD" ? undefined : withCsrf ? Buffer.concat([Buffer.from(`csrf=${deskCsrf}&`), body]) : body,
  }));

const TYPED = "南京模糊回填有限公司";
/** The form as a person typed it, broken as a careless client, a paste or a crafted post breaks it. */
const brokenForm = fc
  .record({
    where: fc.constantFrom("contact.name", "need.notes", "use.product", "x-extra"),
    bad: fc.oneof(
      fc.constantFrom(...BAD_ESCAPES).map((e) => ({ kind: "escape", e })),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => ({ kind: "raw", bytes })),
      fc.integer({ min: 140_000, max: 600_000 }).map((n) => ({ kind: "long", n })),
      fc.integer({ min: 1001, max: 2500 }).map((n) => ({ kind: "many", n })),
    ),
    lng: fc.constantFrom("?index", "?index&lng=en"),
  })
  .map(({ where, bad, lng }) => {
    const form = new URLSearchParams({ ...VALID_FORM, "company.name": TYPED }).toString();
    const at = `&${encodeURIComponent(where)}=`;
    let body: Buffer;
    if ("e" in bad) body = Buffer.from(`${form}${at}ab${bad.e}cd`);
    else if ("bytes" in bad) body = Buffer.concat([Buffer.from(`${form}${at}ab`), Buffer.from([0xff, ...bad.bytes]), Buffer.from("cd")]);
    else if ("n" in bad && bad.kind === "long") body = Buffer.from(`${form}${at}${encodeURIComponent("长").repeat(Math.ceil(bad.n / 9))}`);
    else body = Buffer.from(`${Array.from({ length: bad.n }, () => `${encodeURIComponent(where)}=same`).join("&")}&${form}`);
    return { path: `/${lng}`, body };
  });

describe("fuzz: refusals in the address's own kind", () => {
  it("JSON addresses answer JSON to anything; a page's form refused as a whole keeps the typing", { timeout: 300_000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonSpec, { minLength: BATCH, maxLength: BATCH }),
        fc.array(brokenForm, { minLength: 5, maxLength: 5 }),
        async (jsons, forms) => {
          await Promise.all([
            ...jsons.map(async (s) => {
              const res = await fetch(`${web.url}${s.path}`, {
                method: s.method,
                headers: s.headers,
                body: s.body as BodyInit | undefined,
                redirect: "manual",
              });
              const answer = await res.text();
              const what = `${s.method} ${s.path.slice(0, 80)} [${s.headers["content-type"] ?? "-"}] → ${res.status}: ${answer.slice(0, 200)}`;
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              // /healthz says 503 when a service it checks is down: its JSON all the same.
              if (!(res.status === 503 && /^\/healthz/.test(s.path))) expect(res.status, what).toBeLessThan(500);
              expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
              if (s.method === "HEAD") return;
              const json = JSON.parse(answer) as { errors?: Record<string, unknown> };
              if (res.status >= 400 && !("state" in json)) {
                const messages = Object.values(json.errors ?? {}).flat();
                expect(messages.length, what).toBeGreaterThan(0);
                for (const m of messages) expect(typeof m === "string" && m.length > 0, what).toBe(true);
              }
            }),
            ...forms.map(async (f) => {
              const res = await fetch(`${web.url}${f.path}`, {
                method: "POST",
                headers: { "content-type": "application/x-www-form-urlencoded" },
                body: f.body as unknown as BodyInit,
                redirect: "manual",
              });
              const page = await res.text();
              const what = `${f.path} ${f.body.subarray(-60).toString("latin1")} → ${res.status}: ${page.slice(0, 200)}`;
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              expect([400, 413], what).toContain(res.status);
              expect(res.headers.get("content-type"), what).toMatch(/^text\/html/);
              // The typing comes back: in the page's button (the refusal) or its form (the route's own answer).
              expect(page, what).toContain(TYPED);
              expect(page, what).toMatch(f.path.includes("lng=en") ? /lang="en"/ : /lang="zh-CN"/);
            }),
          ]);
        },
      ),
      { numRuns: JSON_RUNS, endOnFailure: true },
    );
    console.log(`fuzz (refusals): statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(3);
  });
});
