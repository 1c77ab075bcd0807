import { describe, expect, it } from "vitest";

import { muToSqm, needAreaShort } from "../../app/domain/area";

// Land asked for in 亩 was read back to the caller as "≥13333㎡" on the hotline's lookup and lead page.
describe("a need's size on one line", () => {
  it.each<[number | null, number | null, boolean, string]>([
    [muToSqm(20), null, true, "≥ 20亩"],
    [muToSqm(20), muToSqm(30), true, "20–30亩"],
    [null, muToSqm(18.5), true, "≤ 18.5亩"],
    [muToSqm(52), muToSqm(52), true, "52亩"],
    [4000, 6000, false, "4000–6000㎡"],
    [3000.4, null, false, "≥ 3000㎡"],
    [null, 800, false, "≤ 800㎡"],
    [null, null, true, ""],
  ])("%s–%s ㎡, land %s → %j", (min, max, land, text) => expect(needAreaShort(min, max, land, "zh")).toBe(text));
});
