import { describe, expect, it } from "vitest";

import { LAND_BANDS_MU } from "~/admin/dashboard-bands";
import { sizeLabel } from "~/admin/dashboard-tables";
import { formatMu } from "~/domain/area";
import { describeNeedHints } from "~/domain/need-hints-text";
import { formatPhoneForDisplay, normalizePhone } from "~/domain/phone";

// English pages showed Chinese outside the data (trial38 L13): "025-5778 1234 转8001" on /hotline?lng=en, "Land ·
// 50–100亩" on /admin/dashboard?lng=en, "area 20亩（13333㎡）" in the notes' reading. The formatters take the reader's
// language (no default to forget), and none writes a CJK character in English.
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

const stored = (typed: string) => {
  const r = normalizePhone(typed);
  if (!r.ok) throw new Error(`not a phone: ${typed}`);
  return r.value;
};

describe("phones with an extension", () => {
  it.each([
    ["(025) 5778-1234 转 8001", "025-5778 1234 转8001", "025-5778 1234 ext. 8001"],
    ["0351-1234567 分机12", "0351-123 4567 转12", "0351-123 4567 ext. 12"],
    ["400 820 8820 ext. 3", "400-820-8820 转3", "400-820-8820 ext. 3"],
    ["13812345678", "138 1234 5678", "138 1234 5678"],
  ])("%s → zh %s, en %s", (typed, zh, en) => {
    expect(formatPhoneForDisplay(stored(typed), "zh")).toBe(zh);
    expect(formatPhoneForDisplay(stored(typed), "en")).toBe(en);
  });
});

describe("land in mu", () => {
  it("every dashboard band of land, and of buildings, has no Chinese in English", () => {
    for (const kind of ["land", "factory", "warehouse", "office"])
      for (let band = 0; band <= LAND_BANDS_MU.length; band++) {
        const en = sizeLabel(kind, band, "en");
        expect(en, `${kind} ${band}`).not.toMatch(CJK);
        if (kind === "land") expect(en).toMatch(/ mu$/);
      }
    expect(sizeLabel("land", 3, "en")).toBe("50–100 mu");
    expect(sizeLabel("land", 3, "zh")).toBe("50–100亩");
    expect(formatMu(30, "en")).toBe("30 mu");
  });

  it.each([
    [{ kind: "land" as const, areaMinSqm: 20000, areaMaxSqm: 33333.33 }],
    [{ kind: "land" as const, areaMinSqm: 13333.33 }],
    [{ kind: "factory" as const, areaMaxSqm: 8000 }],
  ])("the notes' reading of %o in English", (hints) => {
    const en = describeNeedHints(hints, "en");
    expect(en.join(" | ")).not.toMatch(CJK);
    expect(describeNeedHints(hints, "zh").join(" | ")).toMatch(CJK);
  });
});
