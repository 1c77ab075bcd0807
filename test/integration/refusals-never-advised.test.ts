import { beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import type { Exclusion } from "~/domain/matching/why-not";
import { storeLead } from "~/leads/intake.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { decodeEntities } from "../support/need-form";
import { webClient } from "../support/staff-web";

// Trial 35, H1 and L4 (docs/decisions/158): "不考虑高淳，溧水江宁都可以" (stored placeExcluded 高淳) got a call-back
// task telling the hotline "意向区域加上 高淳区 可匹配" for 高淳's spaces, the API's why-not the same suggestion, and
// no staff page showed the refusal; the hotline lead page said the enterprise's "招商专员会与您核实". Real web, real
// lead.match job, the demo inventory (高淳: S1 4800㎡ 9m, S5 6000㎡ 8m; 溧水 S8 12000㎡; 江宁 S10 2000㎡ 4.8m).

const suite = deskWorkerSuite("refusals_never_advised");
const client = () => webClient(suite.web.url);
const ADMIN = "admin@example.test";
let phone = 13700035800;
beforeAll(async () => {
  await suite.db
    .sql`insert into users (email, name, role, password_hash) values (${ADMIN}, '管理员', 'admin', ${await hashPassword(DESK_PASSWORD)})`;
});

/** A factory lead stored as the API stores it: `need` over a blank-regions factory of C29 (注塑). */
async function storeNotesLead(company: string, need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const json = {
    need: { kind: "factory", deal: "either", areaUnit: "sqm", ...need },
    use: { industry: "C29", product: "注塑件" },
    tax: { annualTaxWan: 50 },
    company: { name: company },
    contact: { name: "张经理", phone: String(phone++) },
    consent: true,
  };
  const parsed = createLeadSchema(lng, "api").parse(json);
  return storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng });
}

const leadRow = async (id: string) =>
  (
    await suite.db.sql<{ status: string; excluded: Exclusion[]; lead: { flags: { code: string; text: string }[] } }[]>`
      select status, excluded, lead from leads where id = ${id}`
  )[0];
const callback = async (id: string) =>
  (
    await suite.db.sql<
      { script: string; scriptEn: string }[]
    >`select script, script_en from call_tasks where lead_id = ${id} and kind = 'callback'`
  )[0];
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ""));

describe("a place the enterprise refused is never advised, and every staff page shows the refusal", () => {
  it("zh (the trial's notes): no '加上 高淳区' in the call-back task or the API; the refusal said and shown", async () => {
    const lead = await storeNotesLead("南京恒达塑业拒高淳有限公司", {
      areaMin: "3千",
      areaMax: "5千平米",
      notes: "不考虑高淳，溧水江宁都可以。不需要行车。层高不要低于8米。现有厂房8000平太大了",
    });
    const before = await leadRow(lead.id);
    expect(before.lead.flags).toEqual(expect.arrayContaining([expect.objectContaining({ code: "placeExcluded", text: "高淳" })]));
    await suite.runMatch(lead.id);
    const row = await leadRow(lead.id);
    expect(row.status).toBe("unmatched");

    // The call-back task offers no space in 高淳 and no widening toward it, in either language.
    const task = await callback(lead.id);
    for (const script of [task.script, task.scriptEn]) {
      expect(script).not.toMatch(/高淳区 可匹配|Gaochun District \(高淳区\) to the wanted/);
      expect(script).not.toContain("单层厂房1号");
      expect(script).not.toContain("独栋厂房带院子");
    }
    // The why-not (stored and through the API) lists 高淳's spaces with the refusal, no suggestion, no near miss.
    const s1 = row.excluded.find((e) => e.spaceId === "S1")!;
    expect(s1).toMatchObject({ suggestion: null, near: false });
    expect(s1.reasons[0].zh).toBe("园区位于 高淳区，企业已明确不考虑高淳");
    const res = await fetch(`${suite.web.url}/api/leads/${lead.id}`, {
      headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const api = (await res.json()) as { excluded: Exclusion[] };
    expect(JSON.stringify(api.excluded.map((e) => e.suggestion))).not.toContain("高淳");

    // The hotline lead page: the refusal beside the need, and staff wording for what was not read (L4).
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const page = text(await (await client().get(`/hotline/leads/${lead.id}`, desk)).text());
    expect(page).toContain("企业明确不要区域 高淳状态");
    expect(page).not.toContain("与您核实");
    expect(page).toContain("以下内容未能识别，请与企业核实：");
    const pageEn = text(await (await client().get(`/hotline/leads/${lead.id}?lng=en`, desk)).text());
    expect(pageEn).toContain("Ruled out by the enterprise");
    expect(pageEn).toContain("places: 高淳");
    expect(pageEn).not.toMatch(/check them with you\b/);
    expect(pageEn).toContain("please check them with the enterprise");

    // The admin's lead page, in both languages.
    const admin = await client().signIn(ADMIN, DESK_PASSWORD);
    expect(text(await (await client().get(`/admin/leads/${lead.id}`, admin)).text())).toContain("企业明确不要区域 高淳");
    expect(text(await (await client().get(`/admin/leads/${lead.id}?lng=en`, admin)).text())).toContain(
      "Ruled out by the enterpriseplaces: 高淳",
    );
  });

  it("a refusal beside a place wanted: the recruiter's assignment page shows it by the need, a feature not needed too", async () => {
    // 高淳 wanted, 溧水 refused: S1 (高淳经济开发区, 周敏) fits and is offered.
    const lead = await storeNotesLead("南京恒达塑业拒溧水有限公司", {
      areaMin: "4000",
      areaMax: "5000",
      notes: "不考虑溧水，高淳可以。不需要10吨行车",
    });
    await suite.runMatch(lead.id);
    const [a] = await suite.db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id} and recruiter_id = 'R1'`;
    expect(a).toBeTruthy();
    const recruiter = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
    expect(text(await (await client().get(`/queue/assignments/${a.id}`, recruiter)).text())).toMatch(
      /企业明确不要区域 溧水；不需要10吨行车/,
    );
    expect(text(await (await client().get(`/queue/assignments/${a.id}?lng=en`, recruiter)).text())).toContain(
      "Ruled out by the enterpriseplaces: 溧水",
    );
  });

  it("en notes: a place ruled out in English is not advised either", async () => {
    const lead = await storeNotesLead(
      "Nanjing Hengda Plastics Not Gaochun Co",
      { areaMin: "3000", areaMax: "5000", notes: "Not Gaochun. Lishui or Jiangning are fine." },
      "en",
    );
    const flags = (await leadRow(lead.id)).lead.flags;
    expect(flags).toEqual(expect.arrayContaining([expect.objectContaining({ code: "placeExcluded" })]));
    await suite.runMatch(lead.id);
    const task = await callback(lead.id);
    for (const script of [task.script, task.scriptEn]) {
      expect(script).not.toMatch(/高淳区 可匹配|Gaochun District \(高淳区\) to the wanted/);
      expect(script).not.toContain("单层厂房1号");
    }
  });
});
