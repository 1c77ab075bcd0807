import { describe, expect, it } from "vitest";

import { failureText, jobFailure, scrubPersonal } from "../../worker/job-failure";

// ADR 096: what a job's failure says in Redis and the log holds no one's data, whatever the error quoted.
describe("scrubPersonal: a failure's text without what could name a person", () => {
  it.each([
    ['451 4.7.1 held by content filter: "苏州抹除测试科技有限公司 王经理 手机13957881234"', "苏州|王经理|13957881234"],
    ["550 5.1.1 <zhou.min@example.com>: mailbox unavailable", "zhou\\.min|example\\.com"],
    ["reply quoted 'Zhang Wei, 139-5788-1234'", "Zhang|5788"],
    ["call +86 139 5788 1234 back", "5788"],
    ["last eight 5788 1234 and 57881234", "5788"],
    ["errmsg: 内容包含敏感信息 王经理", "内容|王经理"],
    ["Key (credit_code)=(91320500MA1XYZ1234) already exists", "91320500MA1XYZ1234"],
    ["invalid input syntax for type uuid: “张三”", "张三"],
    ["Ｗａｎｇ full-width letters", "Ｗａｎｇ"],
    ["「某某公司」『李四』", "某某|李四"],
  ])("%s", (text, gone) => {
    expect(scrubPersonal(text)).not.toMatch(new RegExp(gone));
  });

  it("keeps our words, codes and ids", () => {
    expect(scrubPersonal("email not sent (SMTP 451); another sender holds it now")).toBe(
      "email not sent (SMTP 451); another sender holds it now",
    );
    expect(scrubPersonal("WeCom not reached, will retry: errcode 45009")).toBe("WeCom not reached, will retry: errcode 45009");
    const id = "lead 3f2a1234-5678-4abc-9def-123456789012 does not exist";
    expect(scrubPersonal(id)).toBe(id);
    expect(scrubPersonal("connect ECONNREFUSED 127.0.0.1:7700")).toBe("connect ECONNREFUSED 127.0.0.1:7700");
    expect(scrubPersonal("x".repeat(2000))).toHaveLength(500);
  });

  it("jobFailure: neither message nor stack holds the original's text; name and code stay", () => {
    const original = Object.assign(new Error('duplicate key: "13957881234 王经理"'), { code: "23505", name: "PostgresError" });
    const failure = jobFailure(original);
    expect(failure.message).toMatch(/^PostgresError 23505: duplicate key/);
    expect(`${failure.message}\n${failure.stack}`).not.toMatch(/13957881234|王经理/);
    expect(failure.stack).toMatch(/\n\s+at /); // the frames stay, for finding the code
    expect(failureText("plain 王经理 13957881234")).not.toMatch(/王经理|13957881234/);
  });
});
