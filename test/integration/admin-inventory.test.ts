import { request as httpRequest } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { hardCheck } from "~/domain/matching/hard";
import type { MatchNeed } from "~/domain/matching/types";
import { failureReason } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { readAwayDay } from "~/inventory/cell-dates";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { importInventory, validateInventory } from "~/inventory/import.server";
import { leadsOfferedSpace, saveInventoryRow } from "~/inventory/inventory-admin.server";
import type { Collection } from "~/inventory/inventory-columns";
import { editFormShape } from "~/inventory/inventory-edit.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { toSpaceCandidate } from "~/inventory/inventory-rows";
import { fromDbRow, loadDbRows } from "~/inventory/inventory-rows.server";
import { listUnverifiedListings } from "~/inventory/listing-verify.server";
import { reroutedText } from "~/inventory/rerouted-text";
import { storeLead } from "~/leads/intake.server";
import { loadShortlistCandidates } from "~/recruiter-desk/lead-work.server";
import { decodeBase } from "~/utils/edit-merge.server";

import type { JobContext } from "../../worker/job-context";
import { spaceMatchJob } from "../../worker/space-match.job";
import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// The admin inventory: recruiters away (routing skips them, their open offers re-route), the forms
// (the import's checks, field errors, CSRF) and "still available".
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 0 };
const EMAIL = "inventory-admin@example.test";
const PASSWORD = "admin-库存-2026";

beforeAll(async () => {
  db = await createTestDatabase("admin_inventory");
  web = await startWebServer({ DATABASE_URL: db.url });
  const inv = demoInventory();
  // A second recruiter for GC-EDZ, so an offer has somewhere to go.
  inv.recruiters.push({ ...inv.recruiters[0], id: "R9", name: "吴倩", email: "wuqian@example.test", phone: "13900000009" });
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '库存管理员', 'admin', ${await hashPassword(PASSWORD)})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A lead matched to S1 (GC-EDZ) and routed; returns its assignment. */
let phones = 0;
async function routedLead(company: string): Promise<{ leadId: string; assignmentId: string; recruiterId: string }> {
  // A new phone each time: the same enterprise again would be a returning customer (its recruiter first).
  const phone = `1371234${String(++phones).padStart(4, "0")}`;
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company, phone }));
  const { id } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
               values (${id}, 'S1', 'GC-EDZ', 80, ${db.sql.json([{ zh: "面积合适", en: "area fits", kind: "fit" }] as never)}, 'lead')`;
  await db.sql.begin((tx) => routeLead(tx, id, ROUTING));
  const [a] = await db.sql<{ id: string; recruiterId: string }[]>`select id, recruiter_id from assignments where lead_id = ${id}`;
  return { leadId: id, assignmentId: a.id, recruiterId: a.recruiterId };
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** The stored recruiter with its away window replaced (as the edit form would save it). */
async function recruiter(id: string, away: { from: string; to: string }[] = []) {
  const [row] = await loadDbRows(db.sql, "recruiters", [id]);
  return { ...fromDbRow("recruiters", row), away };
}

describe("recruiters away", () => {
  it("marking the holder of an open offer away re-routes it to the park's other recruiter, with the reason in the audit trail", async () => {
    const { assignmentId, recruiterId } = await routedLead("南京休假测试机械有限公司");
    const other = recruiterId === "R1" ? "R9" : "R1";
    // The window's end is read once: China's midnight (16:00 UTC) may fall before the reason is read back.
    const to = inDays(6);
    const saved = await saveInventoryRow(db.sql, "recruiters", await recruiter(recruiterId, [{ from: today(), to }]), {
      create: false,
      routing: ROUTING,
    });
    expect(saved).toEqual({ ok: true, outcome: "updated", rerouted: 1, unassigned: 0 });
    const [a] = await db.sql<{ recruiterId: string; status: string; reroutes: number }[]>`
      select recruiter_id, status, reroutes from assignments where id = ${assignmentId}`;
    expect(a).toEqual({ recruiterId: other, status: "offered", reroutes: 1 });
    const [declined] = await db.sql<{ reason: { zh: string } }[]>`
      select reason from routing_events where assignment_id = ${assignmentId} and event = 'declined'`;
    expect(declined.reason.zh).toContain(`休假/出差（至 ${to}）`);

    // While away, new leads skip them even though the other recruiter now carries more work.
    const next = await routedLead("南京休假测试二号有限公司");
    expect(next.recruiterId).toBe(other);
    const [event] = await db.sql<{ considered: { recruiterId: string; eligible: boolean; why: { zh: string } }[] }[]>`
      select considered from routing_events where assignment_id = ${next.assignmentId} and event = 'assigned'`;
    expect(event.considered.find((c) => c.recruiterId === recruiterId)).toMatchObject({
      eligible: false,
      why: { zh: expect.stringContaining("休假") },
    });

    // Back from holiday (window cleared): eligible again.
    await saveInventoryRow(db.sql, "recruiters", await recruiter(recruiterId), { create: false, routing: ROUTING });
    const third = await routedLead("南京休假测试三号有限公司");
    expect(third.recruiterId).toBe(recruiterId); // fewer open offers now
  });

  it("counts apart the offers that went to the unassigned queue because no other recruiter of the park is in post (finding 6)", async () => {
    const { assignmentId, recruiterId } = await routedLead("南京无人接手测试有限公司");
    const other = recruiterId === "R1" ? "R9" : "R1";
    const window = [{ from: today(), to: inDays(6) }];
    try {
      await saveInventoryRow(db.sql, "recruiters", await recruiter(other, window), { create: false, routing: ROUTING });
      const saved = await saveInventoryRow(db.sql, "recruiters", await recruiter(recruiterId, window), { create: false, routing: ROUTING });
      if (!saved.ok) throw new Error("not saved");
      expect(saved.unassigned).toBeGreaterThanOrEqual(1); // this lead's offer, and any earlier test's left with them
      expect(saved.rerouted).toBe(saved.unassigned); // every moved offer went unassigned: none "to other recruiters"
      const [a] = await db.sql<
        { recruiterId: string | null; status: string }[]
      >`select recruiter_id, status from assignments where id = ${assignmentId}`;
      expect(a).toEqual({ recruiterId: null, status: "unassigned" });
      const said = reroutedText("zh", saved.rerouted, saved.unassigned);
      expect(said).toContain("进入待分配队列（该园区没有其他在岗专员）");
      expect(said).not.toContain("改派给其他招商专员");
      expect(reroutedText("zh", 3, 1)).toBe(
        "已将 2 条未接的派单改派给其他招商专员。 1 条未接的派单进入待分配队列（该园区没有其他在岗专员），请在管理首页的“待分配”列表中指派。",
      );
      expect(reroutedText("en", 2, 0)).toBe("2 open offers re-routed to other recruiters.");
      expect(reroutedText("zh", 0, 0)).toBe("");
    } finally {
      await saveInventoryRow(db.sql, "recruiters", await recruiter(other), { create: false, routing: ROUTING });
      await saveInventoryRow(db.sql, "recruiters", await recruiter(recruiterId), { create: false, routing: ROUTING });
      await db.sql`update assignments set status = 'lost' where id = ${assignmentId}`;
    }
  });

  it("an away window that starts later neither skips them today nor moves their offers", async () => {
    const { assignmentId, recruiterId } = await routedLead("南京未来休假测试有限公司");
    const later = await recruiter(recruiterId, [{ from: inDays(3), to: inDays(5) }]);
    expect(await saveInventoryRow(db.sql, "recruiters", later, { create: false, routing: ROUTING })).toMatchObject({ rerouted: 0 });
    const [a] = await db.sql<{ recruiterId: string }[]>`select recruiter_id from assignments where id = ${assignmentId}`;
    expect(a.recruiterId).toBe(recruiterId);
    await saveInventoryRow(db.sql, "recruiters", await recruiter(recruiterId), { create: false, routing: ROUTING });
  });

  it("a space's page data lists the open leads it is offered to", async () => {
    const offered = await leadsOfferedSpace(db.sql, "S1");
    expect(offered.map((o) => o.companyName)).toContain("南京休假测试机械有限公司");
  });
});

describe("the admin forms over HTTP", () => {
  let cookie = "";
  let csrf = "";
  beforeAll(async () => {
    const res = await fetch(`${web.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
    });
    expect(res.status).toBe(303);
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    const page = await (await fetch(`${web.url}/admin/spaces/S2`, { headers: { cookie } })).text();
    csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(csrf).not.toBe("");
  });
  const post = (path: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return fetch(`${web.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body,
    });
  };
  /** What the edit page's form sends: every field (blank when not given), as a browser sends it. */
  const wholeForm = (collection: Collection, values: Record<string, string | string[]>) => ({
    ...Object.fromEntries(editFormShape(collection).fields.map((k) => [k, ""])),
    ...values,
  });
  const spaceForm = (over: Record<string, string | string[]> = {}) =>
    wholeForm("spaces", {
      csrf,
      intent: "save",
      id: "S2",
      parkId: "GC-EDZ",
      kind: "factory",
      deals: ["lease", "buy"],
      title: "双层厂房（后台改）",
      areaSqm: "5千平",
      ceilingM: "8米",
      status: "available",
      ...over,
    });

  it("refuses a save without the CSRF token and writes nothing", async () => {
    const res = await post("/admin/spaces/S2", spaceForm({ csrf: "" }));
    expect(res.status).toBe(403);
    const [s] = await db.sql<{ title: string }[]>`select title from spaces where id = 'S2'`;
    expect(s.title).not.toBe("双层厂房（后台改）");
  });

  it("saves a space typed as people write it (5千平, 8米) and 303s back to it", async () => {
    const res = await post("/admin/spaces/S2", spaceForm());
    const said = await followFlash(web.url, res, cookie);
    expect(said).toMatchObject({ location: "/admin/spaces/S2", role: "status", text: "已保存。", shownAgain: false });
    const [s] = await db.sql<{ title: string; areaSqm: number; ceilingM: number; deals: string[] }[]>`
      select title, area_sqm, ceiling_m, deals from spaces where id = 'S2'`;
    expect(s).toEqual({ title: "双层厂房（后台改）", areaSqm: 5000, ceilingM: 8, deals: ["buy", "lease"] });
  });

  it("answers a bad field with 400, the message beside that field, and what was typed kept", async () => {
    const res = await post("/admin/spaces/S2", spaceForm({ areaSqm: "很大", title: "不应保存" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="[^"]*areaSqm[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="[^"]*areaSqm/);
    expect(html).toContain("无法识别“很大”");
    expect(html).toContain('value="不应保存"');
    const [s] = await db.sql<{ title: string }[]>`select title from spaces where id = 'S2'`;
    expect(s.title).toBe("双层厂房（后台改）");
  });

  // A post that left fields out blanked them (absent read as empty); one field sent twice was joined with 、.
  it("refuses a save that leaves a field out (400, 表单不完整) and keeps every stored value", async () => {
    await db.sql`update spaces set floors = 2, notes = '原有备注', rent_yuan_per_sqm_month = 25 where id = 'S2'`;
    const before = await db.sql`select * from spaces where id = 'S2'`;
    const partial = spaceForm({ title: "缺字段的保存" }) as Record<string, string | string[]>;
    for (const k of ["floors", "notes", "rentYuanPerSqmMonth"]) delete partial[k];
    const res = await post("/admin/spaces/S2", partial);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("表单不完整，请刷新页面后重试");
    expect(html).toContain('value="缺字段的保存"'); // what was typed stays
    expect(await db.sql`select * from spaces where id = 'S2'`).toEqual(before);
    // A field sent empty on purpose is still a field emptied.
    const emptied = await post("/admin/spaces/S2", spaceForm({ notes: "" }));
    expect(emptied.status).toBe(303);
    const [s] = await db.sql<{ notes: string | null; floors: number | null }[]>`select notes, floors from spaces where id = 'S2'`;
    expect(s.notes).toBeNull();
    // English, and another collection: a recruiter without its email field.
    const recruiter = wholeForm("recruiters", { csrf, intent: "save", id: "R1", name: "改名" }) as Record<string, string>;
    delete recruiter.email;
    const en = await post("/admin/recruiters/R1?lng=en", recruiter);
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("The form is incomplete; reload the page and try again");
  });

  it("refuses a single-valued field sent twice with a message beside it, and lets checkbox groups repeat", async () => {
    const before = await db.sql`select * from spaces where id = 'S2'`;
    const res = await post("/admin/spaces/S2", spaceForm({ title: ["甲", "乙"] }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("此项只能填一个值，但提交了 2 个");
    expect(html).not.toContain("甲、乙");
    expect(await db.sql`select * from spaces where id = 'S2'`).toEqual(before);
    // deals is a group of checkboxes: two ticks are two values, as always.
    expect((await post("/admin/spaces/S2", spaceForm({ deals: ["lease", "buy"] }))).status).toBe(303);
  });

  it("a save to a row that does not exist is a 404, not a row created from the address", async () => {
    const res = await post("/admin/spaces/NO-SUCH-SPACE", spaceForm({ id: "NO-SUCH-SPACE" }));
    expect(res.status).toBe(404);
    expect(await db.sql`select id from spaces where id = 'NO-SUCH-SPACE'`).toHaveLength(0);
  });

  // Two admins on one page: B saves, then A saves the form A opened earlier. A's save silently undid B's.
  it("a save over a change made since the page was opened is refused with 409, keeps what was typed, and a second save overwrites", async () => {
    const baseIn = (html: string) => /name="base" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const openedByA = baseIn(await (await fetch(`${web.url}/admin/spaces/S2`, { headers: { cookie } })).text());
    expect(openedByA).not.toBe("");
    const openedByB = baseIn(await (await fetch(`${web.url}/admin/spaces/S2`, { headers: { cookie } })).text());
    expect((await post("/admin/spaces/S2", spaceForm({ base: openedByB, title: "B 改的标题", ceilingM: "12" }))).status).toBe(303);

    const stale = await post("/admin/spaces/S2", spaceForm({ base: openedByA, title: "A 的旧页面", ceilingM: "8" }));
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("您打开此页后，有人修改了这条记录");
    expect(html).toContain('value="A 的旧页面"'); // what A typed is still there
    const [kept] = await db.sql<{ title: string; ceilingM: number }[]>`select title, ceiling_m from spaces where id = 'S2'`;
    expect(kept).toEqual({ title: "B 改的标题", ceilingM: 12 });

    // The refusal carries the fingerprint of B's version: saving again is a deliberate overwrite.
    const now = baseIn(html);
    expect(now).not.toBe(openedByA);
    expect((await post("/admin/spaces/S2", spaceForm({ base: now, title: "A 确认覆盖", ceilingM: "8" }))).status).toBe(303);
    const [over] = await db.sql<{ title: string }[]>`select title from spaces where id = 'S2'`;
    expect(over.title).toBe("A 确认覆盖");
    // Parks are guarded the same way.
    const park = await (await fetch(`${web.url}/admin/parks/GC-EDZ`, { headers: { cookie } })).text();
    expect(baseIn(park)).not.toBe("");
  });

  // Two tabs on one space (ADR 091): tab 1 saves the area; tab 2, opened before, changes only the notes.
  // The fingerprint answered 409 and the second save put the old area back without a word.
  it("a save from a page opened before another's change writes only what this page changed; a field both changed is shown per field, then overwritten on purpose", async () => {
    const opened = async () => {
      const html = await (await fetch(`${web.url}/admin/spaces/S6`, { headers: { cookie } })).text();
      const base = /name="base" value="([^"]+)"/.exec(html)?.[1] ?? "";
      // What the browser's form holds: the values the page was filled with.
      const values = JSON.parse(Buffer.from(base, "base64url").toString("utf8")) as Record<string, string | string[]>;
      return { base, values };
    };
    const area = async () =>
      (
        await db.sql<{ areaSqm: number; notes: string | null; title: string }[]>`
      select area_sqm, notes, title from spaces where id = 'S6'`
      )[0];
    const save = (tab: { base: string; values: Record<string, string | string[]> }, over: Record<string, string | string[]>) =>
      // Every field, as a browser sends the form (blank ones too: a field left out is refused, ADR 086).
      post("/admin/spaces/S6", wholeForm("spaces", { ...tab.values, ...over, csrf, intent: "save", base: tab.base }));
    const tab1 = await opened();
    const tab2 = await opened();
    expect((await save(tab1, { areaSqm: "1.3万平" })).status).toBe(303);
    expect((await area()).areaSqm).toBe(13000);
    expect((await save(tab2, { notes: "二号页签的备注" })).status).toBe(303);
    expect(await area()).toMatchObject({ areaSqm: 13000, notes: "二号页签的备注" });

    // Both change the area: the second is refused, says what the other saved and what it has, beside the field.
    const tab3 = await opened();
    const tab4 = await opened();
    expect((await save(tab3, { areaSqm: "14000" })).status).toBe(303);
    const stale = await save(tab4, { areaSqm: "1.5万平", title: "四号页签的标题" });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("对方已保存为：14000");
    expect(html).toContain("本页为：1.5万平");
    expect(html).toContain("有 1 处要您确认"); // the area, which has its message: a decision, not a mistake
    expect(html).not.toContain("处需要修改");
    expect(await area()).toMatchObject({ areaSqm: 14000, title: tab3.values.title });
    const again = /name="base" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect((await save({ base: again, values: tab4.values }, { areaSqm: "1.5万平", title: "四号页签的标题" })).status).toBe(303);
    expect(await area()).toMatchObject({ areaSqm: 15000, title: "四号页签的标题", notes: "二号页签的备注" });

    // Retired in another tab meanwhile: the save goes through (nothing conflicts) and says the row is retired.
    const tab5 = await opened();
    await db.sql`update spaces set retired_at = now(), retired_by = 'other@example.test' where id = 'S6'`;
    try {
      const said = await followFlash(web.url, await save(tab5, { notes: "五号页签的备注" }), cookie);
      expect(said.text).toBe("已保存。 注意：这一条目前是停用的（可能刚在另一页停用），不会参与匹配；需要时可在本页恢复。");
      expect(await area()).toMatchObject({ notes: "五号页签的备注" });
    } finally {
      await db.sql`update spaces set retired_at = null, retired_by = null where id = 'S6'`;
    }
    const plain = await followFlash(web.url, await save(await opened(), { notes: "六号页签的备注" }), cookie);
    expect(plain.text).toBe("已保存。");
  });

  // After a refusal, the fields this tab did not touch still showed this tab's old values: saving did not
  // revert them (the merge), but the page did not show what was stored, nor say so (ADR 092).
  it("a refused save shows what is stored now in every field this tab did not change, names them, and keeps this tab's typing", async () => {
    const decodeEntities = (t: string) =>
      t
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    /** The edit form as a browser would send it from this page. */
    const formOf = (html: string) => {
      const form = /<form\b[^>]*id="inventory-spaces"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
      const sent: Record<string, string | string[]> = {};
      for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
        const attr = (a: string) => new RegExp(`\\b${a}="([^"]*)"`).exec(tag)?.[1];
        const name = attr("name");
        if (!name) continue;
        if (/type="checkbox"/.test(tag)) {
          if (/checked=""/.test(tag)) sent[name] = [...((sent[name] as string[] | undefined) ?? []), decodeEntities(attr("value") ?? "on")];
          continue;
        }
        sent[name] = decodeEntities(attr("value") ?? "");
      }
      for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
        sent[name] = decodeEntities(/<option value="([^"]*)" selected="">/.exec(options)?.[1] ?? "");
      for (const [, name, text] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
        sent[name] = decodeEntities(text);
      return sent;
    };
    const page = async () => await (await fetch(`${web.url}/admin/spaces/S3`, { headers: { cookie } })).text();
    const row = async () =>
      (
        await db.sql<{ areaSqm: number; powerKva: number | null; title: string; deals: string[] }[]>`
        select area_sqm, power_kva, title, deals from spaces where id = 'S3'`
      )[0];
    const tab1 = formOf(await page());
    const tab2 = formOf(await page());
    expect(tab1.base).toBeTruthy();
    // Tab 1: the area, the power (S3 is land: no ceiling, docs/decisions/103) and the deals. Tab 2 (opened before): the area too, and the title.
    expect(
      (await post("/admin/spaces/S3", { ...tab1, csrf, intent: "save", areaSqm: "14000", powerKva: "1100", deals: ["lease", "buy"] }))
        .status,
    ).toBe(303);
    const stale = await post("/admin/spaces/S3", { ...tab2, csrf, intent: "save", areaSqm: "1.5万平", title: "二号页签的标题" });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const shown = formOf(html);
    // This tab's typing: the conflicting area (with both values beside it) and the title.
    expect(shown).toMatchObject({ areaSqm: "1.5万平", title: "二号页签的标题" });
    expect(html).toContain("对方已保存为：14000；本页为：1.5万平");
    // What tab 1 stored, where tab 2 typed nothing: shown, and named in the form's message.
    expect(shown).toMatchObject({ powerKva: "1100" });
    expect((shown.deals as string[]).sort()).toEqual(["buy", "lease"]);
    expect(html).toContain(
      "以下是对方在此期间保存、您没有改过的项，下面已显示为现在保存的值：交易方式：出租、出售；配电（千伏安）：1100。",
    );
    expect(html).toContain("有 1 处要您确认"); // the area; the updated fields are no error
    // Saving the page as shown: tab 2's two changes over everything tab 1 stored.
    expect((await post("/admin/spaces/S3", { ...shown, intent: "save" })).status).toBe(303);
    expect(await row()).toMatchObject({ areaSqm: 15000, powerKva: 1100, title: "二号页签的标题" });
    expect((await row()).deals.sort()).toEqual(["buy", "lease"]);
    // In English too.
    const tab3 = formOf(await page());
    const tab4 = formOf(await page());
    expect((await post("/admin/spaces/S3", { ...tab3, csrf, intent: "save", powerKva: "1200", title: "三" })).status).toBe(303);
    const en = await post("/admin/spaces/S3?lng=en", { ...tab4, csrf, intent: "save", title: "四" });
    expect(en.status).toBe(409);
    const enHtml = await en.text();
    expect(enHtml).toContain("Saved by them meanwhile, in fields you had not changed, and now shown below as stored: power (kVA): 1200.");
    expect(formOf(enHtml)).toMatchObject({ powerKva: "1200", title: "四" });
  });

  // The banner counted the form's own message as a field: "有 1 处需要修改，见各字段下方的说明" with no field marked.
  it("a refusal that names no field (a page from before ADR 091 sent a fingerprint) does not count one", async () => {
    const res = await post("/admin/spaces/S6", spaceForm({ id: "S6", parkId: "GC-EDZ", base: "AAAAAAAAAAAAAAAAAAAAAA" }));
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("有人修改了这条记录");
    expect(html).not.toContain("处需要修改");
  });

  it("asks for a space's park as a select of the parks, “name（id）”, its value the id; a retired park is left out of a new space and marked on one of its own", async () => {
    const parkSelect = async (path: string) => {
      const html = await (await fetch(`${web.url}${path}`, { headers: { cookie } })).text();
      const select = /<select[^>]*name="parkId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
      return Array.from(select.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g), (m) => ({
        value: m[1],
        selected: !!m[2],
        label: m[3],
      }));
    };
    const [{ id: dbSpace }] = await db.sql<{ id: string }[]>`select id from spaces where park_id = 'GC-DB' order by id limit 1`;
    const [{ name: dbName }] = await db.sql<{ name: string }[]>`select name from parks where id = 'GC-DB'`;
    const s2 = await parkSelect("/admin/spaces/S2");
    expect(s2.find((o) => o.selected)?.value).toBe("GC-EDZ");
    expect(s2.find((o) => o.value === "GC-DB")?.label).toBe(`${dbName}（GC-DB）`);
    const parks = await db.sql<{ id: string }[]>`select id from parks`;
    expect(s2.filter((o) => o.value !== "").length).toBe(parks.length);
    await db.sql`update parks set retired_at = now() where id = 'GC-DB'`;
    try {
      const fresh = await parkSelect("/admin/spaces/new");
      expect(fresh.length).toBeGreaterThan(1);
      expect(fresh.map((o) => o.value)).not.toContain("GC-DB");
      const own = await parkSelect(`/admin/spaces/${dbSpace}`);
      expect(own.find((o) => o.selected)).toEqual({ value: "GC-DB", selected: true, label: `${dbName}（GC-DB，已停用）` });
      expect((await parkSelect(`/admin/spaces/${dbSpace}?lng=en`)).find((o) => o.selected)?.label).toBe(`${dbName} (GC-DB, retired)`);
    } finally {
      await db.sql`update parks set retired_at = null where id = 'GC-DB'`;
    }
  });

  it("creates a recruiter; a second one with the same id is a field error", async () => {
    const form = wholeForm("recruiters", {
      csrf,
      intent: "save",
      id: "R20",
      name: "郑新",
      email: "zhengxin@example.test",
      phone: "139 0000 0020",
      channel: "email",
      parks: "GC-EDZ、GC-MED",
      capacity: "12",
      active: "true",
      awayFrom: "2027-01-20",
      awayTo: "2027/1/27",
      workingHours: "周一至周六 8:30-17:30",
    });
    const res = await post("/admin/recruiters/new", form);
    expect(res.status).toBe(303);
    const [r] = await db.sql<{ parks: string[]; awayTo: string; workingHours: unknown }[]>`
      select parks, to_char(away_to, 'YYYY-MM-DD') as away_to, working_hours from recruiters where id = 'R20'`;
    expect(r).toEqual({
      parks: ["GC-EDZ", "GC-MED"],
      awayTo: "2027-01-27",
      workingHours: { days: [1, 2, 3, 4, 5, 6], start: "08:30", end: "17:30" },
    });
    const again = await post("/admin/recruiters/new", form);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("编号已存在");
  });

  // New-user trial: a 3-storey space saved as 单层 was offered as single storey; 主导产业 took codes only and
  // the tax thresholds refused their own unit; 休假 took ISO dates only.
  it("refuses 层数 3 with 单层 是 at 单层 and writes nothing", async () => {
    const before = await db.sql`select * from spaces where id = 'S2'`;
    const res = await post("/admin/spaces/S2", spaceForm({ floors: "3", singleStorey: "true" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("与层数不符");
    expect(await db.sql`select * from spaces where id = 'S2'`).toEqual(before);
  });

  // Attack F6 (docs/decisions/103): land with a building's figures, a park excluding its own focus.
  it("refuses a land plot's 层高 and 行车 and a park's excluded focus industry at their fields, writing nothing", async () => {
    const before = await db.sql`select * from spaces where id = 'S2'`;
    const land = await post("/admin/spaces/S2", spaceForm({ kind: "land", areaSqm: "30亩", ceilingM: "8米", craneT: "10吨" }));
    expect(land.status).toBe(400);
    const landHtml = await land.text();
    expect(landHtml).toContain("类型为土地：土地没有层高，请留空此项");
    expect(landHtml).toContain("类型为土地：土地没有行车，请留空此项");
    expect(landHtml).toContain('value="30亩"'); // the typing is kept
    expect(await db.sql`select * from spaces where id = 'S2'`).toEqual(before);
    const en = await post("/admin/spaces/S2?lng=en", spaceForm({ kind: "land", ceilingM: "8" }));
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("the kind is land: land has no ceiling height");

    const [p] = await db.sql<Record<string, string>[]>`select name, province, city, district from parks where id = 'GC-MED'`;
    const parkBefore = await db.sql`select * from parks where id = 'GC-MED'`;
    const park = await post(
      "/admin/parks/GC-MED",
      wholeForm("parks", { csrf, intent: "save", id: "GC-MED", ...p, industries: "医药、C35", excludedIndustries: "制造业" }),
    );
    expect(park.status).toBe(400);
    const parkHtml = await park.text();
    expect(parkHtml).toContain("C27 医药制造业既是主导产业又被禁入（禁入 C 制造业）");
    expect(parkHtml).toContain("C35 专用设备制造业既是主导产业又被禁入（禁入 C 制造业）");
    expect(await db.sql`select * from parks where id = 'GC-MED'`).toEqual(parkBefore);
  });

  // A park's places by their short names are stored by their standard names (GB/T 2260), and said so.
  it("stores a park's 江苏 / 南京 / 江宁 as 江苏省 / 南京市 / 江宁区 and says what it stored; an ambiguous one (临夏: 临夏市 or 临夏县) lists the choices", async () => {
    const form = wholeForm("parks", {
      csrf,
      intent: "save",
      id: "JN-NEW",
      name: "江宁新园",
      province: "江苏",
      city: "南京",
      district: "江宁",
    });
    const res = await post("/admin/parks/new", form);
    const said = await followFlash(web.url, res, cookie);
    expect(said.text).toContain("省“江苏”按规范名称存为“江苏省”");
    expect(said.text).toContain("市“南京”按规范名称存为“南京市”");
    expect(said.text).toContain("区县“江宁”按规范名称存为“江宁区”");
    const [row] = await db.sql`select province, city, district, district_code from parks where id = 'JN-NEW'`;
    expect(row).toEqual({ province: "江苏省", city: "南京市", district: "江宁区", districtCode: "320115" });
    const ambiguous = await post("/admin/parks/new", { ...form, id: "LX-NEW", province: "甘肃", city: "临夏", district: "临夏" });
    expect(ambiguous.status).toBe(400);
    const html = await ambiguous.text();
    expect(html).toContain("对应多个区县，请写规范名称或填区县代码；可选：甘肃省临夏回族自治州临夏市、甘肃省临夏回族自治州临夏县");
    expect(html).toContain('value="临夏"');
  });

  it("reads a park's industry names and tax thresholds in the field's own unit", async () => {
    const [p] = await db.sql<Record<string, string>[]>`select name, province, city, district from parks where id = 'GC-EDZ'`;
    const form = wholeForm("parks", {
      csrf,
      intent: "save",
      id: "GC-EDZ",
      ...p,
      industries: "金属制品、通用设备、家具",
      minTaxPerMuWan: "每亩15万",
      minTaxPer1000SqmWan: "20万/千平",
    });
    const res = await post("/admin/parks/GC-EDZ", form);
    expect(res.status).toBe(303);
    const [saved] = await db.sql<{ industries: string[]; minTaxPerMuWan: number; minTaxPer1000sqmWan: number }[]>`
      select industries, min_tax_per_mu_wan, min_tax_per_1000sqm_wan from parks where id = 'GC-EDZ'`;
    expect(saved).toEqual({ industries: ["C33", "C34", "C21"], minTaxPerMuWan: 15, minTaxPer1000sqmWan: 20 });
    const other = await post("/admin/parks/GC-EDZ", { ...form, minTaxPerMuWan: "20万/千平", industries: "机械" });
    expect(other.status).toBe(400);
    const html = await other.text();
    expect(html).toContain("本栏按每亩计");
    expect(html).toContain("可指多个行业");
  });

  it("reads a recruiter's away days written in Chinese and says what they were read as", async () => {
    const form = wholeForm("recruiters", {
      csrf,
      intent: "save",
      id: "R21",
      name: "钱休",
      email: "qianxiu@example.test",
      phone: "139 0000 0021",
      channel: "email",
      parks: "GC-EDZ",
      capacity: "3",
      active: "true",
      awayFrom: "下周五",
      awayTo: "2099年1月8日",
    });
    const res = await post("/admin/recruiters/new", form);
    const from = readAwayDay("下周五");
    const said = await followFlash(web.url, res, cookie);
    expect(said.text).toContain(`休假开始“下周五”读作 ${from}`);
    expect(said.text).toContain("休假结束“2099年1月8日”读作 2099-01-08");
    const [r] = await db.sql<{ awayFrom: string }[]>`select to_char(away_from, 'YYYY-MM-DD') as away_from from recruiters where id = 'R21'`;
    expect(r.awayFrom).toBe(from);
  });

  it("“still available” sets verifiedAt, and the stale list offers it", async () => {
    await db.sql`update spaces set verified_at = now() - interval '45 days' where id = 'S3'`;
    const list = await (await fetch(`${web.url}/admin/spaces?stale=1`, { headers: { cookie } })).text();
    expect(list).toContain('data-space="S3"');
    expect(list).not.toContain('data-space="S2"');
    const res = await post("/admin/spaces/S3", { csrf, intent: "verify", back: "list" });
    expect(res.status).toBe(303);
    const [s] = await db.sql<{ fresh: boolean }[]>`select verified_at > now() - interval '1 minute' as fresh from spaces where id = 'S3'`;
    expect(s.fresh).toBe(true);
    const after = await (await fetch(`${web.url}/admin/spaces?stale=1`, { headers: { cookie } })).text();
    expect(after).not.toContain('data-space="S3"');
  });

  // A trial of 2026-12-04 (ADR 119): 仍可租售 beside a form with edits typed and not saved redirected back
  // with "confirmed" — without JavaScript the edits were gone, with it they looked saved. The button posts
  // the edit form now: the edits come back typed, named as not saved, nothing of them stored.
  it("“still available” from a space's page with unsaved edits confirms it, keeps the edits typed and says they were not saved (zh, en)", async () => {
    await db.sql`update spaces set verified_at = now() - interval '45 days' where id = 'S4'`;
    const page = await (await fetch(`${web.url}/admin/spaces/S4`, { headers: { cookie } })).text();
    expect(page).toMatch(/<button[^>]*form="inventory-spaces"[^>]*name="intent"[^>]*value="verify"/);
    const base = /name="base" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const loaded = decodeBase(base)!;
    const [before] = await db.sql<{ title: string; areaSqm: number }[]>`select title, area_sqm from spaces where id = 'S4'`;
    const asSent = { ...wholeForm("spaces", loaded), csrf, intent: "verify", base };

    for (const [lng, said, fields] of [
      ["zh", "表单中的修改尚未保存", "（名称、面积）"],
      ["en", "your changes in the form are not saved yet", "(title, area)"],
    ] as const) {
      await db.sql`update spaces set verified_at = now() - interval '45 days' where id = 'S4'`;
      const res = await post(`/admin/spaces/S4${lng === "en" ? "?lng=en" : ""}`, { ...asSent, title: "改过的标题", areaSqm: "6千平" });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(said);
      expect(html).toContain(fields);
      // What was typed is in the form, as typed.
      expect(html).toMatch(/name="areaSqm"[^>]*value="6千平"|value="6千平"[^>]*name="areaSqm"/);
      expect(html).toMatch(/name="title"[^>]*value="改过的标题"|value="改过的标题"[^>]*name="title"/);
      const [s] = await db.sql<{ title: string; areaSqm: number; fresh: boolean }[]>`
        select title, area_sqm, verified_at > now() - interval '1 minute' as fresh from spaces where id = 'S4'`;
      expect(s).toEqual({ ...before, fresh: true });
    }
    // A list field (deals) alone counts as an edit too.
    const deals = (loaded.deals as string[]).includes("buy") ? ["lease"] : ["lease", "buy"];
    const one = await post("/admin/spaces/S4", { ...asSent, deals });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("（交易方式）");

    // Nothing typed: confirmed and back to the page, as before.
    const plain = await post("/admin/spaces/S4", asSent);
    expect(plain.status).toBe(303);
  });

  it("retires a space only with the ticked confirmation: its live matches are withdrawn (已下架) and the leads re-matched; it stays listed as retired and restores", async () => {
    const { leadId } = await routedLead("南京下架测试机械有限公司");
    const unconfirmed = await post("/admin/spaces/S1", { csrf, intent: "retire" });
    expect(unconfirmed.status).toBe(400);
    const html = await unconfirmed.text();
    expect(html).toContain("请勾选确认后再停用");
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="[^"]*confirm/);
    expect((await db.sql`select retired_at from spaces where id = 'S1'`)[0].retiredAt).toBeNull();
    // the page offers it, saying how many open leads lose it
    const page = await (await fetch(`${web.url}/admin/spaces/S1`, { headers: { cookie } })).text();
    expect(page).toMatch(/目前推荐给 \d+ 条未结需求/);
    expect(await post("/admin/spaces/S1", { csrf: "", intent: "retire", confirm: "on" }).then((r) => r.status)).toBe(403);

    const res = await post("/admin/spaces/S1", { csrf, intent: "retire", confirm: "on" });
    const said = await followFlash(web.url, res, cookie);
    expect(said).toMatchObject({ location: "/admin/spaces/S1", role: "status", shownAgain: false });
    expect(said.text).toContain("已停用");
    const [row] = await db.sql<{ retiredBy: string; status: string }[]>`select retired_by, status from spaces where id = 'S1'`;
    expect(row).toEqual({ retiredBy: `staff:${EMAIL}`, status: "available" }); // the listing's own state is kept for a restore
    const [retiredRow] = await loadSpaceRows(db.sql, { spaceIds: ["S1"] });
    expect(retiredRow.status).toBe("retired");
    // matching refuses it, saying why (the lead fitted it a moment ago)
    const [{ lead }] = await db.sql<{ lead: MatchNeed }[]>`select lead from leads where id = ${leadId}`;
    const check = hardCheck(withRegionCodes(lead), toSpaceCandidate(retiredRow));
    expect(check.pass ? [] : check.failures).toContain("status");
    expect(failureReason(lead, toSpaceCandidate(retiredRow), "status").zh).toContain("已下架");
    // nor can a recruiter put it on a shortlist
    expect((await loadShortlistCandidates(db.sql, leadId, "GC-EDZ")).map((c) => c.id)).not.toContain("S1");
    expect((await db.sql`select action from admin_audit where target = 'space:S1'`).map((a) => a.action)).toEqual(["space-retired"]);

    // the reverse-matching job withdraws its live matches like a let space's, and re-matches those leads
    const [job] = await db.sql<{ id: string }[]>`
      select id::text from outbox where topic = 'space.match' and aggregate_id = 'S1' and done_at is null order by id desc limit 1`;
    expect(job).toBeDefined();
    await spaceMatchJob({ sql: db.sql } as unknown as JobContext, { outboxId: Number(job.id), id: "S1" });
    const [m] = await db.sql<{ withdrawnAt: Date | null; withdrawnReason: { zh: string } }[]>`
      select withdrawn_at, withdrawn_reason from matches where lead_id = ${leadId} and space_id = 'S1'`;
    expect(m.withdrawnAt).not.toBeNull();
    expect(m.withdrawnReason.zh).toContain("已下架");
    expect((await db.sql`select 1 from routing_events where lead_id = ${leadId} and event = 'rematch'`).length).toBe(1);
    expect(await leadsOfferedSpace(db.sql, "S1")).toEqual([]);

    // lists: in use by default, retired on request; history stays
    const list = async (q: string) => (await fetch(`${web.url}/admin/spaces${q}`, { headers: { cookie } })).text();
    expect(await list("")).not.toContain('data-space="S1"');
    expect(await list("?state=retired")).toContain('data-space="S1"');
    expect(await list("?state=retired")).not.toContain('data-space="S2"');
    expect(await list("?state=all")).toContain('data-space="S1"');

    // a retired listing is not one to confirm
    await db.sql`update spaces set verified_at = now() - interval '45 days' where id = 'S1'`;
    expect((await listUnverifiedListings(db.sql, 30)).rows.map((r) => r.spaceId)).not.toContain("S1");

    const restored = await followFlash(web.url, await post("/admin/spaces/S1", { csrf, intent: "restore" }), cookie);
    expect((await listUnverifiedListings(db.sql, 30)).rows.map((r) => r.spaceId)).toContain("S1");
    await db.sql`update spaces set verified_at = now() where id = 'S1'`;
    expect(restored.text).toContain("已恢复");
    expect((await db.sql`select retired_at from spaces where id = 'S1'`)[0].retiredAt).toBeNull();
    expect((await loadSpaceRows(db.sql, { spaceIds: ["S1"] }))[0].status).toBe("available");
    expect(await list("")).toContain('data-space="S1"');
    expect((await loadShortlistCandidates(db.sql, leadId, "GC-EDZ")).map((c) => c.id)).toContain("S1");
  });

  it("retiring a park retires its spaces with it (not offered, listed as retired); restoring brings them back", async () => {
    const res = await post("/admin/parks/GC-MED", { csrf, intent: "retire", confirm: "on" });
    expect(res.status).toBe(303);
    const spaces = await loadSpaceRows(db.sql, { parkIds: ["GC-MED"] });
    expect(spaces.length).toBeGreaterThan(0);
    expect(spaces.every((s) => s.status === "retired")).toBe(true);
    const queued = await db.sql<{ aggregateId: string }[]>`
      select aggregate_id from outbox where topic = 'space.match' and done_at is null and aggregate_id in ${db.sql(spaces.map((s) => s.id))}`;
    expect(new Set(queued.map((q) => q.aggregateId))).toEqual(new Set(spaces.map((s) => s.id)));
    const parks = await (await fetch(`${web.url}/admin/parks`, { headers: { cookie } })).text();
    expect(parks).not.toContain("/admin/parks/GC-MED");
    expect(await (await fetch(`${web.url}/admin/parks?state=retired`, { headers: { cookie } })).text()).toContain("/admin/parks/GC-MED");
    const spacePage = await (await fetch(`${web.url}/admin/spaces/${spaces[0].id}`, { headers: { cookie } })).text();
    expect(spacePage).toContain("所属园区已停用");
    expect((await post("/admin/parks/GC-MED", { csrf, intent: "restore" })).status).toBe(303);
    expect((await loadSpaceRows(db.sql, { parkIds: ["GC-MED"] })).some((s) => s.status === "retired")).toBe(false);
  });

  it("retiring a recruiter re-routes their open offers now and takes them off the list of those in use", async () => {
    const { assignmentId, recruiterId } = await routedLead("南京离职测试机械有限公司");
    const res = await post(`/admin/recruiters/${recruiterId}`, { csrf, intent: "retire", confirm: "on" });
    const said = await followFlash(web.url, res, cookie);
    expect(said.text).toContain("改派");
    expect((await db.sql`select active from recruiters where id = ${recruiterId}`)[0].active).toBe(false);
    const [a] = await db.sql<
      { recruiterId: string | null; status: string }[]
    >`select recruiter_id, status from assignments where id = ${assignmentId}`;
    expect(a.recruiterId).not.toBe(recruiterId);
    const list = await (await fetch(`${web.url}/admin/recruiters`, { headers: { cookie } })).text();
    expect(list).not.toContain(`data-recruiter="${recruiterId}"`);
    expect(await (await fetch(`${web.url}/admin/recruiters?state=retired`, { headers: { cookie } })).text()).toContain(
      `data-recruiter="${recruiterId}"`,
    );
    expect((await post(`/admin/recruiters/${recruiterId}`, { csrf, intent: "restore" })).status).toBe(303);
    expect((await db.sql`select active from recruiters where id = ${recruiterId}`)[0].active).toBe(true);
    expect(
      (await db.sql`select action from admin_audit where target = ${`recruiter:${recruiterId}`} order by id`).map((r) => r.action),
    ).toEqual(["recruiter-retired", "recruiter-restored"]);
  });

  it("the import reads its workbook through Conform (a File in the schema): no file, text for a file, the wrong type are each a 400 with the reason", async () => {
    const upload = (file?: string | { blob: Blob; name: string }, token = csrf) => {
      const body = new FormData();
      body.append("csrf", token);
      body.append("intent", "preview");
      if (typeof file === "string") body.append("file", file);
      else if (file) body.append("file", file.blob, file.name);
      return fetch(`${web.url}/admin/import`, { method: "POST", redirect: "manual", headers: { cookie }, body });
    };
    for (const res of [await upload(), await upload({ blob: new Blob([]), name: "空.xlsx" }), await upload("不是文件")]) {
      expect(res.status).toBe(400);
      const html = await res.text();
      // Said at the file field (aria-invalid, described by the message), not left to the browser's bubble.
      expect(html).toMatch(/<div id="import-file-error" role="alert"><ul class="errors"><li>请选择一个 \.xlsx 或 \.csv 文件<\/li>/);
      expect(html).toMatch(/<input id="import-file"[^>]*aria-invalid="true"[^>]*aria-describedby="import-file-error"/);
      expect(html).not.toMatch(/<input id="import-file"[^>]*\srequired[\s=>]/);
    }
    const txt = await upload({ blob: new Blob(["id,name\n"]), name: "parks.txt" });
    expect(txt.status).toBe(400);
    expect(await txt.text()).toContain("只支持 .xlsx 和 .csv 文件");
    expect((await upload({ blob: new Blob(["id,name\n"]), name: "parks.csv" }, "stale-token")).status).toBe(403);
  });

  it("exports the inventory as .xlsx and serves the template", async () => {
    const res = await fetch(`${web.url}/admin/export`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    // The Chinese name in filename*, the English one as the plain fallback (not "________-<day>.xlsx").
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/filename="parks-spaces-recruiters-\d{8}\.xlsx"/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("园区空间招商专员-")}`);
    const template = await fetch(`${web.url}/admin/import-template`, { headers: { cookie } });
    expect(template.headers.get("content-disposition")).toContain('filename="import-template.xlsx"');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect((await fetch(`${web.url}/admin/import-template`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${web.url}/admin/export`, { redirect: "manual" })).status).toBe(303); // signed out
  });

  it("the preview's page carries the rows it lists, not the whole plan: 520 new spaces → 500 listed, 20 counted (ADR 125)", async () => {
    const checked = validateInventory({ spaces: generatedSpaces(520).map((sp, i) => ({ ...sp, id: `PV${i + 1}` })) });
    if (!checked.ok) throw new Error("generated spaces refused");
    const body = new FormData();
    body.append("csrf", csrf);
    body.append("intent", "preview");
    body.append("file", new Blob([new Uint8Array(await inventoryWorkbook(checked.value))]), "空间.xlsx");
    const res = await fetch(`${web.url}/admin/import`, { method: "POST", redirect: "manual", headers: { cookie }, body });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("新建 520"); // the summary counts every row
    expect(html.match(/data-create="PV\d+"/g)).toHaveLength(500);
    expect(html).toContain("另有 20 行未逐行列出（已计入上面的数目）。");
    // Neither drawn nor in the page's data (the action's answer, encoded into the page).
    expect(html).not.toContain("PV501");
    expect(html).not.toContain("PV520");
  });

  it("an upload declared over 5 MB is refused with 413 in zh and en before its body is read (ADR 125)", async () => {
    for (const [lng, said] of [
      ["zh", "请求体过大（上限 5120 KB）。"],
      ["en", "The request body is too large (limit 5120 KB)."],
    ]) {
      // Headers only: the body is never sent, so an answer at all means it was refused before being read.
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(`${web.url}/admin/import?lng=${lng}`, {
          method: "POST",
          headers: { cookie, "content-type": "multipart/form-data; boundary=x", "content-length": String(6 * 1024 * 1024) },
        });
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.flushHeaders();
      });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain(said);
    }
  });
});
