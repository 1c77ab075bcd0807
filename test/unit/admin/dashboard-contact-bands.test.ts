import { describe, expect, it } from "vitest";

import { CONTACT_BUCKETS, contactFromBands } from "~/admin/dashboard-data.server";

// The first-contact figure from counts per fine band (migration 046, ADR 046): each page bucket is the
// sum of the bands inside it, a time on a bucket's bound is in that bucket, and bands that straddle a
// bucket bound are refused.

const bounds = [1, 2, 5, 10, 15, 30, 45, 60, 240, 1000, 1440, 43200];

describe("contactFromBands", () => {
  it("sums whole bands into the buckets (band i holds (bounds[i-1], bounds[i]]; the last band is open)", () => {
    // band 0: ≤ 1; band 2: (2, 5]; band 3: (5, 10]; band 7: (45, 60]; band 8: (60, 240]; band 10: (1000, 1440]; 11: (1440, 43200]; 12: open
    const c = contactFromBands({ bounds, bands: [0, 2, 3, 7, 8, 10, 11, 12], counts: [1, 2, 4, 8, 16, 32, 64, 128], median: 61.5 });
    expect(c.buckets).toEqual([
      { upTo: 5, assignments: 3 },
      { upTo: 15, assignments: 4 },
      { upTo: 30, assignments: 0 },
      { upTo: 60, assignments: 8 },
      { upTo: 240, assignments: 16 },
      { upTo: 1440, assignments: 32 },
      { upTo: null, assignments: 192 },
    ]);
    expect(c.total).toBe(255);
    expect(c.within5).toBe(3);
    expect(c.within60).toBe(15);
    expect(c.medianMinutes).toBe(61.5);
    expect(CONTACT_BUCKETS.length).toBe(6);
  });

  it("gives zeros and no median when nothing was contacted", () => {
    const c = contactFromBands({ bounds, bands: [], counts: [], median: null });
    expect(c.total).toBe(0);
    expect(c.buckets.every((b) => b.assignments === 0)).toBe(true);
    expect(c.medianMinutes).toBeNull();
  });

  it("refuses bands that do not close on every bucket bound (a migration out of step with the code)", () => {
    expect(() => contactFromBands({ bounds: bounds.filter((b) => b !== 60), bands: [], counts: [], median: null })).toThrow(/60/);
  });
});
