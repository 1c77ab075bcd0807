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
  matchedBy,
});
const panel = (lng: Lng, leads: KnownLeadCard[], more?: number) =>
  renderToStaticMarkup(
    createElement(
      MemoryRouter,
      null,
      createElement(KnownCallers, {
        lng,
        state: "done",
        leads,
        more,
        statusLabel: (s: string) => s,
        leadHref: (id: string) => `/hotline/leads/${id}`,
      }),
    ),
  );

describe("the known-caller panel", () => {
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

  it("says how many more match than it lists, and asks for more to narrow them", () => {
    expect(panel("zh", [card("PM-1", ["phoneTail"])], 92)).toContain(
      "还有 92 条以上相符的线索没有列出：请多输入几位号码，或加上公司名称、联系人缩小范围。",
    );
    expect(panel("en", [card("PM-1", ["phoneTail"])], 1)).toContain("1 or more other matching lead is not listed");
    expect(panel("zh", [card("PM-1", ["phoneTail"])])).not.toContain("还有");
  });
});
