import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// docs/decisions/141 (trial M2), through the real web process: units of different sizes in the public form's notes
// ("需要两栋厂房，一栋3000平一栋5000平") were one unit of 3000 ㎡, the 5000 told unread. Now: the count, each unit between
// the sizes (2 × 3000–5000 ㎡), told on the confirmation page in zh and en.
const suite = inquiryConfirmationSuite("units33_sizes", 13900341000);

async function send(notes: string, company: string, lng: "zh" | "en" = "zh") {
  return suite.sendStored({ "company.name": company, "need.areaMin": "", "need.notes": notes }, lng);
}

describe("units of different sizes, through the form", () => {
  it.each([
    ["需要两栋厂房，一栋3000平一栋5000平", "尺寸三三甲有限公司", [6000, 10000, 2], "2栋 × 3000–5000㎡（共6000–10000㎡）"],
    ["一栋2000平，另一栋4000平", "尺寸三三乙有限公司", [4000, 8000, 2], "2栋 × 2000–4000㎡（共4000–8000㎡）"],
    ["3000平和5000平各一栋", "尺寸三三丙有限公司", [6000, 10000, 2], "2栋 × 3000–5000㎡（共6000–10000㎡）"],
    ["要3栋：一栋2000平，一栋3000平，一栋5000平", "尺寸三三丁有限公司", [6000, 15000, 3], "3栋 × 2000–5000㎡（共6000–15000㎡）"],
  ])("%s → stored, said with its sizes told (zh)", async (notes, company, [min, max, n], area) => {
    const { page, lead } = await send(notes, company);
    expect(lead.need).toMatchObject({ areaMinSqm: min, areaMaxSqm: max, unitCount: n });
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
    expect(lead.flags.map((f) => f.code)).toContain("unitSizesDiffer");
    expect(page).toContain(area);
    expect(page).toContain("各栋面积不同：暂按每栋在最小与最大面积之间匹配");
  });

  it("one 3000 sqm and one 5000 sqm building → the same, said in English on the English page", async () => {
    const { page, lead } = await send("one 3000 sqm and one 5000 sqm building", "Sizes33 Ltd 南京尺寸三三戊有限公司", "en");
    expect(lead.need).toMatchObject({ areaMinSqm: 6000, areaMaxSqm: 10000, unitCount: 2 });
    expect(page).toContain("2 buildings × 3000–5000㎡ (6000–10000㎡ in all)");
    expect(page).toContain("units of different sizes. We match each unit between the smallest and the largest size");
  });
});
