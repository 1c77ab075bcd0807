import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// ADR 131 (places32), through the real web process: what the notes say of places, as people type them, is what the
// stored lead holds (need.regions, need.regionCodes; the places ruled out and preferred as flags) and what the
// confirmation page says — a district refused is said refused, never shown as preferred (attack F16); a district
// the notes name beside the box is told (never dropped silently); what the reader cannot place is told unread.
const suite = inquiryConfirmationSuite("notes_places32", 13900313100);
const sendForm = suite.sendForm;

/** The confirmation's summary rows (the need's and the places' ones), label → value. */
const rows = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<div(?: data-testid="summary-places")?><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]),
  );

async function stored(reference: string) {
  const [row] = await suite.db.sql<
    { need: { regions: string[]; regionCodes: string[] }; flags: { field: string; code: string; text: string }[] }[]
  >`
    select lead -> 'need' as need, lead -> 'flags' as flags from leads where reference = ${reference}`;
  return row;
}

describe("the notes' places, stored and confirmed", () => {
  it("浦口优先，其次江宁: both districts stored, 浦口 said as preferred (zh)", async () => {
    const { html, reference } = await sendForm({ "company.name": "地点三二甲有限公司", "need.notes": "浦口优先，其次江宁" }, "zh");
    const lead = await stored(reference);
    expect(lead.need.regions).toEqual(["浦口", "江宁"]);
    expect(lead.need.regionCodes).toEqual(["320111", "320115"]);
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placePreferred", text: "浦口" });
    expect(rows(html)).toMatchObject({ 意向区域: "浦口、江宁", 优先区域: "浦口" });
  });

  it("江宁浦口都行 (names run together): both stored and shown", async () => {
    const { html, reference } = await sendForm({ "company.name": "地点三二乙有限公司", "need.notes": "江宁浦口都行，要5000平厂房" }, "zh");
    expect((await stored(reference)).need.regionCodes).toEqual(["320111", "320115"]);
    expect(rows(html)["意向区域"]).toBe("江宁、浦口");
  });

  it("F7/F16: 'no Jiangning please, Pukou ok' — Pukou stored, Jiangning said as ruled out, never as preferred (en, zh)", async () => {
    const { html, reference } = await sendForm(
      { "company.name": "Places Thirty-Two C Ltd", "need.notes": "no Jiangning please, Pukou ok" },
      "en",
    );
    const lead = await stored(reference);
    expect(lead.need.regionCodes).toEqual(["320111"]);
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placeExcluded", text: "Jiangning" });
    const en = rows(html);
    expect(en["Preferred districts"]).toBe("Pukou District (浦口区)");
    expect(en["Districts ruled out"]).toBe("Jiangning District (江宁区)"); // its standard English name (ADR 140, attack L4)
    expect(en["Preferred districts"]).not.toMatch(/Jiangning/);
  });

  it("F16: 'Jiangning is not ok' — anywhere except Jiangning: Any, with Jiangning ruled out", async () => {
    const { html, reference } = await sendForm({ "company.name": "Places Thirty-Two D Ltd", "need.notes": "Jiangning is not ok" }, "en");
    const lead = await stored(reference);
    expect(lead.need.regionCodes).toEqual([]);
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placeExcludedOpen", text: "Jiangning" });
    expect(rows(html)).toMatchObject({ "Preferred districts": "Any", "Districts ruled out": "Jiangning District (江宁区)" });
    const zh = await sendForm({ "company.name": "地点三二戊有限公司", "need.notes": "江宁最好不要" }, "zh");
    expect(rows(zh.html)).toMatchObject({ 意向区域: "不限", 不考虑的区域: "江宁" });
    expect(rows(zh.html)["优先区域"]).toBeUndefined();
  });

  it("a bare English list: those three districts", async () => {
    const { html, reference } = await sendForm(
      { "company.name": "Places Thirty-Two F Ltd", "need.notes": "Pukou, Jiangning, Liuhe" },
      "en",
    );
    expect((await stored(reference)).need.regionCodes).toEqual(["320111", "320115", "320116"]);
    expect(rows(html)["Preferred districts"]).toBe("Pukou District (浦口区), Jiangning District (江宁区), Luhe District (六合区)");
  });

  it("a district the notes name beside the box is told, the box kept; one the notes rule out but the box holds is said so", async () => {
    const a = await sendForm({ "company.name": "地点三二己有限公司", "need.notes": "江宁浦口都行", "need.regions": "江宁" }, "zh");
    expect((await stored(a.reference)).need.regionCodes).toEqual(["320115"]);
    expect(a.html).toContain("您在补充说明里提到的“浦口”不在所填的意向区域“江宁”里，暂按所填的区域匹配，招商专员会与您电话确认是否也要。");
    const b = await sendForm(
      { "company.name": "Places Thirty-Two G Ltd", "need.notes": "we can't go to Jiangning", "need.regions": "江宁" },
      "en",
    );
    // Both by the district's standard English name (ADR 140, attack L4).
    expect(b.html).toContain(
      "Your notes rule out “Jiangning District (江宁区)”, but the preferred districts you filled in are “Jiangning District (江宁区)”",
    );
    expect(b.html).not.toContain("Your notes say “Jiangning” while the box says");
  });

  it("an English place the reader cannot place is told unread, never stored", async () => {
    const { html, reference } = await sendForm(
      { "company.name": "Places Thirty-Two H Ltd", "need.notes": "Jiangning has no metro line" },
      "en",
    );
    expect((await stored(reference)).need.regionCodes).toEqual([]);
    expect(html).toContain("We could not read “Jiangning has no metro line” in your notes");
  });
});
