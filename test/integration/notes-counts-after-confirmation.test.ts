import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// ADR 136 (after32, trial 2026-12-05 H1, L1), through the real web process: a count said after the area
// ("5000平的厂房要两栋，高淳") is stored as 2 units of about 5000 ㎡ (the total kept, ADR 130) with the place said as its
// own clause — it was one unit of 5000 ㎡ and 不限, nothing told; a count no figure was read with is told unread on
// the confirmation page, never dropped.
const suite = inquiryConfirmationSuite("notes_counts_after32", 13900313600);

/** The public form sent (no JavaScript, the area boxes blank) with `notes`; the stored need and the confirmation pages. */
async function send(notes: string, company: string) {
  const { location, reference } = await suite.sendForm({ "company.name": company, "need.areaMin": "", "need.notes": notes }, "zh");
  const page = async (q: string) => (await (await fetch(`${suite.web.url}${location}${q}`)).text()).replace(/&#x27;/g, "'");
  const [row] = await suite.db.sql<
    {
      need: { areaMinSqm?: number; areaMaxSqm?: number; unitCount?: number; regions: string[]; regionCodes: string[] };
      flags: { field: string; code: string; text: string }[];
    }[]
  >`select lead -> 'need' as need, lead -> 'flags' as flags from leads where reference = ${reference}`;
  return { ...row, zh: await page(""), en: await page("&lng=en") };
}

describe("a count said after the area, through the form", () => {
  it("5000平的厂房要两栋，高淳 → 2 × about 5000 ㎡ in 高淳, said so on the confirmation (zh, en)", async () => {
    const lead = await send("5000平的厂房要两栋，高淳", "计数三二甲有限公司");
    expect(lead.need).toMatchObject({ areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2, regionCodes: ["320118"] });
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
    expect(lead.zh).toContain("2栋 × 约5000㎡（共约10000㎡）");
    expect(lead.zh).not.toMatch(/<dd>不限<\/dd>/);
    expect(lead.en).toContain("2 buildings × about 5000㎡ (about 10000㎡ in all)");
  }, 90_000); // the web process's first pages on a busy machine

  it("厂房5000平×2，溧水那边 → 2 units, 溧水", async () => {
    const lead = await send("厂房5000平×2，溧水那边", "计数三二乙有限公司");
    expect(lead.need).toMatchObject({ areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2, regionCodes: ["320117"] });
    expect(lead.zh).toContain("2栋 × 约5000㎡（共约10000㎡）");
  });

  it("一期两栋5000平，二期再要1栋 → the first phase read, the second told unread on the page (zh, en)", async () => {
    const lead = await send("一期两栋5000平，二期再要1栋", "计数三二丙有限公司");
    expect(lead.need).toMatchObject({ areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 });
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "unread", text: "二期再要1栋" });
    expect(lead.zh).toContain("二期再要1栋");
    expect(lead.en).toContain("二期再要1栋");
  });
});
