import { describe, expect, it } from "vitest";

import {
  type Draft,
  DRAFT_MAX_AGE_MS,
  draftKey,
  formSlot,
  isDroppedFor,
  isExpiredLogin,
  parseDraft,
  sameHidden,
} from "~/components/form-drafts";

// The copy of a form sent after the sign-in ended (ADR 085): which form it is, whose it is, how long it
// lasts. test/e2e/expired-session-draft.test.ts plays it in Chromium on the desk and a lead page.

const NOW = Date.UTC(2026, 11, 3, 10, 0);
const draft: Draft = {
  owner: "user-a",
  address: "/hotline",
  form: "id:hotline-lead-*",
  at: NOW - 60_000,
  fields: [["contact.phone", "13955556666"]],
  hidden: [["task", "t1"]],
};

describe("form drafts", () => {
  it("names a form the same on the next load: its form key in its id is no part of the name; id-less forms by action and place", () => {
    const key = "0b9e6a4c-3f0e-4c7e-9a51-2f1d7c0e8a11";
    expect(formSlot(`hotline-lead-${key}`, "/hotline", -1, [key, "csrf-token-value"])).toBe("id:hotline-lead-*");
    expect(formSlot("note", "", -1)).toBe("id:note");
    expect(formSlot(null, "/hotline", 2)).toBe("/hotline#2");
    expect(draftKey("/queue/assignments/x?lng=en", "id:note")).toBe("pm-draft:/queue/assignments/x?lng=en#id:note");
  });

  it("keeps a copy only when the post was answered by the sign-in page saying the session had ended", () => {
    expect(isExpiredLogin("/login", "?next=%2Fhotline&expired=1")).toBe(true);
    expect(isExpiredLogin("/login", "?next=%2Fhotline")).toBe(false);
    expect(isExpiredLogin("/hotline", "?expired=1")).toBe(false);
  });

  it("drops another account's copy (a shared hotline PC), an old one, and anything that is not a copy", () => {
    expect(isDroppedFor(draft, "user-a", NOW)).toBe(false);
    expect(isDroppedFor(draft, "user-b", NOW)).toBe(true);
    expect(isDroppedFor({ ...draft, at: NOW - DRAFT_MAX_AGE_MS - 1 }, "user-a", NOW)).toBe(true);
    expect(isDroppedFor(null, "user-a", NOW)).toBe(true);
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft);
    expect(parseDraft("{not json")).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, owner: 1 }))).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, fields: [["a"]] }))).toBeNull();
  });

  it("goes back only into a form with the same hidden fields (that call task's), whatever its new token and form key", () => {
    expect(
      sameHidden(draft, [
        ["csrf", "new"],
        ["task", "t1"],
        ["formKey", "k2"],
      ]),
    ).toBe(true);
    expect(
      sameHidden(draft, [
        ["csrf", "new"],
        ["task", "t2"],
      ]),
    ).toBe(false);
  });
});
