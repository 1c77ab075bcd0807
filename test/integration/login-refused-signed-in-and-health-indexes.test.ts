import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { adminDemoSuite } from "../support/admin-demo-suite";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// Attack 38, two faults of the web process:
// - a browser already signed in that posts /login with a wrong password (no JavaScript: the page's own form)
//   was sent to its desk without a word; it is now told, and stays signed in as itself (ADR 191);
// - /healthz said Meilisearch was fine while an index the app needs was missing; it now names the index
//   (status "degraded", 200: Meilisearch answers and intake works; the shape's fields unchanged, one added).
const ADMIN = "a39-admin@example.test";
const PASSWORD = "a39-correct-horse-电池-2026";
const suite = adminDemoSuite("a39_login_health", ADMIN, PASSWORD);

describe("a signed-in browser's sign-in that fails", () => {
  beforeAll(async () => {
    await suite.db.sql`insert into users (email, name, role, password_hash)
                       values ('a39-hotline@example.test', '热线甲', 'hotline', ${await hashPassword(PASSWORD)})`;
  });

  it.each([
    ["zh", "/login", ADMIN, "邮箱或密码不正确", "您仍以 导入管理员 的身份登录"],
    ["en", "/login?lng=en", ADMIN, "Email or password is not correct", "still signed in as 导入管理员"],
    ["zh", "/login?next=%2Fadmin%2Fparks", "a39-hotline@example.test", "邮箱或密码不正确", "您仍以 导入管理员 的身份登录"],
  ])("(%s, %s as %s) is told the password is wrong and stays signed in", async (_lng, path, email, wrong, still) => {
    const web = webClient(suite.web.url);
    const res = await web.post(path, { email, password: "not-the-password" }, suite.cookie);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/pm_staff=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    const html = await res.text();
    expect(html).toContain(wrong);
    expect(html).toContain(still);
    // The session the browser brought along still works.
    expect((await web.get("/admin", suite.cookie)).status).toBe(200);
  });

  it("a GET of /login while signed in still goes on to the desk; the right password still signs in afresh", async () => {
    const web = webClient(suite.web.url);
    const get = await web.get("/login", suite.cookie);
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe("/admin");
    const right = await web.post("/login", { email: ADMIN, password: PASSWORD }, suite.cookie);
    expect(right.status).toBe(303);
    expect(right.headers.get("set-cookie")).toMatch(/^pm_staff=/);
  });

  it("a signed-out browser's wrong password is answered as before, without the signed-in line", async () => {
    const res = await webClient(suite.web.url).post("/login", { email: ADMIN, password: "nope" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("邮箱或密码不正确");
    expect(html).not.toContain("仍以");
  });
});

describe("/healthz and the search indexes the app needs", () => {
  const prefix = `a39h${Math.random().toString(36).slice(2, 8)}_`;
  let web: Awaited<ReturnType<typeof startWebServer>>;
  const meili = (path: string, init: RequestInit = {}) =>
    fetch(`${process.env.MEILI_URL}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}`, "content-type": "application/json" },
    });
  beforeAll(async () => {
    web = await startWebServer({ DATABASE_URL: suite.db.url, MEILI_INDEX_PREFIX: prefix });
  });
  afterAll(async () => {
    await web?.stop();
    await meili(`/indexes/${prefix}spaces`, { method: "DELETE" });
  });

  const health = async () => {
    const res = await fetch(`${web.url}/healthz`);
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { components: Record<string, Record<string, unknown>> },
    };
  };

  it("names every missing index, degraded but 200, its other fields as they were", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.down).toEqual([]);
    expect(Object.keys(body.components).sort()).toEqual(["meilisearch", "postgres", "redis", "worker"]);
    expect(body.components.meilisearch.ok).toBe(true);
    expect([...(body.components.meilisearch.missingIndexes as string[])].sort()).toEqual(["leads", "parks", "spaces"]);
    expect(body.components.postgres).toEqual({ ok: true });
  });

  it("an index made again leaves the list", async () => {
    const made = await meili("/indexes", { method: "POST", body: JSON.stringify({ uid: `${prefix}spaces`, primaryKey: "id" }) });
    expect(made.status).toBe(202);
    const { body } = await (async () => {
      for (let i = 0; i < 100; i++) {
        const h = await health();
        if (!(h.body.components.meilisearch.missingIndexes as string[]).includes("spaces")) return h;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the spaces index was never found");
    })();
    expect([...(body.components.meilisearch.missingIndexes as string[])].sort()).toEqual(["leads", "parks"]);
    expect(body.status).toBe("degraded");
  });
});
