import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";

// docs/decisions/165 (units36, trial36 HIGH-1, MEDIUM-1, MEDIUM-2, LOW-9), through POST / of the real web process: the
// notes' count beside a typed area box, the words around an area box's figure, a move-in with a verb after it, a budget.
const suite = inquiryConfirmationSuite("notes_beside_boxes_units36", 13900316500);

describe("what people type beside the boxes, through the form", () => {
  it("HIGH-1: 两栋厂房，每栋3000平左右 beside 最小面积 6000 → 2 units stored, said on the page (zh, en)", async () => {
    const { page, lead } = await suite.sendStored({
      "company.name": "栋数三六甲有限公司",
      "need.areaMin": "6000",
      "need.unitCount": "",
      "need.notes": "两栋厂房，每栋3000平左右，年后就要搬",
    });
    expect(lead.need).toMatchObject({ areaMinSqm: 6000, unitCount: 2 });
    expect(page).toContain("2栋");
    const en = await suite.sendStored(
      { "company.name": "栋数三六乙有限公司", "need.areaMin": "6000", "need.unitCount": "", "need.notes": "two buildings, 3000 sqm each" },
      "en",
    );
    expect(en.lead.need).toMatchObject({ areaMinSqm: 6000, unitCount: 2 });
    expect(en.page).toContain("2 buildings");
  }, 90_000);

  it("HIGH-1: the same notes beside 最小面积 3000 → flagged as disagreeing and said on the page", async () => {
    const { page, lead } = await suite.sendStored({
      "company.name": "栋数三六丙有限公司",
      "need.areaMin": "3000",
      "need.notes": "两栋厂房，每栋3000平左右",
    });
    expect(lead.need).toMatchObject({ areaMinSqm: 3000, unitCount: 2 });
    expect(lead.flags.filter((f) => f.code === "notesDiffer")).toHaveLength(1);
    expect(page).toContain("不一致");
  });

  it("MEDIUM-1: 3000到5000平米之间 and 5000平方米（可分割） are read; the remark is kept and said", async () => {
    const range = await suite.sendStored({ "company.name": "栋数三六丁有限公司", "need.areaMin": "3000到5000平米之间", "need.notes": "" });
    expect(range.lead.need).toMatchObject({ areaMinSqm: 3000, areaMaxSqm: 5000 });
    const remark = await suite.sendStored({
      "company.name": "栋数三六戊有限公司",
      "need.areaMin": "5000平方米（可分割）",
      "need.notes": "",
    });
    expect(remark.lead.need).toMatchObject({ areaMinSqm: 5000, notes: "面积：可分割" });
    expect(remark.page).toContain("可分割");
  });

  it("MEDIUM-1: a refused area says a range is fine", async () => {
    const res = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "contact.phone": suite.nextPhone(), "need.areaMin": "很大" })),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("范围可写成 3000-5000");
  });

  it("MEDIUM-2: 最好3月底前能进 in the notes, the move-in box blank → March stored, said on the page", async () => {
    const { page, lead } = await suite.sendStored({
      "company.name": "栋数三六己有限公司",
      "need.moveInBy": "",
      "need.notes": "需要两栋厂房，每栋3000平左右，最好3月底前能进",
    });
    expect(String(lead.need.moveInBy)).toMatch(/^\d{4}-03$/);
    expect(page).not.toContain("最好3月底前能进");
    expect(page).toMatch(/\d{4}年3月/);
  });

  it("LOW-9: a budget in the notes is said back on the page", async () => {
    const { page } = await suite.sendStored({ "company.name": "栋数三六庚有限公司", "need.notes": "租金每平米每月不超过20元" });
    expect(page).toContain('data-testid="summary-budget"');
    expect(page).toContain("租金每平米每月不超过20元");
  });
});
