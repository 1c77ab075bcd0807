import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// Trial 39 L15: what the notes said of the enterprise's own premises ("现有厂房3000平不够用") was read (the `ownPremises` flag,
// the live preview's "自有/现有（不作为需求）") but the confirmation page said nothing of it. The page now says every reading set
// aside from the need, in the page's language, with the preview's words (docs/decisions/189).
const suite = inquiryConfirmationSuite("set_aside_said_39", 13900391500);

describe("the confirmation page says what the notes said that is no requirement", () => {
  it("own premises, zh and en", async () => {
    const { page, lead } = await suite.sendStored({
      "company.name": "自有三九甲有限公司",
      "need.notes": "现有厂房3000平不够用，需要5000平",
    });
    expect(lead.flags).toContainEqual(expect.objectContaining({ code: "ownPremises" }));
    expect(page).toContain('data-testid="summary-set-aside"');
    expect(page).toContain("备注中读到、不作为需求的");
    expect(page).toContain("自有/现有（不作为需求）：现有厂房3000平不够用");
    const en = await suite.sendStored({ "company.name": "自有三九乙有限公司", "need.notes": "自己有10吨行车，不需要行车" }, "en");
    expect(en.page).toContain("Read in your notes, not a requirement");
    expect(en.page).toContain("own or present premises (not a requirement): 自己有10吨行车");
  }, 90_000);

  it("another use's area is said too; notes with nothing set aside show no such row", async () => {
    const other = await suite.sendStored({ "company.name": "自有三九丙有限公司", "need.notes": "其中1000平做办公" });
    expect(other.page).toContain("其他用途的面积（不作为所选类型的面积）：1000平做办公");
    const none = await suite.sendStored({ "company.name": "自有三九丁有限公司", "need.notes": "需要单层厂房" });
    expect(none.page).not.toContain('data-testid="summary-set-aside"');
  }, 90_000);
});
