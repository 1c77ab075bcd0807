import { describe, expect, it } from "vitest";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { needFormOf } from "../support/need-form";
import { callTasksOf } from "../support/notices-told";
import { storeTestLead } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// Trial 32 M3 (docs/decisions/135): a hand-over call task (转交专员, a recruiter who works by phone) kept reading out
// the need and the reasons of when it was opened after the hotline changed the need: the agent would tell the
// recruiter the old need. Now lead.match re-renders an open hand-over's script from the need and matches as they
// are, the task kept (its id, place and status) — as ADR 127 does for a call-back's near misses.

const suite = deskWorkerSuite("handover_follows_need");
const client = () => webClient(suite.web.url);
let phone = 13700032500;

const assignmentOf = async (leadId: string, parkId: string) =>
  (
    await suite.db.sql<
      { id: string; status: string }[]
    >`select id, status from assignments where lead_id = ${leadId} and park_id = ${parkId}`
  )[0];

describe("an open hand-over after a need edit", () => {
  it("reads out the edited need and this park's current reasons, in both languages, the same task", async () => {
    const lead = await storeTestLead(suite.db.sql, "南京交接三十二精工机械有限公司", String(phone++));
    await suite.runMatch(lead.id);
    const db = await assignmentOf(lead.id, "GC-DB");
    expect(db.status).toBe("offered");
    const [before] = await callTasksOf(suite.db.sql, db.id);
    expect(before).toMatchObject({ kind: "handover", recruiterId: "R2", status: "open" });
    expect(before.script).toMatch(/4,?000–6,?000㎡/);

    // The hotline corrects the need: two buildings of 2,500–3,200 ㎡ (GC-DB's 6,000 ㎡ space still fits the total).
    const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
    const form = needFormOf(await (await client().get(`/hotline/leads/${lead.id}`, desk)).text());
    const saved = await client().post(
      `/hotline/leads/${lead.id}`,
      { ...form, "need.areaMin": "5000", "need.areaMax": "6400", "need.unitCount": "两栋", note: "企业说要两栋" },
      desk,
    );
    expect(saved.status).toBe(303);
    await suite.runMatch(lead.id);

    expect(await assignmentOf(lead.id, "GC-DB")).toMatchObject({ id: db.id, status: "offered" });
    const tasks = await callTasksOf(suite.db.sql, db.id);
    expect(tasks).toHaveLength(1);
    const [after] = tasks;
    expect(after).toMatchObject({ id: before.id, kind: "handover", recruiterId: "R2", status: "open" });
    expect(after.script).toMatch(/2栋 × 2,?500–3,?200㎡（共5,?000–6,?400㎡）/);
    expect(after.script).not.toMatch(/4,?000–6,?000㎡/);
    expect(after.scriptEn).toMatch(/2 buildings × 2,?500–3,?200㎡ \(5,?000–6,?400㎡ in all\)/);
    // The reasons read out are this match's (the 6,000 ㎡ space against the new need).
    const [{ reasons }] = await suite.db.sql<{ reasons: { zh: string }[] }[]>`
      select reasons from matches where lead_id = ${lead.id} and park_id = 'GC-DB' and withdrawn_at is null order by score desc limit 1`;
    expect(after.script).toContain(reasons[0].zh);
  }, 120_000);
});
