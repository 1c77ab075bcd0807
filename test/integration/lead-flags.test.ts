import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { industryLabel } from "~/domain/industries";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startApiWebServer, startWebServer } from "../support/services";

// Flags travel with the lead: parsed → stored → GET /api/leads/<id>, the recruiter's page and the admin's.
const TOKEN = process.env.ADMIN_API_TOKEN!;
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let leadId: string;
let assignmentId: string;
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  const db = await createTestDatabase("lead_flags");
  sql = db.sql;
  drop = db.drop;
  web = await startApiWebServer(db.url);
  const base = validLeadJson({ company: "南京存疑数字测试有限公司" });
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    // Not an area's words: beside the typed area boxes those are no doubt (docs/decisions/117).
    body: JSON.stringify({ ...base, need: { ...base.need, notes: "配电几百kva，層高不能超過6米" }, tax: { annualTaxWan: "500亿元" } }),
  });
  expect(res.status).toBe(201);
  leadId = (await res.json()).id;
  await sql`insert into parks (id, name, province, city, district) values ('GC-IP', '高淳经济开发区', '江苏省', '南京市', '高淳区')`;
  await sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active) values ('r-li', '李招商', 'li@example.cn', '+8613900000002', 'email', '{GC-IP}', 5, true)`;
  const [a] = await sql<{ id: string }[]>`
    insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason)
    values (${leadId}, 'GC-IP', 'r-li', 'email', 'offered', 'least-loaded', ${sql.json({ zh: "待办最少", en: "least loaded" })}) returning id`;
  assignmentId = a.id;
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

describe("lead flags", () => {
  it("are stored with the lead and GET /api/leads/<id> returns them beside the unchanged fields", async () => {
    const res = await fetch(`${web.url}/api/leads/${leadId}`, { headers: auth });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lead.tax.annualTaxWan).toBe(5_000_000); // kept as typed, in 万元
    expect(body.lead.need.notes).toBe("配电几百kva，層高不能超過6米"); // as typed, Traditional kept
    expect(body.lead.flags).toEqual([
      { field: "need.notes", code: "unread", text: "配电几百kva" },
      { field: "need.notes", code: "unread", text: "層高不能超過6米" },
      { field: "tax.annualTaxWan", code: "implausible", text: "5000000 万元" },
    ]);
    expect(body.lead.need.ceilingMinM).toBe(8); // the typed field, not the upper limit from the notes
  });

  it("the recruiter's page shows them in zh and en", async () => {
    const zh = await (await fetch(`${web.url}/queue/assignments/${assignmentId}`, { headers: auth })).text();
    expect(zh).toContain("未能识别：配电几百kva");
    expect(zh).toContain("年纳税额异常，需核实：5000000 万元");
    const en = await (await fetch(`${web.url}/queue/assignments/${assignmentId}?lng=en`, { headers: auth })).text();
    expect(en).toContain("Could not read: 層高不能超過6米");
    expect(en).toContain("Annual tax looks implausible, please check: 5000000 万元");
  });

  it("the recruiter's page names the industry in the page's language", async () => {
    const code = validLeadJson().use.industry;
    const zh = await (await fetch(`${web.url}/queue/assignments/${assignmentId}`, { headers: auth })).text();
    const en = await (await fetch(`${web.url}/queue/assignments/${assignmentId}?lng=en`, { headers: auth })).text();
    expect(zh).toContain(industryLabel(code, "zh"));
    expect(en).toContain(industryLabel(code, "en"));
    expect(en).not.toContain(industryLabel(code, "zh")); // it was the Chinese name on the English page
  });

  it("the admin's lead page shows them", async () => {
    const res = await fetch(`${web.url}/admin/leads/${leadId}`, { headers: auth });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("未能识别：配电几百kva");
    expect(html).toContain("年纳税额异常，需核实");
  });

  it("readings (a budget, a phone's note) are listed apart from the doubts; a box the notes contradict is a doubt (ADR 101)", async () => {
    const base = validLeadJson({ company: "南京读到预算测试有限公司" });
    const res = await fetch(`${web.url}/api/leads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...base,
        need: { ...base.need, ceilingMinM: 6, notes: "层高至少10米，月租不超过3万" },
        contact: { name: "王经理", phone: "13812345678（前台）" },
      }),
    });
    expect(res.status).toBe(201);
    const id = (await res.json()).id as string;
    const [a] = await sql<{ id: string }[]>`
      insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason)
      values (${id}, 'GC-IP', 'r-li', 'email', 'offered', 'least-loaded', ${sql.json({ zh: "待办最少", en: "least loaded" })}) returning id`;
    const zh = await (await fetch(`${web.url}/queue/assignments/${a.id}`, { headers: auth })).text();
    expect(zh).toMatch(
      /需核实[^]*备注中的层高与所填层高不一致（已按所填），请与企业核实：层高至少10米 ≠ 6 m[^]*另读到[^]*预算\/价格（备注原话）：月租不超过3万[^]*电话备注：前台/,
    );
    const en = await (await fetch(`${web.url}/queue/assignments/${a.id}?lng=en`, { headers: auth })).text();
    expect(en).toMatch(/Also read[^]*Budget\/price/);
    const admin = await (await fetch(`${web.url}/admin/leads/${id}`, { headers: auth })).text();
    expect(admin).toMatch(/需核实[^]*层高至少10米 ≠ 6 m[^]*另读到[^]*月租不超过3万/);
  });

  it("a lead stored before flags existed shows none and still loads", async () => {
    await sql`update leads set lead = lead - 'flags' where id = ${leadId}`;
    const res = await fetch(`${web.url}/queue/assignments/${assignmentId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("未能识别");
  });
});
