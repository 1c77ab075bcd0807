import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { readYesNo } from "~/domain/yes-no";
import { columnByKey } from "~/inventory/inventory-columns";

import { validLeadJson } from "../support/leads";

// One reader of yes and no: the lead's consent and flags and the inventory's yes/no columns agree.
describe("yes and no as people and programs send them", () => {
  it.each([true, 1, "1", "true", "on", "yes", "Y", "是", "√", "１", " YES "])("%j is yes", (v) => expect(readYesNo(v)).toBe(true));
  it.each([false, 0, "0", "false", "off", "no", "N", "否", "×", "０"])("%j is no", (v) => expect(readYesNo(v)).toBe(false));
  it.each([2, -1, "maybe", "", null, undefined, {}, []])("%j is neither", (v) => expect(readYesNo(v)).toBeNull());

  it("consent takes every yes and refuses every no with the consent message", () => {
    const schema = createLeadSchema("zh", "api");
    for (const consent of [1, "1", "yes", "是"]) expect(schema.safeParse({ ...validLeadJson(), consent }).success).toBe(true);
    for (const consent of [0, "0", "no", "false", "否"]) {
      const r = schema.safeParse({ ...validLeadJson(), consent });
      expect(r.success).toBe(false);
      if (!r.success)
        expect(r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["consent", "请阅读并同意个人信息处理说明后提交"]]);
    }
  });

  it("the lead's 单层 and the inventory's 单层 read the same words", () => {
    const schema = createLeadSchema("zh", "api");
    const single = columnByKey("spaces", "singleStorey")!;
    for (const [typed, want] of [
      ["是", true],
      ["否", false],
      ["yes", true],
      ["0", false],
    ] as const) {
      const lead = schema.safeParse({ ...validLeadJson(), need: { ...validLeadJson().need, singleStorey: typed } });
      expect(lead.success && lead.data.lead.need.singleStorey).toBe(want);
      expect(single.read(typed)).toEqual({ ok: true, value: want });
    }
  });
});
