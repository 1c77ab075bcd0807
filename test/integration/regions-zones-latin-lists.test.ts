import { describe, expect, it } from "vitest";

import { foundText } from "~/leads/region-picker";

import { leadApiSuite } from "../support/lead-api-suite";
import { validLeadJson } from "../support/leads";

// ADR 123 through the real web process: POST /api/leads (what is stored, what is refused and in which
// words) and GET /api/regions (the picker's search, "add", and a search too long for the HTTP parser).
const { suite, postLead } = leadApiSuite("regions_zones_latin_lists", "1374562");

const stored = async (company: string) =>
  (
    await suite.sql<{ codes: string[]; regions: string[]; flags: { code: string; field: string; text: string }[] | null }[]>`
      select lead->'need'->'regionCodes' as codes, lead->'need'->'regions' as regions, lead->'flags' as flags
      from leads where company_name = ${company}`
  )[0];

let phone = 0;
/** A lead posted in English (Accept-Language), its need's regions as given. */
const postEnglish = (company: string, regions: unknown) =>
  fetch(`${suite.web.url}/api/leads`, {
    method: "POST",
    body: JSON.stringify({
      ...validLeadJson({ company, phone: `1374563${String(++phone).padStart(4, "0")}` }),
      need: { kind: "factory", deal: "lease", areaMin: 3000, areaUnit: "sqm", regions },
    }),
    headers: { "content-type": "application/json", "accept-language": "en", "x-forwarded-for": `203.0.113.${phone}` },
  });

const JIANGBEI_NEW_AREA = ["320111", "320113", "320116"];

describe("POST /api/leads: the same words, the same places", () => {
  it.each<[string, string[], string[], string[]]>([
    ["顿号元素A有限公司", ["江宁、浦口"], ["320111", "320115"], ["江宁", "浦口"]],
    ["顿号元素B有限公司", ["两江新区，江北区", "高淳"], ["320118", "500105", "500109", "500112"], ["两江新区", "江北区", "高淳"]],
    ["空格链C有限公司", ["两江新区 江北区 渝北区"], ["500105", "500112"], ["两江新区 江北区 渝北区"]],
    ["空格列表D有限公司", ["江北新区 江宁区"], ["320111", "320113", "320115", "320116"], ["江北新区 江宁区"]],
    ["英文园区E有限公司", ["Nanjing Jiangbei New Area Industrial Park"], JIANGBEI_NEW_AREA, ["Nanjing Jiangbei New Area Industrial Park"]],
    ["英文开发区F有限公司", ["Gaochun Development Zone"], ["320118"], ["Gaochun Development Zone"]],
    ["英文区G有限公司", ["Luhe District"], ["320116"], ["Luhe District"]],
    ["和连接H有限公司", ["江宁和浦口"], ["320111", "320115"], ["江宁和浦口"]],
    ["英文列表I有限公司", ["Jiangning and Gaochun"], ["320115", "320118"], ["Jiangning and Gaochun"]],
  ])("%s: regions %j → %j", async (company, regions, codes, typed) => {
    const res = await postLead(company, { regions });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await stored(company);
    expect(row.codes).toEqual(codes);
    expect(row.regions).toEqual(typed);
  });

  it("a regions string in the API splits as the form's box (one element, 、 inside)", async () => {
    const res = await postLead("字符串区域有限公司", { regions: "江宁、浦口或者高淳" });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await stored("字符串区域有限公司")).codes).toEqual(["320111", "320115", "320118"]);
  });

  it("Nanjing High-tech Zone asks which district, as 南京高新区 does — in English, the core and the city offered", async () => {
    const res = await postEnglish("英文高新区有限公司", ["Nanjing High-tech Zone"]);
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string[]> };
    const message = errors["need.regions"].join(" ");
    expect(message).toContain("Nanjing High-tech Zone");
    expect(message).toContain("Pukou District, Nanjing, Jiangsu (江苏省南京市浦口区)");
  });

  it("luhe asks: 六合区 first (the parks' city), 陆河县 beside it", async () => {
    const res = await postLead("陆河六合有限公司", { regions: ["luhe"] });
    expect(res.status).toBe(400);
    const message = ((await res.json()) as { errors: Record<string, string[]> }).errors["need.regions"].join(" ");
    expect(message.indexOf("江苏省南京市六合区")).toBeGreaterThan(-1);
    expect(message.indexOf("江苏省南京市六合区")).toBeLessThan(message.indexOf("广东省汕尾市陆河县"));
  });

  it("a long English name is read; one past 80 letters is refused naming the cap, in English", async () => {
    const ok = await postEnglish("英文长名有限公司", ["Nanjing Jiangbei New Area Intelligent Manufacturing Industrial Park"]);
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await stored("英文长名有限公司")).codes).toEqual(JIANGBEI_NEW_AREA);
    const long = await postEnglish("英文过长有限公司", [`${"Jiangbei ".repeat(10)}x`]);
    expect(long.status).toBe(400);
    expect(JSON.stringify(await long.json())).toMatch(/need\.regions\[0\].*80/);
  });

  it("the notes' zone with its district after a space: the district within, as the box reads it", async () => {
    const res = await postLead("备注空格有限公司", { regions: [], notes: "在两江新区 江北区找厂房" });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await stored("备注空格有限公司")).codes).toEqual(["500105"]);
  });

  it("the notes' zone tells 江北区 beside it apart: filled, nothing unread", async () => {
    const res = await postLead("备注两江有限公司", { regions: [], notes: "两江新区，江北区也行" });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await stored("备注两江有限公司");
    expect(row.codes).toEqual(["500105", "500109", "500112"]);
    expect((row.flags ?? []).filter((f) => f.code === "unread")).toEqual([]);
  });
});

type Option = { code: string; level: string; name: string; label: string; path: string };
const api = (query: string, headers: Record<string, string> = {}) => fetch(`${suite.web.url}/api/regions?${query}`, { headers });

describe("GET /api/regions", () => {
  it("?q=江北新区&lng=en: the zone by its English name, its Chinese name once, the districts in English", async () => {
    const { divisions } = (await (await api(`q=${encodeURIComponent("江北新区")}&lng=en`)).json()) as { divisions: Option[] };
    const zone = divisions.find((d) => d.level === "zone")!;
    expect(zone.label).toBe("Nanjing Jiangbei New Area (南京江北新区), in Pukou District, Qixia District, Luhe District");
    expect(foundText(zone)).toBe(zone.label);
  });

  it("?resolve= a long English zone name adds its districts; a zone suggestion is named in English", async () => {
    const add = (await (await api(`resolve=${encodeURIComponent("Nanjing Jiangbei New Area Industrial Park")}`)).json()) as {
      resolved: string[];
    };
    expect(add.resolved).toHaveLength(3);
    const typo = (await (await api(`resolve=${encodeURIComponent("江北心区")}&lng=en`)).json()) as {
      problem: { suggestions: { path: string; label: string }[] };
    };
    expect(typo.problem.suggestions).toEqual([{ path: "南京江北新区", label: "Nanjing Jiangbei New Area (南京江北新区)" }]);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [`q=${encodeURIComponent("江".repeat(5000))}`, {}, /网址或请求头过长/],
    [`q=${encodeURIComponent("江".repeat(5000))}&lng=en`, {}, /too long/],
    [`q=${"jiang".repeat(4000)}`, { "accept-language": "en" }, /too long/],
  ])("a search too long for the HTTP parser: a JSON message, not a bare status (%#)", async (query, headers, words) => {
    const res = await api(query, headers);
    expect(res.status).toBe(431);
    const body = (await res.json()) as { errors: { _form: string[] } };
    expect(body.errors._form[0]).toMatch(words);
  });
});
