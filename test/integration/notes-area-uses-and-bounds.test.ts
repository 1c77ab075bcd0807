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
/** POST /api/leads with the area boxes blank: the notes give the area. A phone of its own (no repeat, ADR 108). */
async function postNotes(kind: string, notes: string): Promise<Stored> {
  n += 1;
  const company = `南京面积读法测试${n}号有限公司`;
  const phone = `1391200${String(4000 + n).padStart(4, "0")}`;
  const need = { kind, deal: "lease", areaUnit: "sqm", notes };
  const sent = await fetch(new URL("/api/leads", web.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...validLeadJson({ company, phone }), need }),
  });
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
