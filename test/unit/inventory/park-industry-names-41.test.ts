import { describe, expect, it } from "vitest";

import { readIndustry } from "~/domain/industry-search";
import { validateInventory } from "~/inventory/import.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

// forms41 (trial 40's leftover, docs/decisions/204): a park's 主导产业 "高端装备" — the words of every park brochure — was
// refused as no code, name or product word. A brochure's industry name is read to each GB/T 4754 division it covers
// (国家统计局《战略性新兴产业分类（2018）》 and the like) and said back with them, as a product word is (ADR 160, 198).
const park = { id: "P1", name: "高淳园", province: "江苏省", city: "南京市", district: "高淳区" };

function read(cells: Record<string, string>, lng: "zh" | "en" = "zh") {
  const row = { ...park, ...cells };
  const r = checkTextRow("parks", row);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { value: r.value, said: cellReadings("parks", row, r.value).map((d) => d.reason[lng]) };
}

describe("主导产业 written as a brochure's industry names", () => {
  it.each([
    ["高端装备", ["C34", "C35", "C37", "C40"]],
    ["高端装备制造业", ["C34", "C35", "C37", "C40"]],
    ["智能制造", ["C34", "C35", "C40"]],
    ["新一代信息技术产业", ["C39", "I63", "I64", "I65"]],
    ["新材料", ["C26", "C28", "C29", "C30", "C31", "C32"]],
    ["節能環保", ["C34", "C35", "C38", "C42", "N77"]], // Traditional, as ever
    ["数字经济", ["C39", "I63", "I64", "I65"]],
    ["现代物流", ["G54", "G58", "G59"]],
    ["食品加工", ["C13", "C14"]],
    ["纺织服装产业集群", ["C17", "C18"]],
    ["科技服务业", ["M"]],
  ])("%s → %j", (typed, codes) => {
    expect(read({ industries: typed }).value.industries).toEqual(codes);
  });

  it.each([
    ["新能源汽车", ["C36"]],
    ["生物医药", ["C27"]],
    ["集成电路", ["C39"]],
  ])("%s, an everyday word of one division, reads that division as before", (typed, codes) => {
    expect(read({ industries: typed }).value.industries).toEqual(codes);
  });

  it("a brochure's list in one cell: every name, each code once, said with what it became", () => {
    const { value, said } = read({ industries: "高端装备、新能源汽车、生物医药、新一代信息技术、集成电路、C35" });
    expect(value.industries).toEqual(["C34", "C35", "C37", "C40", "C36", "C27", "C39", "I63", "I64", "I65"]);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(
      "主导产业：“高端装备” → C34 通用设备制造业、C35 专用设备制造业、C37 铁路、船舶、航空航天和其他运输设备制造业、C40 仪器仪表制造业（产业名，按其包含的各行业读）",
    );
    expect(said[0]).toContain("“新能源汽车” → C36 汽车制造业");
    expect(said[0]).toContain("“C35” → C35 专用设备制造业（与“高端装备”相同，只存一次）");
  });

  it("in English too", () => {
    expect(read({ industries: "智能制造" }, "en").said).toEqual([
      "focus industries: “智能制造” → C34 Manufacture of general-purpose machinery; C35 Manufacture of special-purpose machinery; C40 Manufacture of measuring instruments and meters (an industry name, read as the industries it covers)",
    ]);
  });

  it("in 禁入产业 a brochure's name is said with its weight, as a product word is (ADR 198)", () => {
    const { value, said } = read({ excludedIndustries: "环保" });
    expect(value.excludedIndustries).toEqual(["C35", "C42", "N77"]);
    expect(said).toEqual([
      "禁入产业：“环保” → 整个 C35 专用设备制造业、C42 废弃资源综合利用业、N77 生态保护和环境治理业（产业名按其包含的各行业整体禁入：这些行业的企业都不会匹配本园区）",
    ]);
  });

  it("a focus name whose division the park also excludes is refused at 禁入产业", () => {
    const r = checkTextRow("parks", { ...park, industries: "高端装备", excludedIndustries: "专用设备" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.key)).toEqual(["excludedIndustries"]);
  });

  it("a recruiter's 擅长行业 and the JSON import read it alike", () => {
    expect(readIndustry("高端装备")).toEqual({ ok: true, code: "C34", group: ["C34", "C35", "C37", "C40"] });
    const recruiter = checkTextRow("recruiters", {
      id: "R9",
      name: "王敏",
      email: "wm@example.test",
      phone: "13912345678",
      channel: "邮件",
      parks: "P1",
      industries: "智能制造",
      capacity: "10",
    });
    expect(recruiter.ok && recruiter.value.industries).toEqual(["C34", "C35", "C40"]);
    const json = validateInventory({ parks: [{ ...park, industries: ["新材料", "C26"] }], spaces: [], recruiters: [] });
    expect(json.ok, JSON.stringify(json)).toBe(true);
    if (json.ok) {
      expect(json.value.parks[0].industries).toEqual(["C26", "C28", "C29", "C30", "C31", "C32"]);
      expect(json.notes[0].notes.join(" ")).toContain("“新材料” → C26");
    }
  });

  it("新能源 — cars as often as batteries — is still refused, naming what is near (ADR 160)", () => {
    const r = checkTextRow("parks", { ...park, industries: "新能源" });
    expect(r.ok).toBe(false);
  });
});
