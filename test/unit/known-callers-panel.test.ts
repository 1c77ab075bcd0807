import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";

import { KnownCallers, type KnownLeadCard } from "~/components/hotline-panels";
import type { Lng } from "~/i18n/lng";

// The desk's known-caller panel (docs/decisions/088): the badge says 号码相同 only when the whole number is
// the lead's, and the panel says when more leads match than it lists, in the desk's language.
const card = (reference: string, matchedBy: KnownLeadCard["matchedBy"]): KnownLeadCard => ({
  leadId: reference,
  reference,
  company: "南京华为机械有限公司",
  contactName: "张伟",
  phoneMasked: "+86 139****5678",
  status: "matched",
  createdAt: "2026-11-30T04:00:00.000Z",
  needKind: "factory",
  areaMinSqm: 1000,
  areaMaxSqm: null,
  recruiters: [],
  duplicateOf: null,
  matchedBy,
});
const panel = (lng: Lng, leads: KnownLeadCard[], more?: number, partial?: boolean) =>
  renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(KnownCallers, {
        lng,
        state: "done",
        leads,
        more,
        partial,
        statusLabel: (s: string) => s,
        leadHref: (id: string) => `/hotline/leads/${id}`,
      }),
    ),
  );

describe("the known-caller panel", () => {
  // A trial (12-05 L15): a merged repeat's card said "(opens PM-…-0003)" but its button "Add the call to this lead PM-…-0013".
  it("a merged repeat's button names and opens the lead the call is added to (zh, en); another card its own", () => {
    const repeat = {
      ...card("PM-20261205-0013", ["phone"]),
      leadId: "id-13",
      duplicateOf: { leadId: "id-3", reference: "PM-20261205-0003" },
    };
    const first = { ...card("PM-20261205-0003", ["phone"]), leadId: "id-3" };
    for (const lng of ["zh", "en"] as const) {
      const html = panel(lng, [repeat, first]);
      const buttons = [...html.matchAll(/<a[^>]*class="button known-open"[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)];
      expect(buttons.map((b) => b[1])).toEqual(["/hotline/leads/id-3", "/hotline/leads/id-3"]);
      for (const b of buttons) {
        expect(b[2]).toContain("PM-20261205-0003");
        expect(b[2]).not.toContain("PM-20261205-0013");
      }
      // The words and the reference each whole (a narrow card puts the reference under the words, never breaks them).
      expect(buttons[0][2]).toContain(
        lng === "zh" ? '<span class="nowrap">记到线索</span>' : '<span class="nowrap">Add the call to</span>',
      );
    }
  });

  // An attack (2026-12-04): with the search index down, a known company from a new number read "新来电".
  it("with the index down never says 新来电: what was and was not looked up, in zh and en", () => {
    const none = panel("zh", [], 0, true);
    expect(none).not.toContain("新来电：");
    expect(none).toContain("不能确定是新来电");
    expect(panel("zh", [], 0, false)).toContain("新来电：");
    const some = panel("zh", [card("PM-1", ["phone"])], 0, true);
    expect(some).toContain("公司名称和联系人没有查");
    expect(some).toContain("号码相同");
    expect(panel("en", [], 0, true)).toContain("may not be a new caller");
  });

  it("says 号码相同 for the whole number only; 尾号相同, 号码相符, 联系人相符 for the rest", () => {
    const zh = panel("zh", [card("PM-1", ["phone"]), card("PM-2", ["phoneTail", "company"]), card("PM-3", ["phoneStart", "contact"])]);
    expect(zh.match(/号码相同/g)).toHaveLength(1);
    expect(zh).toContain("尾号相同");
    expect(zh).toContain("号码相符");
    expect(zh).toContain("联系人相符");
    const en = panel("en", [card("PM-2", ["phoneTail"]), card("PM-3", ["phoneStart"])]);
    expect(en).toContain("Same last digits");
    expect(en).toContain("Number matches");
    expect(en).not.toContain("Same number");
  });

  // A trial's 6-digit number start shared by 25 people said "请把这次来电记到已有线索上，不要重复新建".
  it("tells the agent to use the existing lead only for the same whole number or credit code; a partial match is to check", () => {
    const sure = "请把这次来电记到已有线索上，不要重复新建";
    expect(panel("zh", [card("PM-1", ["phone"]), card("PM-2", ["phoneStart"])])).toContain(`已有 2 条线索：${sure}`);
    expect(panel("zh", [card("PM-1", ["creditCode"])])).toContain(sure);
    for (const partial of [["phoneStart"], ["phoneTail"], ["company"], ["phoneStart", "contact"]] as KnownLeadCard["matchedBy"][]) {
      const zh = panel("zh", [card("PM-1", partial), card("PM-2", partial)]);
      expect(zh, partial.join("+")).not.toContain(sure);
      expect(zh).toContain("有 2 条线索部分相符，可能是这位来电人的：先核对号码和名称，再决定记到已有线索还是新建。");
    }
    expect(panel("en", [card("PM-1", ["company"])])).toContain("1 lead matches in part and may be this caller");
  });

  it("says how many more match than it lists, and asks for more to narrow them", () => {
    expect(panel("zh", [card("PM-1", ["phoneTail"])], 92)).toContain(
      "还有 92 条以上相符的线索没有列出：请多输入几位号码，或加上公司名称、联系人缩小范围。",
    );
    expect(panel("en", [card("PM-1", ["phoneTail"])], 1)).toContain("1 or more other matching lead is not listed");
    expect(panel("zh", [card("PM-1", ["phoneTail"])])).not.toContain("还有");
  });
});
