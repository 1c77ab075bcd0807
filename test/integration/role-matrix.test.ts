import { readdirSync, readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// Who may open what (ADR 028): every route file in app/routes × anonymous, recruiter, hotline and admin
// (staff accounts signed in at /login) → allowed or refused. The list of routes is read from the
// folder, so a route added without an entry here fails this test; every route with an action that a
// cookie session uses refuses a POST without the session's CSRF token.

type Who = "anonymous" | "recruiter" | "hotline" | "admin";
const WHO: Who[] = ["anonymous", "recruiter", "hotline", "admin"];
const ALL: Who[] = WHO;

type Ids = { leadId: string; reference: string; assignmentId: string; callTaskId: string; userId: string };
type Probe = { method: "GET" | "POST"; path: (ids: Ids) => string; allowed: Who[]; json?: unknown; form?: Record<string, string> };

/** One entry per route file: how to knock, and who is let in. */
const PROBES: Record<string, Probe> = {
  "_index.tsx": { method: "GET", path: () => "/", allowed: ALL },
  // The 404 page of an address no route has: for everyone alike (it shows the signed-in person's desk link).
  "$.tsx": { method: "GET", path: () => "/no-such-page", allowed: ALL },
  "admin.$collection.$id.tsx": { method: "GET", path: () => "/admin/parks/GC-EDZ", allowed: ["admin"] },
  "admin.export.ts": { method: "GET", path: () => "/admin/export", allowed: ["admin"] },
  "admin.import-template.ts": { method: "GET", path: () => "/admin/import-template", allowed: ["admin"] },
  "admin.import.tsx": { method: "GET", path: () => "/admin/import", allowed: ["admin"] },
  "admin.parks._index.tsx": { method: "GET", path: () => "/admin/parks", allowed: ["admin"] },
  "admin.recruiters._index.tsx": { method: "GET", path: () => "/admin/recruiters", allowed: ["admin"] },
  "admin.spaces._index.tsx": { method: "GET", path: () => "/admin/spaces", allowed: ["admin"] },
  "admin._index.tsx": { method: "GET", path: () => "/admin", allowed: ["admin"] },
  "admin.dashboard._index.tsx": { method: "GET", path: () => "/admin/dashboard", allowed: ["admin"] },
  "admin.dashboard.export.ts": { method: "GET", path: () => "/admin/dashboard/export?figure=funnel", allowed: ["admin"] },
  "admin.dead-letters.tsx": { method: "GET", path: () => "/admin/dead-letters", allowed: ["admin"] },
  "admin.leads.$id.tsx": { method: "GET", path: (i) => `/admin/leads/${i.leadId}`, allowed: ["admin"] },
  "admin.leads._index.tsx": { method: "GET", path: () => "/admin/leads", allowed: ["admin"] },
  "admin.leads.export.ts": { method: "GET", path: () => "/admin/leads/export", allowed: ["admin"] },
  "admin.logout.ts": { method: "GET", path: () => "/admin/logout", allowed: [] }, // a GET does nothing but show the sign-in page
  "admin.office-hours.tsx": { method: "GET", path: () => "/admin/office-hours", allowed: ["admin"] },
  "admin.outbox.$file.tsx": { method: "GET", path: () => "/admin/outbox/none@parkmatch.eml", allowed: ["admin"] },
  "admin.outbox._index.tsx": { method: "GET", path: () => "/admin/outbox", allowed: ["admin"] },
  "admin.privacy.export.ts": { method: "POST", path: () => "/admin/privacy/export", allowed: ["admin"], form: { query: "13800000000" } },
  "admin.privacy.tsx": { method: "GET", path: () => "/admin/privacy", allowed: ["admin"] },
  "admin.staff.$id.tsx": { method: "GET", path: (i) => `/admin/staff/${i.userId}`, allowed: ["admin"] },
  "admin.staff._index.tsx": { method: "GET", path: () => "/admin/staff", allowed: ["admin"] },
  "api.$.ts": { method: "GET", path: () => "/api/no-such-thing", allowed: ALL }, // every unknown /api path: a JSON 404 for all
  "api.call-tasks.$id.outcome.ts": {
    method: "POST",
    path: (i) => `/api/call-tasks/${i.callTaskId}/outcome`,
    allowed: ["admin"],
    json: { outcome: "x" },
  },
  "api.import.ts": { method: "POST", path: () => "/api/import", allowed: [], json: { parks: [] } }, // the Bearer token only
  "api.leads.$id.ts": { method: "GET", path: (i) => `/api/leads/${i.leadId}`, allowed: ["admin"] },
  "api.leads.ts": { method: "POST", path: () => "/api/leads", allowed: ALL, json: {} },
  "api.regions.ts": { method: "GET", path: () => `/api/regions?q=${encodeURIComponent("高淳")}`, allowed: ALL },
  "favicon[.]ico.ts": { method: "GET", path: () => "/favicon.ico", allowed: ALL },
  "healthz.ts": { method: "GET", path: () => "/healthz", allowed: ALL },
  "hotline.tsx": { method: "GET", path: () => "/hotline", allowed: ["hotline", "admin"] },
  "hotline_.callers.ts": { method: "POST", path: () => "/hotline/callers", allowed: ["hotline", "admin"], form: { phone: "13900000000" } },
  "hotline_.leads.$id.tsx": { method: "GET", path: (i) => `/hotline/leads/${i.leadId}`, allowed: ["hotline", "admin"] },
  "hotline_.matches.ts": { method: "POST", path: () => "/hotline/matches", allowed: ["hotline", "admin"], form: { notes: "5000平厂房" } },
  "inquiry.$reference.tsx": { method: "GET", path: (i) => `/inquiry/${i.reference}`, allowed: ALL },
  "inquiry.form-script.ts": { method: "GET", path: () => "/inquiry/form-script", allowed: ALL }, // the form's script chunk (ADR 041), not a page: a 404 for all
  "invite.$token.tsx": { method: "GET", path: () => `/invite/${"x".repeat(43)}`, allowed: ALL }, // the token is the key: a wrong one is a 404 for all
  "login.tsx": { method: "GET", path: () => "/login", allowed: ALL },
  "logout.ts": { method: "GET", path: () => "/logout", allowed: [] }, // a GET does nothing but show the sign-in page
  "metrics.ts": { method: "GET", path: () => "/metrics", allowed: ALL }, // loopback (the test) may read it
  "s.$token.tsx": { method: "GET", path: () => `/s/${"x".repeat(43)}`, allowed: ALL }, // a shared shortlist: the token is the key, a wrong one a 404 for all
  "privacy.tsx": { method: "GET", path: () => "/privacy", allowed: ALL },
  "queue._index.tsx": { method: "GET", path: () => "/queue", allowed: ["recruiter"] },
  "queue.assignments.$id.tsx": { method: "GET", path: (i) => `/queue/assignments/${i.assignmentId}`, allowed: ["recruiter", "admin"] },
  // Correcting the need: the recruiter holding the open assignment only (admins read leads, they do not take calls on them).
  "queue.assignments.$id_.need.tsx": { method: "GET", path: (i) => `/queue/assignments/${i.assignmentId}/need`, allowed: ["recruiter"] },
};

/**
 * Forms anyone may post without a session (each has its own defence: cross-site checks, the
 * one-time token, the Bearer token, rate limits) — every other action must demand the CSRF token.
 */
const NO_SESSION_FORMS = new Set([
  "_index.tsx",
  "login.tsx",
  "admin.login.tsx",
  "invite.$token.tsx",
  "api.leads.ts",
  "api.import.ts",
  "api.$.ts",
  "$.tsx", // its action only answers 404: an unknown address changes nothing, token or not
]);

const ROUTES_DIR = new URL("../../app/routes/", import.meta.url);
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.startsWith("__") && !/\.test\./.test(f));
const hasAction = (file: string) =>
  /export (async )?function action\b|export const action\b/.test(readFileSync(new URL(file, ROUTES_DIR), "utf8"));

const PASSWORD = "matrix-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let ids: Ids;
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  db = await createTestDatabase("role_matrix");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  const users = await db.sql<{ id: string; role: Who }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('rec@example.test', '周敏', 'recruiter', 'R1', ${hash}),
      ('hot@example.test', '热线', 'hotline', null, ${hash}),
      ('adm@example.test', '管理员', 'admin', null, ${hash})
    returning id, role`;
  const lead = await storeTestLead(db.sql, "南京矩阵测试有限公司", "13812345678");
  await matchTestLead(db.sql, lead.id, "GC-EDZ");
  await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [a] = await db.sql<{ id: string; recruiterId: string }[]>`select id, recruiter_id from assignments where lead_id = ${lead.id}`;
  expect(a.recruiterId).toBe("R1");
  const [task] = await db.sql<{ id: string }[]>`
    insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('callback', ${lead.id}, '+8613812345678', '回访', 'callback:matrix') returning id`;
  ids = {
    leadId: lead.id,
    reference: lead.reference,
    assignmentId: a.id,
    callTaskId: task.id,
    userId: users.find((u) => u.role === "hotline")!.id,
  };
  cookies.recruiter = await client.signIn("rec@example.test", PASSWORD);
  cookies.hotline = await client.signIn("hot@example.test", PASSWORD);
  cookies.admin = await client.signIn("adm@example.test", PASSWORD);
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A page each role can open that carries its session's CSRF token in a form. */
const TOKEN_PAGE: Record<Exclude<Who, "anonymous">, string> = { recruiter: "/queue", hotline: "/hotline", admin: "/admin" };

/** Sends the probe as `who`; a POST carries `csrf` (the field, or the header for JSON) when given. */
async function send(probe: Probe, who: Who, csrf: string | undefined, extra: Record<string, string> = {}): Promise<Response> {
  const cookie = cookies[who as Exclude<Who, "anonymous">];
  const path = probe.path(ids);
  if (probe.method === "GET") return client.get(path, cookie);
  if (probe.json !== undefined) {
    return fetch(`${web.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...(csrf ? { "x-csrf-token": csrf } : {}) },
      body: JSON.stringify(probe.json),
    });
  }
  return client.post(path, { ...(probe.form ?? {}), ...extra, ...(csrf ? { csrf } : {}) }, cookie);
}

/** The probe as `who`, with their session's own CSRF token (so only the role decides). */
async function knock(probe: Probe, who: Who): Promise<Response> {
  const cookie = cookies[who as Exclude<Who, "anonymous">];
  const csrf = probe.method === "POST" && cookie ? await client.csrfOf(TOKEN_PAGE[who as Exclude<Who, "anonymous">], cookie) : undefined;
  return send(probe, who, csrf);
}

/** Refused = 401, 403, or a 303/302 to a sign-in page; anything else got past the door. */
function refused(res: Response): boolean {
  if (res.status === 401 || res.status === 403) return true;
  const location = res.headers.get("location") ?? "";
  return (res.status === 302 || res.status === 303) && /^\/(admin\/)?login(\?|$)/.test(location);
}

describe("role matrix", () => {
  it("has an entry for every route file (a new route cannot be forgotten)", () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    expect(routeFiles.filter((f) => !(f in PROBES))).toEqual([]);
    expect(Object.keys(PROBES).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  it.each(routeFiles)("%s lets in exactly whom it should", async (file) => {
    const probe = PROBES[file];
    const seen: Record<string, "allowed" | "refused"> = {};
    const statuses: Record<string, number> = {};
    for (const who of WHO) {
      const res = await knock(probe, who);
      await res.arrayBuffer();
      seen[who] = refused(res) ? "refused" : "allowed";
      statuses[who] = res.status;
      expect(res.status, `${file} as ${who}: never a 500`).toBeLessThan(500);
    }
    const expected = Object.fromEntries(WHO.map((w) => [w, probe.allowed.includes(w) ? "allowed" : "refused"]));
    expect(seen, JSON.stringify(statuses)).toEqual(expected);
  });
});

describe("CSRF", () => {
  const sessionForms = routeFiles.filter((f) => hasAction(f) && !NO_SESSION_FORMS.has(f));

  it("covers every state-changing route of a cookie session", () => {
    expect(sessionForms).toEqual(
      expect.arrayContaining([
        "admin.staff._index.tsx",
        "admin.staff.$id.tsx",
        "admin.leads.$id.tsx",
        "admin.dead-letters.tsx",
        "admin.office-hours.tsx",
      ]),
    );
  });

  it.each(sessionForms)("%s refuses a POST without the session's token", async (file) => {
    const probe: Probe = { ...PROBES[file], method: "POST" };
    const who = (probe.allowed.find((w) => w !== "anonymous") ?? "admin") as Exclude<Who, "anonymous">;
    const withoutToken = await send(probe, who, undefined, { intent: "rematch" });
    expect(withoutToken.status, `${file} without a token`).toBe(403);
    const wrongToken = await send(probe, who, "not-the-token", { intent: "rematch" });
    expect(wrongToken.status, `${file} with a wrong token`).toBe(403);
  });

  it("lets the same POST through with the token (the token is what was missing)", async () => {
    const csrf = await client.csrfOf("/admin", cookies.admin!);
    const res = await client.post(`/admin/leads/${ids.leadId}`, { csrf, intent: "rematch" }, cookies.admin);
    expect(res.status).toBe(303);
    const [event] = await db.sql<{ actor: string }[]>`select actor from routing_events where lead_id = ${ids.leadId} and event = 'rematch'`;
    expect(event.actor).toBe("adm@example.test");
  });
});

// A signed-in person of another role gets the admin pages' 403 page in their language from every route
// that refuses them, resource routes (exports, the import template) included — not the framework's bare
// {"message":"Unexpected Server Error"}. /api/* keeps its one JSON error shape, and the desk's fetcher
// endpoints answer the panel's JSON refusal (app/http/fetcher-access.server.ts).
const JSON_REFUSALS = (file: string) => file.startsWith("api.") || file === "hotline_.callers.ts" || file === "hotline_.matches.ts";

describe("the 403 page of a signed-in person of another role", () => {
  const refusing = routeFiles.filter(
    (f) =>
      !JSON_REFUSALS(f) &&
      PROBES[f] !== undefined &&
      PROBES[f].allowed.length > 0 &&
      !(["recruiter", "hotline"] as const).every((w) => PROBES[f].allowed.includes(w)),
  );
  it("covers the resource routes", () => {
    expect(refusing).toEqual(
      expect.arrayContaining([
        "admin.export.ts",
        "admin.leads.export.ts",
        "admin.dashboard.export.ts",
        "admin.import-template.ts",
        "admin.privacy.export.ts",
      ]),
    );
  });
  it.each(refusing)("%s: the titled 403 page, in Chinese and with ?lng=en in English", async (file) => {
    for (const [lng, title, body] of [
      ["zh", "没有权限", "您的账号没有打开这个页面的权限"],
      ["en", "No permission", "Your account may not open this page"],
    ] as const) {
      const base = PROBES[file];
      const probe: Probe = lng === "en" ? { ...base, path: (i) => `${base.path(i)}${base.path(i).includes("?") ? "&" : "?"}lng=en` } : base;
      for (const who of ["recruiter", "hotline"] as const) {
        if (base.allowed.includes(who)) continue;
        const res = await knock(probe, who);
        const text = await res.text();
        expect(res.status, `${file} as ${who}`).toBe(403);
        expect(res.headers.get("content-type"), `${file} as ${who}`).toMatch(/text\/html/);
        expect(text, `${file} as ${who} (${lng})`).toContain(`<h1>${title}</h1>`);
        expect(text).toContain(body);
        expect(text).not.toContain("Unexpected Server Error");
      }
    }
  });
});
