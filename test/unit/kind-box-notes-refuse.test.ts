import { describe, expect, it } from "vitest";

import { callbackScript } from "~/assignments/route-lead.server";
import { kindLeftByNotes, refusedKinds } from "~/domain/kind-refusal";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import type { Lng } from "~/i18n/lng";
import { assistPreview } from "~/leads/assist-preview";

// docs/decisions/197: "我们要买地自建，不要厂房" with 厂房 ticked was stored and matched as a factory without a word — not even
// the notesDiffer the other boxes get. A kind box the notes refuse in so many words is asked about on the web form, and
// flagged (kindBoxRefused) from the API or a desk, where the hotline's call-back card lists it.

const body = (kind: string, notes: string) => ({
  need: { kind, deal: "either", areaUnit: "sqm", areaMin: "3000", areaMax: "5000", notes },
  use: { industry: "C35", product: "机床" },
  tax: { annualTaxWan: "100" },
  company: { name: "南京测试机械有限公司" },
  contact: { name: "王经理", phone: "13901507001" },
  consent: true,
});

const REFUSING: [kind: string, notes: string, lng: Lng, words: string][] = [
  ["factory", "我们要买地自建，不要厂房", "zh", "不要厂房"],
  ["factory", "不想租厂房，想拿地", "zh", "不想租厂房"],
  ["land", "不要地，租个现成厂房就行", "zh", "不要地"],
  ["warehouse", "要的是厂房不是仓库", "zh", "要的是厂房不是仓库"],
  ["office", "写字楼就算了，找个带办公的厂房", "zh", "写字楼就算了"],
  ["office", "办公楼不要", "zh", "办公楼不要"],
  ["factory", "非厂房，工业用地即可", "zh", "非厂房"],
  ["warehouse", "no warehouse, we need a factory", "en", "no warehouse"],
  ["factory", "We don't want a factory; land to build our own plant", "en", "We don't want a factory"],
];

const NOT_REFUSING: [kind: string, notes: string][] = [
  ["factory", "不要太小的厂房，层高8米以上"],
  ["factory", "厂房不要太高，8米就行"],
  ["factory", "是不是厂房无所谓，能生产就行"],
  ["warehouse", "不要仓库也行，厂房也可以"],
  ["factory", "厂房带办公，不需要宿舍"],
  ["factory", "我们没有厂房，现有厂房是租的"],
  ["land", "不要地下室，地块平整"],
  ["factory", "不要求厂房单层"],
  ["warehouse", "仓库不考虑了……想想还是仓库合适"],
];

describe("refusedKinds reads a kind refused in so many words", () => {
  it.each(REFUSING)("%s: %s → refused, with the clause as typed", (kind, notes, _lng, words) => {
    expect(refusedKinds(notes).find((r) => r.kind === kind)?.text).toBe(words);
  });
  it.each(NOT_REFUSING)("%s: %s → no refusal of the kind", (kind, notes) => {
    expect(refusedKinds(notes).some((r) => r.kind === kind)).toBe(false);
  });
  it("names the one other kind the notes ask for, or none when they ask for several or none", () => {
    expect(kindLeftByNotes("不要厂房，要地自建", "factory")).toBe("land");
    expect(kindLeftByNotes("不要厂房，仓库或者写字楼都行", "factory")).toBeUndefined();
    expect(kindLeftByNotes("不要厂房", "factory")).toBeUndefined();
  });
});

describe("the web form asks at the kind box when the notes refuse the kind ticked", () => {
  it.each(REFUSING)("%s + %s (%s) → refused at need.kind, nothing stored", (kind, notes, lng, words) => {
    const r = createLeadSchema(lng, "web").safeParse(body(kind, notes));
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === "need.kind");
    expect(issue?.message).toContain(words);
    expect(issue?.message).toMatch(
      lng === "zh" ? /^补充说明说不要.+上面选了.+请确认/ : /^Your notes rule out .+ is ticked above\. Please confirm/,
    );
    // In the page's language only: no Chinese kind word in the English message, no English in the Chinese one.
    if (lng === "en") expect(issue!.message.replace(words, "")).not.toMatch(/[\u4e00-\u9fff]/);
    else expect(issue!.message.replace(words, "")).not.toMatch(/[A-Za-z]/);
  });
  it.each(NOT_REFUSING)("%s + %s → no question at the kind box", (kind, notes) => {
    const r = createLeadSchema("zh", "web").safeParse(body(kind, notes));
    expect(r.success ? [] : r.error.issues.filter((i) => i.path.join(".") === "need.kind")).toEqual([]);
  });
});

describe("from the API or a desk the kind is kept and told (kindBoxRefused)", () => {
  for (const channel of ["api", "hotline"] as const)
    it.each(REFUSING)(`${channel}: %s + %s → kept, flagged on need.kind`, (kind, notes, lng, words) => {
      const r = createLeadSchema(lng, channel).safeParse(body(kind, notes));
      expect(r.success).toBe(true);
      const lead = (r.data as { lead: Lead }).lead;
      expect(lead.need.kind).toBe(kind);
      expect(lead.flags.filter((f) => f.code === "kindBoxRefused")).toEqual([
        {
          field: "need.kind",
          code: "kindBoxRefused",
          text: expect.stringMatching(new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ≠ .+（${kind}）$`)),
        },
      ]);
    });
  it("no flag when the notes refuse another kind than the box", () => {
    const r = createLeadSchema("zh", "api").safeParse(body("land", "我们要买地自建，不要厂房"));
    expect((r.data as { lead: Lead }).lead.flags.some((f) => f.code === "kindBoxRefused")).toBe(false);
  });
  it("the hotline's call-back card lists the refused kind first, in the card's language", () => {
    const r = createLeadSchema("zh", "api").safeParse(body("factory", "我们要买地自建，不要厂房"));
    const flags = (r.data as { lead: Lead }).lead.flags;
    expect(callbackScript("PM-20261206-0001", [], "zh", flags)).toMatch(/所选类型是备注明确不要的.*不要厂房 ≠ 厂房（factory）/);
    expect(callbackScript("PM-20261206-0001", [], "en", flags)).toMatch(
      /The kind ticked is one the notes rule out.*不要厂房 ≠ 厂房（factory）/,
    );
  });
});

describe("the live preview says it while typing", () => {
  it.each([
    ["zh", "不要厂房 ≠ 厂房"],
    ["en", "不要厂房 ≠ Factory building"],
  ] as const)("%s", (lng, said) => {
    const preview = assistPreview("我们要买地自建，不要厂房", new Set(), lng, "factory");
    expect(preview.differs).toContain(said);
    expect(assistPreview("我们要买地自建，不要厂房", new Set(), lng, "land").differs).toBe("");
  });
});
