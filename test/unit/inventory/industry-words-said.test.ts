import { describe, expect, it } from "vitest";

import { readWorkbook } from "~/inventory/excel/read-workbook.server";
import { readSourceRows } from "~/inventory/import-plan.server";
import { cellReadings, checkTextRow } from "~/inventory/inventory-check";

// A new-user trial (2026-12-05): a park's 主导产业 "锂电池" was stored as C38 and the preview said nothing;
// "C38、锂电池" was stored as one C38, silently. Each word is now said with the code it became, an item kept
// once is said so, and a word that is only like an industry (a part of a longer name, pinyin) is refused,
// not guessed (docs/decisions/160).

const PARK = { id: "P1", name: "高淳园", province: "江苏省", city: "南京市", district: "高淳区" };
const RECRUITER = { id: "R1", name: "张三", email: "r1@example.com", phone: "13912345678", channel: "邮件", parks: "P1", capacity: "5" };

function said(collection: "parks" | "recruiters", cells: Record<string, string>, lng: "zh" | "en" = "zh") {
  const row = { ...(collection === "parks" ? PARK : RECRUITER), ...cells };
  const r = checkTextRow(collection, row);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return cellReadings(collection, row, r.value).map((d) => [d.key, d.reason[lng]]);
}

describe("an industry word is said with the code it became", () => {
  it.each([
    ["industries", "锂电池", "主导产业：“锂电池” → C38 电气机械和器材制造业"],
    ["industries", "做芯片的、五金", "主导产业：“做芯片的” → C39 计算机、通信和其他电子设备制造业；“五金” → C33 金属制品业"],
    [
      "excludedIndustries",
      "化工",
      "禁入产业：“化工” → 整个 C26 化学原料和化学制品制造业（产品词按整个大类禁入：这一大类的企业都不会匹配本园区）",
    ],
    ["excludedIndustries", "化学原料和化学制品制造业", "禁入产业：“化学原料和化学制品制造业” → C26 化学原料和化学制品制造业"],
    ["industries", "c38 33", "主导产业：“c38” → C38 电气机械和器材制造业；“33” → C33 金属制品业"],
    ["industries", "制造业", "主导产业：“制造业” → C 制造业"],
  ])("%s “%s”", (key, typed, message) => {
    expect(said("parks", { [key]: typed })).toEqual([[key, message]]);
  });

  it("an item read to a code the cell already has is said to be stored once", () => {
    expect(said("parks", { industries: "C38、锂电池" })).toEqual([
      ["industries", "主导产业：“锂电池” → C38 电气机械和器材制造业（与“C38”相同，只存一次）"],
    ]);
    expect(said("parks", { industries: "锂电池、光伏，C39" })).toEqual([
      ["industries", "主导产业：“锂电池” → C38 电气机械和器材制造业；“光伏” → C38 电气机械和器材制造业（与“锂电池”相同，只存一次）"],
    ]);
    expect(said("parks", { industries: "C33、C33" })).toEqual([
      ["industries", "主导产业：“C33” → C33 金属制品业（与“C33”相同，只存一次）"],
    ]);
  });

  it("in English, and in a recruiter's 擅长行业", () => {
    expect(said("parks", { industries: "C38、锂电池" }, "en")).toEqual([
      ["industries", "focus industries: “锂电池” → C38 Manufacture of electrical machinery and equipment (the same as “C38”, stored once)"],
    ]);
    expect(said("recruiters", { industries: "电池" })).toEqual([["industries", "擅长行业：“电池” → C38 电气机械和器材制造业"]]);
  });

  it("codes written as stored say nothing", () => {
    expect(said("parks", { industries: "C38、C39", excludedIndustries: "C26" })).toEqual([]);
  });
});

describe("a word only like an industry is refused, never guessed", () => {
  it.each([
    ["新能源", "C36 汽车制造业"], // a part of 新能源汽车: batteries (C38) as likely
    ["qc", "C36 汽车制造业"], // pinyin initials
    ["lv", "C32 有色金属冶炼和压延加工业"],
    ["金属", "C31 黑色金属冶炼和压延加工业"],
  ])("“%s”", (typed, candidate) => {
    const r = checkTextRow("parks", { ...PARK, industries: `C33、${typed}` });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.key)).toEqual(["industries"]);
    expect(r.issues[0].reason.zh).toContain(`“${typed}”不是行业代码、行业名称或产品词，不按相近的行业猜测；相近的有：`);
    expect(r.issues[0].reason.zh).toContain(candidate);
    expect(r.issues[0].reason.en).toContain(
      `“${typed}” is no industry code, industry name or product word, and no near industry is guessed`,
    );
  });

  it("two industries' words together are refused naming both", () => {
    const r = checkTextRow("parks", { ...PARK, excludedIndustries: "锂电池回收" });
    expect(!r.ok && r.issues[0].reason.zh).toContain("“锂电池回收”可指多个行业：C38 电气机械和器材制造业、C42 废弃资源综合利用业");
  });
});

describe("the Excel/CSV preview says it among its notes", () => {
  it("a CSV park row: the note under the file's column letter", async () => {
    const text = '编号,名称,省,市,区县,主导产业\r\nP1,高淳园,江苏省,南京市,高淳区,"C38、锂电池"\r\n';
    const rows = readSourceRows(await readWorkbook(Buffer.from(text), "园区.csv"));
    expect(rows.errors).toEqual([]);
    expect(rows.value.parks[0].industries).toEqual(["C38"]);
    expect(rows.notes.map((n) => [n.column, n.reason.zh])).toEqual([
      ["F2（主导产业）", "主导产业：“锂电池” → C38 电气机械和器材制造业（与“C38”相同，只存一次）"],
    ]);
  });
});
