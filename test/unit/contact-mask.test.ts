import { describe, expect, it } from "vitest";

import { hasContact, maskContacts, maskContactsDeep } from "~/domain/contact-mask";
import { notesNotRead } from "~/domain/notes-not-read";
import { notRead } from "~/leads/lead-view.server";

// docs/decisions/137 (attack 32 H3, M3): what the public confirmation page prints from the notes.

/** The digits of a text (ASCII, full-width and Chinese numerals said one by one) in a row. */
const digitsOf = (t: string) =>
  t
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[零〇]/g, "0")
    .replace(/[一幺]/g, "1")
    .replace(/[二两]/g, "2")
    .replace(/三/g, "3")
    .replace(/四/g, "4")
    .replace(/五/g, "5")
    .replace(/六/g, "6")
    .replace(/七/g, "7")
    .replace(/八/g, "8")
    .replace(/九/g, "9")
    .replace(/\D/g, "");

describe("maskContacts: the contact part masked, the rest of the clause kept", () => {
  it.each([
    ["需要5000平，2026年11月入驻联系王总１３８１２３４５６７８", "需要5000平，2026年11月入驻联系王总138****5678"],
    ["Febuary 2027 call 138-1234-5678", "Febuary 2027 call 138****5678"],
    ["Mrach 2027 call 138 1234 5678", "Mrach 2027 call 138****5678"],
    ["Mrach 2027入驻 13812345678", "Mrach 2027入驻 138****5678"],
    ["Mrach 2027入驻 wang@corp.cn", "Mrach 2027入驻 ***"],
    ["邮箱 zhang＠example.com", "邮箱 ***"],
    ["email: li.si+work@mail.example.com.cn 谢谢", "email: *** 谢谢"],
    ["微信 wang_88", "微信 ***"],
    ["2026年12月入驻 微信abc", "2026年12月入驻 微信***"],
    ["加我vx zhangsan_8899", "加我vx ***"],
    ["加V信：Li-Ming2020", "加V信：***"],
    ["威信 zs1234", "威信 ***"],
    ["wx:abc_123 谢谢", "wx:*** 谢谢"],
    ["QQ号：12345", "QQ号：***"],
    ["ＱＱ 987654321", "ＱＱ ***"],
    ["電話：１３８１２３４５６７８", "電話：138****5678"],
    ["電話０２５－８７６５４３２１", "電話025****4321"],
    ["手機 139 8765 4321", "手機 139****4321"],
    ["座机 8765 4321", "座机 ***"],
    ["找张总 一三八一二三四五六七八", "找张总 138****5678"],
    ["打幺三九 幺二三四 五六七八", "打139****5678"],
    ["地址：南京市江宁区天元中路88号 张三收", "地址：***"],
    ["寄到天元中路88号张三收，谢谢", "寄到天元中路***，谢谢"],
    ["联系人：张三", "联系人：***"],
    ["+86 138 1234 5678", "138****5678"],
  ])("%s", (text, masked) => {
    expect(maskContacts(text)).toBe(masked);
    expect(hasContact(text)).toBe(true);
  });

  it.each([
    "需要5000平，2026年11月入驻",
    "需要5000-8000平，预算12000000元",
    "租金每平米20元，层高8米以上，要10吨行车",
    "江宁浦口都行，要5000平厂房",
    "5000 sqm factory in Jiangning, 10 t crane",
    "需要10000000平",
    "双回路供电，800KVA",
    "4008-123-456 是园区热线",
    "上次提交的编号 PM-20261205-0001，需求改成6000平",
  ])("no contact in %s: the same text back", (text) => {
    expect(maskContacts(text)).toBe(text);
    expect(hasContact(text)).toBe(false);
  });

  it("a lead's reference stays whole beside a phone that is masked", () => {
    expect(maskContacts("编号PM-20261205-0001，电话13812345678")).toBe("编号PM-20261205-0001，电话138****5678");
  });

  it("no digits of a phone survive beyond the first three and last four", () => {
    for (const t of ["联系王总１３８１２３４５６７８", "一三八一二三四五六七八", "138-1234-5678", "電話：１３８１２３４５６７８"])
      expect(digitsOf(maskContacts(t))).not.toContain("1381234");
  });

  it("walks objects and arrays, keeps numbers, booleans and null", () => {
    const summary = {
      kind: "factory",
      areaMinSqm: 5000,
      single: true,
      moveInBy: null,
      unread: ["Mrach 2027入驻 wang@corp.cn"],
      notesDiffer: [{ notes: "5000平 微信 wang_88", box: null }],
      places: { notInBox: [{ notes: "江宁", box: "六合" }] },
    };
    expect(maskContactsDeep(summary)).toEqual({
      ...summary,
      unread: ["Mrach 2027入驻 ***"],
      notesDiffer: [{ notes: "5000平 微信 ***", box: null }],
    });
  });
});

describe("notesNotRead: a clause with a contact detail keeps its other words, one of contacts only is left out", () => {
  it("keeps the words of a clause, drops clauses that are only contact details", () => {
    expect(
      notesNotRead("要双回路供电 联系王总13812345678；电话：１３８１２３４５６７８；微信 wang_88；邮箱 zhang＠example.com", []),
    ).toEqual(["要双回路供电 联系王总13812345678"]);
    expect(notesNotRead("地址：南京市江宁区天元中路88号 张三收；联系人：张三；加我vx zhangsan_8899", [])).toEqual([]);
  });
});

describe("notRead (the page's not-read line): a place the notes gave was read, box blank or typed (attack 32 M3, trial 32b M5)", () => {
  const at = new Date("2026-12-01T00:00:00Z");
  const need = (notes: string, regions: string[] = []) => ({ kind: "factory", notes, regions });
  it.each([
    ["江宁浦口都行，要5000平厂房", "江宁浦口都行"],
    ["浦口优先，其次江宁，要5000平厂房", "其次江宁"],
    ["要5000平厂房，在江宁", "在江宁"],
    ["要5000平厂房，江宁或者浦口", "江宁或者浦口"],
    ["六合、溧水都可以，5000平左右", "六合、溧水都可以"],
  ])("%s (box blank): %s not listed", (notes, clause) => {
    expect(notRead(need(notes), [], at)).not.toContain(clause);
  });
  it("with the box typed (六合), the notes' other places are not listed as not read", () => {
    expect(notRead(need("浦口优先，其次江宁，5000平", ["六合"]), [], at)).toEqual([]);
  });
  it("a part nothing read is still listed", () => {
    expect(notRead(need("江宁浦口都行，要5000平厂房，双回路供电"), [], at)).toEqual(["双回路供电"]);
  });
});
