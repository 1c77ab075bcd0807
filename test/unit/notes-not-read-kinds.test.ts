import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { notesNotRead } from "~/domain/notes-not-read";
import { notRead } from "~/leads/lead-view.server";

import { validLeadJson } from "../support/leads";

// docs/decisions/159 (trial35 L1, L2): every clause of the notes no reader took as a condition is listed for the
// recruiter (the confirmation's "not read as conditions", `notRead`), in English as in Chinese; a clause of contact
// details — with the person's name or title beside them — never is.

const AT = new Date("2026-12-05T04:00:00Z");

function notReadOf(notes: string, lng: "zh" | "en" = "zh", contact: Record<string, unknown> = {}) {
  const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown>; contact: Record<string, unknown> };
  body.need = { kind: "factory", deal: "lease", areaMin: "3000", notes };
  body.contact = { ...body.contact, ...contact };
  const r = createLeadSchema(lng, "api", { now: () => AT }).safeParse(body);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return { notRead: notRead(r.data.lead.need as never, r.data.lead.flags, AT), contact: r.data.lead.contact };
}

describe("L2: a clause a reader only touched is listed when a condition in it was not read", () => {
  it.each<[string, string[]]>([
    // An English sentence ends at its full stop: the budget read in the next one no longer covers this one.
    ["Single storey preferred, no chemical parks. Budget under 25 RMB/sqm/month 🙂", ["no chemical parks"]],
    ["Ceiling at least 8.5 m. Dual power supply.", ["Dual power supply"]],
    // "near the port" is told as an unread flag of its own since readers40 (site-access.ts): the page says it once, by its words.
    ["Land of about 50 mu near the port. Rail siding needed.", ["Rail siding needed"]],
    ["Land of about 50 mu near a river. Rail siding needed.", ["Land of about 50 mu near a river", "Rail siding needed"]],
    // A kind or a figure read, and a condition beside it in the same clause that is not.
    ["需要带月台的仓库，丙二类", ["需要带月台的仓库", "丙二类"]],
    ["要10吨行车的厂房带喷涂线", ["要10吨行车的厂房带喷涂线"]],
    ["3000平左右的厂房要有环评", ["3000平左右的厂房要有环评"]],
    ["need a 5000 sqm factory with a loading dock", ["need a 5000 sqm factory with a loading dock"]],
    ["A warehouse with a cold room", ["A warehouse with a cold room"]],
  ])("%j → %j", (notes, parts) => {
    expect(notReadOf(notes, /[a-z]/i.test(notes) ? "en" : "zh").notRead).toEqual(parts);
  });

  it("clauses read whole stay unlisted: the words around a figure, a kind or a place say nothing of their own", () => {
    const read = (notes: string) => notReadOf(notes).notRead;
    expect(read("需要带月台的仓库")).toEqual(["需要带月台的仓库"]);
    expect(read("要5000平厂房，江宁浦口都行")).toEqual([]);
    expect(read("明年3月前入驻，最好在江宁")).toEqual([]);
    expect(read("层高8米以上，需要10吨行车")).toEqual([]);
    expect(read("高淳太远了，不要化工园区")).toEqual(["不要化工园区"]);
  });
});

describe("L1: contact details with the person's name beside them are never listed", () => {
  it.each<[string, string[]]>([
    ["要双回路供电；联系：李总 13811111111 微信同号", ["要双回路供电"]],
    ["联系王经理 13912345678", []],
    ["要月台，张女士 电话 025-87654321", ["要月台"]],
    ["need a loading dock; contact Mr. Li 13811111111", ["need a loading dock"]],
    ["老陈 微信 chen_8899，要有月台", ["要有月台"]],
  ])("%j → %j", (notes, parts) => {
    expect(notesNotRead(notes, [])).toEqual(parts);
  });
});

describe("L1: 微信同号 typed in the WeChat box says the WeChat id is the phone, as beside the phone (ADR 101, 190)", () => {
  it.each<[string, "zh" | "en"]>([
    ["微信同号", "zh"],
    ["手机微信同号", "zh"],
    ["微信：同上", "zh"],
    ["WeChat: same", "en"],
  ])("%j (%s) → the marker, in no language (ADR 190)", (wechat, lng) => {
    const { contact } = notReadOf("要有月台", lng, { wechat });
    expect(contact.wechat).toBeUndefined();
    expect(contact.wechatSameAsPhone).toBe(true);
  });
  it("only those words: another id in the box is kept as typed, beside one read as the phone's", () => {
    expect(
      [notReadOf("要有月台", "zh", { wechat: "wang_88" }), notReadOf("要有月台", "zh", { wechat: "微信同号 " })].map((l) => [
        l.contact.wechat,
        l.contact.wechatSameAsPhone,
      ]),
    ).toEqual([
      ["wang_88", undefined],
      [undefined, true],
    ]);
  });
});
