import { describe, expect, it } from "vitest";

import { validateInventory } from "~/inventory/import.server";
import { checkTextRow } from "~/inventory/inventory-check";

import { demoInventory, generatedSpaces } from "../../fixtures/inventory";

// Attack F6 (docs/decisions/103): a land plot with a 层高 or a 行车, and a park listing one industry both
// as 主导产业 and 禁入产业, were stored. One rule in inventory-schema.ts refuses both at the field, in
// every channel: the admin form and the Excel/CSV sheet (checkTextRow) and the JSON import (validateInventory).

const land = { id: "L1", parkId: "P1", kind: "土地", deals: "出售", title: "一号地块", areaSqm: "50亩", status: "可租售" };
const park = { id: "P1", name: "示例园区", province: "江苏省", city: "南京市", district: "高淳区" };

describe("a land plot with what only a building has (form and sheet)", () => {
  it.each([
    [{ ceilingM: "8米" }, "ceilingM", "层高", "ceiling height"],
    [{ ceilingM: "9m5" }, "ceilingM", "层高", "ceiling height"],
    [{ craneT: "10吨" }, "craneT", "行车", "crane"],
    [{ craneT: "2台5吨行车" }, "craneT", "行车", "crane"],
    [{ floors: "2" }, "floors", "层数", "floors"],
    [{ floors: "1", singleStorey: "是" }, "floors", "层数", "floors"],
  ])("%o is refused at its own field, in zh and en", (cells, key, zh, en) => {
    const r = checkTextRow("spaces", { ...land, ...cells });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = r.issues.filter((i) => i.key === key);
    expect(at).toHaveLength(1);
    expect(at[0].reason.zh).toBe(`类型为土地：土地没有${zh}，请留空此项（若是厂房、仓库等建筑，请改选类型）`);
    expect(at[0].reason.en).toContain(`land has no ${en}`);
  });

  it("every building figure on one plot is said, each at its field, beside another bad cell", () => {
    const r = checkTextRow("spaces", { ...land, title: "", ceilingM: "8", craneT: "5", floors: "2", singleStorey: "否" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.key).sort()).toEqual(["ceilingM", "craneT", "floors", "title"]);
  });

  it.each([
    [{}],
    [{ ceilingM: "", craneT: "" }],
    [{ craneT: "0" }],
    [{ singleStorey: "否" }],
    [{ powerKva: "2000千伏安", floorLoadKg: "5吨" }], // power and bearing are land's figures too
  ])("land with %o is kept", (cells) => {
    expect(checkTextRow("spaces", { ...land, ...cells }).ok).toBe(true);
  });

  it.each(["厂房", "仓库", "办公"])("a %s keeps its 层高 and 行车", (kind) => {
    expect(checkTextRow("spaces", { ...land, kind, areaSqm: "5000", ceilingM: "8", craneT: "10" }).ok).toBe(true);
  });
});

describe("a park whose focus industry it also excludes (form and sheet)", () => {
  it.each([
    ["C33", "C33", "C33 金属制品业", "C33 金属制品业"],
    ["金属制品", "C33", "C33 金属制品业", "C33 金属制品业"], // a name and a code of one division
    ["C33、C34", "C", "C33 金属制品业", "C 制造业"], // the whole section excludes the focus division
    ["C", "制造业", "C 制造业", "C 制造业"],
  ])("主导产业 %s with 禁入产业 %s is refused at 禁入产业, naming both", (focus, excluded, focusLabel, excludedLabel) => {
    const r = checkTextRow("parks", { ...park, industries: focus, excludedIndustries: excluded });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.every((i) => i.key === "excludedIndustries")).toBe(true);
    expect(r.issues[0].reason.zh).toBe(`${focusLabel}既是主导产业又被禁入（禁入 ${excludedLabel}）：请从主导产业或禁入产业中删去一个`);
    expect(r.issues[0].reason.en).toContain("is both a focus industry and excluded");
  });

  it("each focus industry excluded is said once", () => {
    const r = checkTextRow("parks", { ...park, industries: "C33、C34、C35", excludedIndustries: "C" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.reason.zh.slice(0, 3))).toEqual(["C33", "C34", "C35"]);
  });

  it.each([
    ["C", "C26"], // a division excluded inside a focus section narrows it
    ["C33、C34", "C26、C25"],
    ["", "C26"],
    ["C33", ""],
  ])("主导产业 %s with 禁入产业 %s is kept", (focus, excluded) => {
    expect(checkTextRow("parks", { ...park, industries: focus, excludedIndustries: excluded }).ok).toBe(true);
  });
});

describe("the JSON import takes the same rules", () => {
  it("names the land plot's ceiling and crane and the park's excluded focus, and keeps nothing", () => {
    const r = validateInventory(
      {
        parks: [{ ...park, industries: ["C33"], excludedIndustries: ["C"] }],
        spaces: [
          {
            id: "L1",
            parkId: "P1",
            kind: "land",
            deals: ["buy"],
            title: "地块",
            areaSqm: 30000,
            ceilingM: 8,
            craneT: "10吨",
            status: "available",
          },
        ],
      },
      "zh",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.collection, e.errors])).toEqual([
      ["parks", ["excludedIndustries：C33 金属制品业既是主导产业又被禁入（禁入 C 制造业）：请从主导产业或禁入产业中删去一个"]],
      [
        "spaces",
        [
          "ceilingM：类型为土地：土地没有层高，请留空此项（若是厂房、仓库等建筑，请改选类型）",
          "craneT：类型为土地：土地没有行车，请留空此项（若是厂房、仓库等建筑，请改选类型）",
        ],
      ],
    ]);
  });
});

describe("the data we ship and generate keep the rules", () => {
  it("the demo inventory and the generated test spaces pass", () => {
    const inv = demoInventory();
    expect(validateInventory(inv).ok).toBe(true);
    expect(validateInventory({ ...inv, spaces: generatedSpaces(400) }).ok).toBe(true);
  });
});
