import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// An address without a page (a mistyped path, a link out of date) answers 404 with a proper page: the
// site's header with the language switch (to the same address in the other language), what happened,
// and the ways back — the signed-in person's desk first, then the home page (the form). zh-CN unless
// ?lng=en, as every page. /inquiry/<bad reference> keeps its own helpful words, now under the header too.
// Signed-in staff see their own pages' header there. Asked for as data (`?_data=`, `.data`), an unknown
// address is a 404 too, and nothing is logged as an error: it is not a fault of the server.
const PASSWORD = "not-found-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let recruiter: string;
let admin: string;
let hotline: string;

beforeAll(async () => {
  db = await createTestDatabase("not_found_page");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  const hash = await hashPassword(PASSWORD);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('adm404@example.test', '管理员', 'admin', null, ${hash})`;
  admin = await client.signIn("adm404@example.test", PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values ('rec404@example.test', '专员', 'recruiter', 'R1', ${hash})`;
  recruiter = await client.signIn("rec404@example.test", PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values ('hot404@example.test', '坐席', 'hotline', ${hash})`;
  hotline = await client.signIn("hot404@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const ways = (html: string) => [...html.matchAll(/<ul class="ways-back">([\s\S]*?)<\/ul>/g)].map((m) => m[1]).join("");

describe("the 404 page", () => {
  it.each(["/nonexistent", "/admin/nope", "/queue/xyz", "/s/no-such/deeper"])(
    "%s: in zh-CN with the header, the switch to English and the way home",
    async (path) => {
      const res = await client.get(path);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN"');
      expect(html).toContain('<header class="top">');
      expect(html).toContain("园区招商 · 厂房土地需求登记");
      expect(html).toContain(`href="${path}?lng=en"`); // the same address in English
      expect(html).toContain("<h1>页面不存在</h1>");
      expect(html).toContain("可能是地址输错了");
      expect(ways(html)).toContain('href="/"');
      expect(ways(html)).not.toContain("工作台"); // nobody signed in: no desk

      const en = await client.get(`${path}?lng=en`);
      expect(en.status).toBe(404);
      const english = await en.text();
      expect(english).toContain('<html lang="en"');
      expect(english).toContain("<h1>Page not found</h1>");
      expect(english).toContain(`href="${path}"`); // back to 中文
      expect(ways(english)).toContain('href="/?lng=en"');
    },
  );

  it("for a signed-in person, the way back to their own desk first", async () => {
    const asAdmin = await (await client.get("/nonexistent", admin)).text();
    expect(ways(asAdmin)).toMatch(/href="\/admin"[^>]*>回到我的工作台</);
    const asAdminEn = await (await client.get("/admin/nope?lng=en", admin)).text();
    expect(ways(asAdminEn)).toMatch(/href="\/admin\?lng=en"[^>]*>Back to my desk</);
    const asRecruiter = await (await client.get("/queue/xyz", recruiter)).text();
    expect(ways(asRecruiter)).toMatch(/href="\/queue"[^>]*>回到我的工作台</);
  });

  it("for signed-in staff, under their own header (the staff pages' frame: their menu, the language switch, sign-out), not the public one", async () => {
    const header = (html: string) => /<header class="[^"]*">([\s\S]*?)<\/header>/.exec(html)?.[0] ?? "";
    const adminPage = await client.get("/nonexistent", admin);
    expect(adminPage.status).toBe(404);
    const adminHtml = await adminPage.text();
    expect(adminHtml).toContain("<title>页面不存在</title>");
    const asAdmin = header(adminHtml);
    expect(asAdmin).toContain('<header class="top admin-top">');
    expect(asAdmin).toContain("园区招商 · 管理后台");
    expect(asAdmin).toContain('href="/admin/leads"'); // the admin's menu
    expect(asAdmin).toContain('href="/nonexistent?lng=en"'); // the same address in English
    expect(asAdmin).toContain('action="/logout');
    expect(asAdmin).not.toContain("厂房土地需求登记");
    const asAdminEn = header(await (await client.get("/admin/nope?lng=en", admin)).text());
    expect(asAdminEn).toContain("Industrial park sites · Admin");
    expect(asAdminEn).toContain('href="/admin/nope"'); // back to 中文

    const asRecruiter = await (await client.get("/queue/xyz", recruiter)).text();
    expect(header(asRecruiter)).toContain("园区招商 · 工作台");
    expect(header(asRecruiter)).toMatch(/href="\/queue"[^>]*>我的线索</);
    expect(header(asRecruiter)).not.toContain('href="/admin');
    expect(asRecruiter).toContain("<h1>页面不存在</h1>");
    expect(ways(asRecruiter)).toMatch(/href="\/queue"[^>]*>回到我的工作台</);
    const asHotline = header(await (await client.get("/hotline/nope?lng=en", hotline)).text());
    expect(asHotline).toContain("parkmatch · Staff desk");
    expect(asHotline).toMatch(/href="\/hotline\?lng=en"[^>]*>Call tasks</);

    expect(header(await (await client.get("/nonexistent")).text())).toContain("园区招商 · 厂房土地需求登记"); // nobody signed in: the public one
  });

  it("/inquiry/<a reference nobody has> keeps its own help, under the header with the language switch", async () => {
    const res = await client.get("/inquiry/PM-20260101-9999");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<header class="top">');
    expect(html).toContain('href="/inquiry/PM-20260101-9999?lng=en"');
    expect(html).toContain("找不到这个需求编号");
    expect(ways(html)).toContain("登记用地 / 厂房需求");
  });
});

describe("an unknown address asked for as data (Remix's ?_data=, single fetch's .data)", () => {
  // Remix answers `?_data=` — the data requests of Remix before single fetch, which this app's pages no
  // longer make — and logs each one through handleError as a server error with its stack ("Single
  // fetch-enabled apps should not be making ?_data requests"); for /nope?_data=root it even answered 200
  // with the root's data. An unknown address is no fault of the server: the 404 page, and no error line.
  const errorLinesOfWeb = () =>
    readFileSync(inject("logFile"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { pid: number; level: string; msg: string; error?: string })
      .filter((l) => l.pid === web.process.pid && (l.level === "error" || l.level === "fatal"));

  it.each([
    ["GET", "/nonexistent?_data=root"],
    ["GET", "/nonexistent?_data=routes%2F%24"],
    ["GET", "/admin/nope?_data=routes%2F%24&lng=en"],
    ["HEAD", "/nonexistent?_data=routes%2F%24"],
    ["POST", "/nonexistent?_data=routes%2F%24"],
    ["GET", "/nonexistent.data"],
    ["GET", "/nonexistent.data?_routes=routes%2F%24"],
    ["POST", "/nonexistent.data"],
  ])("%s %s: 404, nothing logged as an error", async (method, path) => {
    const before = errorLinesOfWeb().length;
    const res = await fetch(`${web.url}${path}`, {
      method,
      redirect: "manual",
      headers: method === "POST" ? { "content-type": "application/x-www-form-urlencoded", origin: web.url } : {},
      body: method === "POST" ? "a=1" : undefined,
    });
    expect(res.status).toBe(404);
    if (method === "GET" && path.includes("_data="))
      expect(await res.text()).toContain(path.includes("lng=en") ? "Page not found" : "页面不存在");
    expect(errorLinesOfWeb().slice(before)).toEqual([]);
  });

  it("a page that exists, asked for with ?_data=, is the page (no error line either)", async () => {
    const before = errorLinesOfWeb().length;
    const res = await fetch(`${web.url}/privacy?_data=root`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(errorLinesOfWeb().slice(before)).toEqual([]);
  });
});

describe("an unknown API address", () => {
  // The router matches paths in any case and /api alone (the API's 404, api.$.ts), but the request gate
  // read only "/api/…" as the API: a JSON post to /api or /API/… was refused with the HTML page (415
  // "请以网页表单提交"), and a JSON client could not read it. The API's clients get the API's shape (ADR 025).
  const json = { "content-type": "application/json" };
  it.each([
    ["POST", "/api", json, "{}", 404],
    ["POST", "/API/nope", json, "{}", 404],
    ["POST", "/Api/nope?lng=en", json, "{}", 404],
    ["GET", "/API/nope", {}, undefined, 404],
    ["PUT", "/API/nope", json, "{}", 405],
    ["POST", "/API/nope", { "content-type": "application/x-www-form-urlencoded" }, "a=1", 415],
  ])("%s %s: JSON in the API's error shape", async (method, path, headers, body, status) => {
    const res = await fetch(`${web.url}${path}`, { method, headers, body, redirect: "manual" });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = (await res.json()) as { errors: { _form: string[] } };
    expect(answer.errors._form[0]).toMatch(path.includes("lng=en") ? /[a-z]/ : /[\u4e00-\u9fff]/);
  });

  it("the JSON intake answers at /API/leads too, as at /api/leads", async () => {
    const res = await fetch(`${web.url}/API/leads`, { method: "POST", headers: json, body: "{}" });
    expect(res.status).toBe(400); // the lead's own checks, not the form gate's 415
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("a malformed id on a staff page (a hand-typed or cut-off address, a crafted post)", () => {
  // A call task posted with a task id that is no id answered a bare 400 with no page; every staff page
  // with an id reads a malformed one as "no such row": the 404 page under the person's own header, in
  // their language — never a bare 400 or a 500.
  const header = (html: string) => /<header class="[^"]*">([\s\S]*?)<\/header>/.exec(html)?.[0] ?? "";
  const cookieOf = () => ({ admin, hotline, recruiter });
  const ids = ["not-a-uuid", "00000000-0000-0000-0000-00000000000g", "1'%20or%20'1", "%E4%B8%AD"];

  it.each(
    ids.flatMap((id) => [
      ["admin", `/admin/leads/${id}`],
      ["admin", `/admin/staff/${id}`],
      ["admin", `/admin/spaces/${id}`],
      ["admin", `/admin/parks/${id}`],
      ["admin", `/admin/recruiters/${id}`],
      ["admin", `/hotline/leads/${id}`],
      ["hotline", `/hotline/leads/${id}`],
      ["recruiter", `/queue/assignments/${id}`],
      ["admin", `/queue/assignments/${id}`],
    ]),
  )("GET as %s %s: the 404 page under the person's header", async (who, path) => {
    const cookie = cookieOf()[who as "admin"];
    for (const lng of ["zh", "en"] as const) {
      const res = await client.get(`${path}${lng === "en" ? "?lng=en" : ""}`, cookie);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(header(html)).toContain(
        who === "admin" && !path.startsWith("/hotline") && !path.startsWith("/queue") ? "admin-top" : 'action="/logout',
      );
      expect(html).toMatch(lng === "en" ? /not found|cannot be found|no such/i : /不存在|找不到/);
      if (path.startsWith("/hotline/leads/")) expect(html).toContain(lng === "en" ? "This lead cannot be found" : "找不到这条线索");
    }
  });

  it.each(
    ids.flatMap(
      (id) =>
        [
          ["admin", `/admin/leads/${id}`, { intent: "rematch" }],
          ["admin", `/admin/staff/${id}`, { intent: "deactivate" }],
          ["hotline", `/hotline/leads/${id}`, { intent: "note", note: "", body: "打过电话" }],
          ["recruiter", `/queue/assignments/${id}`, { intent: "accept" }],
          ["hotline", "/hotline", { task: decodeURIComponent(id), outcome: "no-answer", note: "" }],
          ["admin", "/hotline", { task: decodeURIComponent(id), outcome: "no-answer", note: "" }],
        ] as const,
    ),
  )("POST as %s %s: the 404 page with what was not found, never a bare 400", async (who, path, fields) => {
    const cookie = cookieOf()[who as "admin"];
    const csrf = await client.csrfOf(who === "recruiter" ? "/queue" : who === "hotline" ? "/hotline" : "/admin/office-hours", cookie);
    for (const lng of ["zh", "en"] as const) {
      const res = await client.post(`${path}${lng === "en" ? "?lng=en" : ""}`, { csrf, ...fields }, cookie);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(header(html)).toContain('action="/logout');
      expect(html).toMatch(lng === "en" ? /not found|cannot be found|no such/i : /不存在|找不到/);
      if (path.startsWith("/hotline/leads/")) expect(html).toContain(lng === "en" ? "This lead cannot be found" : "找不到这条线索");
      if (path === "/hotline") expect(html).toContain(lng === "en" ? "There is no such call task." : "找不到这条呼叫任务。");
    }
  });
});
