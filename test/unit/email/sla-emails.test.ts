import { describe, expect, it } from "vitest";

import { rerouteDestination } from "~/notify/reroute-destination";
import { renderEscalationEmail, renderRerouteNotice } from "~/notify/sla-emails";

// The two emails of a missed acceptance deadline (ADR 026: React templates, texts from notify-messages).

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;

describe("renderRerouteNotice", () => {
  const input = {
    recruiterName: "王芳",
    reference: "PM-1",
    companyName: "南京恒精密",
    parkName: "高淳经济开发区",
    slaMinutes: 120,
    destination: "recruiter" as const,
  };

  it("tells the recruiter the lead moved on, in subject, text and HTML", () => {
    const { subject, text, html } = renderRerouteNotice(input);
    expect(subject).toBe("【已改派 PM-1】南京恒精密 超时未接单，已转给其他专员");
    expect(text).toBe("王芳，您好：\n\n线索 PM-1（高淳经济开发区）在 120 分钟内未被接单，系统已改派给下一位专员。无需再处理此线索。\n");
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain(
      "<p>王芳，您好：</p><p>线索 PM-1（高淳经济开发区）在 120 分钟内未被接单，系统已改派给下一位专员。无需再处理此线索。</p>",
    );
  });

  it("shows hostile values as text", () => {
    const { html, text } = renderRerouteNotice({ ...input, recruiterName: HOSTILE, parkName: HOSTILE });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain(HOSTILE);
  });

  it("speaks English when asked", () => {
    expect(renderRerouteNotice(input, "en").text).toContain("was not accepted within 120 minutes");
    expect(renderRerouteNotice(input, "en").html).toContain('<html lang="en">');
  });

  // docs/decisions/124: the lead that went to the admins' queue (nobody else could take it) is not said
  // to have gone to another recruiter; one given back meanwhile is said to be theirs again.
  it("says truly where the lead went: the admins' queue, or back to them (zh, en)", () => {
    const queue = renderRerouteNotice({ ...input, destination: "queue" });
    expect(queue.subject).toBe("【已转出 PM-1】南京恒精密 超时未接单，已转入管理员待分配队列");
    expect(queue.text).toContain("目前没有其他专员可以接手，线索已转入管理员待分配队列");
    for (const { subject, text } of [queue, renderRerouteNotice({ ...input, destination: "back" })])
      expect(`${subject}${text}`).not.toMatch(/其他专员(?!可以)|下一位专员/);
    const queueEn = renderRerouteNotice({ ...input, destination: "queue" }, "en");
    expect(queueEn.subject).toContain("now in the admins' unassigned queue");
    expect(queueEn.text).not.toMatch(/another recruiter|next recruiter/);
    const back = renderRerouteNotice({ ...input, destination: "back" });
    expect(back.text).toContain("现在这条分配又交回给您");
    expect(renderRerouteNotice({ ...input, destination: "back" }, "en").subject).toContain("assigned to you again");
  });
});

describe("rerouteDestination", () => {
  it("another holder → recruiter; none → queue; the recipient again (any case) → back", () => {
    expect(rerouteDestination("R2", "R1")).toBe("recruiter");
    expect(rerouteDestination(null, "R1")).toBe("queue");
    expect(rerouteDestination(undefined, "R1")).toBe("queue");
    expect(rerouteDestination("r1", "R1")).toBe("back");
  });
});

describe("renderEscalationEmail", () => {
  const input = {
    reference: "PM-2",
    companyName: "南京恒精密",
    parkName: "高淳经济开发区",
    areaText: "4000–6000㎡",
    assignmentUrl: "https://parkmatch.example.cn/queue/assignments/a-1",
  };

  it("tells an admin, with the link to the assignment", () => {
    const { subject, text, html } = renderEscalationEmail(input);
    expect(subject).toBe("【升级 PM-2】南京恒精密 两次改派仍无人接单");
    expect(text).toBe(
      "线索 PM-2（高淳经济开发区，4000–6000㎡）已两次改派，仍无人在时限内接单，请管理员处理。\nhttps://parkmatch.example.cn/queue/assignments/a-1\n",
    );
    expect(html).toContain('<a href="https://parkmatch.example.cn/queue/assignments/a-1">查看分配</a>');
  });

  it("keeps a hostile value out of the markup, the link inside its href", () => {
    const { html } = renderEscalationEmail({ ...input, parkName: HOSTILE, assignmentUrl: `https://x.cn/?q="><script>` });
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('href="https://x.cn/?q=&quot;&gt;&lt;script&gt;"');
  });
});
