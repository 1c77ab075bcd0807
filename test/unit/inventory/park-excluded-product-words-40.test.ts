import { describe, expect, it } from "vitest";

import { cellReadings, checkTextRow, industryListRead } from "~/inventory/inventory-check";

// New-user trial 40 (F10): a park's 禁入产业 written as a product word is read to the whole division it belongs to —
// "化工、電鍍" stored C26、C33 — and the preview said "“電鍍” → C33 金属制品业", as it says a 主导产业's word. For an
// exclusion that reading hides its weight: every metal-products lead (stamping, fasteners, hardware) is then kept out
// of a park that meant electroplating alone. The reading now says the whole division is excluded and what that means
// for the park's leads; the admin who meant less rewrites the cell (docs/decisions/198). 主导产业 is said as before.
const park = { id: "P1", name: "高淳园", province: "江苏省", city: "南京市", district: "高淳区" };

function said(cells: Record<string, string>, lng: "zh" | "en" = "zh") {
  const row = { ...park, ...cells };
  const r = checkTextRow("parks", row);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { codes: r.value.excludedIndustries, said: cellReadings("parks", row, r.value).map((d) => d.reason[lng]) };
}

describe("禁入产业: a product word is said to exclude its whole division", () => {
  it.each([
    ["電鍍", "C33 金属制品业"],
    ["电镀", "C33 金属制品业"],
    ["锂电池", "C38 电气机械和器材制造业"],
    ["做芯片的", "C39 计算机、通信和其他电子设备制造业"],
    ["印染", "C17 纺织业"],
  ])("%s → the whole of %s, and what it means for the park's leads", (typed, label) => {
    const { said: zh } = said({ excludedIndustries: typed });
    expect(zh).toEqual([`禁入产业：“${typed}” → 整个 ${label}（产品词按整个大类禁入：这一大类的企业都不会匹配本园区）`]);
    const { said: en } = said({ excludedIndustries: typed }, "en");
    expect(en[0]).toContain(`“${typed}” → the whole of ${label.slice(0, 3)}`);
    expect(en[0]).toContain("a product word excludes its whole division: no enterprise of that division will match this park");
  });

  it("each word of a cell said so; a code or a division's name is said as before (what was typed is the division)", () => {
    const { codes, said: zh } = said({ excludedIndustries: "C25、化学原料和化学制品制造业、電鍍" });
    expect(codes).toEqual(["C25", "C26", "C33"]);
    expect(zh).toEqual([
      "禁入产业：“化学原料和化学制品制造业” → C26 化学原料和化学制品制造业；“電鍍” → 整个 C33 金属制品业（产品词按整个大类禁入：这一大类的企业都不会匹配本园区）",
    ]);
    expect(said({ excludedIndustries: "金属制品业、C26" }).said).toEqual(["禁入产业：“金属制品业” → C33 金属制品业"]);
  });

  it("主导产业 and a recruiter's 擅长行业 read the same word as before (a focus widened is no one shut out)", () => {
    expect(said({ industries: "電鍍" }).said).toEqual(["主导产业：“電鍍” → C33 金属制品业"]);
  });

  it("the JSON import's reading (industryListRead, its readAs) says it too", () => {
    const header = { zh: "禁入产业", en: "excluded industries" };
    expect(industryListRead(header, ["電鍍"], true)?.zh).toBe(
      "禁入产业：“電鍍” → 整个 C33 金属制品业（产品词按整个大类禁入：这一大类的企业都不会匹配本园区）",
    );
    expect(industryListRead(header, ["電鍍"])?.zh).toBe("禁入产业：“電鍍” → C33 金属制品业");
  });
});
