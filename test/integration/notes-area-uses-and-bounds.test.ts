import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// An attack (2026-12-04) on the notes' area, through the real intake paths to the stored lead
// (docs/decisions/112): a figure of another use filled the lead's area ("需要1000平办公楼+5000平厂房" on a
// factory lead stored 1000), the second bound was dropped ("至少5000平，最多一万平" stored the minimum only),
// and an accepted fallback figure was left unread ("5000平，3000平也行").
const MU = 2000 / 3;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("notes_area_uses_bounds");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

type Stored = { need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] | null };

let n = 0;
/** POST /api/leads with the area boxes blank (unless `boxes` types them): the notes give the area. A phone of its own (no repeat, ADR 108). */
async function sendNotes(kind: string, notes: string, boxes: Record<string, unknown> = {}): Promise<Response> {
  n += 1;
  const company = `南京面积读法测试${n}号有限公司`;
  const phone = `1391200${String(4000 + n).padStart(4, "0")}`;
  const need = { kind, deal: "lease", areaUnit: "sqm", notes, ...boxes };
  return fetch(new URL("/api/leads", web.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...validLeadJson({ company, phone }), need }),
  });
}
/** sendNotes, answered 201: the stored lead's need and flags. */
async function postNotes(kind: string, notes: string, boxes: Record<string, unknown> = {}): Promise<Stored> {
  const sent = await sendNotes(kind, notes, boxes);
  const answer = (await sent.json()) as { id?: string };
  expect([sent.status, typeof answer.id]).toEqual([201, "string"]);
  return (await db.sql<Stored[]>`select lead->'need' as need, lead->'flags' as flags from leads where id = ${answer.id!}`)[0];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

describe("POST /api/leads stores the area the notes give, read as said", () => {
  it.each([
    // [kind, notes, min, max, set aside as otherUse]
    ["factory", "需要1000平办公楼+5000平厂房", 4500, 5500, "1000平办公楼"],
    ["office", "需要1000平办公楼+5000平厂房", 900, 1100, "5000平厂房"],
    ["factory", "厂房5000平，其中办公1000平", 4500, 5500, "办公1000平"],
    ["factory", "5000平厂房，配套1000平宿舍", 4500, 5500, "配套1000平宿舍"],
    ["factory", "至少5000平，最多一万平", 5000, 10000, null],
    ["warehouse", "不少于5000平，不超过8000平", 5000, 8000, null],
    ["factory", "面积至少5000，最多10000平", 5000, 10000, null],
    ["land", "30亩以上，50亩以内", 20000, r2(50 * MU), null],
    ["office", "at least 5000 sqm, at most 10000 sqm", 5000, 10000, null],
    ["factory", "5000平，3000平也行", 3000, 5000, null],
    ["factory", "要5000平，3000到5000都可以", 3000, 5000, null],
    ["factory", "5000平左右", 4500, 5500, null], // a lone figure: about it (ADR 070)
  ] as const)("%s: %s → %d–%d", async (kind, notes, min, max, aside) => {
    const lead = await postNotes(kind, notes);
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([min, max]);
    const flags = lead.flags ?? [];
    expect(flags.filter((f) => f.code === "otherUse")).toEqual(aside ? [{ field: "need.notes", code: "otherUse", text: aside }] : []);
    expect(flags.filter((f) => f.code === "unread")).toEqual([]);
  });

  it("the public form stores the same from its notes, and the admin's lead page says what was set aside", async () => {
    const company = "南京办公楼加厂房表单测试有限公司";
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({
          "company.name": company,
          "contact.phone": "13912009999",
          "need.areaMin": "",
          "need.notes": "需要1000平办公楼+5000平厂房",
        }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const [row] = await db.sql<
      (Stored & { id: string })[]
    >`select id, lead->'need' as need, lead->'flags' as flags from leads where company_name = ${company}`;
    expect([row.need.areaMinSqm, row.need.areaMaxSqm]).toEqual([4500, 5500]);
    const html = await (
      await fetch(`${web.url}/admin/leads/${row.id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN!}` } })
    ).text();
    expect(html).toContain("备注中其他用途的面积（未作为所选类型的面积）：1000平办公楼");
  });
});

// The attack after ADR 112 (docs/decisions/112, amended): an included use's figure became the lead's when the
// total came later, a figure the person ruled out filled the area, "3000+2000平" stored ~2000.
describe("POST /api/leads: included uses, ruled-out figures, sums and eithers", () => {
  it.each([
    // [kind, notes, min, max, flag code, its text]
    ["factory", "厂房，含办公1000平，共5000平", 4500, 5500, "otherUse", "办公1000平"],
    ["factory", "厂房（含办公1000平）5000平", 4500, 5500, "otherUse", "办公1000平"],
    ["factory", "不要5000平，3000平就行", 2700, 3300, "areaRuledOut", "不要5000平"],
    ["warehouse", "5000平的不要，要3000平", 2700, 3300, "areaRuledOut", "5000平的不要"],
    ["factory", "3000+2000平", 4500, 5500, null, null],
    ["factory", "3000或5000平", 3000, 5000, null, null],
  ] as const)("%s: %s → %d–%d", async (kind, notes, min, max, code, text) => {
    const lead = await postNotes(kind, notes);
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([min, max]);
    const flags = lead.flags ?? [];
    const told = flags.filter((f) => f.code === "otherUse" || f.code === "areaRuledOut");
    expect(told).toEqual(code ? [{ field: "need.notes", code, text }] : []);
    expect(flags.filter((f) => f.code === "unread")).toEqual([]);
  });

  it("a ruled-out figure beside a typed area box is told, and the box is kept", async () => {
    n += 1;
    const need = { kind: "factory", deal: "lease", areaMin: 2000, areaMax: 3000, areaUnit: "sqm", notes: "别给我推5000平的" };
    const sent = await fetch(new URL("/api/leads", web.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...validLeadJson({ company: `南京面积读法测试${n}号有限公司`, phone: `1391200${String(4000 + n).padStart(4, "0")}` }),
        need,
      }),
    });
    const answer = (await sent.json()) as { id?: string };
    expect(sent.status).toBe(201);
    const [row] = await db.sql<Stored[]>`select lead->'need' as need, lead->'flags' as flags from leads where id = ${answer.id!}`;
    expect([row.need.areaMinSqm, row.need.areaMaxSqm]).toEqual([2000, 3000]);
    expect((row.flags ?? []).filter((f) => f.code === "areaRuledOut")).toEqual([
      { field: "need.notes", code: "areaRuledOut", text: "别给我推5000平的" },
    ]);
  });
});

// An attack and two trials (2026-12-04) on how people really type (docs/decisions/117), through the real
// intake to the stored lead: a phone number read as a power figure ("备用电话…" as 用电), one size in two units
// stored as a range of no width, two parts of a warehouse stored as the first, a bound after the figure or an
// open side refused left unread, an unread area flag kept beside typed area boxes; and `npm run import`
// saying nothing of "约五千".
describe("POST /api/leads stores the area as people type it", () => {
  it.each([
    // [kind, notes, min, max]
    ["factory", "厂房5000平，备用电话13912345678", 4500, 5500],
    ["factory", "面积5000平 用电话025-12345678联系，热线400-820-8820", 4500, 5500],
    ["land", "30亩，2万平也行", 18000, 22000],
    ["land", "2万平，30亩也可以", 18000, r2(33 * MU)],
    ["warehouse", "冷库1000平，常温库5000平", 5400, 6600],
    ["warehouse", "冷库1000平，常温库5000平，共8000平", 7200, 8800],
    ["factory", "5000平，4000平不能少", 4000, 5500],
    ["factory", "5000平，超过6000平不要", 4500, 6000],
    ["factory", "5000平，不能少于4000平，超过6000平不要", 4000, 6000],
    ["factory", "6000平以上不要", undefined, 6000],
  ] as const)("%s: %s → %s–%s, nothing unread, nothing set aside", async (kind, notes, min, max) => {
    const lead = await postNotes(kind, notes);
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm, lead.need.powerMinKva]).toEqual([min, max, undefined]);
    // A ceiling alone read from a refusal is told as such (docs/decisions/132: areaCeilingOnly) — no doubt of another kind.
    const told = min === undefined ? [{ field: "need.notes", code: "areaCeilingOnly", text: notes }] : [];
    expect(lead.flags ?? []).toEqual(told);
  });

  it("an area typed beside area words the notes cannot read stores no unread flag for them (other fields' stay)", async () => {
    const lead = await postNotes("factory", "要几千平的厂房，配电几百kva", { areaMin: 3000, areaMax: 5000 });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([3000, 5000]);
    expect(lead.flags).toEqual([{ field: "need.notes", code: "unread", text: "配电几百kva" }]);
  });
});

describe("npm run import says what a figure's words were read as", () => {
  it("a space's area “约五千” is stored 5000 and the command's notes say so; stdout stays the counts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "read29-import-"));
    try {
      const file = join(dir, "inventory.json");
      const park = { id: "P29", name: "打字习惯测试园", province: "江苏省", city: "南京市", district: "六合区", industries: ["C35"] };
      const space = { id: "S29", parkId: "P29", kind: "factory", deals: ["lease"], title: "1号", areaSqm: "约五千", status: "available" };
      await writeFile(file, JSON.stringify({ parks: [park], spaces: [space], recruiters: [] }));
      const run = await promisify(execFile)("node", ["--import", "tsx", "app/cli/import.ts", file], {
        env: { ...process.env, DATABASE_URL: db.url },
      });
      expect(JSON.parse(run.stdout)).toMatchObject({ spaces: { created: 1 } });
      expect(run.stderr).toContain("spaces[0] (S29): areaSqm: area “约五千” read as 5000\u00a0㎡");
      const [row] = await db.sql<{ area: number }[]>`select area_sqm as area from spaces where id = 'S29'`;
      expect(row.area).toBe(5000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The attack after ADR 117 (docs/decisions/122): a figure for each of several units stored as the whole, a refusal
// with use words between stored the side refused, a third part, a bracketed equivalent told as unread, unread
// area words of another use dropped beside a typed area, a phone number in Chinese numerals stored as an area.
const about = (sqm: number) => [r2(sqm * 0.9), r2(sqm * 1.1)];

describe("POST /api/leads stores the area the notes give (ADR 122)", () => {
  it.each([
    ["factory", "3栋厂房，每栋5000平", about(15000)],
    ["warehouse", "两个冷库各1000平", about(2000)],
    ["factory", "每栋5000平，共3栋", about(15000)],
    ["factory", "3栋共15000平", about(15000)],
    ["factory", "6000平以上的车间太大了不用", [null, 6000]],
    ["warehouse", "冷库2000平+常温库3000平+恒温库1000平", about(6000)],
    ["factory", "生产车间至少3000平，洁净车间至少2000平", [5000, null]],
    ["land", "30亩（约2万平方米）", [18000, 22000]],
    ["land", "2万平以上，30亩也行", [20000, null]],
    ["warehouse", "仓库5000平，其中冷库1000平", about(5000)],
    ["factory", "5000平，联系人手机一三九一二三四五六七八", about(5000)],
  ] as const)("%s: %s → %j", async (kind, notes, want) => {
    const lead = await postNotes(kind, notes);
    expect([lead.need.areaMinSqm ?? null, lead.need.areaMaxSqm ?? null]).toEqual(want);
    expect((lead.flags ?? []).filter((f) => f.code === "unread")).toEqual([]);
  });

  it("beside a typed area, another use's and another order of size's unread area words stay told; the same need's are dropped", async () => {
    const unread = (l: Stored) => (l.flags ?? []).filter((f) => f.code === "unread").map((f) => f.text);
    expect(unread(await postNotes("factory", "厂房几千平，宿舍要几百平", { areaMin: 3000 }))).toEqual(["几百平"]);
    expect(unread(await postNotes("factory", "要几万平", { areaMin: 1000 }))).toEqual(["几万平"]); // 上万平 is read since ADR 128
    expect(unread(await postNotes("factory", "要几千平的厂房", { areaMin: 3000 }))).toEqual([]);
  });

  it("a phone number in Chinese numerals after an area word fills no area: the form asks for one", async () => {
    const sent = await sendNotes("factory", "面积问手机一三九一二三四五六七八");
    expect(sent.status).toBe(400); // was stored as 7–8 ㎡
  });
});

// The attack after ADR 122 (docs/decisions/128): refusals of a bound stored as the opposite bound (commas, 地, 我们,
// a comparison before the figure, 太贵), counts multiplied that are not the need (units the enterprise has, the
// building's count beside the count wanted, an area per head), a count right before the figure not multiplied,
// 上万平 told as unread, a phone number mixing digits and Chinese numerals read as an area.
describe("POST /api/leads stores the area the notes give (ADR 128)", () => {
  it.each([
    ["factory", "6000平以上的车间，太大了，不用", [null, 6000]],
    ["land", "50亩以上的地太大了不要", [null, r2(50 * MU)]],
    ["factory", "8000平以上的我们用不了", [null, 8000]],
    ["factory", "超过6000平的车间太大了不用", [null, 6000]],
    ["office", "500平以上的写字楼太贵了不考虑", [null, 500]],
    ["factory", "3000平以下的太小了不要", [3000, null]],
    ["factory", "去年租了3栋，每栋5000平，现在要再找2000平", about(2000)],
    ["factory", "每层1000平，共5层，但我们只要2层", about(2000)],
    ["factory", "三栋5000平的厂房", about(15000)],
    ["factory", "要上万平", [10000, null]],
  ] as const)("%s: %s → %j", async (kind, notes, want) => {
    const lead = await postNotes(kind, notes);
    expect([lead.need.areaMinSqm ?? null, lead.need.areaMaxSqm ?? null]).toEqual(want);
    expect((lead.flags ?? []).filter((f) => f.code === "unread")).toEqual([]);
  });

  it("an area per head is no area: the form asks for one; typed beside it, the words are told", async () => {
    const sent = await sendNotes("office", "员工300人，每人10平");
    expect(sent.status).toBe(400); // was stored as 9–11 ㎡
    const body = (await sent.json()) as { errors?: Record<string, string[]> };
    expect(Object.keys(body.errors ?? {})).toContain("need.areaMin");
    const lead = await postNotes("office", "员工300人，每人10平", { areaMin: 3000 });
    expect((lead.flags ?? []).filter((f) => f.code === "unread").map((f) => f.text)).toEqual(["员工300人，每人10平"]);
  });

  it("a phone number mixing digits and Chinese numerals fills no area", async () => {
    expect((await sendNotes("factory", "面积问手机1三8一二三四五六七八")).status).toBe(400); // was stored as 7–8 ㎡
  });
});
