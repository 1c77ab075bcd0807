import { describe, expect, it } from "vitest";

import { renderWecomAssignment, renderWecomLapsed, renderWecomWithdrawal, wecomCard } from "~/notify/wecom-message";

// docs/decisions/124 (6.): the three WeCom cards end the same way, put together by one helper: their lines,
// then the assignment's link when it is a safe one.

const URL = "https://park.example.cn/queue/assignments/1";

describe("wecomCard", () => {
  it("the lines, then the link in the card's language; an unsafe or missing link adds no line", () => {
    expect(wecomCard(["a", "b"], URL, "zh")).toBe(`a\nb\n[查看分配详情](${URL})`);
    expect(wecomCard(["a"], URL, "en")).toMatch(/^a\n\[[^\]]+\]\(https:\/\/park\.example\.cn\/queue\/assignments\/1\)$/);
    for (const bad of [undefined, "", "javascript:alert(1)", "https://u:p@park.example.cn/", `https://x/${"a".repeat(1100)}`])
      expect(wecomCard(["a", "b"], bad, "zh")).toBe("a\nb");
    // Characters that could end the markdown target are encoded, not dropped.
    expect(wecomCard([], "https://x.example/a(b)", "zh")).toBe("[查看分配详情](https://x.example/a%28b%29)");
  });

  it("the three renderers end with the same link line (and none without a safe link)", () => {
    const cards = (assignmentUrl?: string) => [
      renderWecomAssignment({
        reference: "PM-1",
        parkName: "园区",
        needText: "租赁厂房",
        industryLabel: "C38",
        recruiterName: "王芳",
        recruiterPhone: "+8613812345678",
        assignmentUrl,
      }),
      renderWecomWithdrawal({
        reference: "PM-2",
        parkName: "园区",
        why: { reason: "need-changed", needText: "租赁厂房" },
        recruiterName: "王芳",
        assignmentUrl,
      }),
      renderWecomLapsed({ reference: "PM-3", parkName: "园区", recruiterName: "王芳", slaMinutes: 120, assignmentUrl }),
    ];
    for (const card of cards(URL)) expect(card.split("\n").at(-1)).toBe(`[查看分配详情](${URL})`);
    for (const card of cards("javascript:alert(1)")) expect(card).not.toContain("查看分配详情");
  });
});
