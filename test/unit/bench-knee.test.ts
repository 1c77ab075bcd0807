import { describe, expect, it } from "vitest";

import { KNEE_MAX_RATE, kneeProbe } from "../bench/knee";

const r = (rate: number, held: boolean) => ({ rate, held });

describe("bench:e2e's knee search", () => {
  it("halves the gap between the highest rate that held and the lowest that did not", () => {
    expect(kneeProbe([r(10, true), r(50, false)], 5)).toBe(30);
    expect(kneeProbe([r(10, true), r(50, false), r(30, true)], 5)).toBe(40);
    expect(kneeProbe([r(10, true), r(50, false), r(30, true), r(40, false)], 5)).toBe(35);
  });

  it("stops once the gap is at most the step", () => {
    expect(kneeProbe([r(10, true), r(50, false), r(30, true), r(40, false), r(35, true)], 5)).toBeNull();
    expect(kneeProbe([r(34, true), r(36, false)], 5)).toBeNull();
  });

  it("searches from 0 when no rate held, and not at all when the step is 0 or nothing was measured", () => {
    expect(kneeProbe([r(10, false), r(50, false)], 5)).toBe(5);
    expect(kneeProbe([r(10, true), r(50, false)], 0)).toBeNull();
    expect(kneeProbe([], 5)).toBeNull();
  });

  it("looks higher when every rate held: twice the highest, up to the bench's top rate, then halves as before", () => {
    expect(kneeProbe([r(10, true), r(50, true)], 5)).toBe(100);
    expect(kneeProbe([r(10, true), r(50, true), r(100, false)], 5)).toBe(75);
    expect(kneeProbe([r(10, true), r(50, true), r(100, true)], 5)).toBe(KNEE_MAX_RATE);
    expect(kneeProbe([r(10, true), r(50, true), r(100, true), r(KNEE_MAX_RATE, true)], 5)).toBeNull();
    expect(kneeProbe([r(10, true), r(50, true)], 5, 80)).toBe(80);
  });

  it("goes on above the highest rate that held when a lower one failed on a noisy machine", () => {
    expect(kneeProbe([r(20, false), r(30, true), r(50, false)], 5)).toBe(40);
    expect(kneeProbe([r(20, false), r(30, true)], 5)).toBe(60); // nothing above 30 failed: look higher
  });
});
