import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { validateInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { adminDemoSuite } from "../support/admin-demo-suite";
import { webClient } from "../support/staff-web";

// Trial 12-05, finding 4 and a low: an import that leaves parks without a working recruiter says so
// (their leads go to the admins' unassigned queue), in the Excel preview, its result, POST /api/import
// and the command line's words; and a workbook that holds exactly what is stored offers nothing to apply.
const EMAIL = "uncovered-admin@example.test";
const PASSWORD = "园区-无人负责-2026";

const suite = adminDemoSuite("import_uncovered", EMAIL, PASSWORD);

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
  const csrf = await webClient(suite.web.url).csrfOf("/admin/import", suite.cookie);
  const body = new FormData();
  body.append("csrf", csrf);
  body.append("intent", "preview");
  body.append("file", new Blob([new Uint8Array(await inventoryWorkbook(checked.value))]), "园区.xlsx");
  const res = await fetch(`${suite.web.url}/admin/import${lng === "en" ? "?lng=en" : ""}`, {
    method: "POST",
    headers: { cookie: suite.cookie },
    body,
  });
  return { status: res.status, html: await res.text() };
}

async function applyFromPage(html: string, lng: "zh" | "en" = "zh"): Promise<string> {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
  const previewId = /name="previewId" value="([^"]+)"/.exec(html)![1];
  const hash = /name="hash" value="([^"]+)"/.exec(html)![1];
  const body = new FormData();
  for (const [k, v] of Object.entries({ csrf, previewId, hash, intent: "apply" })) body.append(k, v);
  const res = await fetch(`${suite.web.url}/admin/import${lng === "en" ? "?lng=en" : ""}`, {
    method: "POST",
    headers: { cookie: suite.cookie },
    body,
  });
  expect(res.status).toBe(200);
  return res.text();
}

const banner = (html: string) => /data-testid="import-uncovered">([^<]*)</.exec(html)?.[1] ?? null;

describe("an import that leaves parks without a recruiter", () => {
  it("the Excel preview and its result say which parks' leads will go to the admins' queue (zh)", async () => {
    const { status, html } = await previewPage({ parks: [park("JN-2", "江宁二园"), park("JN-3", "江宁三园")] });
    expect(status).toBe(200);
    expect(banner(html)).toBe(
      "2 个园区没有在岗的招商专员负责：JN-2（江宁二园）、JN-3（江宁三园）。这些园区的线索会进入管理员的待分配队列，由管理员手动指派；如需自动分配，请在“招商专员”工作表中把园区编号加到某位专员的负责园区。",
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
    // The cause and its fix: a recruiter names it, but is inactive (trial 12-05c M4).
    expect(banner(inactive.html)).toContain("1 个园区的招商专员都已停用（专员本人或其账号）：LS-EDZ（溧水经济开发区（示例））");
    // A park whose recruiter stays, re-imported with a change, says nothing.
    const gc = demoInventory().parks.find((p) => p.id === "GC-EDZ")!;
    expect(banner((await previewPage({ parks: [{ ...gc, policies: "新政策（示例）" }] })).html)).toBeNull();
  });

  it("POST /api/import answers the parks and the warning in the caller's language; nothing when covered", async () => {
    const post = (body: unknown, lng: string) =>
      fetch(`${suite.web.url}/api/import?lng=${lng}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
        body: JSON.stringify(body),
      });
    const zh = await (await post({ parks: [park("JN-6", "江宁六园")] }, "zh")).json();
    expect(zh.uncoveredParks).toEqual([{ id: "JN-6", name: "江宁六园", why: "noRecruiter" }]);
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

// ADR 134: a park is uncovered when no WORKING recruiter with capacity above 0 covers it, said by every
// import (POST /api/import, /admin/import's preview and result, npm run import) after every import that
// names it — its first, a re-import of the same rows, one that makes its recruiter inactive or capacity 0.
describe("the one rule: a working recruiter with capacity above 0, every time the import names the park", () => {
  const recruiter = (id: string, parks: string[], over: Record<string, unknown> = {}) => ({
    id,
    name: `专员${id}`,
    email: `${id.toLowerCase()}@uncovered.example.test`,
    phone: "13800000000",
    channel: "email",
    parks,
    industries: [],
    capacity: 10,
    active: true,
    ...over,
  });
  const post = async (body: unknown, lng = "zh") => {
    const res = await fetch(`${suite.web.url}/api/import?lng=${lng}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { uncoveredParks?: { id: string; name: string; why: string }[]; warnings?: string[] };
  };
  const ids = (r: { uncoveredParks?: { id: string }[] }) => (r.uncoveredParks ?? []).map((p) => p.id);

  it("a park whose only recruiter comes with capacity 0 is uncovered: API, preview, result, and again on a re-import", async () => {
    const file = { parks: [park("CAP-1", "零容量园")], recruiters: [recruiter("RC1", ["CAP-1"], { capacity: 0 })] };
    const first = await post(file);
    expect(first.uncoveredParks).toEqual([{ id: "CAP-1", name: "零容量园", why: "noCapacity" }]);
    // The cause and its fix, not "no recruiter covers it — add the park to one" (trial 12-05c M4).
    expect(first.warnings).toEqual([
      "1 个园区的在岗招商专员容量都为 0（不接新线索）：CAP-1（零容量园）。这些园区的线索会进入管理员的待分配队列，由管理员手动指派；如需自动分配，请在“招商专员”工作表中把专员的容量改为大于 0。",
    ]);
    // The same rows again: nothing changes, the park is still uncovered, and the import says so again.
    expect(ids(await post(file))).toEqual(["CAP-1"]);
    expect((await post(file, "en")).warnings).toEqual([
      expect.stringContaining("The active recruiters of park CAP-1 (零容量园) all have capacity 0 (they take no new leads)"),
    ]);
    const page = await previewPage(file);
    expect(banner(page.html)).toContain("CAP-1（零容量园）");
    expect(page.html).toContain("文件中的内容与现有数据完全相同"); // nothing to apply, and still warned
    // The Excel path's result (a new park, its only recruiter at capacity 0): applied, and said.
    const other = { parks: [park("CAP-6", "六园")], recruiters: [recruiter("RC6", ["CAP-6"], { capacity: 0 })] };
    const preview = await previewPage(other);
    expect(banner(preview.html)).toContain("CAP-6（六园）");
    expect(banner(await applyFromPage(preview.html))).toContain("CAP-6（六园）");
    // A second recruiter with capacity covers it; the one with none beside it changes nothing.
    expect(ids(await post({ recruiters: [recruiter("RC2", ["CAP-1"], { capacity: 1 })] }))).toEqual([]);
    expect(ids(await post(file))).toEqual([]);
  });

  it("an import that makes a park's recruiter inactive or capacity 0 warns, and so does every later import of it", async () => {
    const base = { parks: [park("CAP-2", "二园")], recruiters: [recruiter("RC3", ["CAP-2"])] };
    expect(ids(await post(base))).toEqual([]);
    for (const over of [{ active: false }, { capacity: 0 }, { active: false, capacity: 0 }]) {
      const changed = { recruiters: [recruiter("RC3", ["CAP-2"], over)] };
      const said = await post(changed);
      expect(ids(said), JSON.stringify(over)).toEqual(["CAP-2"]);
      expect(said.uncoveredParks![0].why, JSON.stringify(over)).toBe(over.active === false ? "inactive" : "noCapacity");
      expect(ids(await post(changed)), `again: ${JSON.stringify(over)}`).toEqual(["CAP-2"]);
      // The park alone, re-imported (its recruiter untouched, stored inactive or at 0): still said.
      expect(ids(await post({ parks: base.parks })), `the park: ${JSON.stringify(over)}`).toEqual(["CAP-2"]);
      expect(banner((await previewPage({ parks: base.parks })).html), `the preview: ${JSON.stringify(over)}`).toContain("CAP-2（二园）");
      expect(ids(await post(base))).toEqual([]); // back to working with capacity: covered
    }
  });

  it("one import leaving parks for different causes names each cause with its own fix (zh, en)", async () => {
    const file = { parks: [park("CAP-7", "七园"), park("CAP-8", "八园")], recruiters: [recruiter("RC7", ["CAP-8"], { capacity: 0 })] };
    const zh = await post(file);
    expect(zh.uncoveredParks).toEqual([
      { id: "CAP-7", name: "七园", why: "noRecruiter" },
      { id: "CAP-8", name: "八园", why: "noCapacity" },
    ]);
    expect(zh.warnings).toHaveLength(1);
    expect(zh.warnings![0]).toMatch(
      /^1 个园区没有在岗的招商专员负责：CAP-7（七园）。.+1 个园区的在岗招商专员容量都为 0（不接新线索）：CAP-8（八园）。/,
    );
    const en = await post(file, "en");
    expect(en.warnings![0]).toMatch(
      /^No active recruiter covers park CAP-7 \(七园\).+ The active recruiters of park CAP-8 \(八园\) all have capacity 0/,
    );
  });

  it("a recruiter whose only staff account is deactivated does not cover; one with an active account does", async () => {
    expect(ids(await post({ parks: [park("CAP-3", "三园")], recruiters: [recruiter("RC4", ["CAP-3"])] }))).toEqual([]);
    await suite.db.sql`insert into users (email, name, role, recruiter_id, password_hash, active)
                 values ('rc4-staff@uncovered.example.test', '专员RC4', 'recruiter', 'RC4', ${await hashPassword(PASSWORD)}, false)`;
    expect((await post({ parks: [park("CAP-3", "三园")] })).uncoveredParks).toEqual([{ id: "CAP-3", name: "三园", why: "inactive" }]);
    await suite.db.sql`update users set active = true where recruiter_id = 'RC4'`;
    expect(ids(await post({ parks: [park("CAP-3", "三园")] }))).toEqual([]);
  });

  it("npm run import prints the warning on stderr for a park whose recruiter has capacity 0, each run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uncovered-cli-"));
    try {
      const file = join(dir, "inventory.json");
      writeFileSync(file, JSON.stringify({ parks: [park("CAP-4", "四园")], recruiters: [recruiter("RC5", ["CAP-4"], { capacity: 0 })] }));
      for (let run = 0; run < 2; run++) {
        const { stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "app/cli/import.ts", file], {
          env: { ...process.env, DATABASE_URL: suite.db.url },
        });
        expect(stderr, `run ${run + 1}`).toContain("warning: The active recruiters of park CAP-4 (四园) all have capacity 0");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
