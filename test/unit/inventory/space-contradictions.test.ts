import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";
import { spaceSchema } from "~/inventory/inventory-schema";

// Figures of a space that say one thing twice must agree: the matcher trusts 单层 over 层数, so a
// 3-storey building saved as 单层 was offered to leads needing single storey (new-user trial).
const base = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "一号厂房", areaSqm: "5000", status: "可租售" };

describe("层数 and 单层 must agree (admin form and Excel import: checkTextRow)", () => {
  it.each([
    ["3", "是"],
    ["2", "yes"],
    ["十", "是"],
  ])("层数 %s with 单层 %s is refused at 单层, in zh and en", (floors, single) => {
    const r = checkTextRow("spaces", { ...base, floors, singleStorey: single });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = r.issues.filter((i) => i.key === "singleStorey");
    expect(at).toHaveLength(1);
    expect(at[0].reason.zh).toContain("与层数不符");
    expect(at[0].reason.en).toContain("disagrees with floors");
  });

  it.each([
    ["1", "是"],
    // One floor of a multi-storey building (写字楼 5 楼): no contradiction (forms41, docs/decisions/204).
    ["1", "否"],
    ["1", "no"],
    ["3", "否"],
    ["3", ""],
    ["", "是"],
  ])("层数 %s with 单层 %s is kept", (floors, single) => {
    expect(checkTextRow("spaces", { ...base, floors, singleStorey: single }).ok).toBe(true);
  });

  it("is said beside another bad cell of the same row", () => {
    const r = checkTextRow("spaces", { ...base, title: "", floors: "4", singleStorey: "是" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.key)).toEqual(expect.arrayContaining(["title", "singleStorey"]));
  });

  it("最小可分割面积 larger than 面积 is refused at its field", () => {
    const r = checkTextRow("spaces", { ...base, divisibleMinSqm: "6000" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.key)).toEqual(["divisibleMinSqm"]);
  });
});

describe("the JSON import takes the same rule", () => {
  const space = { id: "S1", parkId: "P1", kind: "factory", deals: ["lease"], title: "t", areaSqm: 5000, status: "available" };
  it("refuses floors 3 with singleStorey true", () => {
    const r = spaceSchema.safeParse({ ...space, floors: 3, singleStorey: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["singleStorey"]);
  });
  it("keeps floors 1 with singleStorey true", () => {
    expect(spaceSchema.safeParse({ ...space, floors: 1, singleStorey: true }).success).toBe(true);
  });
});
