import { describe, expect, it } from "vitest";

import config from "../../vitest.config";
import SuiteSequencer, { HEAVY_FILES, placeApart } from "../setup/sequencer";

// The heavy files (the fault suite, two of each) wait on their pacing most of their time: queued apart among
// the other files instead of alone after them, so the machine's other core works meanwhile (ADR 212).

const heavy = (f: string) => f.startsWith("H");

describe("placeApart", () => {
  it("puts the first heavy file at the front and the next after its share of the others, which keep their order", () => {
    const others = Array.from({ length: 10 }, (_, i) => `o${i}`);
    expect(placeApart(["H1", ...others, "H2"], heavy)).toEqual(["H1", ...others.slice(0, 5), "H2", ...others.slice(5)]);
    expect(placeApart([...others.slice(0, 3), "H1", "H2", "H3", ...others.slice(3, 9)], heavy)).toEqual([
      "H1",
      ...others.slice(0, 3),
      "H2",
      ...others.slice(3, 6),
      "H3",
      ...others.slice(6, 9),
    ]);
  });

  it("never queues two heavy files side by side while others are queued", () => {
    for (let n = 2; n <= 40; n++) {
      const order = placeApart(["H1", "H2", ...Array.from({ length: n }, (_, i) => `o${i}`)], heavy);
      expect(order.length).toBe(n + 2);
      expect(order[0]).toBe("H1");
      const at = order.indexOf("H2");
      expect(at - order.indexOf("H1"), `n=${n}`).toBeGreaterThan(1);
    }
  });

  it("leaves a list without heavy files, or of heavy files only, as it was", () => {
    expect(placeApart(["a", "b", "c"], heavy)).toEqual(["a", "b", "c"]);
    expect(placeApart(["H1", "H2"], heavy)).toEqual(["H1", "H2"]);
    expect(placeApart([], heavy)).toEqual([]);
  });
});

describe("vitest.config.ts", () => {
  const projects = (config.test?.projects ?? []) as {
    test: { name: string; include?: string[]; maxWorkers?: number; sequence?: object };
  }[];
  const heavyProject = projects.find((p) => p.test.name === "heavy")!;

  it("queues the run through the suite's sequencer, and the heavy project is the fault suite and two of each", () => {
    expect(config.test?.sequence?.sequencer).toBe(SuiteSequencer);
    expect(heavyProject.test.include).toEqual(HEAVY_FILES);
  });

  it("runs the heavy files in the same group as the others (no group of their own, no worker limit of their own)", () => {
    expect(heavyProject.test.sequence).toBeUndefined();
    expect(heavyProject.test.maxWorkers).toBeUndefined();
    for (const p of projects) expect((p.test.sequence as { groupOrder?: number } | undefined)?.groupOrder ?? 0, p.test.name).toBe(0);
  });
});
