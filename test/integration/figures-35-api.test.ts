import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";
import { storedNeedAndFlags } from "../support/stored-lead";

// docs/decisions/153 through the real web process: POST /api/leads refuses an area box whose digits say no one number with its
// words, zh and en, nothing stored; the notes' unclear figure is told, never stored; a wish is stored as a `wished` flag, no
// filter; two figures around the area word with signs either way are both stored; labelled units with 各 carry their count.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("figures35_api");
  web = await startWebServer({ DATABASE_URL: db.url });
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

let tel = 13935153000;
function bodyWith(need: Record<string, unknown>) {
  const lead = validLeadJson({ company: `南京数字三五${tel}有限公司`, phone: String(tel++) });
  return JSON.stringify({ ...lead, need: { ...lead.need, areaMin: "", areaMax: "", ...need } });
}
const post = (body: string, lng: "zh" | "en" = "zh") =>
  fetch(`${web.url}/api/leads${lng === "en" ? "?lng=en" : ""}`, { method: "POST", headers: { "content-type": "application/json" }, body });
const leadCount = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n;
const created = async (need: Record<string, unknown>) => storedNeedAndFlags(db.sql, await post(bodyWith(need)));

describe("POST /api/leads: an area box whose digits say no one number", () => {
  it.each(["1.5000平", "5.000", "3,0000平"])(
    "areaMin %j → 400 on need.areaMin with its words, zh and en; nothing stored",
    async (typed) => {
      for (const [lng, words] of [
        ["zh", `“${typed}”看不出是多少`],
        ["en", `“${typed}” is unclear`],
      ] as const) {
        const before = await leadCount();
        const res = await post(bodyWith({ areaMin: typed }), lng);
        expect(res.status).toBe(400);
        const { errors } = (await res.json()) as { errors: Record<string, string[]> };
        expect(Object.keys(errors)).toEqual(["need.areaMin"]);
        expect(errors["need.areaMin"][0]).toContain(words);
        expect(await leadCount()).toBe(before);
      }
    },
  );
});

describe("POST /api/leads: the notes' figures", () => {
  it("an unclear figure in the notes is told, never stored", async () => {
    const { need, flags } = await created({ areaMax: "20000", notes: "1.5000平，层高8米" });
    expect(need.areaMinSqm ?? null).toBeNull();
    expect(flags).toContainEqual(expect.objectContaining({ code: "unread", text: "1.5000平" }));
  });

  it("a wish is a `wished` flag, no filter and nothing unread", async () => {
    const { need, flags } = await created({ notes: "要5000平，最好带行车（10t）" });
    expect(need.craneMinT ?? null).toBeNull();
    expect(flags).toContainEqual({ field: "need.notes", code: "wished", text: "行车（10t）" });
    expect(flags.some((f) => f.code === "unread")).toBe(false);
  });

  it("signs of two directions round the area word: both figures stored", async () => {
    const { need } = await created({ notes: "5000‹面积>8000" });
    expect([need.areaMinSqm, need.areaMaxSqm]).toEqual([5000, 8000]);
  });

  it("labelled units with 各: the count stored with the total", async () => {
    const { need } = await created({ notes: "A2栋和A3栋，各3000平" });
    expect([need.areaMinSqm, need.areaMaxSqm, need.unitCount]).toEqual([5400, 6600, 2]);
  });

  it("a limit said in the next clause is the bound", async () => {
    const { need } = await created({ notes: "8000 sqm, that's the max" });
    expect([need.areaMinSqm ?? null, need.areaMaxSqm]).toEqual([null, 8000]);
  });
});
