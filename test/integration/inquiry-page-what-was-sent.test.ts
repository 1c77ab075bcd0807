import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { updateLeadNeed } from "~/hotline/desk-lead.server";

import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { withoutFigureSpans } from "../support/page-text";
import { startApiWebServer } from "../support/services";

// ADR 108: the enterprise's own page (/inquiry/<reference>?k=) says gently when its notes and its boxes
// disagree (the recruiter will confirm which figure is right), and keeps showing what it submitted after
// staff corrected the need, with the correction said apart.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startApiWebServer>>;
beforeAll(async () => {
  db = await createTestDatabase("inquiry_sent");
  web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", API_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

let tel = 13912348800;
/** Posts the inquiry form with `fields` over a valid lead; the confirmation page's address (with its key) and the lead's id. */
async function submitted(fields: Record<string, string>) {
  const body = new URLSearchParams(validLeadForm({ submissionKey: crypto.randomUUID(), "contact.phone": String(tel++), ...fields }));
  const res = await fetch(`${web.url}/?index`, { method: "POST", body, redirect: "manual" });
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  const reference = /PM-\d{8}-\d{4,}/.exec(location)![0];
  const [{ id }] = await db.sql<{ id: string }[]>`select id from leads where reference = ${reference}`;
  return { location, id };
}
const pageOf = async (path: string) =>
  withoutFigureSpans(await (await fetch(`${web.url}${path}`)).text())
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'");
const summaryOf = (html: string) => /<dl class="summary"[\s\S]*?<\/dl>/.exec(html)?.[0] ?? "";

describe("the enterprise's confirmation page", () => {
  it("notes that disagree with a box: the page says the recruiter will confirm which figure is right (zh and en)", async () => {
    const { location } = await submitted({ "need.ceilingMinM": "6", "need.notes": "厂房层高至少10米" });
    const zh = await pageOf(location);
    expect(zh).toMatch(/您在补充说明里写的“[^”]*10米[^”]*”与所填的“6[^”]*”不一致，招商专员会与您电话确认以哪个为准。/);
    const en = await pageOf(`${location}&lng=en`);
    expect(en).toContain("the recruiter will confirm with you by phone which is right");
    // Notes that agree with the boxes say nothing of the kind.
    const agree = await submitted({ "need.notes": "厂房，面积3000平左右" });
    expect(await pageOf(agree.location)).not.toContain("不一致");
  });

  it("after staff corrected the need: what was submitted stays under 您提交的需求, the correction is said apart, the doubt is gone", async () => {
    const { location, id } = await submitted({
      "need.areaMin": "3000",
      "need.ceilingMinM": "6",
      "need.notes": "层高至少10米",
      "need.regions": "高淳区",
    });
    const before = await pageOf(location);
    expect(summaryOf(before)).toContain("高淳区");
    const [{ lead }] = await db.sql<{ lead: Record<string, never> }[]>`select lead from leads where id = ${id}`;
    const [agent] = await db.sql<{ id: string }[]>`
      insert into users (email, name, role) values (${`desk${tel}@example.test`}, '坐席', 'hotline') returning id`;
    // The hotline's save (the recruiter's is the same function): 溧水区, 8000–10000 ㎡.
    const parsed = createLeadSchema("zh", "hotline").parse({
      ...lead,
      need: { kind: "factory", deal: "lease", areaMin: 8000, areaMax: 10000, areaUnit: "sqm", regions: ["溧水区"], ceilingMinM: 10 },
    });
    expect(await updateLeadNeed(db.sql, { leadId: id, parsed: parsed.lead, authorId: agent.id, note: "电话核实", reason: "test" })).toEqual(
      { ok: true },
    );

    const after = await pageOf(location);
    expect(summaryOf(after)).toBe(summaryOf(before)); // as submitted
    expect(after).toMatch(/招商专员已与您核实并更正：[^<]*面积：[^<]*8,?000[^<]*；意向区域：溧水区/);
    expect(after).not.toContain("不一致");
    const en = await pageOf(`${location}&lng=en`);
    expect(en).toContain("Our recruiter checked this with you and corrected it:");
    // A second edit keeps the first snapshot: the page still shows what the enterprise sent.
    await updateLeadNeed(db.sql, {
      leadId: id,
      parsed: { ...parsed.lead, need: { ...parsed.lead.need, areaMinSqm: 9000 } },
      authorId: agent.id,
      note: "",
      reason: "test",
    });
    expect(summaryOf(await pageOf(location))).toBe(summaryOf(before));
  });
});
