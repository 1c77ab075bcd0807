import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { type AssignmentEmailInput, renderAssignmentEmail } from "~/notify/assignment-email";

import { assignmentEmailInput } from "../../support/assignment-email";

/** A value as React writes it into element text: what the template shows for it, escaped (ADR 026). */
const escapeHtml = (value: string) => renderToStaticMarkup(createElement(Fragment, null, value));

const input = assignmentEmailInput;

// Every tag the template itself writes, with the attributes it uses. An injected value that became
// markup would show up here as an unknown tag or attribute.
const ALLOWED_TAGS = new Set([
  "!doctype",
  "html",
  "head",
  "meta",
  "title",
  "body",
  "div",
  "p",
  "h3",
  "table",
  "tbody",
  "tr",
  "th",
  "td",
  "ol",
  "ul",
  "li",
  "strong",
  "span",
  "a",
  "br",
]);
const ALLOWED_ATTRS = new Set(["lang", "charset", "name", "content", "style", "role", "cellspacing", "cellpadding", "align", "href"]);

function tagsOf(html: string) {
  return [...html.matchAll(/<\/?([a-z!][a-z0-9]*)([^>]*)>/gi)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: [...m[2].matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase()).filter((a) => a !== "/"),
    raw: m[0],
  }));
}

function expectOnlyTemplateMarkup(html: string) {
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS, tag.raw).toContain(tag.name);
    if (tag.name === "!doctype") continue;
    for (const attr of tag.attrs) expect(ALLOWED_ATTRS, `${attr} in ${tag.raw}`).toContain(attr);
  }
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const HTML_TAG = /<\/?[a-z!][^>]*>/i;

describe("React's escaping, which the templates rely on instead of a hand escaper", () => {
  it("escapes the characters that matter in text and quoted attributes", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#x27;");
    expect(escapeHtml("园区 A&B")).toBe("园区 A&amp;B");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;"); // no double-escape shortcuts: the input is text
    expect(renderToStaticMarkup(createElement("a", { href: `https://x.cn/?q="><b>'` }, "x"))).toBe(
      '<a href="https://x.cn/?q=&quot;&gt;&lt;b&gt;&#x27;">x</a>',
    );
  });
});

describe("renderAssignmentEmail: subject", () => {
  it("names the reference, company, need and area", () => {
    const { subject } = renderAssignmentEmail(input());
    expect(subject).toBe("【新线索 PM-2K7Q9X】南京恒精密机械有限公司 · 租赁厂房 · 4000–6000㎡");
  });

  it.each<[AssignmentEmailInput["needKind"], AssignmentEmailInput["needDeal"], string]>([
    ["land", "buy", "购买土地"],
    ["warehouse", "either", "租赁或购买仓库"],
    ["office", "lease", "租赁办公"],
  ])("says the need in words: %s/%s → %s", (needKind, needDeal, label) => {
    const { subject, text } = renderAssignmentEmail(input({ needKind, needDeal, areaText: "30–50亩（20000–33333㎡）" }));
    expect(subject).toContain(` · ${label} · 30–50亩（20000–33333㎡）`);
    expect(text).toContain(`需求：${label} · 30–50亩`);
  });

  it("strips control characters and line breaks (no header injection)", () => {
    const { subject } = renderAssignmentEmail(
      input({ companyName: "恶意公司\r\nBcc: victim@example.com\u0000\u001b[31m", areaText: "5000㎡\n" }),
    );
    expect(subject).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(subject).toContain("恶意公司 Bcc: victim@example.com [31m");
    expect(subject.endsWith("5000㎡")).toBe(true);
  });

  it("stays under 120 characters and keeps need and area when the company name is huge", () => {
    const { subject } = renderAssignmentEmail(input({ companyName: "很长的公司名称".repeat(40) }));
    expect(Array.from(subject).length).toBeLessThanOrEqual(120);
    expect(subject).toContain("…");
    expect(subject).toContain("租赁厂房 · 4000–6000㎡");
  });

  it("marks a re-route", () => {
    const { subject, text, html } = renderAssignmentEmail(input({ rerouted: true }));
    expect(subject).toMatch(/^【新线索 PM-2K7Q9X】（改派）/);
    expect(text).toContain("原分配的专员未在时限内接单");
    expect(html).toContain("原分配的专员未在时限内接单");
    expect(renderAssignmentEmail(input()).text).not.toContain("改派给您");
  });
});

describe("renderAssignmentEmail: body", () => {
  it("shows the enterprise, the matched spaces with reasons, and what to do", () => {
    const { html, text } = renderAssignmentEmail(input());
    for (const part of [html, text]) {
      expect(part).toContain("王芳，您好");
      expect(part).toContain("南京恒精密机械有限公司");
      expect(part).toContain("数控机床零部件");
      expect(part).toContain("C35 专用设备制造业");
      expect(part).toContain("李明");
      expect(part).toContain("138 1234 5678");
      expect(part).toContain("300 万元/年");
      expect(part).toContain("2026年9月前");
      expect(part).toContain("需要10吨行车");
      expect(part).toContain("高淳经济开发区");
      expect(part).toContain("3号标准厂房");
      expect(part).toContain("匹配度");
      expect(part).toContain("86");
      expect(part).toContain("有条件匹配");
      expect(part).toContain("请在 120 分钟内在招商工作台接单，超时将改派");
      expect(part).toContain("https://parkmatch.example.cn/queue/assignments/a-123");
    }
    expect(html).toContain("<li>面积 5200㎡ 在需求 4000–6000㎡ 内</li>");
    expect(html).toContain("<li>层高 9m ≥ 8m</li>");
    expect(html).toContain("<li>配电未知，需核实</li>");
    expect(text).toContain("   - 面积 5200㎡ 在需求 4000–6000㎡ 内");
    expect(html).toContain("需要10吨行车<br/>层高9米以上");
    expect(hrefs(html)).toEqual(["tel:13812345678", "https://parkmatch.example.cn/queue/assignments/a-123"]);
    expectOnlyTemplateMarkup(html);
  });

  it.each([
    ["025-5288 1234 转806", "tel:02552881234,806"],
    ["025-5288 1234 ext. 806", "tel:02552881234,806"],
    ["400-123-4567", "tel:4001234567"],
  ])("the phone %s is called by %s: an extension after a pause, never run on into the number (trial 41)", (shown, tel) => {
    const { html } = renderAssignmentEmail(input({ contactPhoneDisplay: shown }));
    expect(hrefs(html)[0]).toBe(tel);
  });

  it("text part is plain: no HTML tags, no entities", () => {
    const { text } = renderAssignmentEmail(input({ companyName: "A&B 科技" }));
    expect(text).not.toMatch(HTML_TAG);
    expect(text).toContain("A&B 科技");
    expect(text).not.toContain("&amp;");
  });

  it("leaves out what the lead did not give", () => {
    const { html, text } = renderAssignmentEmail(input({ annualTaxWan: null, moveInBy: null, notes: "  ", spaces: [] }));
    for (const part of [html, text]) {
      expect(part).not.toContain("年纳税");
      expect(part).not.toContain("期望入驻");
      expect(part).not.toContain("备注");
      expect(part).toContain("暂无匹配的空间");
    }
  });
});

describe("renderAssignmentEmail: hostile input", () => {
  const PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", "`<svg/onload=alert(1)>`"];
  const FIELDS = [
    "companyName",
    "productText",
    "notes",
    "contactName",
    "contactPhoneDisplay",
    "recruiterName",
    "industryLabel",
    "parkName",
    "areaText",
    "reference",
    "spaceTitle",
    "reason",
  ] as const;

  function hostile(field: (typeof FIELDS)[number], payload: string): AssignmentEmailInput {
    if (field === "spaceTitle") return input({ spaces: [{ title: payload, score: 80, conditional: false, reasons: ["ok"] }] });
    if (field === "reason")
      return input({ spaces: [{ title: "1号厂房", score: 80, conditional: false, reasons: [payload, `前缀${payload}`] }] });
    return input({ [field]: payload });
  }

  for (const field of FIELDS) {
    it.each(PAYLOADS)(`${field}: %s arrives as text, never as markup`, (payload) => {
      const { html, text, subject } = renderAssignmentEmail(hostile(field, payload));
      expect(html).not.toContain(payload);
      expect(html).toContain(escapeHtml(payload)); // shown, escaped (not silently dropped)
      expect(html).not.toMatch(/<script|<img|<svg/i);
      // Event-handler text may appear only as escaped text, never inside a tag. (<title> holds the
      // subject, where a long value is cut, so it is left out of the text comparison.)
      for (const tag of tagsOf(html)) expect(tag.raw).not.toMatch(/\bon[a-z]+\s*=/i);
      const withoutEscaped = html
        .replace(/<title>[^<]*<\/title>/, "")
        .split(escapeHtml(payload))
        .join("");
      expect(withoutEscaped).not.toMatch(/onerror=|onmouseover=|onload=/i);
      expectOnlyTemplateMarkup(html);
      for (const href of hrefs(html)) expect(href).toMatch(/^(https:\/\/parkmatch\.example\.cn\/|tel:\+?\d+(?:,\d+)?$)/);
      // Plain text shows what the enterprise typed, verbatim; the subject too (minus controls).
      expect(text).toContain(payload);
      expect(text).not.toContain("&lt;");
      expect(subject).not.toMatch(/[\r\n]/);
    });
  }

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "/queue/a-1",
    "",
    "not a url",
  ])("drops a non-http(s) assignment URL: %s", (assignmentUrl) => {
    const { html, text } = renderAssignmentEmail(input({ assignmentUrl }));
    expect(html.toLowerCase()).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
    expect(html).not.toContain("vbscript:");
    expect(hrefs(html)).toEqual(["tel:13812345678"]);
    expect(text.toLowerCase()).not.toContain("javascript:");
    expect(text).toContain("请登录招商工作台");
    expect(html).toContain("请登录招商工作台");
    expect(html).toContain("请在 120 分钟内在招商工作台接单");
  });

  it("keeps a hostile http URL inside its href", () => {
    const { html } = renderAssignmentEmail(
      input({ assignmentUrl: `https://parkmatch.example.cn/q?x="><script>alert(1)</script>&y=' onmouseover='1` }),
    );
    expect(html).not.toMatch(/<script/i);
    expectOnlyTemplateMarkup(html);
    const link = hrefs(html).find((h) => h.startsWith("https:"));
    expect(link).toBeDefined();
    expect(link).not.toMatch(/["'<>]/);
    expect(link).toContain("https://parkmatch.example.cn/q?x=");
  });
});

describe("renderAssignmentEmail in English (the catalog's other side)", () => {
  it("writes subject, text and HTML from app/i18n/notify-messages.ts", () => {
    const { subject, text, html } = renderAssignmentEmail(input({ needKind: "land", needDeal: "either", rerouted: true }), "en");
    expect(subject).toBe("[New lead PM-2K7Q9X] (re-routed) 南京恒精密机械有限公司 · Land to lease or buy · 4000–6000㎡");
    expect(text).toContain("Dear 王芳,");
    expect(text).toContain("Need: Land to lease or buy · 4000–6000㎡");
    expect(text).toContain("Move in: by 9/2026");
    expect(text).toContain("1. 3号标准厂房  match 86");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Accept it on the recruiter desk within 120 minutes, or it is re-routed.");
    expect(html).not.toMatch(/线索编号|企业信息|匹配度/);
  });
});

describe("renderAssignmentEmail names the deadline when it is known", () => {
  // Counted on working time, a lead offered on Friday evening is due on Monday morning: "within 120
  // minutes" would tell the recruiter the wrong thing, so the mail names the deadline (Beijing time).
  it("in Chinese and English, in both parts, instead of the minutes", () => {
    const acceptBy = new Date("2026-12-07T02:00:00Z"); // Monday 10:00 in Beijing
    const zh = renderAssignmentEmail(input({ acceptBy }));
    for (const part of [zh.html, zh.text]) {
      expect(part).toContain("请在 2026-12-07 10:00（北京时间）前在招商工作台接单，超时将改派。");
      expect(part).not.toContain("120 分钟");
    }
    const en = renderAssignmentEmail(input({ acceptBy }), "en");
    expect(en.text).toContain("Accept it on the recruiter desk by 2026-12-07 10:00 (Beijing time), or it is re-routed.");
  });
});
