import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import type { JobContext } from "../../worker/job-context";
import { spaceMatchJob } from "../../worker/space-match.job";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { needFormOf } from "../support/need-form";
import { storeTestLead } from "../support/routed-lead";
import { parseMessage } from "../support/smtp";
import { webClient } from "../support/staff-web";

// ADR 108: a need edit at either desk re-matches the lead; a park left with no fitting space loses its
// assignment (ended with its reason, the recruiter told, their work kept), the parks that now fit get the
// lead, and a park that fits again gets its assignment back. A park that still fits keeps it; a space let
// under a working recruiter (no need edit) takes nothing away.

const mailDir = mkdtempSync(join(tmpdir(), "pm-unfit-"));
const suite = deskWorkerSuite("unfit_assignments", mailDir);
const PASSWORD = DESK_PASSWORD;

const client = () => webClient(suite.web.url);
const assignmentsOf = (leadId: string) =>
  suite.db.sql<{ id: string; parkId: string; recruiterId: string | null; status: string; closeReason: string | null; reroutes: number }[]>`
    select id, park_id, recruiter_id, status, close_reason, reroutes from assignments where lead_id = ${leadId} order by park_id`;
/** The outbox's mails to `email` about `reference`, decoded (subject and parts: the bodies travel in base64). */
const mailsTo = async (email: string, reference: string) => {
  const parsed = await Promise.all(readdirSync(mailDir).map((f) => parseMessage(readFileSync(join(mailDir, f)))));
  return parsed
    .filter((m) => (m.headers.get("to") ?? []).join(" ").includes(email))
    .map((m) => `${m.subject}\n${m.parts.get("text/plain") ?? ""}\n${m.parts.get("text/html") ?? ""}`)
    .filter((m) => m.includes(reference));
};

let phone = 13700007700;
/** A factory lead of 4,000–6,000 ㎡ in 高淳区 (S1 of GC-EDZ and S5 of GC-DB fit), matched and routed: R1 holds GC-EDZ, R2 GC-DB. */
async function routedLead(company: string) {
  const lead = await storeTestLead(suite.db.sql, company, String(phone++));
  await suite.runMatch(lead.id);
  const a = await assignmentsOf(lead.id);
  expect(a.map((x) => [x.parkId, x.recruiterId, x.status])).toEqual([
    ["GC-DB", "R2", "offered"],
    ["GC-EDZ", "R1", "offered"],
  ]);
  return { ...lead, edz: a.find((x) => x.parkId === "GC-EDZ")!.id, db: a.find((x) => x.parkId === "GC-DB")!.id };
}

describe("a need edit and the assignments of parks that no longer fit", () => {
  it("the recruiter's correction: their park no longer fits → ended with its reason, told, work kept; the lead goes to the park that fits", async () => {
    const lead = await routedLead("南京撤回分配精工机械有限公司");
    // R1 worked it: contacted, a follow-up date, a note and a call task done.
    const [r1] = await suite.db.sql<{ id: string }[]>`select id from users where recruiter_id = 'R1'`;
    await suite.db
      .sql`update assignments set status = 'contacted', accepted_at = now(), follow_up_on = current_date + 3 where id = ${lead.edz}`;
    await suite.db
      .sql`insert into lead_notes (lead_id, author_staff_id, body, source) values (${lead.id}, ${r1.id}, '电话已联系，约下周看厂', 'recruiter')`;

    const cookie = await client().signIn("zhoumin@example.test", PASSWORD);
    const path = `/queue/assignments/${lead.edz}/need`;
    const form = needFormOf(await (await client().get(path, cookie)).text());
    const saved = await client().post(
      path,
      { ...form, "need.areaMin": "10000", "need.areaMax": "13000", "need.regions": "溧水区", note: "企业改为溧水，要一万平以上" },
      cookie,
    );
    expect(saved.status).toBe(303);
    await suite.runMatch(lead.id);

    const after = await assignmentsOf(lead.id);
    expect(after.map((x) => [x.parkId, x.recruiterId, x.status, x.closeReason])).toEqual([
      ["GC-DB", "R2", "lost", "need-changed"],
      ["GC-EDZ", "R1", "lost", "need-changed"],
      ["LS-EDZ", "R4", "offered", null], // S8: 12,000 ㎡ in 溧水区
    ]);
    // Nothing of R1's work is lost: the notes (the desk's and the correction's call note) and the audit trail stay.
    expect((await suite.db.sql`select body from lead_notes where lead_id = ${lead.id} order by created_at`).map((r) => r.body)).toEqual([
      "电话已联系，约下周看厂",
      "企业改为溧水，要一万平以上",
    ]);
    const events = await suite.db.sql<{ event: string; recruiterId: string; reason: { zh: string; from: string } }[]>`
      select event, recruiter_id, reason from routing_events where assignment_id = ${lead.edz} and event = 'withdrawn'`;
    expect(events).toEqual([
      {
        event: "withdrawn",
        recruiterId: "R1",
        reason: expect.objectContaining({ from: "contacted", zh: expect.stringContaining("本园区已没有符合的空间") }),
      },
    ]);
    // Told: an email each to R1 and R2 (sent inline by the job), naming the lead, the park and the new need.
    const notices = await suite.db
      .sql`select recipient, status from notifications where lead_id = ${lead.id} and kind = 'withdrawal-notice' order by recipient`;
    expect(notices).toEqual([
      { recipient: "R1", status: "sent" },
      { recipient: "R2", status: "sent" },
    ]);
    const [mail] = await mailsTo("zhoumin", lead.reference);
    expect(mail).toBeTruthy();
    // R1's history shows it ended, and why; the lead page opens and says the reason.
    const history = await (await client().get("/queue?view=history", cookie)).text();
    expect(history).toContain(lead.reference);
    expect(history).toContain("已结束：需求更正后本园区不再符合");
    const page = await (await client().get(`/queue/assignments/${lead.edz}`, cookie)).text();
    expect(page).toContain("结束原因：需求更正后本园区已没有符合的空间");
    expect(page).toContain("电话已联系，约下周看厂");
    // No longer among R1's open leads.
    expect(await (await client().get("/queue", cookie)).text()).not.toContain(lead.reference);

    // The hotline changes it back: GC-EDZ fits again → the same assignment offered again, to R1; LS-EDZ (only offered) ends.
    const desk = await client().signIn("desk@example.test", PASSWORD);
    const hotlineForm = needFormOf(await (await client().get(`/hotline/leads/${lead.id}`, desk)).text());
    const back = await client().post(
      `/hotline/leads/${lead.id}`,
      { ...hotlineForm, "need.areaMin": "4000", "need.areaMax": "6000", "need.regions": "高淳区", note: "又改回高淳" },
      desk,
    );
    expect(back.status).toBe(303);
    await suite.runMatch(lead.id);
    const again = await assignmentsOf(lead.id);
    expect(again.map((x) => [x.parkId, x.recruiterId, x.status, x.closeReason])).toEqual([
      ["GC-DB", "R2", "offered", null],
      ["GC-EDZ", "R1", "offered", null],
      ["LS-EDZ", "R4", "lost", "need-changed"],
    ]);
    expect(again.find((x) => x.parkId === "GC-EDZ")!.id).toBe(lead.edz); // the row with its history, not a new one
    expect(await (await client().get("/queue", cookie)).text()).toContain(lead.reference);
  });

  it("a hotline edit that the park still fits ends nothing", async () => {
    const lead = await routedLead("南京仍然符合精工机械有限公司");
    await suite.db.sql`update assignments set status = 'accepted', accepted_at = now() where id = ${lead.edz}`;
    const desk = await client().signIn("desk@example.test", PASSWORD);
    const form = needFormOf(await (await client().get(`/hotline/leads/${lead.id}`, desk)).text());
    const saved = await client().post(`/hotline/leads/${lead.id}`, { ...form, "need.areaMin": "4500", note: "面积下限改成4500" }, desk);
    expect(saved.status).toBe(303);
    await suite.runMatch(lead.id);
    const after = await assignmentsOf(lead.id);
    expect(after.map((x) => [x.parkId, x.recruiterId, x.status, x.closeReason])).toEqual([
      ["GC-DB", "R2", "offered", null],
      ["GC-EDZ", "R1", "accepted", null],
    ]);
    expect(await suite.db.sql`select 1 from notifications where lead_id = ${lead.id} and kind = 'withdrawal-notice'`).toHaveLength(0);
  });

  it("a space let under a working recruiter, without a need edit, ends nothing", async () => {
    const lead = await routedLead("南京房源出租精工机械有限公司");
    await suite.db.sql`update assignments set status = 'visit', visit_on = current_date + 1 where id = ${lead.edz}`;
    // S1 let, and space.match itself run: its match withdrawn, a `rematch` audit line (rule inventory-changed)
    // and the lead matched again. That line was taken for a need edit, so the recruiter's work ended as
    // need-changed and the email said the need was corrected (a new user's trial, 12-05).
    await suite.db.sql`update spaces set status = 'let', version = version + 1 where id = 'S1'`;
    try {
      const [job] = await suite.db.sql<
        { id: string }[]
      >`insert into outbox (topic, aggregate_id) values ('space.match', 'S1') returning id::text`;
      await spaceMatchJob({ sql: suite.db.sql } as unknown as JobContext, { outboxId: Number(job.id), id: "S1" });
      const lines = await suite.db.sql<
        { rule: string }[]
      >`select rule from routing_events where lead_id = ${lead.id} and event = 'rematch'`;
      expect(lines.map((l) => l.rule)).toEqual(["inventory-changed"]);
      await suite.runMatch(lead.id);
      const after = await assignmentsOf(lead.id);
      expect(after.find((x) => x.parkId === "GC-EDZ")).toMatchObject({ status: "visit", closeReason: null });
    } finally {
      await suite.db.sql`update spaces set status = 'available', version = version + 1 where id = 'S1'`;
    }
  });

  it("a won lead is not touched by a re-match", async () => {
    const lead = await routedLead("南京已签约精工机械有限公司");
    await suite.db.sql`update assignments set status = 'signed' where id = ${lead.edz}`;
    await suite.db.sql`update leads set status = 'won', lead = jsonb_set(lead, '{need,regionCodes}', '["320117"]') where id = ${lead.id}`;
    await suite.db.sql`insert into routing_events (lead_id, event, reason) values (${lead.id}, 'rematch', '{"zh":"t","en":"t"}')`;
    await suite.db.sql`insert into outbox (topic, aggregate_id) values ('lead.match', ${lead.id})`;
    await suite.runMatch(lead.id);
    expect((await assignmentsOf(lead.id)).map((x) => [x.parkId, x.status])).toEqual([
      ["GC-DB", "offered"],
      ["GC-EDZ", "signed"],
    ]);
  });
});
