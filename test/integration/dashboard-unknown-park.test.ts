import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// Attack-desks findings 8 and 9 against the real web process: /admin/dashboard with a park that does not
// exist (or a park given twice) named it nowhere and showed zeros, and its CSV links carried the unknown
// park; the CSV export wrote a name starting with "=" as a formula.
const PASSWORD = "dashboard-园区-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase("dashboard_unknown_park");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values ('boss@example.test', '主管', 'admin', ${await hashPassword(PASSWORD)})`;
  admin = await client.signIn("boss@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const exportLinks = (html: string) =>
  [...html.matchAll(/href="([^"]*\/admin\/dashboard\/export[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));

describe("the dashboard's park from the address", () => {
  it.each([
    ["NOPE", "园区“NOPE”不存在，已显示全部园区"],
    ["gc-edz", "园区“gc-edz”不存在，已显示全部园区"], // ids are exact: another case is no park
    ["<script>x</script>", "园区“&lt;script&gt;x&lt;/script&gt;”不存在"],
  ])("an unknown park %j is named, and the export links do not carry it", async (park, said) => {
    const res = await client.get(`/admin/dashboard?park=${encodeURIComponent(park)}`, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(said);
    const links = exportLinks(html);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(new URL(link, web.url).searchParams.has("park")).toBe(false);
  });

  it("says so in English too", async () => {
    const html = await (await client.get("/admin/dashboard?park=NOPE&lng=en", admin)).text();
    expect(html).toContain("There is no park “NOPE”; all parks are shown.");
  });

  it("a park given twice is named and its last value used (links carry that one)", async () => {
    const html = await (await client.get("/admin/dashboard?park=GC-EDZ&park=LS-EDZ", admin)).text();
    expect(html).toContain("条件“park”在地址里出现了不止一次，只用了最后一个值“LS-EDZ”");
    for (const link of exportLinks(html)) expect(new URL(link, web.url).searchParams.getAll("park")).toEqual(["LS-EDZ"]);
  });

  it("a known park is used as asked, with nothing to say", async () => {
    const html = await (await client.get("/admin/dashboard?park=GC-EDZ", admin)).text();
    expect(html).not.toContain('data-testid="filters-adjusted"');
    for (const link of exportLinks(html)) expect(new URL(link, web.url).searchParams.get("park")).toBe("GC-EDZ");
  });

  it("the export refuses an unknown park with a 400 saying so, instead of a file of zeros", async () => {
    const res = await client.get("/admin/dashboard/export?figure=funnel&park=NOPE", admin);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("园区“NOPE”不存在，没有导出");
    const ok = await client.get("/admin/dashboard/export?figure=funnel&park=GC-EDZ", admin);
    expect(ok.status).toBe(200);
  });
});

describe("the dashboard's CSV export", () => {
  it("writes a recruiter name that starts with = as text, not a formula", async () => {
    await db.sql`update recruiters set name = '=HYPERLINK("http://evil","x")' where id = 'R1'`;
    const text = await (await client.get("/admin/dashboard/export?figure=load", admin)).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"") (R1)"`);
    expect(text).not.toMatch(/(^|,)"=/m);
  });
});
