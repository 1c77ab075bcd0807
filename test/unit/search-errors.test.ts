import { MeilisearchApiError } from "meilisearch";
import { describe, expect, it } from "vitest";

import { isRefusal, TaskFailedError } from "../../search/client";

// What the index writer sets aside (Meilisearch refused our content) and what it waits out (an outage).
describe("isRefusal", () => {
  const api = (status: number) => new MeilisearchApiError(new Response("{}", { status }));

  it("is a refusal when a task failed as an invalid request, or Meilisearch answered 400/413", () => {
    expect(isRefusal(new TaskFailedError("bad _geo", "invalid_request"))).toBe(true);
    expect(isRefusal(api(400))).toBe(true);
    expect(isRefusal(api(413))).toBe(true);
    expect(isRefusal(new Error("wrapped", { cause: api(400) }))).toBe(true);
  });

  it("is not a refusal when the fault is Meilisearch's side, the key, or the network", () => {
    expect(isRefusal(new TaskFailedError("no space left on device", "system"))).toBe(false);
    expect(isRefusal(new TaskFailedError("internal", "internal"))).toBe(false);
    expect(isRefusal(new TaskFailedError("no type"))).toBe(false);
    for (const status of [401, 403, 404, 408, 429, 500, 502, 503]) expect(isRefusal(api(status)), String(status)).toBe(false);
    expect(isRefusal(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isRefusal("not even an error")).toBe(false);
  });
});
