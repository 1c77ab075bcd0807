import { describe, expect, it } from "vitest";

import { afterRefusal, decodeBase, encodeBase, mergeEdit } from "~/utils/edit-merge.server";

// ADR 091: the three-way merge of an edit form (what it was filled from, what is stored now, what it sent).
describe("mergeEdit", () => {
  const keys = ["area", "notes", "deals", "ceiling"];
  const base = { area: "12000", notes: "", deals: ["lease"], ceiling: "9" };

  it("keeps another person's change in a field this tab did not touch, and takes this tab's own change", () => {
    const now = { ...base, area: "13000" };
    const sent = { ...base, notes: "二号页签" };
    expect(mergeEdit(keys, base, now, sent)).toEqual({
      values: { area: "13000", notes: "二号页签", deals: ["lease"], ceiling: "9" },
      conflicts: [],
      cleared: [],
    });
  });

  it("names a field both changed to different values, with both; the same value on both sides is no conflict", () => {
    const now = { ...base, area: "14000", ceiling: "10" };
    const sent = { ...base, area: "15000", ceiling: " 10 " };
    const merged = mergeEdit(keys, base, now, sent);
    expect(merged.conflicts).toEqual([{ field: "area", theirs: "14000", mine: "15000" }]);
    // Saving again after seeing it (the form as afterRefusal shows it): the area is this tab's, nothing else is reverted.
    const shown = afterRefusal(keys, base, now, sent);
    const again = mergeEdit(keys, shown.base, now, shown.values);
    expect(again.conflicts).toEqual([]);
    expect(again.values).toMatchObject({ area: "15000", ceiling: "10" });
  });

  it("after a refusal: what is stored now where this tab typed nothing (named), this tab's typing elsewhere, base = stored", () => {
    // The other person: area 13000, notes "对方", ticks lease+buy. This tab: area 15000 (a conflict), ceiling 12.
    const now = { area: "13000", notes: "对方", deals: ["buy", "lease"], ceiling: "9" };
    const sent = { area: "15000", notes: "", deals: ["lease"], ceiling: "12" };
    const shown = afterRefusal(keys, base, now, sent);
    expect(shown.values).toEqual({ area: "15000", notes: "对方", deals: ["buy", "lease"], ceiling: "12" });
    expect(shown.updated).toEqual(["notes", "deals"]);
    expect(shown.base).toEqual(now);
    // Saving the form as shown: this tab's two changes, the other person's two kept — nothing reverted.
    const again = mergeEdit(keys, shown.base, now, shown.values);
    expect(again).toEqual({ values: { area: "15000", notes: "对方", deals: ["buy", "lease"], ceiling: "12" }, conflicts: [], cleared: [] });
    // And if a third save landed meanwhile in a field this tab did not change, it is kept too.
    const later = { ...now, notes: "第三人" };
    expect(mergeEdit(keys, shown.base, later, shown.values).values.notes).toBe("第三人");
    // A field that held nothing stored shows as blank, not as this tab's old text.
    expect(afterRefusal(["x"], { x: "旧" }, {}, { x: "旧" })).toEqual({ values: { x: "" }, base: { x: "" }, updated: ["x"] });
  });

  it("reads ticks as a set and says which fields this tab emptied", () => {
    const now = { ...base, deals: ["lease"] };
    const sent = { ...base, deals: [], ceiling: "" };
    const merged = mergeEdit(keys, { ...base, deals: ["buy", "lease"] }, { ...now, deals: ["lease", "buy"] }, sent);
    expect(merged.cleared).toEqual(["deals", "ceiling"]);
    expect(merged.values).toMatchObject({ deals: [], ceiling: "" });
  });

  it("base travels as base64url JSON; anything else (an older page's fingerprint, tampering) reads as none", () => {
    expect(decodeBase(encodeBase(base))).toEqual(base);
    expect(decodeBase("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(decodeBase("not base64!")).toBeNull();
    expect(decodeBase(encodeBase({ a: 1 } as never))).toBeNull();
    expect(decodeBase(undefined)).toBeNull();
  });
});
