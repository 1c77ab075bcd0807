import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../../support/database";
import { validLeadJson } from "../../support/leads";
import { freePort, startWebServer } from "../../support/services";

// Defect 9 of issue 13: security headers on every response, /healthz without internal details for
// non-admins, a plain 503 with Retry-After when the database is down, the hotline number from
// HOTLINE_PHONE, and no bidi controls in pages.
const TOKEN = process.env.ADMIN_API_TOKEN!;
const HOTLINE = "025-6677-8899";
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let dbDown: Awaited<ReturnType<typeof startWebServer>>;
let meiliDown: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_headers");
  const closed = await freePort(); // nothing listens there
  [web, dbDown, meiliDown] = await Promise.all([
    startWebServer({ DATABASE_URL: db.url, HOTLINE_PHONE: HOTLINE }),
    startWebServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/nowhere`, HOTLINE_PHONE: HOTLINE }),
    startWebServer({ DATABASE_URL: db.url, MEILI_URL: `http://127.0.0.1:${closed}`, HOTLINE_PHONE: HOTLINE }),
  ]);
});
afterAll(async () => {
  await Promise.all([web?.stop(), dbDown?.stop(), meiliDown?.stop()]);
  await db?.drop();
});

describe("security headers", () => {
  it("every page, API answer, refusal and static file carries CSP, frame protection, Referrer-Policy and nosniff", async () => {
    const build = /(?:src|href)="(\/build\/[^"]+\.js)"/.exec(await (await fetch(`${web.url}/`)).text())?.[1];
    expect(build).toBeTruthy();
    for (const [path, init] of [
      ["/", {}],
      ["/?lng=en", {}],
      ["/login", {}],
      ["/admin", {}], // 303 to /login (the token sign-in page is gone, ADR 025)
      ["/inquiry/received", {}],
      ["/no-such-page", {}],
      ["/healthz", {}],
      [build!, {}],
      ["/api/leads", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }],
    ] as const) {
      const res = await fetch(`${web.url}${path}`, { redirect: "manual", ...init });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security"), path).toBeNull(); // APP_URL is http here
    }
  });

  it("every inline script of a page carries that response's nonce, and it changes per response", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/login", "/inquiry/received"]) {
      const res = await fetch(`${web.url}${path}`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")![1];
      nonces.add(nonce);
      const html = await res.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inline.length, path).toBeGreaterThan(0);
      for (const [, attrs] of inline) expect(attrs, path).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/\sstyle="/); // no inline styles either
    }
    expect(nonces.size).toBe(3);
  });

  it("HSTS when the request came over https through the trusted proxy", async () => {
    const res = await fetch(`${web.url}/`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });
});

describe("/healthz", () => {
  it("names what is down for everyone, but the error (an internal address) only for an admin", async () => {
    const anyone = await fetch(`${meiliDown.url}/healthz`);
    expect(anyone.status).toBe(503);
    const body = await anyone.text();
    expect(JSON.parse(body)).toMatchObject({ down: ["meilisearch"], components: { meilisearch: { ok: false }, postgres: { ok: true } } });
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed|error/);
    const admin = (await (await fetch(`${meiliDown.url}/healthz`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      components: { meilisearch: { error?: string } };
    };
    expect(admin.components.meilisearch.error).toBeTruthy();
  });
});

describe("the database down", () => {
  it("/inquiry/<ref>, /admin, POST /login and /api/leads/<id> answer a plain 503 with Retry-After and the configured hotline", async () => {
    const bearer = { authorization: `Bearer ${TOKEN}` };
    const cases: [string, RequestInit][] = [
      ["/inquiry/PM-20260101-0001", {}],
      ["/inquiry/PM-20260101-0001?lng=en", {}],
      ["/admin", { headers: bearer }],
      [
        "/login",
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "email=a%40example.test&password=secret",
        },
      ],
      ["/api/leads/00000000-0000-4000-8000-000000000000", { headers: bearer }],
    ];
    for (const [path, init] of cases) {
      const res = await fetch(`${dbDown.url}${path}`, { redirect: "manual", ...init });
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after"), path).toBe("30");
      const text = await res.text();
      expect(text, path).toContain(HOTLINE);
      expect(text, path).not.toMatch(/ECONNREFUSED|at \w+ \(|\.ts:\d+|postgres:\/\//);
      expect(text, path).not.toMatch(/热线 400[^-]|hotline 400[^-]/);
    }
  });

  it("an error page shows HOTLINE_PHONE, never a made-up number", async () => {
    const res = await fetch(`${dbDown.url}/queue/assignments/00000000-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
    const text = await res.text();
    expect(text).toContain(HOTLINE);
  });
});

describe("bidi controls in names and notes", () => {
  it("are stripped from staff pages (dashboard, assignment page) but kept in the stored lead", async () => {
    const company = "南京\u202e8765\u202c精工\u2066机械\u2069有限公司";
    const body = {
      ...validLeadJson({ company }),
      contact: { name: "王\u202d经理", phone: "13812345678" },
      need: { ...validLeadJson().need, notes: "急\u202e需\u2067厂房" },
    };
    const parsed = createLeadSchema("zh", "api").parse(body);
    const lead = await storeLead(db.sql, { ...parsed, raw: body, source: "api", lng: "zh" });
    await db.sql`insert into parks (id, name, province, city, district) values ('BIDI-P', '双向测试园', '江苏省', '南京市', '高淳区') on conflict do nothing`;
    const [assignment] = await db.sql<{ id: string }[]>`
      insert into assignments (lead_id, park_id, status, rule, reason) values (${lead.id}, 'BIDI-P', 'unassigned', 'nobody-eligible', ${db.sql.json({ zh: "无人", en: "nobody" })}) returning id`;
    const bearer = { authorization: `Bearer ${TOKEN}` };
    for (const path of ["/admin", `/queue/assignments/${assignment.id}`]) {
      const res = await fetch(`${web.url}${path}`, { headers: bearer });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain("8765精工机械有限公司");
      expect(html, path).not.toMatch(BIDI);
    }
    const api = (await (await fetch(`${web.url}/api/leads/${lead.id}`, { headers: bearer })).json()) as {
      lead: { company: { name: string } };
    };
    expect(api.lead.company.name).toBe(parsed.lead.company.name); // the record itself is what was sent
  });
});
