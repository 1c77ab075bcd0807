import { describe, expect, it } from "vitest";

import { columnByKey } from "~/inventory/inventory-columns";

// trial41 (L): park offices write 无 in 行车 for a building without a crane; it was refused. Read as 0 — a crane
// every need fails — where a blank cell is "not stated" (a match asks to check it, hard.ts).
const read = (t: string) => columnByKey("spaces", "craneT")!.read(t);

describe("行车 无 is no crane", () => {
  it.each(["无", " 无 ", "没有", "无行车", "没有行车", "无吊车", "none", "No", "NONE"])("“%s” → 0 t", (typed) => {
    expect(read(typed)).toEqual({ ok: true, value: 0 });
  });

  it.each([
    ["10", 10],
    ["10吨", 10],
    ["16/3.2t", 16],
  ])("a capacity still reads: %s → %s t", (typed, t) => {
    const r = read(typed);
    expect(r.ok && r.value).toBe(t);
  });

  it.each(["有", "有行车", "无法确定", "no idea"])("“%s” is no figure and stays refused", (typed) => {
    expect(read(typed).ok).toBe(false);
  });
});
