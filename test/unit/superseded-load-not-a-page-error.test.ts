import { describe, expect, it } from "vitest";

import { isSupersededLoad } from "../support/browser";

// The e2e watch leaves out Remix's logged AbortError of a superseded load (CI sessions 38, 39: the hotline desk), as
// Chromium gives it — first line, then the abort's stack — and nothing else.
describe("isSupersededLoad", () => {
  it("takes the abort as Chromium logs it, with its stack", () => {
    expect(
      isSupersededLoad("AbortError: signal is aborted without reason\n    at Hr (http://127.0.0.1:1/build/_shared/c.js:1:22416)"),
    ).toBe(true);
    expect(isSupersededLoad("AbortError: The user aborted a request.")).toBe(true);
  });
  it("keeps every other error", () => {
    for (const text of [
      "Uncaught Error: Minified React error #345; visit https://react.dev/errors/345",
      "TypeError: Failed to fetch",
      "Uncaught (in promise) AbortError: signal is aborted without reason",
      "Error: AbortError: signal is aborted without reason",
      "AbortError: signal is aborted without reason, and then something else",
    ])
      expect(isSupersededLoad(text), text).toBe(false);
  });
});
