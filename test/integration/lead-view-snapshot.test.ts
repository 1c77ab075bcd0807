import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadLeadAudit } from "~/admin/admin-data.server";
import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";
import { getLeadView } from "~/leads/lead-view.server";

import { commitBetweenReads } from "../support/commit-between-reads";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";

// GET /api/leads/<id> and the admin's lead page read the lead row, then its matches, then its assignments
// (and the page its routing trail). Matching commits between two of those reads: read apart, an answer could
// show the lead as "received" with no why-not beside the matches made since — a state that never existed
// (two CI runs saw it). Here matching and routing commit exactly between the reads: the reader reads the
// lead row and its matches, its read of assignments waits on a lock the "worker" holds, the worker stores
// the match, the assignment, the routing event and the new status and commits. The answer must be the lead
// as it stood at its first read.

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("lead_view_snapshot");
  await db.sql`insert into parks (id, name, province, city, district) values ('GC-IP', '高淳经济开发区', '江苏省', '南京市', '高淳区')`;
  await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status)
               values ('GC-F1', 'GC-IP', 'factory', '{lease}', '高淳1号标准厂房', 5000, 'available')`;
});
afterAll(async () => {
  await db?.drop();
});

async function newLead(sql: Sql, company: string): Promise<string> {
  const body = validLeadJson({ company });
  const parsed = createLeadSchema("zh", "api").parse(body);
  return (await storeLead(sql, { ...parsed, raw: body, source: "api", lng: "zh" })).id;
}

/** Runs `read` while a matching and routing of `leadId` commit between its read of matches and of assignments. */
function readAcrossMatching<T>(leadId: string, read: () => Promise<T>): Promise<T> {
  // The reader has read the lead row and the matches and waits for the assignments table.
  return commitBetweenReads(db.sql, "assignments", read, async (worker) => {
    await worker`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${leadId}, 'GC-F1', 'GC-IP', 87, ${worker.json([{ zh: "面积合适", en: "size fits", kind: "fit" }])}, 'lead')`;
    await worker`insert into assignments (lead_id, park_id, status, rule, reason)
                 values (${leadId}, 'GC-IP', 'unassigned', 'no-recruiter', ${worker.json({ zh: "待分配", en: "unassigned" })})`;
    await worker`insert into routing_events (lead_id, event, reason) values (${leadId}, 'matched', ${worker.json({ zh: "匹配 1 处", en: "1 match" })})`;
    await worker`update leads set status = 'matched' where id = ${leadId}`;
  });
}

describe("a lead read while it is matched", () => {
  it("GET /api/leads/<id>'s view shows the lead and its matches as they stood together", async () => {
    const id = await newLead(db.sql, "南京快照读取机械有限公司");
    const view = await readAcrossMatching(id, () => getLeadView(db.sql, id));
    expect(view?.status).toBe("received");
    expect(view?.matches).toEqual([]);
    expect(view?.assignments).toEqual([]);
    // Read again, after the matching: the new state whole.
    const after = await getLeadView(db.sql, id);
    expect(after?.status).toBe("matched");
    expect(after?.matches.map((m) => m.spaceId)).toEqual(["GC-F1"]);
    expect(after?.assignments.map((a) => a.parkId)).toEqual(["GC-IP"]);
  });

  it("the admin's lead page shows the trail, the matches and the status of one moment", async () => {
    const id = await newLead(db.sql, "南京快照审计机械有限公司");
    const audit = await readAcrossMatching(id, () => loadLeadAudit(db.sql, id));
    expect(audit?.status).toBe("received");
    expect(audit?.matches).toEqual([]);
    expect(audit?.assignments).toEqual([]);
    expect(audit?.events.map((e) => e.event)).not.toContain("matched");
    const after = await loadLeadAudit(db.sql, id);
    expect(after?.status).toBe("matched");
    expect(after?.matches).toHaveLength(1);
    expect(after?.events.map((e) => e.event)).toContain("matched");
  });
});
