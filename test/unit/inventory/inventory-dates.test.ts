import { describe, expect, it } from "vitest";

import { validateInventory } from "~/inventory/import.server";

// The JSON import (POST /api/import, npm run import) read "2026-13-40" as a date of the right shape and then
// threw on it (RangeError: Invalid time value): a 500 for one bad cell. The kind: any day that does not
// exist, in any date field of the import, is a bad row that names the field.
describe("impossible days in the JSON import", () => {
  const recruiter = (from: string, to: string) => ({
    id: "R1",
    name: "周敏",
    email: "zhou@example.test",
    phone: "13900001111",
    channel: "email",
    parks: ["P1"],
    capacity: 3,
    away: [{ from, to }],
  });
  it.each([
    ["2026-13-40", "2026-13-41"],
    ["2026-02-30", "2026-03-01"],
    ["2027-00-10", "2027-01-10"],
    ["2026-04-31", "2026-05-01"],
  ])("away %s → %s is a bad row, not a crash", (from, to) => {
    const r = validateInventory({ parks: [], spaces: [], recruiters: [recruiter(from, to)] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].errors.join("\n")).toMatch(/away\[0\]\.from: date: no such day/);
  });
  it("a real leap day passes", () => {
    expect(validateInventory({ parks: [], spaces: [], recruiters: [recruiter("2028-02-29", "2028-03-01")] }).ok).toBe(true);
  });
});
