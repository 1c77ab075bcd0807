import { describe, expect, it } from "vitest";

import { createLeadSchema, splitRegions } from "../../app/domain/lead-schema";
import { planNoteRegions } from "../../app/domain/note-regions";
import { regionWork } from "../../app/domain/reading-work";
import { resolveRegion, resolveRegions } from "../../app/domain/regions";
import { regionFixes } from "../../app/leads/region-picker.server";
import { validLeadJson } from "../support/leads";

// Attack36 H1, H2 (docs/decisions/164): the regions box made slow to read. One 20 KB name held the web for minutes, 3,000
// short names two minutes, ten names of 40 characters seconds. The resolver's work is counted here (regionWork.lookups:
// its look-ups of a piece of text in its name tables) — never timed (a busy machine fails a timed test).

const lookups = (read: () => unknown) => {
  const before = regionWork.lookups;
  read();
  return regionWork.lookups - before;
};
const fill = (phrase: string, n: number) => phrase.repeat(Math.ceil(n / phrase.length)).slice(0, n);
const schema = createLeadSchema("zh", "api", { now: () => new Date("2026-12-05T02:00:00Z") });
const withRegions = (regions: unknown) => ({ ...validLeadJson(), need: { ...validLeadJson().need, regions } });

describe("a name longer than the regions field holds is not read", () => {
  it.each([
    ["5,000 emoji", "😀".repeat(5000)],
    ["a zone's name again and again", fill("南京江北新区", 18000)],
    ["one character 20,000 times", "江".repeat(20000)],
    ["Latin letters past 80", fill("jiangning pukou ", 81)],
    ["Han past 40", fill("江宁浦口", 41)],
  ])("%s: unknown, no suggestions, no look-up", (_, name) => {
    let r: ReturnType<typeof resolveRegions> | undefined;
    expect(lookups(() => (r = resolveRegions([name])))).toBe(0);
    expect(r).toEqual({ codes: [], problems: [{ input: name, kind: "unknown", suggestions: [] }] });
  });

  it("the schema says the field's own limit, in the form's box and in the API's array alike", () => {
    for (const regions of [fill("南京江北新区", 3000), [fill("南京江北新区", 3000)], ["江宁", "😀".repeat(2000)]]) {
      let r: ReturnType<typeof schema.safeParse> | undefined;
      expect(lookups(() => (r = schema.safeParse(withRegions(regions))))).toBeLessThan(2_000);
      expect(r?.success).toBe(false);
      expect(r?.error?.issues.map((i) => i.message)).toContain("最多 40 个字");
    }
  });

  it("names within the limit read as before, run together too", () => {
    expect(resolveRegions(["南京市江宁区"]).codes).toEqual(["320115"]);
    expect(splitRegions("江宁浦口都行")).toEqual(["江宁", "浦口"]);
    expect(splitRegions(["江宁、浦口", "高淳"])).toEqual(["江宁", "浦口", "高淳"]);
    expect(resolveRegions([fill("江宁", 40)]).problems).toHaveLength(1);
  });
});

describe("a box of more names than the field holds is read no further than split", () => {
  const many = Array.from({ length: 3000 }, (_, i) => `火星${i}`);

  it.each([
    ["the form's box", many.join("，")],
    ["the API's array", many],
    ["the API's array, names run together", Array.from({ length: 40 }, (_, i) => `${["江宁", "浦口", "高淳"][i % 3]}火星${i}`)],
  ])("%s: refused for its count, nothing resolved", (_, regions) => {
    let r: ReturnType<typeof schema.safeParse> | undefined;
    expect(lookups(() => (r = schema.safeParse(withRegions(regions))))).toBeLessThan(2_000);
    expect(r?.error?.issues.map((i) => i.message)).toContain("最多 10 项");
  });

  it("the box's fixes and the notes' places beside it read none of them", () => {
    expect(lookups(() => expect(regionFixes(many.join("、"), "zh")).toEqual([]))).toBe(0);
    expect(lookups(() => planNoteRegions("江宁的厂房，不要高淳", many))).toBe(0);
    // Ten names are read as before: a fix is offered for the one that names nothing near.
    expect(regionFixes("江宁、高纯", "zh").map((f) => f.value)).toContain("江宁、江苏省南京市高淳区");
  });
});

describe("a name within the limit costs a bounded number of look-ups", () => {
  // Before: 90,088 look-ups for the first, 216,802 for the second (and a full nearest-name search per part tried).
  it.each([
    ["a zone's name again and again", fill("南京江北新区", 39) + "丁"],
    ["a zone and its district again and again", fill("两江新区江北区", 39) + "丁"],
    ["a zone and a district of it again and again", fill("江北新区浦口区", 39) + "丁"],
    ["a city and a zone kind again and again", fill("南京市江北新区产业园", 39) + "丁"],
    ["one name again and again", fill("高淳", 39) + "丁"],
  ])("%s: under 30,000 look-ups, the same answer as resolveRegion", (_, name) => {
    let r: ReturnType<typeof resolveRegions> | undefined;
    expect(lookups(() => (r = resolveRegions([name])))).toBeLessThan(30_000);
    const direct = resolveRegion(name);
    expect(r?.problems.map((p) => p.kind)).toEqual(direct.ok ? [] : [direct.kind]);
  });

  it("ten such names in one lead: under 250,000 look-ups in all", () => {
    const names = Array.from({ length: 10 }, (_, i) => fill("两江新区江北区", 39) + String.fromCodePoint(0x4e01 + i));
    expect(lookups(() => schema.safeParse(withRegions(names)))).toBeLessThan(250_000);
  });
});
