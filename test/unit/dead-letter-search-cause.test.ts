import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failureCause } from "~/admin/failure-cause";

import { createSearchClient } from "../../search/client";
import { failureText, jobFailure } from "../../worker/job-failure";

// Attack 38: a lead.match dead letter caused by a missing search index read "MeiliSearchRequestError: Request to
// http://…/multi-search has failed" on the admin's dead-letters page — the reason (index_not_found) was in the
// error's cause, which nothing stored. The worker's failure text now ends with Meilisearch's code and the index,
// and the admin page says it in the admin's language.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const missing = req.url?.startsWith("/multi-search") ? "pmx_spaces" : "pmx_leads";
    res.writeHead(404, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        message: `Index \`${missing}\` not found.`,
        code: "index_not_found",
        type: "invalid_request",
        link: "https://docs.meilisearch.com/errors#index_not_found",
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("did not fail");
}

describe("a search failure's cause, from the worker to the admin's page", () => {
  it("the job's failure text ends with Meilisearch's code and the index it names", async () => {
    const client = createSearchClient(url, "masterKey-0123456789abcdef");
    const search = await failureOf(() => client.multiSearch({ queries: [{ indexUid: "pmx_spaces", q: "厂房 13800138000" }] }));
    expect(failureText(search)).toMatch(/\[meilisearch index_not_found pmx_spaces\]$/);
    expect(jobFailure(search).message).toMatch(/\[meilisearch index_not_found pmx_spaces\]$/);
    const stats = await failureOf(() => client.index("pmx_leads").getStats());
    expect(failureText(stats)).toMatch(/\[meilisearch index_not_found pmx_leads\]$/);
    // Still scrubbed: nothing a person typed comes through.
    expect(failureText(search)).not.toMatch(/13800138000|厂房/);
  });

  it("an error with no search cause is written as before", () => {
    expect(failureText(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe("Error: connect ECONNREFUSED 127.0.0.1:5432");
  });

  it("the admin page says the cause in the admin's language, with what to do", () => {
    const stored =
      "MeilisearchRequestError: Request to http://127.0.0.1:7700/multi-search has failed [meilisearch index_not_found pmx_spaces]";
    const zh = failureCause("zh", stored)!;
    const en = failureCause("en", stored)!;
    expect(zh).toContain("搜索索引 pmx_spaces 不存在");
    expect(zh).toContain("重试");
    expect(en).toContain("the search index pmx_spaces is missing");
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(failureCause("en", "MeilisearchApiError: x [meilisearch invalid_api_key]")).toContain("invalid_api_key");
    expect(failureCause("zh", "Error: connect ECONNREFUSED")).toBeNull();
    expect(failureCause("zh", null)).toBeNull();
  });
});
