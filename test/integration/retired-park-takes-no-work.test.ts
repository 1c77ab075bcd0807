import { describe, expect, it } from "vitest";

import { assignByHand, listAssignableRecruiters } from "~/admin/lead-actions.server";
import { hashPassword } from "~/auth/password.server";
import { setRetired } from "~/inventory/inventory-retire.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// Trial 12-05: a retired (停用) park kept its open offers and an admin could still assign leads to it by hand.
// A retired park takes no new work: its offers nobody accepted end (with the reason, audited) and their leads
// are matched again to the parks that still fit; work a recruiter accepted stays theirs; an assignment by hand
// to it is refused with a 400 in the admin's language (ADR 157).

const suite = deskWorkerSuite("retired_park_work");
const client = () => webClient(suite.web.url);
const ADMIN = "retire-admin@example.test";
let phone = 13700057100;

const assignmentsOf = (leadId: string) =>
  suite.db.sql<{ id: string; parkId: string; recruiterId: string | null; status: string; closeReason: string | null }[]>`
    select id, park_id, recruiter_id, status, close_reason from assignments where lead_id = ${leadId} order by park_id`;

/** A factory lead of 4,000–6,000 ㎡ in 高淳区, matched and routed: R1 is offered GC-EDZ, R2 GC-DB. */
async function routedLead(company: string) {
  const lead = await storeTestLead(suite.db.sql, company, String(phone++));
  await suite.runMatch(lead.id);
  expect(await assignmentsOf(lead.id)).toEqual(
    expect.arrayContaining([expect.objectContaining({ parkId: "GC-EDZ", recruiterId: "R1", status: "offered" })]),
  );
  return lead;
}

async function adminCookie() {
  const [exists] = await suite.db.sql`select 1 from users where email = ${ADMIN}`;
  if (!exists)
    await suite.db
      .sql`insert into users (email, name, role, password_hash) values (${ADMIN}, '管理员', 'admin', ${await hashPassword(DESK_PASSWORD)})`;
  return client().signIn(ADMIN, DESK_PASSWORD);
}

describe("a retired park takes no new work", () => {
  it("retiring it ends the offers nobody accepted (reason kept, lead matched again elsewhere) and keeps the accepted ones", async () => {
    const offered = await routedLead("南京停用园区待接单机械有限公司");
    const unassignedLead = await routedLead("南京停用园区待分配机械有限公司");
    const accepted = await routedLead("南京停用园区已接单机械有限公司");
    // R1 accepts one offer at the desk; another waits in the admins' queue (unassigned).
    const r1 = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
    const acceptedEdz = (await assignmentsOf(accepted.id)).find((a) => a.parkId === "GC-EDZ")!;
    const csrf = await client().csrfOf(`/queue/assignments/${acceptedEdz.id}`, r1);
    expect((await client().post(`/queue/assignments/${acceptedEdz.id}`, { csrf, intent: "accept" }, r1)).status).toBe(303);
    const waitingEdz = (await assignmentsOf(unassignedLead.id)).find((a) => a.parkId === "GC-EDZ")!;
    await suite.db.sql`update assignments set status = 'unassigned', recruiter_id = null where id = ${waitingEdz.id}`;

    const outcome = await setRetired(suite.db.sql, "parks", "GC-EDZ", true, ADMIN, TEST_ROUTING);
    try {
      expect(outcome).toMatchObject({ ok: true, changed: true });

      for (const lead of [offered, unassignedLead]) {
        const edz = (await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")!;
        expect(edz).toMatchObject({ status: "lost", closeReason: "park-retired" });
        const [line] = await suite.db.sql<{ rule: string; actor: string; reason: { zh: string; en: string } }[]>`
        select rule, actor, reason from routing_events where assignment_id = ${edz.id} and event = 'withdrawn'`;
        expect(line).toMatchObject({ rule: "park-retired", actor: ADMIN });
        expect(line.reason.zh).toContain("园区已由管理员");
        expect(line.reason.en).toContain("The park was retired");
        // Matched again: the other park that fits (GC-DB) keeps its offer, the retired one gets none back.
        await suite.runMatch(lead.id);
        const after = await assignmentsOf(lead.id);
        expect(after.find((a) => a.parkId === "GC-EDZ")).toMatchObject({ status: "lost", closeReason: "park-retired" });
        expect(after.find((a) => a.parkId === "GC-DB")?.status).toBe("offered");
      }
      // Accepted work stays with the recruiter.
      expect((await assignmentsOf(accepted.id)).find((a) => a.parkId === "GC-EDZ")).toMatchObject({
        status: "accepted",
        recruiterId: "R1",
      });
      // The desk says why the ended offer ended, not "lost".
      const endedEdz = (await assignmentsOf(offered.id)).find((a) => a.parkId === "GC-EDZ")!;
      const page = await (await client().get(`/queue/assignments/${endedEdz.id}`, r1)).text();
      expect(page).toContain("已结束：园区已停用");
    } finally {
      await setRetired(suite.db.sql, "parks", "GC-EDZ", false, ADMIN, TEST_ROUTING);
    }
  });

  // ADR 163: the recruiter whose offer ended finds it in their history with the reason, not as "lost"; restoring
  // the park says beforehand that the ended offers stay ended (DECISION), and they do.
  it.each([
    ["zh", "", "已结束：园区已停用，线索已转给其他符合的园区", "已流失", "停用时结束的推荐不会恢复"],
    ["en", "&lng=en", "Ended: the park was retired; the lead went to the other parks that fit", ">Lost<", "do not come back"],
  ] as const)(
    "the ended offer is in the recruiter's history with the reason (%s); restoring the park brings it not back",
    async (_lng, q, said, lost, note) => {
      const company = `南京停用园区历史${q ? "英" : "中"}机械有限公司`;
      const lead = await routedLead(company);
      const edz = (await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")!;
      const r1 = await client().signIn("zhoumin@example.test", DESK_PASSWORD);
      await setRetired(suite.db.sql, "parks", "GC-EDZ", true, ADMIN, TEST_ROUTING);
      try {
        const open = await (await client().get(`/queue?q=${encodeURIComponent(company)}${q}`, r1)).text();
        const cards = (html: string) =>
          html.slice(html.indexOf('<ul class="lead-cards">'), html.indexOf("</ul>", html.indexOf('<ul class="lead-cards">')));
        expect(cards(open)).not.toContain(company);
        const history = await (await client().get(`/queue?view=history&q=${encodeURIComponent(company)}${q}`, r1)).text();
        const list = cards(history);
        const card = list.slice(list.lastIndexOf("<li", list.indexOf(company)));
        expect(card).toContain(said);
        expect(card.slice(0, card.indexOf("</li>"))).not.toContain(lost);
        expect(card).toContain(`/queue/assignments/${edz.id}`);
        // The history's status filter names it too.
        const filtered = await (await client().get(`/queue?view=history&status=parkRetired${q}`, r1)).text();
        expect(cards(filtered)).toContain(company);
        // The park's page, retired: the restore button says the ended offers stay ended.
        const admin = await adminCookie();
        const park = await (await client().get(`/admin/parks/GC-EDZ${q.replace("&", "?")}`, admin)).text();
        expect(park).toContain(note);
      } finally {
        await setRetired(suite.db.sql, "parks", "GC-EDZ", false, ADMIN, TEST_ROUTING);
      }
      await suite.runMatch(lead.id);
      expect((await assignmentsOf(lead.id)).find((a) => a.id === edz.id)).toMatchObject({ status: "lost", closeReason: "park-retired" });
    },
  );

  it.each([
    ["zh", "", "该园区已停用，不能再把线索分配或改派到这里"],
    ["en", "?lng=en", "That park is retired: no lead can be assigned or re-routed to it"],
  ] as const)(
    "an assignment by hand to it is refused with a 400 in the admin's language (%s), nothing written",
    async (_lng, query, message) => {
      const lead = await routedLead(`南京停用园区手动分配${query ? "英" : "中"}机械有限公司`);
      const gcdb = (await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-DB")!;
      await setRetired(suite.db.sql, "parks", "GC-DB", true, ADMIN, TEST_ROUTING);
      try {
        const admin = await adminCookie();
        const before = await assignmentsOf(lead.id);
        const csrf = await client().csrfOf(`/admin/leads/${lead.id}${query}`, admin);
        const res = await client().post(
          `/admin/leads/${lead.id}${query}`,
          { csrf, intent: "assign", target: "R2|GC-DB", why: "客户点名要东坝" },
          admin,
        );
        expect(res.status).toBe(400);
        expect((await res.text()).replaceAll("&quot;", '"')).toContain(message);
        expect(await assignmentsOf(lead.id)).toEqual(before);
        expect(before.find((a) => a.id === gcdb.id)).toMatchObject({ status: "lost", closeReason: "park-retired" });
        // Called directly too; and the admin's pick list no longer offers the park.
        expect(
          await assignByHand(suite.db.sql, { leadId: lead.id, parkId: "GC-DB", recruiterId: "R2", why: "x" }, ADMIN, TEST_ROUTING),
        ).toEqual({
          ok: false,
          problem: "park-retired",
        });
        const pick = await listAssignableRecruiters(suite.db.sql);
        expect(pick.flatMap((r) => r.parks.map((p) => p.id))).not.toContain("GC-DB");
      } finally {
        await setRetired(suite.db.sql, "parks", "GC-DB", false, ADMIN, TEST_ROUTING);
      }
    },
  );
});
