import { describe, expect, it } from "vitest";

import { type AssignmentDetails, handoverScript } from "~/assignments/assignment-details.server";
import type { Lead } from "~/domain/lead-schema";
import { composeLine, part } from "~/i18n/compose-line";

// A summary line said aloud or read on the desk leaves out the parts it has nothing for, with their labels and
// separators, and the need names its kind (trial38 L12: "需求 4500–6000㎡，产品 ；园区 …", "products ; park").
function details(lead: Partial<{ kind: string; product: string; contact: string; phone: string; park: string }>): AssignmentDetails {
  return {
    id: "a1",
    leadId: "l1",
    parkId: "GC-EDZ",
    parkName: lead.park ?? "高淳经开区",
    status: "offered",
    reroutes: 0,
    acceptBy: null,
    recruiter: { id: "R1", name: "周敏", email: "r1@example.test", phone: "+8613900001111", channel: "hotline" },
    reference: "PM-20261206-0001",
    lead: {
      need: { kind: lead.kind, areaMinSqm: 4500, areaMaxSqm: 6000, deal: "lease" },
      use: { industry: "C34", product: lead.product },
      company: { name: "南京某某机械有限公司" },
      contact: { name: lead.contact ?? "王先生", phone: lead.phone ?? "+8613812345678" },
    } as unknown as Lead,
    anonymised: false,
    closeReason: null,
    leadClosedAs: null,
    duplicateOfReference: null,
    signedElsewherePark: null,
    spaces: [],
  } as unknown as AssignmentDetails;
}

const lineOf = (script: string, start: string) => script.split("\n").find((l) => l.startsWith(start));

describe("the hand-over script's lines skip empty parts", () => {
  it.each([
    [{ kind: "factory", product: "" }, "需求 厂房 4500–6000㎡；园区 高淳经开区。", "need Factory building 4500–6000㎡; park 高淳经开区."],
    [
      { kind: "factory", product: "精密轴承" },
      "需求 厂房 4500–6000㎡，产品 精密轴承；园区 高淳经开区。",
      "need Factory building 4500–6000㎡, products 精密轴承; park 高淳经开区.",
    ],
    [{ kind: "warehouse", product: "  " }, "需求 仓库 4500–6000㎡；园区 高淳经开区。", "need Warehouse 4500–6000㎡; park 高淳经开区."],
    [{ kind: "office", product: "软件", park: "" }, "需求 办公 4500–6000㎡，产品 软件。", "need Office 4500–6000㎡, products 软件."],
  ])("%o", (lead, zh, en) => {
    expect(lineOf(handoverScript(details(lead), 120, "zh"), "需求")).toBe(zh);
    expect(lineOf(handoverScript(details(lead), 120, "en"), "need")).toBe(en);
    for (const lng of ["zh", "en"] as const)
      expect(handoverScript(details(lead), 120, lng)).not.toMatch(/[ ]+[；;，,。.]|[；;，,]\s*[；;，,。.]/);
  });

  it("an erased contact (no name, no phone) leaves only the company", () => {
    const script = handoverScript(details({ kind: "factory", product: "轴承", contact: "", phone: "" }), 120, "zh");
    expect(script.split("\n")[1]).toBe("企业 南京某某机械有限公司；");
    expect(script).not.toMatch(/联系人\s*[，；]|电话\s*[，；]/);
  });
});

describe("composeLine", () => {
  it("leaves out empty parts and empty groups, and ends only a line with something", () => {
    const sep = { part: "，", group: "；" };
    expect(composeLine([["a", "", "b"], ["", " "], ["c"]], sep, "。")).toBe("a，b；c。");
    expect(composeLine([[""], []], sep, "。")).toBe("");
    expect(part("  ", (v) => `产品 ${v}`)).toBe("");
    expect(part(" 轴承 ", (v) => `产品 ${v}`)).toBe("产品 轴承");
  });
});
