import { describe, expect, it } from "vitest";

import { referenceTyped } from "~/domain/reference-typed";

// Trial 36 (LOW-10): a reference read out over the phone and typed without its dashes found nothing.
describe("a lead reference as people type it", () => {
  it.each([
    ["pm202612060008", "PM-20261206-0008"],
    ["PM20261206-0008", "PM-20261206-0008"],
    ["pm 20261206 0008", "PM-20261206-0008"],
    [" Pm-20261206-0008 ", "PM-20261206-0008"],
    ["ＰＭ２０２６１２０６０００８", "PM-20261206-0008"],
    ["pm_20261206.0008", "PM-20261206-0008"],
    ["pm20261206", "PM-20261206"],
    ["pm2026", "PM-2026"],
    ["pm2026120612345", "PM-20261206-12345"],
  ])("%j → %j", (typed, reference) => {
    expect(referenceTyped(typed)).toBe(reference);
  });

  it.each(["", "pm", "南京精工", "13812345678", "pmc2026", "2026120600 pm", "pm 2026 abc"])("%j is no reference", (typed) => {
    expect(referenceTyped(typed)).toBeNull();
  });
});
