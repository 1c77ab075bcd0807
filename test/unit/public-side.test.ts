import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { fieldPath } from "~/domain/field-path";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { csvQuoteProblem, readWorkbook } from "~/inventory/excel/read-workbook.server";

import { encodeGbk } from "../support/gbk";
import { validLeadJson } from "../support/leads";

// ADR 102's pure parts: the confirmation link's key (rotation kept), one way of naming an array's item,
// and a CSV's stray quote named as a quote problem on its row rather than blamed on the encoding.
const NEW = "n".repeat(40);
const OLD = "o".repeat(40);
Object.assign(process.env, {
  SESSION_SECRET: `${NEW},${OLD}`,
  MEILI_URL: "http://127.0.0.1:1",
  MEILI_MASTER_KEY: "k".repeat(16),
  ADMIN_API_TOKEN: "t".repeat(32),
});
const { inquiryHref, inquiryKey, inquiryKeyOk } = await import("~/leads/inquiry-link.server");

describe("the confirmation link's key", () => {
  it("opens its own reference only, and keys made under a secret still listed keep working", () => {
    const key = inquiryKey("PM-20261204-0001");
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(inquiryKeyOk("PM-20261204-0001", key)).toBe(true);
    expect(inquiryKeyOk("PM-20261204-0002", key)).toBe(false);
    for (const wrong of [null, "", key.slice(1), `${key.slice(0, 21)}${key[21] === "A" ? "B" : "A"}`, `${key}x`])
      expect(inquiryKeyOk("PM-20261204-0001", wrong)).toBe(false);
    const old = createHmac("sha256", OLD).update("inquiry:PM-20261204-0001").digest("base64url").slice(0, 22);
    expect(inquiryKeyOk("PM-20261204-0001", old)).toBe(true);
    expect(inquiryHref("PM-20261204-0001", "en")).toBe(`/inquiry/PM-20261204-0001?k=${key}&lng=en`);
  });
});

describe("an array's item in an error's field name", () => {
  it("is written in brackets, as Conform, the request gate and the import write it", () => {
    expect(fieldPath(["need", "regions", 1])).toBe("need.regions[1]");
    expect(fieldPath(["spaces", 57, "areaSqm"])).toBe("spaces[57].areaSqm");
    expect(fieldPath(["contact", "phone"])).toBe("contact.phone");
    const lead = validLeadJson();
    for (const regions of [
      ["高淳区", 7],
      ["高淳区", "溧水区", "高".repeat(41)], // over the 40 of a Chinese name (Latin ones may have 80: ADR 123)
    ]) {
      const r = createLeadSchema("zh", "api").safeParse({ ...lead, need: { ...lead.need, regions } });
      expect(r.success).toBe(false);
      expect(Object.keys(issuesToFieldErrors(r.error!))).toEqual([`need.regions[${regions.length - 1}]`]);
    }
  });
});

describe("a CSV with a quote out of place", () => {
  it.each([
    ['园区编号,名称\nP1,"高淳园"区\nP2,溧水\n', { kind: "afterClosing", row: 2, line: 2 }],
    ['园区编号,名称\nP1,a\nP2,"多行\n说明"x\n', { kind: "afterClosing", row: 3, line: 4 }],
    ['园区编号,名称\nP1,a\nP2,b\nP3,"没有结束\nP4,c\n', { kind: "unclosed", row: 4, line: 4 }],
    ['园区编号,名称\r\nP1,"a""b"\r\nP2,ab"c\r\n', null],
  ])("%j → %j", (text, problem) => {
    expect(csvQuoteProblem(text)).toEqual(problem);
  });

  it("is refused naming the row and the quote, not the file's encoding (UTF-8 and GBK alike)", async () => {
    const text = '编号,名称,省份,城市,区县\nP1,高淳园,江苏省,南京市,高淳区\nP2,"溧水"园,江苏省,南京市,溧水区\n';
    for (const bytes of [Buffer.from(text, "utf8"), encodeGbk(text)]) {
      const read = await readWorkbook(bytes, "parks.csv");
      expect(read.errors).toHaveLength(1);
      expect(read.errors[0].row).toBe(3);
      expect(read.errors[0].reason.zh).toMatch(/^第 3 行的引号位置不对/);
      expect(read.errors[0].reason.en).toMatch(/^row 3 has text right after a closing quote/);
      expect(`${read.errors[0].reason.zh} ${read.errors[0].reason.en}`).not.toMatch(/编码|UTF-8|GBK/);
    }
    // A file that really is no CSV text still says so.
    const binary = await readWorkbook(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x30]), "parks.csv");
    expect(binary.errors[0].reason.zh).toMatch(/UTF-8 或 GBK/);
  });
});
