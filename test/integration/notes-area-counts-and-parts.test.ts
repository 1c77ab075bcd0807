import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// The attack after ADR 117 (docs/decisions/122), through POST /api/leads to the stored lead: a figure for each
// of several units stored as the whole, a refusal with use words between stored the side refused, a third
// part, a bracketed equivalent told as unread, unread area words of another use dropped beside a typed area,
// a phone number in Chinese numerals stored as an area.
const r2 = (x: number) => Math.round(x * 100) / 100;
const about = (sqm: number) => [r2(sqm * 0.9), r2(sqm * 1.1)];
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("notes_area_counts_parts");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

type Stored = { need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] | null };

let n = 0;
/** POST /api/leads with the area boxes blank unless `boxes` types them. A phone of its own (no repeat, ADR 108). */
async function postNotes(kind: string, notes: string, boxes: Record<string, unknown> = {}): Promise<Stored> {
  n += 1;
  const company = `南京面积件数测试${n}号有限公司`;
  const phone = `1371230${String(5000 + n).padStart(4, "0")}`;
  const need = { kind, deal: "lease", areaUnit: "sqm", notes, ...boxes };
  const sent = await fetch(new URL("/api/leads", web.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...validLeadJson({ company, phone }), need }),
  });
  const answer = (await sent.json()) as { id?: string };
  expect([sent.status, typeof answer.id]).toEqual([201, "string"]);
  return (await db.sql<Stored[]>`select lead->'need' as need, lead->'flags' as flags from leads where id = ${answer.id!}`)[0];
}

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
    expect(unread(await postNotes("factory", "要上万平", { areaMin: 1000 }))).toEqual(["万平"]);
    expect(unread(await postNotes("factory", "要几千平的厂房", { areaMin: 3000 }))).toEqual([]);
  });

  it("a phone number in Chinese numerals after an area word fills no area: the form asks for one", async () => {
    n += 1;
    const need = { kind: "factory", deal: "lease", areaUnit: "sqm", notes: "面积问手机一三九一二三四五六七八" };
    const sent = await fetch(new URL("/api/leads", web.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...validLeadJson({ company: `南京面积件数测试${n}号有限公司`, phone: `1371230${5000 + n}` }), need }),
    });
    expect(sent.status).toBe(400); // was stored as 7–8 ㎡
  });
});
