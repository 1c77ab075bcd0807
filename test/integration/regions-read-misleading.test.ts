import { describe, expect, it } from "vitest";

import { foundText } from "~/leads/region-picker";

import { leadApiSuite } from "../support/lead-api-suite";

// ADR 118 through the real web process: GET /api/regions (the picker's search and "add") and POST
// /api/leads with what is stored — Latin zone names, zone words alone, typos of zones, punctuation inside,
// a zone beside its own district, a zone over many districts, and the notes' "不在江北新区也行" told.
const { suite, postLead } = leadApiSuite("regions_read_misleading", "1361234");

type Option = { code: string; codes?: string[]; level: string; name: string; label: string; path: string };
const api = async (query: string) => {
  const res = await fetch(`${suite.web.url}/api/regions?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    divisions?: Option[];
    resolved?: string[];
    problem?: { message: string; suggestions: { path: string }[] };
  };
};
const search = async (q: string, lng = "zh") => (await api(`q=${encodeURIComponent(q)}&lng=${lng}`)).divisions!;
const resolve = (typed: string, lng = "zh") => api(`resolve=${encodeURIComponent(typed)}&lng=${lng}`);

const stored = async (company: string) =>
  (
    await suite.sql<{ codes: string[]; regions: string[]; flags: { code: string; field: string; text: string }[] | null }[]>`
      select lead->'need'->'regionCodes' as codes, lead->'need'->'regions' as regions, lead->'flags' as flags
      from leads where company_name = ${company}`
  )[0];

describe("GET /api/regions", () => {
  it("?q=江北新区: the zone once, its label holding its name once (the chip shows the label alone)", async () => {
    for (const lng of ["zh", "en"]) {
      const zones = (await search("江北新区", lng)).filter((d) => d.level === "zone");
      expect(zones).toHaveLength(1);
      expect(zones[0].path).toBe("南京江北新区");
      expect(zones[0].label.split("南京江北新区")).toHaveLength(2);
      // English pages lead with the zone's English name (ADR 123), its Chinese name once in brackets.
      expect(zones[0].label.startsWith(lng === "en" ? "Nanjing Jiangbei New Area (南京江北新区)" : "南京江北新区")).toBe(true);
      // The button the form's script writes from this answer (inquiry-form-script.ts → foundText).
      expect(foundText(zones[0]).split("南京江北新区")).toHaveLength(2);
    }
  });

  it("?q=jiangbei: 江北区 and the zone, never 港北区", async () => {
    const list = await search("jiangbei");
    expect(list.map((d) => d.name)).not.toContain("港北区");
    expect(list.filter((d) => d.level === "zone").map((d) => d.path)).toEqual(["南京江北新区"]);
    expect(list.filter((d) => d.name === "江北区")).toHaveLength(2);
  });

  it.each<[string, string[]]>([
    ["Jiangbei New Area", ["江苏省南京市浦口区", "江苏省南京市栖霞区", "江苏省南京市六合区"]],
    ["Xiong'an New Area", ["河北省保定市雄县", "河北省保定市容城县", "河北省保定市安新县"]],
    ["江北-新区", ["江苏省南京市浦口区", "江苏省南京市栖霞区", "江苏省南京市六合区"]],
    ["江北新区浦口区", ["江苏省南京市浦口区"]],
    ["两江", ["重庆市江北区", "重庆市渝北区", "重庆市北碚区"]],
  ])("?resolve=%s adds %j", async (typed, paths) => {
    const r = await resolve(typed);
    expect([...(r.resolved ?? [])].sort()).toEqual([...paths].sort());
  });

  it.each<[string, string, string[]]>([
    ["园区", "“园区”没有说是哪里", []],
    ["开发区", "“开发区”没有说是哪里", []],
    ["江北心区", "未能识别区域“江北心区”，您要找的是否是：南京江北新区", ["南京江北新区"]],
    ["南京高新区", "一区多园", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["Lingang New Area", "“Lingang New Area”像是开发区或新区的名称", []],
  ])("?resolve=%s → told: %s", async (typed, words, suggestions) => {
    const r = await resolve(typed);
    expect(r.problem?.message).toContain(words);
    expect(r.problem?.suggestions.map((s) => s.path)).toEqual(suggestions);
  });

  it("?resolve= and ?q= are never kept by a shared cache (what was typed is in the URL: docs/decisions/137, 140); the lists by code still are", async () => {
    for (const typed of ["江宁", "王建国", "13912345678"])
      for (const param of ["resolve", "q"]) {
        const res = await fetch(`${suite.web.url}/api/regions?${param}=${encodeURIComponent(typed)}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("cache-control"), `${param}=${typed}`).toBe("private, no-store");
      }
    for (const list of ["", "?parent=320000", "?parent=320100"])
      expect((await fetch(`${suite.web.url}/api/regions${list}`)).headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("?resolve=园区&lng=en: English words, nothing suggested", async () => {
    const r = await resolve("园区", "en");
    expect(r.problem).toEqual({ message: expect.stringContaining("does not say where"), suggestions: [] });
  });
});

describe("POST /api/leads: what is stored", () => {
  it.each<[string, string[], string[]]>([
    ["两江区域A有限公司", ["两江新区", "江北区"], ["500105", "500109", "500112"]],
    ["两江区域B有限公司", ["两江新区 江北区"], ["500105"]],
    ["江北区域C有限公司", ["江北新区浦口区"], ["320111"]],
    ["江北区域D有限公司", ["Jiangbei New Area"], ["320111", "320113", "320116"]],
    ["江北区域E有限公司", ["江北-新区"], ["320111", "320113", "320116"]],
  ])("%s: regions %j → %j", async (company, regions, codes) => {
    const res = await postLead(company, { regions });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await stored(company)).codes).toEqual(codes);
  });

  it.each<[string, string]>([
    ["园区", "“园区”没有说是哪里"],
    ["南京高新区", "一区多园"],
    ["江北心区", "南京江北新区"],
  ])("regions %s refused with words that say why", async (typed, words) => {
    const res = await postLead(`拒收${typed}有限公司`, { regions: [typed] });
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain(words);
    expect(body).not.toContain("垣曲");
  });

  it("notes “不在江北新区也行” reach the recruiter as unread, beside the place wanted", async () => {
    const res = await postLead("不一定江北有限公司", { notes: "在江宁，不在江北新区也行" });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await stored("不一定江北有限公司");
    expect(row.codes).toEqual(["320115"]);
    expect(row.flags).toContainEqual({ field: "need.notes", code: "unread", text: "不在江北新区也行" });
    expect((row.flags ?? []).filter((f) => f.code.startsWith("place"))).toEqual([]);
  });

  it("…and with the regions box typed", async () => {
    const res = await postLead("不一定江北二有限公司", { regions: ["江宁区"], notes: "不在江北新区也行" });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await stored("不一定江北二有限公司");
    expect(row.codes).toEqual(["320115"]);
    expect(row.flags).toContainEqual({ field: "need.notes", code: "unread", text: "不在江北新区也行" });
  });
});
