import type { ReservedSql } from "postgres";
import { beforeAll, describe, expect, it } from "vitest";

import { needAreaText } from "~/assignments/assignment-details.server";
import { needAreaLine } from "~/domain/unit-count-text";

import { commitBetweenReads } from "../support/commit-between-reads";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { routedTestLead } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// The recruiter's lead page (/queue/assignments/<id>) and the hotline's (/hotline/leads/<id>), drawn by the real web
// process, read the lead and then its notes, other parks, work and repeats. A change committed between two of those
// reads showed a page of no moment: the need before an edit beside the call note that changed it, an assignment
// still offered with its matches beside the work state of its ending. Here the change commits exactly between the
// reads (commitBetweenReads: the page waits on a lock the "worker" holds): the page must show the lead as it stood
// at its first read, and the next load the change whole (docs/decisions/170).

const suite = deskWorkerSuite("desk_pages_snapshot");
const client = () => webClient(suite.web.url);
let recruiter = "";
let hotline = "";
let hotlineUserId = "";

beforeAll(async () => {
  recruiter = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
  hotline = await client().signIn("desk@example.test", DESK_PASSWORD);
  [{ id: hotlineUserId }] = await suite.db.sql<{ id: string }[]>`select id from users where email = 'desk@example.test'`;
});

let phone = 13700003700;
/** A factory lead of 4,000–6,000 ㎡ matched to S1 of GC-EDZ and offered to R1 (zhoumin). */
const offeredLead = (company: string) => routedTestLead(suite.db.sql, { company, phone: String(phone++) }, "S1", "GC-EDZ");

const AREA_BEFORE = { kind: "factory", areaMinSqm: 4000, areaMaxSqm: 6000 };
const AREA_AFTER = { kind: "factory", areaMinSqm: 8000, areaMaxSqm: 10000 };
const EDIT_NOTE = "客户来电：面积改为8000到10000平";

/** What a need edit at the other desk commits together: the lead's new area and the call note that says so. */
function needEdit(leadId: string) {
  return async (worker: ReservedSql) => {
    await worker`update leads set lead = jsonb_set(jsonb_set(lead, '{need,areaMinSqm}', '8000'), '{need,areaMaxSqm}', '10000')
                 where id = ${leadId}`;
    await worker`insert into lead_notes (lead_id, author_staff_id, body, source) values (${leadId}, ${hotlineUserId}, ${EDIT_NOTE}, 'hotline')`;
  };
}

const page = async (path: string, cookie: string) => {
  const res = await client().get(path, cookie);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe("the recruiter's lead page read while the lead changes", () => {
  it("a need edit committed between the lead's read and the notes': the need and the notes of one moment", async () => {
    const lead = await offeredLead("南京快照需求更正机械有限公司");
    const path = `/queue/assignments/${lead.assignmentId}`;
    const html = await commitBetweenReads(suite.db.sql, "lead_notes", () => page(path, recruiter), needEdit(lead.leadId));
    expect(html).toContain(needAreaText({ need: AREA_BEFORE }, "zh"));
    expect(html).not.toContain(EDIT_NOTE);
    // The next load: the edit whole.
    const after = await page(path, recruiter);
    expect(after).toContain(needAreaText({ need: AREA_AFTER }, "zh"));
    expect(after).toContain(EDIT_NOTE);
  });

  it("the park's ending committed between the assignment's read and the rest: status, matches, work and other parks of one moment", async () => {
    const lead = await offeredLead("南京快照园区结束机械有限公司");
    const path = `/queue/assignments/${lead.assignmentId}`;
    // The page reads the assignment with its matches, then logs the phone view (a write), then reads the rest:
    // the matching after a need edit commits while it waits to log.
    const html = await commitBetweenReads(
      suite.db.sql,
      "phone_access_log",
      () => page(path, recruiter),
      async (worker) => {
        await worker`update matches set withdrawn_at = now(), withdrawn_reason = ${worker.json({ zh: "需求已更正", en: "need corrected" })}
                   where lead_id = ${lead.leadId} and park_id = 'GC-EDZ'`;
        await worker`update assignments set status = 'lost', close_reason = 'need-changed', closed_at = now() where id = ${lead.assignmentId}`;
        await worker`insert into assignments (lead_id, park_id, status, rule, reason)
                   values (${lead.leadId}, 'LS-EDZ', 'unassigned', 'no-recruiter', ${worker.json({ zh: "待分配", en: "unassigned" })})`;
      },
    );
    // As it stood at the first read: offered to R1 (accept and decline on the page), no ending, no other park.
    expect(html).toContain('value="accept"');
    expect(html).not.toContain("已结束：需求更正后本园区不再符合");
    expect(html).not.toContain("溧水经济开发区");
    const after = await page(path, recruiter);
    expect(after).not.toContain('value="accept"');
    expect(after).toContain("已结束：需求更正后本园区不再符合");
    expect(after).toContain("溧水经济开发区");
  });
});

describe("the hotline's lead page read while the lead changes", () => {
  it("a need edit committed between the lead's read and the notes': the need and the notes of one moment", async () => {
    const lead = await offeredLead("南京快照热线更正机械有限公司");
    const path = `/hotline/leads/${lead.leadId}`;
    const html = await commitBetweenReads(suite.db.sql, "lead_notes", () => page(path, hotline), needEdit(lead.leadId));
    expect(html).toContain(needAreaLine(AREA_BEFORE, "zh"));
    expect(html).not.toContain(EDIT_NOTE);
    const after = await page(path, hotline);
    expect(after).toContain(needAreaLine(AREA_AFTER, "zh"));
    expect(after).toContain(EDIT_NOTE);
  });
});

describe("the hotline desk's call tasks read while one is added", () => {
  it("the count above the list and the list are of one moment", async () => {
    const [a, b] = [await offeredLead("南京快照任务一机械有限公司"), await offeredLead("南京快照任务二机械有限公司")];
    await suite.db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
                       values ('escalation', ${a.leadId}, '+8613700003799', '回访：确认面积', 'snapshot-a')`;
    /** The caption's count and the cards listed. */
    const tasksOf = (html: string) => ({
      total: Number(/未完成的电话任务，共 (\d+) 条/.exec(html)?.[1]),
      cards: html.match(/data-due="(now|later)"/g)?.length ?? 0,
    });
    const before = tasksOf(await page("/hotline", hotline));
    // The desk counts the open tasks, then reads them with their leads: the second task commits between the two.
    const html = await commitBetweenReads(
      suite.db.sql,
      "leads",
      () => page("/hotline", hotline),
      async (worker) => {
        await worker`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
                   values ('escalation', ${b.leadId}, '+8613700003798', '回访：确认面积', 'snapshot-b')`;
      },
    );
    expect(tasksOf(html)).toEqual(before);
    expect(before.total).toBe(before.cards);
    const after = tasksOf(await page("/hotline", hotline));
    expect(after).toEqual({ total: before.total + 1, cards: before.cards + 1 });
  });
});
