import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { importInventory, validateInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// Trial 12-05, finding 4 and a low: an import that leaves parks without a working recruiter says so
// (their leads go to the admins' unassigned queue), in the Excel preview, its result, POST /api/import
// and the command line's words; and a workbook that holds exactly what is stored offers nothing to apply.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let cookie = "";
const EMAIL = "uncovered-admin@example.test";
const PASSWORD = "园区-无人负责-2026";

beforeAll(async () => {
  db = await createTestDatabase("import_uncovered");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '导入管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  cookie = await webClient(web.url).signIn(EMAIL, PASSWORD);
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const park = (id: string, name: string) => ({
  id,
  name,
  province: "江苏省",
  city: "南京市",
  district: "江宁区",
  industries: ["C39"],
  excludedIndustries: [],
});

/** A workbook of `value` (the export's own sheets), previewed at /admin/import; the page's HTML and status. */
async function previewPage(value: unknown, lng: "zh" | "en" = "zh"): Promise<{ status: number; html: string }> {
  const checked = validateInventory(value);
  if (!checked.ok) throw new Error(`refused: ${JSON.stringify(checked.errors)}`);
  const csrf = await webClient(web.url).csrfOf("/admin/import", cookie);
  const body = new FormData();
  body.append("csrf", csrf);
  body.append("intent", "preview");
  body.append("file", new Blob([new Uint8Array(await inventoryWorkbook(checked.value))]), "园区.xlsx");
  const res = await fetch(`${web.url}/admin/import${lng === "en" ? "?lng=en" : ""}`, { method: "POST", headers: { cookie }, body });
  return { status: res.status, html: await res.text() };
}

async function applyFromPage(html: string, lng: "zh" | "en" = "zh"): Promise<string> {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
  const previewId = /name="previewId" value="([^"]+)"/.exec(html)![1];
  const hash = /name="hash" value="([^"]+)"/.exec(html)![1];
  const body = new FormData();
  for (const [k, v] of Object.entries({ csrf, previewId, hash, intent: "apply" })) body.append(k, v);
  const res = await fetch(`${web.url}/admin/import${lng === "en" ? "?lng=en" : ""}`, { method: "POST", headers: { cookie }, body });
  expect(res.status).toBe(200);
  return res.text();
}

const banner = (html: string) => /data-testid="import-uncovered">([^<]*)</.exec(html)?.[1] ?? null;

describe("an import that leaves parks without a recruiter", () => {
  it("the Excel preview and its result say which parks' leads will go to the admins' queue (zh)", async () => {
    const { status, html } = await previewPage({ parks: [park("JN-2", "江宁二园"), park("JN-3", "江宁三园")] });
    expect(status).toBe(200);
    expect(banner(html)).toBe(
      "2 个园区没有在岗的招商专员负责：JN-2（江宁二园）、JN-3（江宁三园）。这些园区的线索会进入管理员的待分配队列，由管理员手动指派；如需自动分配，请在「招商专员」工作表中把园区编号加到某位专员的负责园区。",
    );
    const applied = await applyFromPage(html);
    expect(applied).toContain("已导入：新建 2 条");
    expect(banner(applied)).toContain("没有在岗的招商专员负责：JN-2（江宁二园）、JN-3（江宁三园）。");
  });

  it("says it in English, and says nothing of a park a recruiter of the same file covers", async () => {
    const r5 = demoInventory().recruiters.find((r) => r.id === "R5")!;
    const { html } = await previewPage(
      { parks: [park("JN-4", "Jiangning Four"), park("JN-5", "江宁五园")], recruiters: [{ ...r5, parks: ["JN-IP", "JN-5"] }] },
      "en",
    );
    expect(banner(html)).toBe(
      "No active recruiter covers park JN-4 (Jiangning Four): leads for it will go to the admins&#x27; unassigned queue, to be assigned by hand. To route them automatically, add the park id to a recruiter&#x27;s parks (the 招商专员 sheet).",
    );
  });

  it("a recruiter moved off the only park they covered, or made inactive, leaves that park to the queue", async () => {
    const r4 = demoInventory().recruiters.find((r) => r.id === "R4")!; // LS-EDZ's only recruiter
    const moved = await previewPage({ recruiters: [{ ...r4, parks: ["GC-EDZ"] }] });
    expect(banner(moved.html)).toContain("LS-EDZ（溧水经济开发区（示例））");
    const inactive = await previewPage({ recruiters: [{ ...r4, active: false }] });
    expect(banner(inactive.html)).toContain("LS-EDZ（溧水经济开发区（示例））");
    // A park whose recruiter stays, re-imported with a change, says nothing.
    const gc = demoInventory().parks.find((p) => p.id === "GC-EDZ")!;
    expect(banner((await previewPage({ parks: [{ ...gc, policies: "新政策（示例）" }] })).html)).toBeNull();
  });

  it("POST /api/import answers the parks and the warning in the caller's language; nothing when covered", async () => {
    const post = (body: unknown, lng: string) =>
      fetch(`${web.url}/api/import?lng=${lng}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
        body: JSON.stringify(body),
      });
    const zh = await (await post({ parks: [park("JN-6", "江宁六园")] }, "zh")).json();
    expect(zh.uncoveredParks).toEqual([{ id: "JN-6", name: "江宁六园" }]);
    expect(zh.warnings).toEqual([expect.stringContaining("1 个园区没有在岗的招商专员负责：JN-6（江宁六园）。")]);
    const en = await (await post({ parks: [park("JN-7", "江宁七园")] }, "en")).json();
    expect(en.warnings).toEqual([expect.stringContaining("No active recruiter covers park JN-7 (江宁七园)")]);
    const covered = await (await post({ spaces: [], parks: [demoInventory().parks[0]] }, "zh")).json();
    expect(covered).toEqual({ counts: expect.any(Object) });
  });

  it("a workbook that holds exactly what is stored says nothing changed and offers no 确认导入 (zh, en)", async () => {
    const inv = demoInventory();
    const same = { parks: inv.parks, spaces: inv.spaces, recruiters: inv.recruiters };
    const zh = await previewPage(same);
    expect(zh.html).toContain("新建 0 条，修改 0 条");
    expect(zh.html).toContain("文件中的内容与现有数据完全相同，没有需要导入的改动。");
    expect(zh.html).not.toContain("确认导入");
    const en = await previewPage(same, "en");
    expect(en.html).toContain("The file holds exactly what is stored: there is nothing to import.");
    expect(en.html).not.toContain("Apply the import");
    // One changed cell: the button is back.
    const changed = await previewPage({ ...same, parks: [{ ...inv.parks[0], policies: "另一条政策（示例）" }, ...inv.parks.slice(1)] });
    expect(changed.html).toContain("确认导入");
    expect(changed.html).not.toContain("没有需要导入的改动");
  });
});
