import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";

import type { LeadFlag } from "~/domain/lead-flags";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { needOnlySchema } from "~/hotline/need-edit";
import { needEditState } from "~/hotline/need-edit.server";

// trial38 H1 (docs/decisions/184): the hotline changed 层高 and 配电 on a lead whose notes said "南京都可以就是不要江宁"; the
// save dropped `placeExcluded 江宁` (the regions box, filled from the notes at intake, was kept as loaded, and a kept box
// skipped the notes' places altogether) and the lead was matched to the Jiangning park. A correction that leaves the notes
// alone keeps every reading of them: places ruled out, preferred or open, deals refused, features not needed, bounds.

/** A lead as the public form stores it. */
function intake(need: Record<string, string>): Lead {
  return (
    createLeadSchema("zh", "web").parse({
      need: { kind: "factory", deal: "either", areaUnit: "sqm", areaMin: "3000", ...need },
      use: { industry: "C35", product: "机床" },
      tax: { annualTaxWan: "100" },
      company: { name: "南京测试机械有限公司" },
      contact: { name: "王经理", phone: "13901507001" },
      consent: true,
    }) as unknown as { lead: Lead }
  ).lead;
}

/** The need form of `lead` as its page loads it, `change` typed over it, saved as the desks save it. */
function corrected(lead: Lead, change: Record<string, string>): Lead {
  const { typed, keepBlank } = needEditState(lead, "zh");
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...typed.need, ...change })) if (v !== "") form.append(`need.${k}`, String(v));
  form.append("use.industry", typed.use.industry);
  form.append("use.product", typed.use.product);
  const s = parseWithZod(form, { schema: needOnlySchema("zh", lead, keepBlank, null), disableAutoCoercion: true });
  if (s.status !== "success") throw new Error(JSON.stringify(s.error));
  return (s.value as unknown as { lead: Lead }).lead;
}

/** The readings of the notes a correction of other boxes must keep (as field:code:text). */
const READINGS = new Set<LeadFlag["code"]>([
  "placeExcluded",
  "placeExcludedOpen",
  "placePreferred",
  "placeWished",
  "dealRefused",
  "notNeeded",
  "areaRuledOut",
  "areaCeilingOnly",
]);
const readings = (l: Lead) => (l.flags ?? []).filter((f) => READINGS.has(f.code)).map((f) => `${f.code}:${f.text}`);

const NOTES = [
  ["南京都可以就是不要江宁，两台500kva，层高不低于6米，最好有环评，要能注册公司", ["placeExcluded:江宁"]],
  ["江宁或浦口都行，不要六合", ["placeExcluded:六合"]],
  ["溧水高淳都可以，不考虑江北新区", ["placeExcluded:江北新区"]],
  ["在南京，除了浦口都行，只租不买", ["placeExcluded:浦口", "dealRefused:只租不买"]],
  ["江宁优先，其次溧水，行车不需要", ["placePreferred:江宁"]],
  ["最好溧水，不要高淳", ["placeExcludedOpen:高淳", "placeWished:溧水"]],
  ["南京都可以就是不要江宁，6000平以上不要", ["placeExcluded:江宁"]],
] as const;

describe("a correction of other boxes keeps what the notes ruled out (trial38 H1)", () => {
  it.each(NOTES)("%s: the intake reads it", (notes, expected) => {
    expect(readings(intake({ notes }))).toEqual(expect.arrayContaining([...expected]));
  });

  const CHANGES: Record<string, string>[] = [
    {},
    { ceilingMinM: "4.5", powerMinKva: "200" },
    { areaMin: "2000", areaMax: "2500" },
    { moveInBy: "2027-05" },
    { craneMinT: "5" },
  ];
  for (const [notes] of NOTES)
    it.each(CHANGES)(`${notes}: saved with %j, every reading kept`, (change) => {
      const first = intake({ notes });
      expect(readings(corrected(first, change)).sort()).toEqual(readings(first).sort());
    });

  it("saved twice over (a second desk correcting the first's save), still kept", () => {
    const first = intake({ notes: NOTES[0][0] });
    const twice = corrected(corrected(first, { ceilingMinM: "4.5" }), { powerMinKva: "200" });
    expect(readings(twice)).toContain("placeExcluded:江宁");
    expect(twice.need.regionCodes).toEqual(["320100"]);
  });

  it("the regions box emptied on purpose: the notes fill nothing, what they ruled out stays (placeExcludedOpen)", () => {
    const first = intake({ notes: NOTES[1][0] });
    const emptied = corrected(first, { regions: "" });
    expect(emptied.need.regionCodes).toEqual([]);
    expect(readings(emptied)).toContain("placeExcludedOpen:六合");
  });
});

describe("the correction form says what the notes ruled out (trial38 H1)", () => {
  it.each([
    [NOTES[0][0], "zh", "企业明确不要：区域 江宁。这是备注里写的"],
    [NOTES[3][0], "zh", "企业明确不要：区域 浦口；购买（“只租不买”）"],
    [NOTES[0][0], "en", "Ruled out by the enterprise: places: 江宁. Read from the notes"],
  ] as const)("%s (%s) → %s", (notes, lng, said) => {
    expect(needEditState(intake({ notes }), lng).ruledOut).toContain(said);
  });
  it("nothing ruled out: no line", () => {
    expect(needEditState(intake({ notes: "江宁或浦口都行" }), "zh").ruledOut).toBeNull();
  });
});
