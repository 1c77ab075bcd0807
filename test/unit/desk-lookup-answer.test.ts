import { describe, expect, it } from "vitest";

import { readLookupAnswer } from "~/components/desk-lookup";

// The hotline desk's live lookups read a refusal of the web layer (ADR 156's `{errors: {field: [msg]}}`, any
// 4xx or a 503) as a refusal with its own words, never as "no answer" with the typing hint (ADR 163).
const FAILED = { state: "unavailable" as const, leads: [] as string[] };

describe("readLookupAnswer", () => {
  it.each([
    [400, { errors: { "company.name": ["“公司名称” 含有无法保存的字符"] } }, null, "“公司名称” 含有无法保存的字符", undefined],
    [413, { errors: { _form: ["请求体过大（上限 128 KB）。"] } }, null, "请求体过大（上限 128 KB）。", undefined],
    [429, { errors: { _form: ["Too many requests; try again in 30 seconds."] } }, "30", "Too many requests; try again in 30 seconds.", 30],
    [503, { errors: { _form: ["服务繁忙，请稍后再试。"] } }, " 5 ", "服务繁忙，请稍后再试。", 5],
    // Several fields: every message once, in order; a date Retry-After is not read as seconds.
    [400, { errors: { a: ["一", "二"], b: ["二", "三"] } }, "Wed, 21 Oct 2026 07:28:00 GMT", "一 二 三", undefined],
  ])("%i %j → refused with its words", (_status, body, retryAfter, message, seconds) => {
    const answer = readLookupAnswer(body, retryAfter, FAILED);
    expect(answer).toEqual({ state: "refused", message, ...(seconds !== undefined ? { retryAfterSec: seconds } : {}) });
  });

  it("a route's own answer (with its state) is read as it is, its session refusals too", () => {
    const done = { state: "done", leads: ["x"] };
    expect(readLookupAnswer(done, null, FAILED)).toBe(done);
    expect(readLookupAnswer({ state: "stale", csrf: "t" }, null, FAILED)).toEqual({ state: "stale", csrf: "t" });
  });

  it.each([[null], ["text"], [42], [{}], [{ errors: {} }], [{ errors: { a: [] } }], [{ errors: { a: [" "] } }], [{ message: "x" }]])(
    "%j is no answer: a fresh copy of the failed answer",
    (body) => {
      const answer = readLookupAnswer(body, null, FAILED);
      expect(answer).toEqual(FAILED);
      expect(answer).not.toBe(FAILED);
    },
  );
});
