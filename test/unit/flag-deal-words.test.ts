import { describe, expect, it } from "vitest";

import { flagTextIn } from "~/domain/lead-flags";
import { describeFlag } from "~/i18n/flag-messages";

// Trial 12-05 (low): a deal the notes contradict was said "租（lease） ≠ 购买（buy）" on Chinese pages — the
// stored text is one for both languages, so the deal codes are said in the reader's words when shown.
describe("a deal in a flag's text, in the reader's words", () => {
  const flag = { field: "need.deal", code: "notesDiffer" as const, text: "租（lease） ≠ 购买（buy）" };

  it("Chinese pages say no English word", () => {
    expect(flagTextIn("zh", flag.text)).toBe("租（租赁） ≠ 购买");
    expect(describeFlag("zh", flag)).toBe("备注中的租售方式与所选不一致（已按所选），请与企业核实：租（租赁） ≠ 购买");
    expect(describeFlag("zh", flag)).not.toMatch(/[a-z]/i);
    expect(flagTextIn("zh", "只买不租（buy） ≠ 租买均可（either）")).toBe("只买不租（购买） ≠ 租买均可");
  });

  it("English pages say the deal in English", () => {
    expect(flagTextIn("en", flag.text)).toBe("租 (lease) ≠ buy");
    expect(flagTextIn("en", "lease only（lease） ≠ 租买均可（either）")).toBe("lease only (lease) ≠ lease or buy");
  });

  it("other flags' text is shown as stored", () => {
    for (const text of ["层高至少10米 ≠ 6 m", "年底前（2026-12）≠ 2027-06", "release（x）"])
      for (const lng of ["zh", "en"] as const) expect(flagTextIn(lng, text)).toBe(text);
  });
});
