import { describe, expect, it } from "vitest";

import { leadExportCells } from "~/admin/lead-export.server";
import type { LeadExportRow } from "~/admin/lead-list.server";

// The 行业 column printed the code twice ("C34 C34 通用设备制造业", new-user trial): the label carries it.
const row = (industry: string): LeadExportRow => ({
  reference: "PM-1",
  company: "某公司",
  product: "阀门",
  industry,
  kind: "factory",
  areaMinSqm: 1000,
  areaMaxSqm: 2000,
  unitCount: null,
  regions: [],
  regionCodes: null,
  status: "new",
  closedAs: null,
  duplicateOf: null,
  source: "web",
  assignments: [],
  createdAt: new Date("2026-12-01T02:00:00Z"),
  acceptBy: null,
  breached: false,
});

describe("the lead export's 行业 column", () => {
  it.each([
    ["C34", "zh", "C34 通用设备制造业"],
    ["C39", "zh", "C39 计算机、通信和其他电子设备制造业"],
    ["C34", "en", "C34 Manufacture of general-purpose machinery"],
    ["C", "zh", "C 制造业"],
    ["", "zh", ""],
  ] as const)("%s (%s) → %s, the code once", (code, lng, cell) => {
    const industry = leadExportCells(lng, row(code))[3] as string;
    expect(industry).toBe(cell);
    if (code) expect(industry.split(code).length - 1).toBe(1);
  });
});

// ADR 130 left the count out of the export (docs/decisions/133): its column is after the area's, blank for one.
describe("the lead export's count column", () => {
  it("holds a need's unit count after the two area columns, blank without one", () => {
    expect(leadExportCells("zh", { ...row("C34"), areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }).slice(5, 8)).toEqual([
      13500, 16500, 3,
    ]);
    expect(leadExportCells("en", row("C34")).slice(5, 8)).toEqual([1000, 2000, ""]);
  });
});
