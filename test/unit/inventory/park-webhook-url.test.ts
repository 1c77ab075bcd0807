import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";
import { parkSchema } from "~/inventory/inventory-schema";

// A park's WeCom group robot address is only ever posted to when it is the robot endpoint
// (app/notify/wecom.server.ts refuses any other, for good, so the key never travels elsewhere). The
// park form and the imports took any URL — javascript:, file:, another host, a port — and every
// notice to that group then failed in the worker, unseen by the admin who typed it.
const park = { id: "P1", name: "示例园区", province: "江苏省", city: "南京市", district: "高淳区" };
const ROBOT = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const NOT_THE_ROBOT = [
  "javascript:alert(1)",
  "file:///etc/passwd",
  "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", // plain http: the key in clear
  "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abc",
  "https://qyapi.weixin.qq.com@evil.example/cgi-bin/webhook/send?key=abc",
  "https://evil.example/cgi-bin/webhook/send?key=abc",
  "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", // no key
  "http://127.0.0.1:6379/",
];

describe("a park's WeCom webhook address", () => {
  it("the robot endpoint is taken, from the form (with blanks around it) and from JSON", () => {
    const r = checkTextRow("parks", { ...park, wecomWebhookUrl: ` ${ROBOT} ` });
    expect(r.ok && r.value.wecomWebhookUrl).toBe(ROBOT);
    expect(parkSchema.safeParse({ ...park, wecomWebhookUrl: ROBOT }).success).toBe(true);
    expect(parkSchema.safeParse({ ...park, wecomWebhookUrl: null }).success).toBe(true);
  });

  it("anything else is a field error at the address, in zh and en, before it is saved", () => {
    for (const url of NOT_THE_ROBOT) {
      const r = checkTextRow("parks", { ...park, wecomWebhookUrl: url });
      expect(r.ok, url).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => i.key)).toEqual(["wecomWebhookUrl"]);
      expect(r.issues[0].reason.zh).toContain("qyapi.weixin.qq.com");
      expect(r.issues[0].reason.en).toContain("qyapi.weixin.qq.com");
      expect(parkSchema.safeParse({ ...park, wecomWebhookUrl: url }).success, url).toBe(false);
    }
  });
});
