import { unstable_createFormContext as createFormContext } from "@conform-to/dom";
import type { SubmissionResult } from "@conform-to/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { formReply, type PageAnswer } from "~/components/forms";

// Import40 (trial 39 LOW): the recruiter desk refused a visit date after today — "看厂日期不能晚于今天；预约的看厂请记为下次
// 跟进日期" — and the recruiter did as told and saved the follow-up date: the page came back with the follow-up saved and
// the visit's message still standing. The kind: a form's messages outlived the answer that carried them whenever another
// form of the page did its step (its redirect's flash names that form), since formReply gave every other form no new answer, and Conform keeps the messages it has until it gets one. Now
// every other form gets "messages cleared, values kept": what is typed stays (ADR 081), its message goes, and comes
// back only from a new check (typing, leaving the box, sending it).
const idle: PageAnswer = { navigating: false, answer: undefined, done: null, moved: false };
const visitRefused: SubmissionResult<string[]> = {
  status: "error",
  initialValue: { intent: "visit", visitOn: "2099-01-02" },
  error: { visitOn: ["看厂日期不能晚于今天；预约的看厂请记为下次跟进日期。"] },
};

const realDocument = (globalThis as { document?: unknown }).document;
beforeAll(() => {
  // Conform's form context looks its form element up by id (focus after an error): no element in a unit test.
  (globalThis as { document?: unknown }).document = { forms: { namedItem: () => null } };
});
afterAll(() => {
  (globalThis as { document?: unknown }).document = realDocument;
});

/** One form of the page through a sequence of page states, as useForm hands Conform its lastResult on each render. */
function play(form: string, pages: { page: PageAnswer; result?: SubmissionResult<string[]> }[]) {
  const ctx = createFormContext({ formId: form, lastResult: undefined, defaultValue: {} } as never);
  for (const { page, result } of pages) ctx.onUpdate({ formId: form, lastResult: formReply(form, result, page) } as never);
  return ctx.getState() as unknown as { error: Record<string, string[]>; value: Record<string, unknown> };
}

describe("a form's messages go when another form of the page did its step; what is typed stays", () => {
  it.each([
    ["another step done (its redirect names it)", { ...idle, done: "followUp" }],
    ["a plain button's step done (接单)", { ...idle, done: "accept" }],
  ])("the visit form after %s", (_what, page) => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, navigating: true } },
      { page },
      { page }, // the same page rendered again: nothing new
    ]);
    expect(state.error).toEqual({});
    expect(state.value.visitOn).toBe("2099-01-02");
  });

  it("the refused form itself keeps its message and what was typed, render after render", () => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
    ]);
    expect(state.error.visitOn).toEqual(["看厂日期不能晚于今天；预约的看厂请记为下次跟进日期。"]);
    expect(state.value.visitOn).toBe("2099-01-02");
  });

  it.each([
    ["another form refused (its 400)", { ...idle, answer: { form: "note" } }],
    ["a post refused as stale (403, no form)", { ...idle, answer: { form: "", stale: true } }],
  ])("the visit form's message stands after %s: nothing was done, it still holds", (_what, page) => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, navigating: true } },
      { page },
    ]);
    expect(state.error.visitOn).toHaveLength(1);
    expect(state.value.visitOn).toBe("2099-01-02");
  });

  it("a redirect that names no form (an alert: nothing was done) leaves every message standing", () => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, navigating: true } },
      { page: idle },
    ]);
    expect(state.error.visitOn).toHaveLength(1);
  });

  it("refused again after the messages were cleared: the new message shows (each answer reported once)", () => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, navigating: true } },
      { page: { ...idle, done: "followUp" } },
      { page: { ...idle, navigating: true } },
      { page: { ...idle, answer: { form: "visit" }, done: "followUp" }, result: { ...visitRefused } },
      { page: { ...idle, navigating: true } },
      { page: { ...idle, done: "note" } },
    ]);
    expect(state.error).toEqual({});
    const again = play("visit", [
      { page: { ...idle, done: "followUp" } },
      { page: { ...idle, navigating: true } },
      { page: { ...idle, answer: { form: "visit" }, done: "followUp" }, result: visitRefused },
    ]);
    expect(again.error.visitOn).toHaveLength(1);
  });

  it("the step's own form still starts over (its value back to the stored one)", () => {
    const state = play("visit", [
      { page: { ...idle, answer: { form: "visit" } }, result: visitRefused },
      { page: { ...idle, navigating: true } },
      { page: { ...idle, done: "visit" } },
    ]);
    expect(state.error).toEqual({});
    expect(state.value.visitOn).toBeUndefined();
  });
});
