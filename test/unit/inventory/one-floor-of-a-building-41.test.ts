import { describe, expect, it } from "vitest";

import { singleStoreyOf } from "~/domain/matching/hard";
import { validateInventory } from "~/inventory/import.server";
import { checkTextRow } from "~/inventory/inventory-check";
import { spaceSchema } from "~/inventory/inventory-schema";

// forms41 (trial 40's leftover, docs/decisions/204): an office on one floor of a tower — 层数 1 (the floors the space
// takes up), 单层 否 (its building is not one storey) — was refused as "与层数不符" in the admin form, the sheet and the
// JSON import alike: no office or floor of a multi-storey building could be described. The rule's intent stays: a space
// over several floors is never single storey.
const office = { id: "O5", parkId: "P1", kind: "办公", deals: "出租", title: "研发楼 5 层", areaSqm: "1200", status: "可租售" };

describe("one floor of a multi-storey building (form and sheet: checkTextRow)", () => {
  it.each([
    ["1", "否", "办公"],
    ["1层", "否", "办公"],
    ["一层", "no", "厂房"], // 多层厂房's 3rd floor, let alone
    ["共1层", "否", "仓库"], // a warehouse floor of a 高标仓
  ])("层数 %s, 单层 %s (%s) is kept as one floor, not single storey", (floors, single, kind) => {
    const r = checkTextRow("spaces", { ...office, kind, floors, singleStorey: single });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ floors: 1, singleStorey: false });
    // Matching reads it as not single storey: never offered to a lead that must have one storey.
    expect(singleStoreyOf(r.value as unknown as Parameters<typeof singleStoreyOf>[0])).toBe(false);
  });

  it.each([
    ["2", "是"],
    ["5层", "是"],
    ["二十", "yes"],
  ])("层数 %s with 单层 %s is still refused at 单层 (a space over several floors is no single storey)", (floors, single) => {
    const r = checkTextRow("spaces", { ...office, floors, singleStorey: single });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.key)).toEqual(["singleStorey"]);
    expect(r.issues[0].reason.zh).toContain("占多个楼层的空间不是单层");
    expect(r.issues[0].reason.en).toContain("a space over several floors is not single storey");
  });
});

describe("the JSON import takes the floor too", () => {
  const park = { id: "P1", name: "示例园区", province: "江苏省", city: "南京市", district: "高淳区" };
  const space = { id: "O5", parkId: "P1", kind: "office", deals: ["lease"], title: "研发楼 5 层", areaSqm: 1200, status: "available" };

  it("keeps floors 1 with singleStorey false, refuses floors 4 with singleStorey true", () => {
    expect(spaceSchema.safeParse({ ...space, floors: 1, singleStorey: false }).success).toBe(true);
    const r = validateInventory({ parks: [park], spaces: [{ ...space, floors: 4, singleStorey: true }], recruiters: [] });
    expect(r.ok).toBe(false);
    const ok = validateInventory({ parks: [park], spaces: [{ ...space, floors: 1, singleStorey: false }], recruiters: [] });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
  });
});
