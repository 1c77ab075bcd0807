import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { withoutFigureSpans } from "../support/page-text";
import { startApiWebServer } from "../support/services";

// The public side as an enterprise (or someone walking the references) meets it (ADR 102):
// - /inquiry/<reference> is a counted address: without the link's key it shows nothing beyond "received",
//   and every such lookup spends the address's lookup budget (20 per window, then 429 with Retry-After
//   and a page in the reader's language); the person's own link (?k=) shows the need they sent, in their
//   language, and never who sent it; /s/<token> guesses spend the same budget;
// - the same phone and need sent again within the hour is stored, flagged `repeat` for the recruiter,
//   and the person is told the first reference; the same form sent again is the first lead;
// - a lead field sent twice is named as such; an array item's error is `need.regions[1]`;
// - figure boxes are text boxes: their readers take words.
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startApiWebServer>>;
/** A fresh client address for each test (TRUST_PROXY=loopback: X-Forwarded-For from the test counts). */
let address = "";
let n = 0;
beforeEach(() => {
  address = `203.0.113.${++n}`;
});

beforeAll(async () => {
  const db = await createTestDatabase("public_side");
  sql = db.sql;
  drop = db.drop;
  web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", API_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

const get = (path: string) => fetch(`${web.url}${path}`, { redirect: "manual", headers: { "x-forwarded-for": address } });
function postForm(fields: Record<string, string> | [string, string][], lng: "zh" | "en" = "zh") {
  return fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { "x-forwarded-for": address },
  });
}
const phoneOf = (i: number) => `1391234${String(i).padStart(4, "0")}`;
const decode = (html: string) =>
  withoutFigureSpans(html)
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Sends a lead through the form; returns its confirmation address (with the key) and reference. */
async function sendLead(fields: Record<string, string>, lng: "zh" | "en" = "zh") {
  const res = await postForm(validLeadForm({ submissionKey: crypto.randomUUID(), ...fields }), lng);
  expect(res.status, decode(await res.clone().text()).slice(0, 500)).toBe(303);
  const location = res.headers.get("location")!;
  const reference = /\/inquiry\/(PM-\d{8}-\d{4,})/.exec(location)![1];
  return { location, reference };
}

describe("the confirmation page and its key", () => {
  it("the form's answer links to /inquiry/<reference>?k=<key>: the page shows the need in the person's language, nothing about who sent it", async () => {
    const company = "南京摘要显示测试有限公司";
    const fields = {
      "need.kind": "land",
      "need.deal": "buy",
      "need.areaUnit": "mu",
      "need.areaMin": "30",
      "need.areaMax": "50亩",
      "need.regions": "高淳、溧水",
      "need.moveInBy": "2031-03",
      "company.name": company,
      "contact.name": "欧阳经理",
      "contact.phone": phoneOf(1),
      "contact.email": "ouyang@example.test",
    };
    const { location, reference } = await sendLead(fields);
    expect(location).toMatch(/^\/inquiry\/PM-\d{8}-\d{4,}\?k=[A-Za-z0-9_-]{22}$/);
    const page = await get(location);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toMatch(/(^|, )no-referrer$/); // the last policy a browser reads
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = decode(await page.text());
    const summary = html.slice(html.indexOf('data-testid="summary"'), html.indexOf("</dl>"));
    expect(summary).toContain("土地 · 购买");
    expect(summary).toContain("30–50亩");
    expect(summary).toContain("高淳、溧水");
    expect(summary).toContain("2031年3月");
    for (const personal of [company, "南京摘要", "欧阳", phoneOf(1), phoneOf(1).slice(3), "ouyang"]) expect(html).not.toContain(personal);
    // English, from the page's own language link (which keeps the key).
    const en = decode(await (await get(`${location}&lng=en`)).text());
    expect(en).toContain(`href="${location.replace("?k=", "?k=")}"`); // the switch back to Chinese keeps the key
    expect(en).toContain("Land · Buy");
    expect(en).toContain("Gaochun District (高淳区)");
    expect(en).toContain("March 2031");
    expect(en).not.toContain(company);
    expect(decode(await (await get(`/inquiry/${reference}`)).text())).toContain(`href="/inquiry/${reference}?lng=en"`);
  });

  it("without the key (or with a wrong one) the page says only that the reference was received: no need, no personal data", async () => {
    const { reference } = await sendLead({ "company.name": "南京无钥匙测试有限公司", "contact.phone": phoneOf(2), "need.regions": "高淳" });
    for (const path of [
      `/inquiry/${reference}`,
      `/inquiry/${reference}?k=AAAAAAAAAAAAAAAAAAAAAA`,
      `/inquiry/${reference.toLowerCase()}?k=x`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const html = decode(await res.text());
      expect(html).toContain(reference);
      expect(html).not.toContain('data-testid="summary"');
      for (const personal of ["南京无钥匙", "陈工", phoneOf(2), "高淳", "3000"]) expect(html, path).not.toContain(personal);
    }
  });

  it("walking the references: 20 look-ups without a key per address, then 429 with Retry-After and a page in the reader's language; the key still opens", async () => {
    const { location, reference } = await sendLead({ "contact.phone": phoneOf(3) });
    const day = reference.split("-")[1];
    const statuses: number[] = [];
    for (let i = 1; i <= 22; i++) statuses.push((await get(`/inquiry/PM-${day}-${String(9000 + i)}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // A real reference without its key is refused too now: the budget is the address's.
    const zh = await get(`/inquiry/${reference}`);
    expect(zh.status).toBe(429);
    const wait = Number(zh.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(60);
    const zhHtml = decode(await zh.text());
    expect(zhHtml).toContain(`查询次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试。`);
    expect(zhHtml).not.toContain("您的需求编号"); // says nothing of whether the reference exists
    const en = await get(`/inquiry/${reference}?lng=en`);
    expect(en.status).toBe(429);
    expect(decode(await en.text())).toMatch(/Too many look-ups\. Please try again in \d+ minutes\./);
    // The person's own link is not a guess: it opens whatever the address spent.
    expect((await get(location)).status).toBe(200);
    // Another address is not limited.
    address = "198.51.100.7";
    expect((await get(`/inquiry/${reference}`)).status).toBe(200);
  });

  it("shortlist guesses spend the same budget: 429 with Retry-After after 20 wrong tokens", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await get(`/s/wrong-token-${i}-${"x".repeat(30)}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    const refused = await get("/s/another-wrong-token");
    expect(statuses[20]).toBe(429);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(decode(await refused.text())).toContain("查询次数过多");
  });
});

describe("the same need sent again", () => {
  it("the same form sent again (double tap, Back and send) is the first lead: same reference, one row", async () => {
    const key = crypto.randomUUID();
    const fields = validLeadForm({ submissionKey: key, "company.name": "南京重按测试有限公司", "contact.phone": phoneOf(10) });
    const first = await postForm(fields);
    const again = await postForm(fields);
    expect(first.status).toBe(303);
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    const [{ count }] = await sql<{ count: number }[]>`select count(*)::int from leads where company_name = '南京重按测试有限公司'`;
    expect(count).toBe(1);
  });

  it("a new form with the same phone and need within the hour: stored, flagged `repeat` with the first reference, and the person told", async () => {
    const phone = phoneOf(11);
    const first = await sendLead({ "contact.phone": phone, "need.regions": "高淳区", "company.name": "南京重复一号有限公司" });
    // The same need typed another way (phone with +86 and spaces, area in words, the region by another name of the same county).
    const second = await sendLead({
      "contact.phone": `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      "need.areaMin": "3千平",
      "need.regions": "南京市高淳区",
      "company.name": "南京重复一号公司",
    });
    expect(second.reference).not.toBe(first.reference);
    const [row] = await sql<
      { flags: { code: string; text: string }[] }[]
    >`select lead->'flags' as flags from leads where reference = ${second.reference}`;
    expect(row.flags).toContainEqual({ field: "contact.phone", code: "repeat", text: first.reference });
    const html = decode(await (await get(second.location)).text());
    expect(html).toContain(`您已提交过相同的需求，编号 ${first.reference}，不必再次提交。`);
    expect(html).toContain(`这次填写的内容也已保存（编号 ${second.reference}）`);
    // The number to keep is the first one, the lead staff work (ADR 108), not this submission's.
    expect(/data-testid="reference">([^<]*)</.exec(html)?.[1]).toBe(first.reference);
    // The first lead itself is not a repeat, and its page says nothing of the kind.
    const [own] = await sql<{ flags: { code: string }[] }[]>`select lead->'flags' as flags from leads where reference = ${first.reference}`;
    expect(own.flags.map((f) => f.code)).not.toContain("repeat");
    expect(decode(await (await get(first.location)).text())).not.toContain("您已提交过");
    // The API alike (a partner without Idempotency-Key sending it twice).
    const body = validLeadJson({ phone: phoneOf(12) });
    const a = (await (
      await fetch(`${web.url}/api/leads`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    ).json()) as { reference: string };
    const b = (await (
      await fetch(`${web.url}/api/leads`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    ).json()) as { reference: string; repeatOf?: string };
    expect(b.repeatOf).toBe(a.reference); // additive (ADR 108): the first answer has none
    expect(a).not.toHaveProperty("repeatOf");
    const [api] = await sql<
      { flags: { code: string; text: string }[] }[]
    >`select lead->'flags' as flags from leads where reference = ${b.reference}`;
    expect(api.flags).toContainEqual({ field: "contact.phone", code: "repeat", text: a.reference });
  });

  it("another need, another phone, or the same need after the hour is not a repeat", async () => {
    const phone = phoneOf(20);
    const first = await sendLead({ "contact.phone": phone, "need.regions": "高淳区" });
    const others = [
      await sendLead({ "contact.phone": phone, "need.regions": "溧水区" }),
      await sendLead({ "contact.phone": phone, "need.regions": "高淳区", "need.areaMin": "3500" }),
      await sendLead({ "contact.phone": phone, "need.regions": "高淳区", "need.kind": "warehouse" }),
      await sendLead({ "contact.phone": phoneOf(21), "need.regions": "高淳区" }),
    ];
    await sql`update leads set created_at = created_at - interval '61 minutes' where reference = ${first.reference}`;
    const later = await sendLead({ "contact.phone": phone, "need.regions": "高淳区" });
    const flags = await sql<{ reference: string; repeat: boolean }[]>`
      select reference, coalesce(lead->'flags' @> '[{"code":"repeat"}]', false) as repeat from leads
      where reference in ${sql([...others, later].map((o) => o.reference))}`;
    expect(flags.filter((f) => f.repeat)).toEqual([]);
  });
});

describe("what a refused field says", () => {
  it("a lead field sent twice is named, with both values, beside its field; the form comes back with what was sent; nothing stored", async () => {
    const fields = Object.entries(validLeadForm({ submissionKey: crypto.randomUUID(), "company.name": "南京两次测试有限公司" }));
    for (const [extra, lng] of [
      [["contact.phone", "13912340000"], "zh"],
      [["tax.annualTaxWan", "200"], "en"],
    ] as const) {
      const res = await postForm([...fields, extra as unknown as [string, string]], lng);
      expect(res.status).toBe(400);
      const html = decode(await res.text());
      const [name] = extra;
      const errors = html.slice(html.indexOf(`id="inquiry-${name}-error"`), html.indexOf(`id="inquiry-${name}-error"`) + 400);
      if (lng === "zh") expect(errors).toContain("此项收到了 2 个值（“13812345678”、“13912340000”），请只保留一个后再提交");
      else expect(errors).toContain("This field was sent 2 times (“100”, “200”); keep one value and send again");
      expect(errors).not.toMatch(/格式不正确|Invalid value/);
      expect(html).toContain('value="南京两次测试有限公司"');
    }
    const [{ count }] = await sql<{ count: number }[]>`select count(*)::int from leads where company_name = '南京两次测试有限公司'`;
    expect(count).toBe(0);
  });

  it("an item of the regions list is named need.regions[1] by the API, as the request gate and the import name items", async () => {
    const res = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...validLeadJson(), need: { ...validLeadJson().need, regions: ["高淳区", 42] } }),
    });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(errors)).toEqual(["need.regions[1]"]);
    const gate = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...validLeadJson(), need: { ...validLeadJson().need, regions: ["高淳区", "a\u0000b"] } }),
    });
    expect(Object.keys(((await gate.json()) as { errors: Record<string, string[]> }).errors)).toEqual(["need.regions[1]"]);
  });
});

describe("the keyboards of the figure boxes", () => {
  it("no box of the inquiry form opens a number pad for a reader that takes words (5千, 50亩, 约500, 2台500kva, 年底)", async () => {
    const html = await (await get("/")).text();
    const schema = createLeadSchema("zh", "web");
    const words: Record<string, string> = {
      "need.areaMin": "5千",
      "need.areaMax": "50亩",
      "need.ceilingMinM": "8米以上",
      "need.floorLoadMinKg": "3吨/平方米",
      "need.powerMinKva": "2台500kva",
      "need.craneMinT": "约10吨",
      "need.moveInBy": "年底",
      "tax.annualTaxWan": "约500",
      "tax.investmentWan": "1.2亿",
      "tax.annualOutputWan": "3千万",
      "tax.employees": "约200人",
    };
    const boxes = [...html.matchAll(/<input\b[^>]*>/g)].map(([tag]) => ({
      name: /\bname="([^"]+)"/.exec(tag)?.[1] ?? "",
      type: /\btype="([^"]+)"/.exec(tag)?.[1] ?? "text",
      mode: /\binputmode="([^"]+)"/i.exec(tag)?.[1] ?? "",
    }));
    for (const [name, typed] of Object.entries(words)) {
      const box = boxes.find((b) => b.name === name);
      expect(box, name).toBeDefined();
      // The schema reads the words…
      const [group, field] = name.split(".");
      const lead = validLeadJson() as unknown as Record<string, Record<string, unknown>>;
      const r = schema.safeParse({ ...lead, [group]: { ...lead[group], [field]: typed } });
      expect(r.success, `${name} reads “${typed}”`).toBe(true);
      // …so the box must let them be typed: no number pad, no number or month widget.
      expect(["decimal", "numeric"], name).not.toContain(box!.mode);
      expect(["number", "month"], name).not.toContain(box!.type);
    }
  });
});
