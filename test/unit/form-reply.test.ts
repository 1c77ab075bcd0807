import type { SubmissionResult } from "@conform-to/react";
import { describe, expect, it } from "vitest";

import { formReply, type PageAnswer } from "~/components/forms";

// Which form of a page starts over after a step (ADR 081): only the one the answer names. The browser
// tests (test/e2e/unsent-text-kept.test.ts, stale-form-errors.test.ts) play it on the pages.

const idle: PageAnswer = { navigating: false, answer: undefined, done: null, moved: false };
const errors: SubmissionResult<string[]> = { status: "error", initialValue: { body: "" }, error: { body: ["请填写备注"] } };
const isReset = (r: SubmissionResult<string[]> | undefined) => r?.initialValue === null;
// Messages cleared, what is typed kept (no initialValue): another form of the page was answered (import40).
const isCleared = (r: SubmissionResult<string[]> | undefined) =>
  r !== undefined && r.initialValue === undefined && JSON.stringify(r.error) === "{}";

describe("formReply: the lastResult each form of a page gets", () => {
  it("while a navigation runs: nothing new (what the form shows stays until the answer is there)", () => {
    expect(formReply("note", errors, { ...idle, navigating: true })).toBeUndefined();
    expect(formReply("note", undefined, { ...idle, navigating: true, done: "note" })).toBeUndefined();
  });

  it("the redirect after a step resets the form it names; the others keep what is typed, their messages cleared", () => {
    expect(isReset(formReply("note", undefined, { ...idle, done: "note" }))).toBe(true);
    expect(isCleared(formReply("note", undefined, { ...idle, done: "accept" }))).toBe(true);
    expect(isCleared(formReply("followUp", undefined, { ...idle, done: "note" }))).toBe(true);
  });

  it("a redirect that names no form (an alert: the step did not happen, a plain button) resets nothing", () => {
    expect(formReply("note", undefined, idle)).toBeUndefined();
  });

  it("action data goes to the form it is for; the page's other forms keep their text and their messages (nothing was done)", () => {
    expect(formReply("visit", errors, { ...idle, answer: { form: "visit" } })).toBe(errors);
    expect(formReply("note", undefined, { ...idle, answer: { form: "visit" } })).toBeUndefined();
  });

  it("action data is newer than a flash still in the loader's data (no reload after a 4xx): the flash's form is not reset again", () => {
    expect(isReset(formReply("note", undefined, { ...idle, answer: { form: "visit" }, done: "note" }))).toBe(false);
    expect(isReset(formReply("note", undefined, { ...idle, answer: { stale: true }, done: "note" }))).toBe(false);
  });

  it("another address of the same route (a link to another lead) starts every form over", () => {
    expect(isReset(formReply("note", undefined, { ...idle, moved: true }))).toBe(true);
  });

  it("gives the same reset object each time, so Conform takes one reset for one answer", () => {
    expect(formReply("note", undefined, { ...idle, done: "note" })).toBe(formReply("hours", undefined, { ...idle, done: "hours" }));
  });
});
