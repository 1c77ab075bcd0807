import { readdirSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../../support/database";
import { startWebServer } from "../../support/services";

// One JSON error shape for every /api/* route (issue 8, ADR 025, DESIGN.md "Public contract"):
// `{errors: {"<field>": ["message", …]}}`, messages in the client's language (Accept-Language or
// ?lng=en; zh-CN otherwise). This walks the route files: a new /api route without an entry in CASES
// fails the first test, so nobody can add a fourth shape unseen.
const TOKEN = process.env.ADMIN_API_TOKEN!;
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const bearer = { authorization: `Bearer ${TOKEN}` };
const json = { "content-type": "application/json" };

type Case = { what: string; path: string; method?: string; headers?: Record<string, string>; body?: string; status: number; field: string };

/** Route file → the error answers it gives, each with the field the error must be about. */
const CASES: Record<string, Case[]> = {
  "api.$.ts": [{ what: "an unknown API address", path: "/api/no-such-thing", status: 404, field: "_form" }],
  "api.leads.ts": [
    { what: "GET", path: "/api/leads", status: 405, field: "_form" },
    { what: "broken JSON", path: "/api/leads", method: "POST", headers: json, body: "{oops", status: 400, field: "_form" },
    { what: "a JSON array", path: "/api/leads", method: "POST", headers: json, body: "[]", status: 400, field: "_form" },
    { what: "an empty lead", path: "/api/leads", method: "POST", headers: json, body: "{}", status: 400, field: "contact.phone" },
    {
      what: "a bad Idempotency-Key",
      path: "/api/leads",
      method: "POST",
      headers: { ...json, "idempotency-key": "two words" },
      body: "{}",
      status: 400,
      field: "Idempotency-Key",
    },
  ],
  "api.leads.$id.ts": [
    { what: "no token", path: `/api/leads/${UNKNOWN}`, status: 401, field: "_form" },
    {
      what: "a wrong token",
      path: `/api/leads/${UNKNOWN}`,
      headers: { authorization: "Bearer not-the-token-0123456789" },
      status: 401,
      field: "_form",
    },
    { what: "an unknown lead", path: `/api/leads/${UNKNOWN}`, headers: bearer, status: 404, field: "_form" },
    { what: "a malformed id", path: "/api/leads/not-an-id", headers: bearer, status: 404, field: "_form" },
  ],
  "api.import.ts": [
    { what: "GET", path: "/api/import", status: 405, field: "_form" },
    { what: "no token", path: "/api/import", method: "POST", headers: json, body: "{}", status: 401, field: "_form" },
    {
      what: "broken JSON",
      path: "/api/import",
      method: "POST",
      headers: { ...json, ...bearer },
      body: "{oops",
      status: 400,
      field: "_form",
    },
    {
      what: "a bad row",
      path: "/api/import",
      method: "POST",
      headers: { ...json, ...bearer },
      body: JSON.stringify({ parks: [{ id: "P1" }], spaces: [], recruiters: [] }),
      status: 400,
      field: "parks[0]",
    },
  ],
  "api.call-tasks.$id.outcome.ts": [
    { what: "GET", path: `/api/call-tasks/${UNKNOWN}/outcome`, status: 405, field: "_form" },
    {
      what: "no token",
      path: `/api/call-tasks/${UNKNOWN}/outcome`,
      method: "POST",
      headers: json,
      body: "{}",
      status: 401,
      field: "_form",
    },
    {
      what: "an unknown outcome",
      path: `/api/call-tasks/${UNKNOWN}/outcome`,
      method: "POST",
      headers: { ...json, ...bearer },
      body: JSON.stringify({ outcome: "maybe" }),
      status: 400,
      field: "outcome",
    },
    {
      what: "retryMinutes out of range",
      path: `/api/call-tasks/${UNKNOWN}/outcome`,
      method: "POST",
      headers: { ...json, ...bearer },
      body: JSON.stringify({ outcome: "no-answer", retryMinutes: 0 }),
      status: 400,
      field: "retryMinutes",
    },
    {
      what: "an unknown task",
      path: `/api/call-tasks/${UNKNOWN}/outcome`,
      method: "POST",
      headers: { ...json, ...bearer },
      body: JSON.stringify({ outcome: "done" }),
      status: 404,
      field: "_form",
    },
  ],
  "api.regions.ts": [{ what: "a malformed parent code", path: "/api/regions?parent=32", status: 400, field: "parent" }],
};

const CJK = /[\u4e00-\u9fff]/;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_api_errors");
  web = await startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "100000" });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

async function answer(c: Case, lng: "zh" | "en") {
  const res = await fetch(`${web.url}${c.path}`, {
    method: c.method ?? "GET",
    redirect: "manual",
    headers: { ...c.headers, ...(lng === "en" ? { "accept-language": "en-GB,en;q=0.9" } : { "accept-language": "zh-CN,zh;q=0.9" }) },
    body: c.body,
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe("every /api route answers errors in one shape", () => {
  it("has cases for every /api route file (a new route must be added here)", () => {
    const files = readdirSync(join(import.meta.dirname, "../../../app/routes")).filter((f) => f.startsWith("api."));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
  });

  const all = Object.entries(CASES).flatMap(([file, cases]) => cases.map((c) => [`${file}: ${c.what}`, c] as const));

  it.each(all)("%s → {errors: {field: [messages]}} in zh-CN and in English", async (_name, c) => {
    for (const lng of ["zh", "en"] as const) {
      const { res, body } = await answer(c, lng);
      expect(res.status, lng).toBe(c.status);
      expect(res.headers.get("content-type"), lng).toMatch(/^application\/json/);
      // Only `errors`, plus the import's list of bad rows.
      expect(
        Object.keys(body).filter((k) => k !== "rows"),
        lng,
      ).toEqual(["errors"]);
      const errors = body.errors as Record<string, unknown>;
      expect(Object.keys(errors), lng).toContain(c.field);
      for (const [field, messages] of Object.entries(errors)) {
        expect(Array.isArray(messages) && messages.length > 0, `${lng} ${field}`).toBe(true);
        for (const m of messages as unknown[]) expect(typeof m === "string" && m.trim().length > 0, `${lng} ${field}`).toBe(true);
      }
      // The message speaks the client's language (a bad import row's own messages quote the row, so
      // the summary in `_form` is the one checked there).
      const said = /\[\d+\]$/.test(c.field) ? "_form" : c.field;
      const message = (errors[said] as string[]).join(" ");
      if (lng === "zh") expect(message, `zh ${said}`).toMatch(CJK);
      else expect(message, `en ${said}`).not.toMatch(CJK);
    }
  });

  it("?lng=en wins over a Chinese Accept-Language", async () => {
    const res = await fetch(`${web.url}/api/no-such-thing?lng=en`, { headers: { "accept-language": "zh-CN" } });
    const { errors } = (await res.json()) as { errors: { _form: string[] } };
    expect(errors._form[0]).toBe("There is no API at this address.");
  });
});
