import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { isWecomWebhookUrl } from "../../../app/domain/wecom-url";
import { postWecomMarkdown, truncateUtf8, type WecomResult } from "../../../app/notify/wecom.server";
import { neutraliseWecomText, renderWecomAssignment, type WecomAssignmentInput } from "../../../app/notify/wecom-message";

const KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const ENDPOINT = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";
const WEBHOOK = `${ENDPOINT}?key=${KEY}`;
const bytes = (s: string) => new TextEncoder().encode(s).length;

// What the fake robot received, one entry per request that passed the exact-request check.
let received: string[] = [];

/**
 * The fake robot. `http.all` rather than `http.post` so that a wrong method reaches the check instead
 * of falling through; any deviation from the documented request gets a 418 naming the problem, which
 * postWecomMarkdown reports as a non-retryable failure, so "expect ok" tests fail loudly.
 */
function robot(reply: () => Response | Promise<Response>) {
  return http.all(ENDPOINT, async ({ request }) => {
    const problem = await checkRequest(request);
    if (problem) return new HttpResponse(`bad request: ${problem}`, { status: 418 });
    return reply();
  });
}

async function checkRequest(request: Request): Promise<string | null> {
  if (request.method !== "POST") return `method ${request.method}`;
  const url = new URL(request.url);
  if (url.search !== `?key=${KEY}`) return `query ${url.search}`;
  if (request.headers.get("content-type") !== "application/json") return `content-type ${request.headers.get("content-type")}`;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return "body is not JSON";
  }
  const b = body as { msgtype?: unknown; markdown?: { content?: unknown } };
  if (JSON.stringify(Object.keys(b)) !== '["msgtype","markdown"]') return `body keys ${Object.keys(b)}`;
  if (b.msgtype !== "markdown") return `msgtype ${String(b.msgtype)}`;
  if (typeof b.markdown !== "object" || b.markdown === null || JSON.stringify(Object.keys(b.markdown)) !== '["content"]')
    return "markdown shape";
  if (typeof b.markdown.content !== "string") return "content not a string";
  received.push(b.markdown.content);
  return null;
}

const wecomJson = (errcode: number, errmsg: string) => () => HttpResponse.json({ errcode, errmsg });

const server = setupServer(robot(wecomJson(0, "ok")));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  received = [];
});
afterAll(() => server.close());

/** Whatever happened, the key (a bearer secret) must not be in what callers will log. */
function expectNoKey(result: WecomResult) {
  expect(JSON.stringify(result)).not.toContain(KEY);
}

describe("postWecomMarkdown", () => {
  it("sends the documented request and reports success on errcode 0", async () => {
    const result = await postWecomMarkdown(WEBHOOK, "**新线索** 苏州工业园");
    expect(result).toEqual({ ok: true });
    expect(received).toEqual(["**新线索** 苏州工业园"]);
  });

  it.each([
    [
      93000,
      "invalid webhook url, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=93000",
    ],
    [40008, "invalid message type"],
    [40058, "markdown.content exceed max length 4096"],
  ])("errcode %i (config or message error) is not retryable", async (errcode, errmsg) => {
    server.use(robot(wecomJson(errcode, errmsg)));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: false, errcode, status: 200 });
    expect(result).not.toHaveProperty("retryAfterMs");
    if (!result.ok) expect(result.error).toContain(String(errcode));
    expectNoKey(result);
  });

  it("errcode 45009 (frequency limit) is retryable after the robot's one-minute window", async () => {
    server.use(robot(wecomJson(45009, "api freq out of limit")));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: true, errcode: 45009, status: 200, retryAfterMs: 60_000 });
  });

  it("errcode -1 (system busy) is retryable", async () => {
    server.use(robot(wecomJson(-1, "system busy")));
    expect(await postWecomMarkdown(WEBHOOK, "hi")).toMatchObject({ ok: false, retryable: true, errcode: -1 });
  });

  it("HTTP 429 is retryable, waiting the robot's window when there is no Retry-After", async () => {
    server.use(robot(() => new HttpResponse("Too Many Requests", { status: 429 })));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: true, status: 429, retryAfterMs: 60_000 });
  });

  it("HTTP 429 honours Retry-After in seconds", async () => {
    server.use(robot(() => new HttpResponse(null, { status: 429, headers: { "Retry-After": "7" } })));
    expect(await postWecomMarkdown(WEBHOOK, "hi")).toMatchObject({ ok: false, retryable: true, status: 429, retryAfterMs: 7_000 });
  });

  it("HTTP 502 is retryable", async () => {
    server.use(robot(() => new HttpResponse("<html>Bad Gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } })));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: true, status: 502 });
    expect(result).not.toHaveProperty("retryAfterMs");
  });

  it("HTTP 404 (wrong endpoint) is not retryable", async () => {
    server.use(robot(() => new HttpResponse("not found", { status: 404 })));
    expect(await postWecomMarkdown(WEBHOOK, "hi")).toMatchObject({ ok: false, retryable: false, status: 404 });
  });

  it("a network error is retryable and does not throw", async () => {
    server.use(robot(() => HttpResponse.error()));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result).not.toHaveProperty("status");
    expectNoKey(result);
  });

  it("a timeout is retryable and returns at the deadline, not when the server answers", async () => {
    // The server answers only once the call has returned: a call that waited for the answer would never
    // return (the test fails at its timeout), on a machine of any speed. (It was a 3 s answer and
    // "returned within 2 s", a figure that only holds while the machine keeps up.)
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      robot(async () => {
        await answered;
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
    );
    let result: WecomResult;
    try {
      result = await postWecomMarkdown(WEBHOOK, "hi", { timeoutMs: 100 });
    } finally {
      answer();
    }
    expect(result).toMatchObject({ ok: false, retryable: true });
    if (!result.ok) expect(result.error).toMatch(/timed out/);
  });

  it.each([
    ["an HTML page", "<html><body>网关错误</body></html>"],
    ["JSON without errcode", '{"status":"ok"}'],
    ["an empty body", ""],
  ])("HTTP 200 with %s is retryable (unreadable answer)", async (_label, body) => {
    server.use(robot(() => new HttpResponse(body, { status: 200, headers: { "Content-Type": "text/html" } })));
    expect(await postWecomMarkdown(WEBHOOK, "hi")).toMatchObject({ ok: false, retryable: true, status: 200 });
  });

  it("does not follow a redirect (the key and the message stay with WeCom)", async () => {
    server.use(robot(() => new HttpResponse(null, { status: 302, headers: { Location: "https://evil.example/collect" } })));
    const result = await postWecomMarkdown(WEBHOOK, "hi");
    expect(result).toMatchObject({ ok: false, retryable: false, status: 302 });
  });

  it("refuses a non-WeCom URL without sending anything", async () => {
    // onUnhandledRequest "error" would also fail a request to this host.
    const result = await postWecomMarkdown(`https://evil.example/cgi-bin/webhook/send?key=${KEY}`, "hi");
    expect(result).toMatchObject({ ok: false, retryable: false });
    expectNoKey(result);
    expect(received).toEqual([]);
  });

  it("refuses empty content without sending anything", async () => {
    expect(await postWecomMarkdown(WEBHOOK, "  \n ")).toMatchObject({ ok: false, retryable: false });
    expect(received).toEqual([]);
  });

  it("ignores a nonsensical timeout and uses the default", async () => {
    expect(await postWecomMarkdown(WEBHOOK, "hi", { timeoutMs: Number.NaN })).toEqual({ ok: true });
    expect(await postWecomMarkdown(WEBHOOK, "hi", { timeoutMs: -1 })).toEqual({ ok: true });
  });
});

describe("postWecomMarkdown: 4096-byte content limit", () => {
  it("sends Chinese content over the limit cut at a character boundary, ending with …", async () => {
    // 1 ASCII byte first, so 3-byte characters straddle the 4096-byte boundary.
    const long = "a" + "招商引资园区厂房".repeat(300); // 1 + 2400 × 3 = 7201 bytes
    expect(await postWecomMarkdown(WEBHOOK, long)).toEqual({ ok: true });
    const sent = received[0];
    expect(bytes(sent)).toBeLessThanOrEqual(4096);
    expect(bytes(sent)).toBeGreaterThan(4096 - 6); // not cut needlessly short
    expect(sent.endsWith("…")).toBe(true);
    expect(long.startsWith(sent.slice(0, -1))).toBe(true);
    expect(sent).not.toContain("\uFFFD");
  });

  it("sends content of exactly 4096 bytes unchanged", async () => {
    const exact = "a" + "厂".repeat(1365); // 1 + 4095
    expect(bytes(exact)).toBe(4096);
    await postWecomMarkdown(WEBHOOK, exact);
    expect(received).toEqual([exact]);
  });
});

describe("truncateUtf8", () => {
  it("never splits a surrogate pair or a grapheme cluster", () => {
    // 𠀀 is 4 bytes (a surrogate pair in JS); 👨‍👩‍👧 is one grapheme of 18 bytes; "…" is 3 bytes.
    expect(truncateUtf8("𠀀𠀀𠀀", 10)).toBe("𠀀…");
    expect(truncateUtf8("ab👨‍👩‍👧cd", 12)).toBe("ab…");
    expect(truncateUtf8("e\u0301e\u0301e\u0301", 6)).toBe("e\u0301…");
  });

  it("leaves content within the limit alone", () => {
    expect(truncateUtf8("园区", 6)).toBe("园区");
  });
});

describe("isWecomWebhookUrl", () => {
  it.each([WEBHOOK, `${WEBHOOK}&debug=1`])("accepts %s", (url) => {
    expect(isWecomWebhookUrl(url)).toBe(true);
  });

  it.each([
    `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`, // not https
    `https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=${KEY}`,
    `https://evil.example/cgi-bin/webhook/send?key=${KEY}`,
    `https://qyapi.weixin.qq.com@evil.example/cgi-bin/webhook/send?key=${KEY}`,
    `https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`,
    `https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=${KEY}`,
    `https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=${KEY}`,
    `https://qyapi.weixin.qq.com/cgi-bin/webhook/send/?key=${KEY}`,
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?token=abc",
    "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    "",
  ])("rejects %s", (url) => {
    expect(isWecomWebhookUrl(url)).toBe(false);
  });
});

describe("renderWecomAssignment", () => {
  const base: WecomAssignmentInput = {
    reference: "PM-20240611-0042",
    parkName: "苏州工业园区",
    needText: "租赁厂房 4000–6000㎡",
    industryLabel: "新能源汽车零部件",
    recruiterName: "王晓明",
    recruiterPhone: "+8613812345678",
    assignmentUrl: "https://parkmatch.example/assignments/42",
  };

  it("shows reference, park, need with area, industry, recruiter with masked phone, and the link", () => {
    const md = renderWecomAssignment(base);
    for (const part of ["PM-20240611-0042", "苏州工业园区", "租赁厂房 4000–6000㎡", "新能源汽车零部件", "王晓明", "5678"]) {
      expect(md).toContain(part);
    }
    expect(md).toContain("[查看分配详情](https://parkmatch.example/assignments/42)");
    expect(md).toContain("+86 138＊＊＊＊5678"); // maskPhone's "*" made inert so it cannot read as bold
  });

  it("never contains the full phone, whatever the separators", () => {
    for (const recruiterPhone of ["+8613812345678", "+862583456789;ext=123", "not a phone 13812345678"]) {
      const digits = renderWecomAssignment({ ...base, recruiterPhone, assignmentUrl: undefined }).replace(/\D/g, "");
      expect(digits).not.toContain("13812345678");
      expect(digits).not.toContain("83456789");
    }
  });

  it("omits the link when there is none or it is not http(s)", () => {
    expect(renderWecomAssignment({ ...base, assignmentUrl: undefined })).not.toContain("](");
    expect(renderWecomAssignment({ ...base, assignmentUrl: "javascript:alert(1)" })).not.toContain("](");
    expect(renderWecomAssignment({ ...base, assignmentUrl: "not a url" })).not.toContain("](");
  });

  it("percent-encodes characters that would end or alter the link target", () => {
    const md = renderWecomAssignment({ ...base, assignmentUrl: "https://parkmatch.example/a/(42)?x=**y**" });
    expect(md).toContain("[查看分配详情](https://parkmatch.example/a/%2842%29?x=%2A%2Ay%2A%2A)");
  });

  it("neutralises hostile values: no injected link, tag, heading, quote or extra line", () => {
    const md = renderWecomAssignment({
      ...base,
      assignmentUrl: undefined,
      reference: "R1](http://evil.example)",
      parkName: "[点此领取补贴](http://evil.example/phish)",
      needText: '<font color="warning">紧急：请转账</font>',
      industryLabel: "**粗体**\n# 假标题\n> 假引用\r\n<a href=x>",
      recruiterName: "王\u202Eevil\u200B张&lt;font&gt;",
    });
    expect(md).not.toMatch(/\]\(/); // no markdown link at all
    // Apart from our own quote markers, no ASCII "<", ">", "[" or "]" survives.
    expect(md.replace(/^> /gm, "")).not.toMatch(/[<>[\]]/);
    expect(md).not.toContain("http://");
    expect(md).not.toContain("&lt;");
    expect(md).not.toMatch(/[\u202E\u200B]/);
    expect(md.split("\n")).toHaveLength(5); // title + 4 quote lines: no injected line
    expect(md).toContain("［点此领取补贴］（http：//evil.example/phish）"); // still readable
    expect(md).toContain('＜font color="warning"＞紧急：请转账＜/font＞');
  });

  it("flags a rerouted lead", () => {
    const md = renderWecomAssignment({ ...base, rerouted: true });
    expect(md).toContain("线索改派");
    expect(md).toContain('<font color="warning">此线索已改派给上述招商专员');
    const fresh = renderWecomAssignment(base);
    expect(fresh).toContain("新线索分配");
    expect(fresh).not.toContain("<font");
  });

  it("stays within 4096 bytes even with huge 4-byte values, so the sender never cuts the link", () => {
    const huge = "𠀀".repeat(10_000);
    const md = renderWecomAssignment({
      reference: huge,
      parkName: huge,
      needText: huge,
      industryLabel: huge,
      recruiterName: huge,
      recruiterPhone: huge,
      assignmentUrl: `https://parkmatch.example/assignments/${"9".repeat(900)}`,
      rerouted: true,
    });
    expect(bytes(md)).toBeLessThanOrEqual(4096);
    expect(md.endsWith(")")).toBe(true);
  });

  it("shows an empty value as a dash", () => {
    expect(neutraliseWecomText(" \n ")).toBe("—");
  });
});
