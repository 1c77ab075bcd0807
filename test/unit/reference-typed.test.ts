import { describe, expect, it } from "vitest";

import { referenceOf, referenceTyped } from "~/domain/reference-typed";

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

// Trial 38: the API, the admin's "duplicate of" and the privacy desk each read a whole reference their own way
// (the UUID only; PM- with 3–6 digits and any case; PM- upper case only): one reading now, padded as stored.
describe("the stored reference a person meant", () => {
  it.each([
    ["PM-20261206-0008", "PM-20261206-0008"],
    ["pm202612060008", "PM-20261206-0008"],
    ["PM 20261206 8", "PM-20261206-0008"],
    ["pm-20261206-008", "PM-20261206-0008"],
    ["PM-20261206-00012345", "PM-20261206-12345"],
    ["PM-20261206-0", "PM-20261206-0000"],
    ["ＰＭ－２０２６１２０６－００１２", "PM-20261206-0012"],
  ])("%j → %j", (typed, reference) => {
    expect(referenceOf(typed)).toBe(reference);
  });

  it.each(["PM-20261206", "pm2026", "", "13812345678", "南京精工", "PM-20261206-1234567890123"])("%j is no whole reference", (typed) => {
    expect(referenceOf(typed)).toBeNull();
  });
});
