import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";

// Trial 12-05, finding 1 (and a low), through the real web process: an enterprise writing its notes in
// English sees on its confirmation the districts and the month its notes named — not "Preferred districts:
// Any" — and what the notes said that could not be read; the regions box takes "jiangning pukou"; the
// picker finds zones by their English names; a Chinese confirmation names a deal in Chinese only.
const suite = inquiryConfirmationSuite("english_notes", 13900312000);
const sendForm = (fields: Record<string, string>, lng: "zh" | "en" = "en") => suite.sendForm(fields, lng);

/** The confirmation's "What you asked for" rows, label → value. */
const rows = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<div><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2].replace(/&#x27;/g, "'")]),
  );

describe("the confirmation of a lead with English notes", () => {
  it("names the districts and the month the notes gave (en; zh for the same lead)", async () => {
    const notes = "we want something in Jiangning or Pukou, move in by March 2027";
    const { html, reference } = await sendForm({ "company.name": "English Notes One Ltd", "need.notes": notes });
    const en = rows(html);
    expect(en["Preferred districts"]).toBe("Jiangning District (江宁区), Pukou District (浦口区)"); // in the order typed
    expect(en["Move in by"]).toBe("March 2027");
    const [stored] = await suite.db.sql<{ need: { regionCodes: string[]; moveInBy: string } }[]>`
      select lead -> 'need' as need from leads where reference = ${reference}`;
    expect(stored.need).toMatchObject({ regionCodes: ["320111", "320115"], moveInBy: "2027-03" });
    const zh = rows(await (await fetch(`${suite.web.url}${/href="(\/inquiry\/[^"]+)"/.exec(html.replace(/&amp;/g, "&"))![1]}`)).text());
    expect(zh["意向区域"]).toBe("江宁区、浦口区");
    expect(zh["最晚入驻"]).toBe("2027年3月");
  });

  it("says what it could not read instead of leaving it out (en, zh)", async () => {
    const { html } = await sendForm({
      "company.name": "English Notes Two Ltd",
      "need.notes": "a factory in Jiangnign, move in around March or April 2027",
    });
    expect(rows(html)["Preferred districts"]).toBe("Any");
    const said = html.replace(/&#x27;/g, "'");
    expect(said).toContain("We could not read “Jiangnign” in your notes, so it was not used for matching");
    expect(said).toContain("We could not read “move in around March or April 2027” in your notes");
    const zh = await sendForm({ "company.name": "英文备注三有限公司", "need.notes": "in Jiangnign please" }, "zh");
    expect(zh.html).toContain("您在补充说明里写的“Jiangnign”未能自动识别，没有用于匹配，招商专员会与您电话确认。");
  });

  it("a Chinese page names a deal the notes contradict in Chinese only (low)", async () => {
    // Since ADR 185 the form stops at the deal box before saving a deal the notes refuse (was: saved, and the
    // confirmation said the two disagree): the question names the deal in Chinese, never "lease"/"buy".
    const res = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({
          "contact.phone": suite.nextPhone(),
          "company.name": "租售矛盾测试有限公司",
          "need.deal": "buy",
          "need.notes": "只租不买",
        }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    const page = (await res.text()).replace(/&quot;/g, '"');
    expect(page).toContain("补充说明说不买（“只租不买”），上面选了购买");
    const said = /补充说明说不买[^<]*/.exec(page)?.[0] ?? "";
    expect(said).not.toMatch(/lease|buy/);
    expect(await suite.db.sql`select 1 from leads where company_name = '租售矛盾测试有限公司'`).toHaveLength(0);
  });

  it.each([
    ["zh", "不要厂房，我们要买地自建", "补充说明说不要厂房（“不要厂房”），上面选了厂房，请确认"],
    ["en", "We don't want a factory, land to build on", 'Your notes rule out factory building ("We don\'t want a factory")'],
  ] as const)("asks at the kind box when the notes refuse the kind ticked, nothing stored (ADR 197, %s)", async (lng, notes, asked) => {
    const company = `类型矛盾测试${lng}有限公司`;
    const res = await fetch(`${suite.web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "contact.phone": suite.nextPhone(), "company.name": company, "need.kind": "factory", "need.notes": notes }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    const page = (await res.text()).replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");
    expect(page).toContain(asked);
    expect(page).toContain(notes.replace(/'/g, "'")); // the typing stays in the notes box
    expect(await suite.db.sql`select 1 from leads where company_name = ${company}`).toHaveLength(0);
  });
});

describe("Latin names in the box and the picker", () => {
  it("the regions box takes a list written with spaces: jiangning pukou", async () => {
    const { html, reference } = await sendForm({ "company.name": "English Box Ltd", "need.regions": "jiangning pukou" });
    expect(rows(html)["Preferred districts"]).toBe("Pukou District (浦口区), Jiangning District (江宁区)");
    const [stored] = await suite.db.sql<
      { codes: string[] }[]
    >`select lead -> 'need' -> 'regionCodes' as codes from leads where reference = ${reference}`;
    expect(stored.codes).toEqual(["320111", "320115"]);
  });

  it("GET /api/regions finds zones by their English names (q=jiangning, q=high-tech), labelled in English", async () => {
    const labels = async (q: string) =>
      (
        (await (await fetch(`${suite.web.url}/api/regions?lng=en&q=${encodeURIComponent(q)}`)).json()) as {
          divisions: { level: string; label: string }[];
        }
      ).divisions
        .filter((d) => d.level === "zone")
        .map((d) => d.label);
    expect(await labels("jiangning")).toEqual([
      "Jiangning Economic and Technological Development Zone (江宁经济技术开发区), in Jiangning District",
    ]);
    expect(await labels("high-tech")).toEqual([
      "Suzhou High-tech Zone (苏州高新区), in Huqiu District",
      "Wuxi High-tech Zone (无锡高新区), in Xinwu District",
    ]);
    // A name with zone words nothing starts with: what the box will resolve it to.
    const pukou = (await (await fetch(`${suite.web.url}/api/regions?lng=en&q=Pukou%20Industrial%20Park`)).json()) as {
      divisions: { code: string }[];
    };
    expect(pukou.divisions.map((d) => d.code)).toEqual(["320111"]);
  });
});
