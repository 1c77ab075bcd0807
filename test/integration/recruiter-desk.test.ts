import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listLeads } from "~/admin/lead-list.server";
import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { eraseLeads } from "~/privacy/anonymise.server";
import { exportPersonData, findPerson } from "~/privacy/requests.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { loadDesk, PAGE_SIZE } from "~/recruiter-desk/desk-search.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// The recruiter desk of issue 12 against the real web process and Postgres: search and filters, the
// history view with paging, notes, follow-up, visit, lost with a reason and its undo, and the shortlist
// page an enterprise opens (token, expiry, what it must never show, its openings recorded).
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "zhoumin-秘密-2026";
let cookie = "";
let csrf = "";

beforeAll(async () => {
  db = await createTestDatabase("recruiter_desk");
  web = await startWebServer({ DATABASE_URL: db.url });
  const inv = demoInventory();
  // Hostile park text: the shortlist page must show it as text.
  (inv.parks.find((p) => p.id === "GC-EDZ") as Record<string, unknown>).policies =
    '首年租金补贴 <img src=x onerror="alert(1)"> 电话请找专员';
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)}),
    ('zheng@example.test', '郑洁', 'recruiter', 'R3', ${await hashPassword(PASSWORD)}),
    ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)})`;
  const res = await post("/login", { email: "zhoumin@example.test", password: PASSWORD });
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  csrf = /name="csrf" value="([^"]+)"/.exec(await (await get("/queue")).text())![1];
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

function get(path: string, withCookie = true) {
  return fetch(`${web.url}${path}`, { redirect: "manual", headers: withCookie && cookie ? { cookie } : {} });
}
function post(path: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  return fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body,
  });
}

type LeadOptions = { company: string; phone?: string; product?: string; kind?: "factory" | "warehouse"; parks?: string[] };

/** A lead matched to GC-EDZ's S1 (and the first space of each other park given) and routed, as the worker would. */
async function routedLead(o: LeadOptions): Promise<{ leadId: string; reference: string; assignmentId: string }> {
  const json = validLeadJson({ company: o.company, phone: o.phone ?? "13812345678" });
  if (o.product) json.use.product = o.product;
  if (o.kind) json.need.kind = o.kind;
  const parsed = createLeadSchema("zh", "api").parse(json);
  const { id, reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  for (const park of ["GC-EDZ", ...(o.parks ?? [])]) {
    const [space] = await db.sql<
      { id: string }[]
    >`select id from spaces where park_id = ${park} and status = 'available' order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${id}, ${space.id}, ${park}, 88, ${db.sql.json([
                   ...INTERNAL_REASONS,
                   { zh: "配电未知，需核实", en: "power unknown", kind: "check" },
                 ] as never)}, 'lead')`;
  }
  await db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [a] = await db.sql<
    { id: string }[]
  >`select id from assignments where lead_id = ${id} and park_id = 'GC-EDZ' and recruiter_id = 'R1'`;
  return { leadId: id, reference, assignmentId: a.id };
}
// The matcher's fit reasons as a recruiter reads them: a park's thresholds, the reference rent, the area
// window and GB/T industry codes. The shortlist page an enterprise opens must show none of them.
const INTERNAL_REASONS = [
  { zh: "面积 4800㎡ 在需求 4000–6000㎡ 内", en: "Area 4800㎡ within the need 4000–6000㎡", kind: "fit" },
  { zh: "每千㎡税收 62.5万元 ≥ 园区门槛 20万元", en: "Tax per 1000㎡ 625k CNY ≥ park minimum 200k CNY", kind: "fit" },
  { zh: "投资强度 400万元/亩 ≥ 园区门槛 300万元/亩", en: "Investment per mu 4m CNY ≥ park minimum 3m CNY", kind: "fit" },
  { zh: "租金 18元/㎡/月 ≤ 参考价 20元", en: "Rent 18 CNY/㎡/month ≤ reference 20 CNY", kind: "fit" },
  { zh: "面积 ≤ 需求上限 6000㎡", en: "Area ≤ need maximum 6000㎡", kind: "fit" },
  {
    zh: "行业 C33 金属制品业 与园区主导产业（C35、C36、C34、C30）同属 C 制造业",
    en: "Industry C33 shares section C with the park's focus industries (C35, C36)",
    kind: "fit",
  },
  { zh: "行业 C35 属园区主导产业", en: "Industry C35 is a focus industry of the park", kind: "fit" },
];
/** Words and codes of the recruiter's screening that the enterprise's page never carries (zh and en). */
const INTERNAL_WORDS =
  /门槛|参考价|需求上限|在需求|主导产业|制造业|park minimum|reference|need maximum|focus industr|within the need|\b[A-T]\d{2}\b/;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 0 };
const accept = (assignmentId: string) => post(`/queue/assignments/${assignmentId}`, { intent: "accept", csrf });
const statusOf = async (id: string) => (await db.sql<{ status: string }[]>`select status from assignments where id = ${id}`)[0].status;
const searchIds = async (q: string, extra: Partial<Parameters<typeof loadDesk>[2]> = {}) =>
  (await loadDesk(db.sql, "R1", { view: "open", q, ...extra }, "zh")).rows.map((r) => r.reference);

describe("find and filter my leads", () => {
  let trad: { reference: string; assignmentId: string };
  let simp: { reference: string; assignmentId: string };
  beforeAll(async () => {
    trad = await routedLead({ company: "臺灣鼎盛電子有限公司", phone: "13912340001", product: "電源模組" });
    simp = await routedLead({ company: "南京精密机械有限公司", phone: "02552345678", product: "数控机床", kind: "warehouse" });
  });

  it("finds a company typed in Traditional by a Simplified query and one typed in Simplified by a Traditional query", async () => {
    expect(await searchIds("鼎盛电子")).toEqual([trad.reference]);
    expect(await searchIds("台湾鼎盛")).toEqual([trad.reference]);
    expect(await searchIds("精密機械")).toEqual([simp.reference]);
    expect(await searchIds("电源模组")).toEqual([trad.reference]); // product
    expect(await searchIds("不存在的公司")).toEqual([]);
  });

  it("finds by reference and by phone digits however they are typed, and a LIKE wildcard is only a character", async () => {
    expect(await searchIds(simp.reference.toLowerCase())).toEqual([simp.reference]);
    expect(await searchIds("+86 139-1234-0001")).toEqual([trad.reference]);
    expect(await searchIds("025-5234")).toEqual([simp.reference]);
    expect(await searchIds("%")).toEqual([]);
    expect(await searchIds("_")).toEqual([]);
  });

  it("filters by status, park, need kind and follow-up due, and the page says a bad filter value beside its field", async () => {
    expect((await accept(trad.assignmentId)).status).toBe(303);
    expect(await searchIds("", { status: "accepted" })).toContain(trad.reference);
    expect(await searchIds("", { status: "accepted" })).not.toContain(simp.reference);
    expect(await searchIds("", { kind: "warehouse" })).toEqual([simp.reference]);
    expect(await searchIds("", { parkId: "GC-MED" })).toEqual([]);
    expect(await searchIds("", { followUpDue: true })).not.toContain(trad.reference);

    const html = await (await get(`/queue?q=${encodeURIComponent("鼎盛電子")}`)).text();
    expect(html).toContain(trad.reference);
    expect(html).not.toContain(simp.reference);
    const bad = await get("/queue?status=nonsense&park=XX");
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("没有这个状态，请从列表中选择。");
    expect(badHtml).toContain("没有这个园区，请从列表中选择。");
  });

  it("brings a lead whose follow-up is due to the top of the queue", async () => {
    const later = await routedLead({ company: "南京跟进置顶机械有限公司" });
    await accept(later.assignmentId);
    const before = (await loadDesk(db.sql, "R1", { view: "open" }, "zh")).rows.map((r) => r.reference);
    expect(before[0]).not.toBe(later.reference);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await post(`/queue/assignments/${later.assignmentId}`, { intent: "followUp", followUpOn: today, csrf });
    expect(res.headers.get("location")).toBe(`/queue/assignments/${later.assignmentId}`);
    const after = await loadDesk(db.sql, "R1", { view: "open" }, "zh");
    expect(after.rows[0]).toMatchObject({ reference: later.reference, followUpOn: today, followUpDue: true });
    expect(await searchIds("", { followUpDue: true })).toEqual([later.reference]);
    const [event] = await db.sql<
      { event: string }[]
    >`select event from routing_events where assignment_id = ${later.assignmentId} and event = 'follow-up'`;
    expect(event).toBeTruthy();
  });

  // Trial 36 (LOW-10): a reference read out over the phone, typed without its dashes, found nothing.
  it("finds a lead by its reference typed without dashes, with blanks or full width — the desk and the admin's list", async () => {
    const l = await routedLead({ company: "南京编号查找机械有限公司" });
    const digits = l.reference.replace(/\D/g, "");
    const typed = [
      `pm${digits}`,
      `PM ${digits.slice(0, 8)} ${digits.slice(8)}`,
      `ＰＭ${digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`,
      l.reference.toLowerCase(),
    ];
    for (const q of typed) {
      expect(await searchIds(q), q).toEqual([l.reference]);
      expect(
        (await listLeads(db.sql, null, { q })).rows.map((r) => r.reference),
        q,
      ).toEqual([l.reference]);
    }
  });

  // Trial 36 (MEDIUM-3): a contacted lead whose follow-up was days away sat above the offers waiting to be
  // accepted, while the page says offers come first (and the README: follow-ups due, then offers).
  it("puts offers above follow-ups not yet due, below follow-ups due; the later follow-ups by date", async () => {
    const day = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const inFour = await routedLead({ company: "南京四天后跟进机械有限公司" });
    const inTwo = await routedLead({ company: "南京两天后跟进机械有限公司" });
    const due = await routedLead({ company: "南京今天跟进机械有限公司" });
    const offer = await routedLead({ company: "南京待接单排序机械有限公司" });
    for (const [l, on] of [
      [inFour, day(4)],
      [inTwo, day(2)],
      [due, day(0)],
    ] as const) {
      await accept(l.assignmentId);
      await post(`/queue/assignments/${l.assignmentId}`, { intent: "followUp", followUpOn: on, csrf });
    }
    const order = (await loadDesk(db.sql, "R1", { view: "open" }, "zh")).rows.map((r) => r.reference);
    const at = (l: { reference: string }) => order.indexOf(l.reference);
    expect(at(due)).toBeLessThan(at(offer));
    expect(at(offer)).toBeLessThan(at(inTwo));
    expect(at(inTwo)).toBeLessThan(at(inFour));
    // Every offer is above every follow-up not yet due.
    const rows = (await loadDesk(db.sql, "R1", { view: "open" }, "zh")).rows;
    const lastOffer = Math.max(...rows.flatMap((r, i) => (r.status === "offered" ? [i] : [])));
    const firstLater = rows.findIndex((r) => r.followUpOn !== null && !r.followUpDue);
    expect(lastOffer).toBeLessThan(firstLater);
  });
});

describe("the history view", () => {
  it("lists signed, lost, declined and re-routed-away leads, newest first, a page of 20 at a time", async () => {
    const base = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from assignments where recruiter_id = 'R1' and status in ('signed', 'lost')`;
    const made: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 1; i++) {
      const l = await routedLead({ company: `南京历史分页${i}号机械有限公司` });
      await db.sql`update assignments set status = 'lost', closed_at = now() - interval '1 hour' + ${i}::int * interval '1 second' where id = ${l.assignmentId}`;
      made.push(l.reference);
    }
    // Re-routed away: the SLA moved an offer to another recruiter.
    const away = await routedLead({ company: "南京改派走了机械有限公司" });
    await db.sql`insert into recruiters (id, name, email, phone, channel, parks, capacity) values ('R8', '接手专员', 'r8@example.test', '13900000008', 'email', '{GC-EDZ}', 5)`;
    await db.sql`update recruiters set active = false where id = 'R8'`; // off duty: new leads still go to R1
    await db.sql`update assignments set recruiter_id = 'R8' where id = ${away.assignmentId}`;
    await db.sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, reason) values (${away.assignmentId}, ${away.leadId}, 'rerouted', 'R8', '{}')`;

    const first = await loadDesk(db.sql, "R1", { view: "history" }, "zh");
    expect(first.total).toBe(base[0].n + PAGE_SIZE + 2);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ reference: away.reference, status: "rerouted" });
    expect(first.rows[1]).toMatchObject({ reference: made[PAGE_SIZE], status: "lost" });
    const second = await loadDesk(db.sql, "R1", { view: "history", page: 2 }, "zh");
    expect(second.rows.map((r) => r.reference)).not.toContain(made[PAGE_SIZE]);
    expect(second.pages).toBe(Math.ceil(first.total / PAGE_SIZE));
    expect((await loadDesk(db.sql, "R1", { view: "history", status: "rerouted" }, "zh")).rows.map((r) => r.reference)).toEqual([
      away.reference,
    ]);
    // Open leads never show in history, closed ones never in the open view.
    expect((await loadDesk(db.sql, "R1", { view: "open", q: "南京历史分页" }, "zh")).total).toBe(0);

    const page2 = await (await get("/queue?view=history&page=2")).text();
    expect(page2).toContain('rel="prev"');
    expect(page2).toMatch(/第 2 \/ \d+ 页/);

    // A page past the end (the last page's leads closed meanwhile, an old link): the last page, not
    // "共 N 条 · 没有符合条件的线索" with no pager to lead back.
    const last = second.pages;
    for (const beyond of [last + 1, last + 50, 10_000]) {
      const past = await loadDesk(db.sql, "R1", { view: "history", page: beyond }, "zh");
      expect(past.page).toBe(last);
      expect(past.rows.length).toBeGreaterThan(0);
    }
    const pastPage = await get(`/queue?view=history&page=${last + 3}`);
    expect(pastPage.status).toBe(200);
    const pastHtml = await pastPage.text();
    expect(pastHtml).toContain(`第 ${last} / ${last} 页`);
    expect(pastHtml).not.toContain("没有符合条件的线索");
    // A page that is no page number: 400, and the page says so (it said nothing).
    for (const [bad, said] of [
      ["-1", "页码应是正整数。"],
      ["abc", "页码应是正整数。"],
      ["1.5&lng=en", "The page is a whole number from 1."],
    ]) {
      const res = await get(`/queue?view=history&page=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.text(), bad).toContain(said);
    }
    // A view or "due" value that is none was a 400 whose message had no place on the page (ADR 086).
    for (const [query, said] of [
      ["view=bogus", "地址里的视图无法识别，已显示待处理的线索。"],
      ["due=yes&lng=en", "“Follow-ups due only” had a value we do not know; that condition was left out."],
    ]) {
      const res = await get(`/queue?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text(), query).toContain(said);
    }
  });
});

describe("working a lead", () => {
  it("adds a timestamped note (audit trail), hides another park's recruiter's note, shows the hotline's", async () => {
    const l = await routedLead({ company: "南京备注机械有限公司", parks: ["GC-MED"] });
    await accept(l.assignmentId);
    const path = `/queue/assignments/${l.assignmentId}`;
    const [other] = await db.sql<{ id: string }[]>`select id from users where email = 'zheng@example.test'`;
    const [hotline] = await db.sql<{ id: string }[]>`select id from users where email = 'desk@example.test'`;
    await db.sql`insert into lead_notes (lead_id, author_staff_id, body, source) values
      (${l.leadId}, ${other.id}, '别家园区的内部备注：给他们打八折', 'recruiter'),
      (${l.leadId}, ${hotline.id}, '热线：企业希望下午来电', 'hotline')`;
    expect((await post(path, { intent: "note", body: "   ", csrf })).status).toBe(400);
    const res = await post(path, { intent: "note", body: "已电话沟通，周五看厂", csrf });
    expect(res.headers.get("location")).toBe(path);
    const html = await (await get(path)).text();
    expect(html).toContain("已电话沟通，周五看厂");
    expect(html).toContain("热线：企业希望下午来电");
    expect(html).not.toContain("给他们打八折");
    expect(html).toContain("高淳医疗器械产业园（示例）"); // the other park that received it, with its status
    const [event] = await db.sql<
      { reason: { noteId: string } }[]
    >`select reason from routing_events where assignment_id = ${l.assignmentId} and event = 'note'`;
    const [note] = await db.sql<{ body: string; source: string }[]>`select body, source from lead_notes where id = ${event.reason.noteId}`;
    expect(note).toEqual({ body: "已电话沟通，周五看厂", source: "recruiter" });
  });

  it("asks for a reason before closing as lost, records it, lets the recruiter undo within the window only, then sign", async () => {
    const l = await routedLead({ company: "南京流失撤销机械有限公司" });
    await accept(l.assignmentId);
    const path = `/queue/assignments/${l.assignmentId}`;
    const confirm = await (await get(`${path}?confirm=lost`)).text();
    expect(confirm).toContain("确认：这条线索已流失？");
    const noReason = await post(path, { intent: "lost", csrf });
    expect(noReason.status).toBe(400);
    const page = await noReason.text();
    expect(page).toContain("请选择一个原因。");
    expect(page).toMatch(/aria-describedby="[^"]*reason-error/);
    expect(await statusOf(l.assignmentId)).toBe("accepted");

    expect((await post(path, { intent: "visit", visitOn: "2026-13-40", csrf })).status).toBe(400);
    // A visit is recorded once it happened: a date after today (China time) is refused, beside the field,
    // and writes nothing (the lead would count as 已考察 for a visit that has not taken place).
    // The server reads its own clock: its today is this process's day before the request or after it
    // (China's midnight, 16:00 UTC, may fall between), so the days sent are future on either; that
    // tomorrow is refused and today taken is checked with today pinned (test/unit/desk-forms-dates.test.ts).
    const chinaDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    for (const future of [chinaDay(2), chinaDay(3), chinaDay(35)]) {
      const before = chinaDay(0);
      const refused = await post(path, { intent: "visit", visitOn: future, csrf });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      const after = chinaDay(0);
      expect(html).toContain("看厂日期不能晚于今天；预约的看厂请记为下次跟进日期。");
      expect(html).toMatch(/aria-describedby="[^"]*visitOn-error/);
      // Said before anything is typed, not only after a refusal: the date is of a visit that took place.
      expect(html).toContain("已经看过厂的日期；约好的看厂请填在上面的下次跟进日期。");
      // The picker itself offers no later day: its max is today in China.
      const max = /<input[^>]*name="visitOn"[^>]*max="([0-9-]+)"/.exec(html)?.[1];
      expect([before, after]).toContain(max);
      expect(await statusOf(l.assignmentId)).toBe("accepted");
      const [row] = await db.sql<{ visitOn: string | null }[]>`select visit_on as "visitOn" from assignments where id = ${l.assignmentId}`;
      expect(row.visitOn).toBeNull();
    }
    expect(await db.sql`select 1 from routing_events where assignment_id = ${l.assignmentId} and event = 'visit'`).toHaveLength(0);
    const visitOn = chinaDay(-2);
    expect((await post(path, { intent: "visit", visitOn, csrf })).status).toBe(303);
    expect(await statusOf(l.assignmentId)).toBe("visit");

    const lost = await post(path, { intent: "lost", reason: "price", closeNote: "嫌租金高", csrf });
    expect(lost.headers.get("location")).toBe(path);
    // One message: the undo banner ("已标记为已流失。… 前可以撤销。"), not also a flash "已记录：已流失" (trial 12-05).
    expect((await followFlash(web.url, lost, cookie)).text).toBe("");
    const [closed] = await db.sql<{ status: string; closeReason: string; closeNote: string }[]>`
      select status, close_reason, close_note from assignments where id = ${l.assignmentId}`;
    expect(closed).toEqual({ status: "lost", closeReason: "price", closeNote: "嫌租金高" });
    const lostPage = await (await get(path)).text();
    expect(lostPage).toContain("撤销");
    expect(lostPage.match(/已标记为已流失/g)).toHaveLength(1);
    expect(lostPage).toContain("价格不合适");

    // Pressed twice (both sent before the page came back): both say it is undone, one undo is recorded.
    const [first, second] = await Promise.all([post(path, { intent: "undo", csrf }), post(path, { intent: "undo", csrf })]);
    for (const res of [first, second]) {
      expect(res.headers.get("location")).toBe(path);
      expect((await followFlash(web.url, res, cookie)).text).toBe("已撤销，线索恢复跟进。");
    }
    expect(await statusOf(l.assignmentId)).toBe("visit");
    const events = await db.sql<
      { event: string }[]
    >`select event from routing_events where assignment_id = ${l.assignmentId} and event in ('lost', 'reopened') order by id`;
    expect(events.map((e) => e.event)).toEqual(["lost", "reopened"]);

    // After the window the undo is refused.
    await post(path, { intent: "lost", reason: "timing", csrf });
    await db.sql`update assignments set closed_at = now() - interval '11 minutes' where id = ${l.assignmentId}`;
    const late = await post(path, { intent: "undo", csrf });
    expect(late.headers.get("location")).toBe(path);
    expect((await followFlash(web.url, late, cookie)).text).toContain("已超过 10 分钟的撤销时限");
    expect(await statusOf(l.assignmentId)).toBe("lost");
  });

  it("shows everything the enterprise said, with the phone as a tel: link and its view in the access log", async () => {
    const json = validLeadJson({ company: "南京全信息机械有限公司", phone: "13812340009" });
    Object.assign(json.need, { powerMinKva: 800, craneMinT: 10, singleStorey: true, moveInBy: "2027-03" });
    Object.assign(json.tax, { employees: 120 });
    Object.assign(json.company, { creditCode: "91110000600037341N" });
    Object.assign(json.contact, { email: "wang@example.test", wechat: "wang_jl" });
    const parsed = createLeadSchema("zh", "api").parse(json);
    const { id } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    const [space] = await db.sql<
      { id: string }[]
    >`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by) values (${id}, ${space.id}, 'GC-EDZ', 70, '[]', 'lead')`;
    await db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
    const [a] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`;
    const html = await (await get(`/queue/assignments/${a.id}`)).text();
    for (const said of [
      "高淳区",
      "8 m",
      "800 kVA",
      "10 t",
      "需要单层",
      "2027-03",
      "120",
      "wang@example.test",
      "wang_jl",
      "91110000600037341N",
    ])
      expect(html).toContain(said);
    expect(html).toContain('href="tel:13812340009"');
    const [log] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from phone_access_log where lead_id = ${id} and actor = 'zhoumin@example.test'`;
    expect(log.n).toBeGreaterThan(0);
  });
});

describe("a shortlist with a reserved space", () => {
  let lead: { leadId: string; reference: string; assignmentId: string };
  beforeAll(async () => {
    lead = await routedLead({ company: "预留空间测试机械有限公司", phone: "13700002222" });
    await accept(lead.assignmentId);
  });
  const path = () => `/queue/assignments/${lead.assignmentId}`;
  const made = async () => (await db.sql`select 1 from shortlists where assignment_id = ${lead.assignmentId}`).length;

  it("says 已预留 beside its box, offers no let space, and asks to confirm sharing a reserved one", async () => {
    const html = (await (await get(path())).text()).replace(/\s+/g, " ");
    const s12 = /<label><input type="checkbox" name="spaces" value="S12"[^>]*>.*?<\/label>/.exec(html)![0];
    expect(s12).toContain('data-status="reserved"');
    expect(s12).toContain("已预留");
    expect(html).toContain("所选空间中有已预留的，仍要推荐");
    const [let1] = await db.sql<{ id: string }[]>`select id from spaces where park_id = 'GC-EDZ' and status = 'let'`;
    if (let1) expect(html).not.toContain(`value="${let1.id}"`);
    await db.sql`update spaces set status = 'let' where id = 'S12'`;
    try {
      expect(await (await get(path())).text()).not.toContain('value="S12"');
      const refused = await post(path(), { intent: "shortlist", spaces: ["S1", "S12"], reservedOk: "on", csrf });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("所选空间不属于本园区或已租售");
    } finally {
      await db.sql`update spaces set status = 'reserved' where id = 'S12'`;
    }
  });

  it("refuses a reserved space without the confirmation, beside the box, keeping the ticks; with it, makes the link", async () => {
    const refused = await post(path(), { intent: "shortlist", spaces: ["S1", "S12"], csrf });
    expect(refused.status).toBe(400);
    const html = (await refused.text()).replace(/\s+/g, " ");
    const [s12] = await db.sql<{ title: string }[]>`select title from spaces where id = 'S12'`;
    expect(html).toContain(`${s12.title} 已预留：要推荐请勾选下面的“仍要推荐”，否则取消勾选。`);
    expect(html).toMatch(/<input type="checkbox" name="spaces" checked="" value="S12"\/>/);
    expect(await made()).toBe(0);
    const en = await post(`${path()}?lng=en`, { intent: "shortlist", spaces: ["S12"], csrf });
    expect(await en.text()).toContain(`${s12.title}: reserved. To share it anyway tick “share anyway” below`);

    const ok = await post(path(), { intent: "shortlist", spaces: ["S1", "S12"], reservedOk: "on", csrf });
    expect(ok.status).toBe(200);
    expect(await made()).toBe(1);
    // An available space alone needs no confirmation.
    expect((await post(path(), { intent: "shortlist", spaces: ["S1"], csrf })).status).toBe(200);
    expect(await made()).toBe(2);
  });

  it("shows the new link in a read-only field to select and copy, and says later that a link is shown only once", async () => {
    const res = await post(path(), { intent: "shortlist", spaces: ["S1"], csrf });
    const html = (await res.text()).replace(/\s+/g, " ");
    const field = /<input id="share-link" type="url" readOnly="" value="(http:\/\/[^"]+\/s\/[A-Za-z0-9_-]{43})"/i.exec(html);
    expect(field).not.toBeNull();
    expect(html).toContain('<label for="share-link">链接</label>');
    const page = await (await get(path())).text();
    expect(page).toContain("链接只在生成时显示一次");
    expect(page).toMatch(/企业还没有打开/);
  });
});

describe("the shortlist page", () => {
  let lead: { leadId: string; reference: string; assignmentId: string };
  let link = "";
  beforeAll(async () => {
    lead = await routedLead({ company: '<script>alert("x")</script>恶意企业', phone: "13700001111" });
    await accept(lead.assignmentId);
    await post(`/queue/assignments/${lead.assignmentId}`, { intent: "note", body: "内部备注：底价可以谈到 18 元", csrf });
  });

  it("refuses spaces of another park or none at all, beside the field", async () => {
    const path = `/queue/assignments/${lead.assignmentId}`;
    const none = await post(path, { intent: "shortlist", csrf });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请勾选 1 到 10 个空间。");
    const foreign = await post(path, { intent: "shortlist", spaces: ["S1", "S2"], csrf }); // S2 is another park's
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("所选空间不属于本园区或已租售");
    expect((await db.sql`select 1 from shortlists where assignment_id = ${lead.assignmentId}`).length).toBe(0);
  });

  it("makes a link with a 256-bit token, only its hash stored, the sharing in the audit trail", async () => {
    const res = await post(`/queue/assignments/${lead.assignmentId}`, { intent: "shortlist", spaces: ["S1", "S6"], csrf });
    expect(res.status).toBe(200);
    const html = await res.text();
    link = /(http:\/\/[^"<\s]+\/s\/[A-Za-z0-9_-]{43})/.exec(html)![1];
    const token = link.split("/s/")[1];
    const [row] = await db.sql<{ tokenHash: string; spaceIds: string[]; days: number }[]>`
      select token_hash, space_ids, round(extract(epoch from expires_at - created_at) / 86400)::int as days from shortlists where assignment_id = ${lead.assignmentId}`;
    expect(row.spaceIds).toEqual(["S1", "S6"]);
    expect(row.days).toBe(30);
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const [event] = await db.sql<
      { reason: { spaceIds: string[] } }[]
    >`select reason from routing_events where assignment_id = ${lead.assignmentId} and event = 'shortlist-shared'`;
    expect(event.reason.spaceIds).toEqual(["S1", "S6"]);
  });

  // Trial 36 (LOW-8): the link made for an enterprise that wrote in English opened in Chinese.
  it("makes the link in the language the enterprise wrote in", async () => {
    const en = await routedLead({ company: "Nanjing English Shortlist Co., Ltd." });
    await db.sql`update leads set lng = 'en' where id = ${en.leadId}`;
    await accept(en.assignmentId);
    const html = await (await post(`/queue/assignments/${en.assignmentId}`, { intent: "shortlist", spaces: ["S1"], csrf })).text();
    const enLink = /(http:\/\/[^"<\s]+\/s\/[A-Za-z0-9_-]{43}[^"<\s]*)/.exec(html)![1];
    expect(new URL(enLink.replace(/&amp;/g, "&")).searchParams.get("lng")).toBe("en");
    expect(await (await get(new URL(enLink.replace(/&amp;/g, "&")).pathname + "?lng=en", false)).text()).toContain('lang="en"');
    // A Chinese lead's link carries no language: the page's own default.
    expect(link).not.toContain("lng=");
  });

  it("shows the spaces, reasons in plain words, the park's policies and the recruiter's contact — and nothing else, with no script", async () => {
    const token = link.split("/s/")[1];
    const res = await get(`/s/${token}`, false);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    const [s1, s6] = await db.sql<{ title: string }[]>`select title from spaces where id in ('S1', 'S6') order by id`;
    expect(html).toContain(s1.title);
    expect(html).toContain(s6.title);
    expect(html).toContain("面积 4800㎡，在您要的 4000–6000㎡ 之内"); // why it fits, in the enterprise's words
    expect(html).toContain("层高 9 m，不低于您要的 8 m");
    expect(html).not.toContain("配电未知，需核实"); // an internal check note is not for the enterprise
    expect(html).toContain("首年租金补贴 &lt;img"); // hostile policy text shown as text
    expect(html).toContain('href="tel:13900000001"');
    expect(html).not.toContain("恶意企业");
    expect(html).not.toContain(lead.reference);
    expect(html).not.toContain("底价");
    expect(html).not.toMatch(/<script/i); // no JavaScript, no serialized data
    const phones = html.match(/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g) ?? [];
    expect(new Set(phones.map((p) => p.replace(/\D/g, "").replace(/^86/, "")))).toEqual(new Set(["13900000001"]));
    expect(html).not.toMatch(/400-000-0000|13700001111|13812345678/);
  });

  it("shows none of the recruiter's screening lines, thresholds or industry codes, in zh or en", async () => {
    const token = link.split("/s/")[1];
    const [{ last }] = await db.sql<{ last: string }[]>`select coalesce(max(id), 0)::text as last from shortlist_opens`;
    try {
      for (const lng of ["zh", "en"]) {
        const html = await (await get(`/s/${token}?lng=${lng}`, false)).text();
        const text = html.replace(/<[^>]*>/g, " ");
        for (const r of INTERNAL_REASONS) expect(text).not.toContain(lng === "en" ? r.en : r.zh);
        expect(text).not.toMatch(INTERNAL_WORDS);
        expect(text).not.toMatch(/62\.5|≥|≤/); // no figure compared against a park's bar
      }
      const en = await (await get(`/s/${token}?lng=en`, false)).text();
      expect(en).toContain("4800㎡, within the 4000–6000㎡ you asked for");
      expect(en).toContain("Ceiling 9 m, at least the 8 m you asked for");
    } finally {
      await db.sql`delete from shortlist_opens where id > ${last}`; // the next tests count the openings
    }
  });

  it("records every opening and shows the recruiter how often and when", async () => {
    const token = link.split("/s/")[1];
    await get(`/s/${token}`, false);
    const [opens] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from shortlist_opens o join shortlists s on s.id = o.shortlist_id where s.assignment_id = ${lead.assignmentId}`;
    expect(opens.n).toBe(2);
    expect(await (await get(`/queue/assignments/${lead.assignmentId}`)).text()).toMatch(/已打开 2 次，最近 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it("answers a wrong, malformed or expired token with the same 404 page (wrong or expired, whom to ask), recording nothing", async () => {
    const token = link.split("/s/")[1];
    const wrong = await get(`/s/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, false);
    const malformed = await get("/s/abc", false);
    await db.sql`update shortlists set expires_at = now() - interval '1 second' where assignment_id = ${lead.assignmentId}`;
    const expired = await get(`/s/${token}`, false);
    const bodies = [];
    for (const r of [wrong, malformed, expired]) {
      expect(r.status).toBe(404);
      bodies.push((await r.text()).replace(/\s+/g, " "));
    }
    expect(new Set(bodies).size).toBe(1);
    // One page for every case (it never says which): what may have happened, the 30 days, the hotline.
    const hotline = process.env.HOTLINE_PHONE ?? "400-000-0000";
    expect(bodies[0]).toContain("<h1>链接有误或已过期</h1>");
    expect(bodies[0]).toContain("30 天后失效");
    expect(bodies[0]).toContain(hotline);
    expect(bodies[0]).not.toMatch(/<script/i);
    const english = await get(`/s/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}?lng=en`, false);
    expect(english.status).toBe(404);
    const en = await english.text();
    expect(en).toContain("<h1>This link is wrong or has expired</h1>");
    expect(en).toContain("expire 30 days after");
    expect(en).toContain(hotline);
    expect(en).toContain('lang="en"');
    const [opens] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from shortlist_opens o join shortlists s on s.id = o.shortlist_id where s.assignment_id = ${lead.assignmentId}`;
    expect(opens.n).toBe(2);
    await db.sql`update shortlists set expires_at = now() + interval '1 day' where assignment_id = ${lead.assignmentId}`;
  });

  it("never offers a space reserved or let since the link was made as free, and a move-in date already past reads as now", async () => {
    const token = link.split("/s/")[1];
    const before = await db.sql<{ id: string; status: string; availableFrom: string | null }[]>`
      select id, status, to_char(available_from, 'YYYY-MM-DD') as available_from from spaces where id in ('S1', 'S6') order by id`;
    const articles = async (lng = "") => {
      const html = (await (await get(`/s/${token}${lng}`, false)).text()).replace(/\s+/g, " ");
      return html.split("<article").slice(1);
    };
    try {
      await db.sql`update spaces set status = 'let', available_from = null where id = 'S1'`;
      await db.sql`update spaces set status = 'reserved', available_from = '2099-05-01' where id = 'S6'`;
      let [s1, s6] = await articles();
      expect(s1).toContain("该空间已租出或售出");
      expect(s1).not.toContain("为什么适合您"); // nothing to sell the enterprise on any more
      expect(s1).not.toContain("可入驻");
      expect(s1).not.toContain("已被预留");
      expect(s6).toContain("已被预留");
      expect(s6).not.toContain("可入驻");
      const zhPage = await (await get(`/s/${token}`, false)).text();
      expect(zhPage).toMatch(/<a href="\?lng=en" lang="en">English<\/a>/);
      expect(await (await get(`/s/${token}?lng=en`, false)).text()).toMatch(/<a href="\?lng=zh" lang="zh-CN">中文<\/a>/);
      [s1, s6] = await articles("?lng=en");
      expect(s1).toContain("has been let or sold");
      expect(s6).toContain("reserved right now");
      expect(s6).not.toContain("Available");

      await db.sql`update spaces set status = 'available', available_from = '2020-03-01' where id = 'S1'`;
      await db.sql`update spaces set status = 'available', available_from = '2099-05-01' where id = 'S6'`;
      [s1, s6] = await articles();
      expect(s1).toMatch(/<dt>可入驻<\/dt> ?<dd>现在<\/dd>/);
      expect(s1).not.toContain("2020-03-01");
      expect(s6).toMatch(/<dt>可入驻<\/dt> ?<dd>2099-05-01<\/dd>/);
      expect(s6).not.toContain("notice");

      // Retired by an admin since the link was shared (a new user's trial, 12-05: it still read 可入驻 现在).
      await db.sql`update spaces set retired_at = now() where id = 'S1'`;
      [s1] = await articles();
      expect(s1).toContain("该空间已下架");
      expect(s1).not.toContain("可入驻");
      expect(s1).not.toContain("为什么适合您");
      [s1] = await articles("?lng=en");
      expect(s1).toContain("withdrawn from the listings");
      await db.sql`update spaces set retired_at = null where id = 'S1'`;
      // Its park retired: the same.
      await db.sql`update parks set retired_at = now() where id = (select park_id from spaces where id = 'S6')`;
      [, s6] = await articles();
      expect(s6).toContain("该空间已下架");
      await db.sql`update parks set retired_at = null where id = (select park_id from spaces where id = 'S6')`;
    } finally {
      await db.sql`update spaces set retired_at = null where id in ('S1', 'S6')`;
      await db.sql`update parks set retired_at = null where id in (select park_id from spaces where id in ('S1', 'S6'))`;
      for (const b of before) await db.sql`update spaces set status = ${b.status}, available_from = ${b.availableFrom} where id = ${b.id}`;
    }
  });

  it("is in the person's data export, and erasure closes the link", async () => {
    const person = await findPerson(db.sql, "13700001111");
    const exported = await exportPersonData(db.sql, { index: () => ({ getDocument: async () => ({}) }) } as never, {
      person: person!,
      actor: "test",
      leadsIndex: "leads",
    });
    const shortlists = exported.shortlists as { spaceIds: string[]; opens: string[] }[];
    expect(shortlists).toHaveLength(1);
    expect(shortlists[0].spaceIds).toEqual(["S1", "S6"]);
    const [opened] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from shortlist_opens o join shortlists s on s.id = o.shortlist_id where s.lead_id = ${lead.leadId}`;
    expect(opened.n).toBeGreaterThanOrEqual(2);
    expect(shortlists[0].opens).toHaveLength(opened.n);
    await eraseLeads(db.sql, { leadIds: [lead.leadId], actor: "test", subject: "137****1111" });
    expect((await get(`/s/${link.split("/s/")[1]}`, false)).status).toBe(404);
    const [left] = await db.sql<{ n: number; revoked: boolean }[]>`
      select (select count(*)::int from shortlist_opens o where o.shortlist_id = s.id) as n, s.revoked_at is not null as revoked from shortlists s where s.lead_id = ${lead.leadId}`;
    expect(left).toEqual({ n: 0, revoked: true });
  });
});

/** The message the page a 303 lands on shows once (flash cookie, ADR 025). */
const flashOf = async (res: Response) => (await followFlash(web.url, res, cookie)).text;

describe("every closing step asks to confirm and can be undone for a short while (ADR 034)", () => {
  it("signed: confirm, then undo reopens the lead and the other park's assignment; after the window it is refused", async () => {
    const l = await routedLead({ company: "南京签约撤销机械有限公司", parks: ["GC-MED"] });
    await accept(l.assignmentId);
    const path = `/queue/assignments/${l.assignmentId}`;
    const [other] = await db.sql<{ id: string; status: string }[]>`
      select id, status from assignments where lead_id = ${l.leadId} and park_id = 'GC-MED'`;
    const [leadBefore] = await db.sql<{ status: string }[]>`select status from leads where id = ${l.leadId}`;
    expect(await (await get(`${path}?confirm=signed`)).text()).toContain("10 分钟内可以撤销");

    expect((await post(path, { intent: "signed", csrf })).headers.get("location")).toBe(path);
    expect(await statusOf(l.assignmentId)).toBe("signed");
    expect(await statusOf(other.id)).toBe("lost");
    expect((await db.sql<{ status: string }[]>`select status from leads where id = ${l.leadId}`)[0].status).toBe("won");
    const signedPage = await (await get(path)).text();
    expect(signedPage).toContain("已标记为已签约");
    expect(signedPage).toContain('value="undo"');
    // The other park's recruiter did not close theirs: no undo for them, and their undo does nothing.
    expect((await db.sql`select 1 from assignments where id = ${other.id} and closed_by = ${l.assignmentId}`).length).toBe(1);

    const undone = await post(path, { intent: "undo", csrf });
    expect(undone.headers.get("location")).toBe(path);
    expect(await flashOf(undone)).toBe("已撤销签约，线索恢复跟进，其他园区的分配也已恢复。");
    expect(await statusOf(l.assignmentId)).toBe("accepted");
    expect(await statusOf(other.id)).toBe(other.status);
    expect((await db.sql<{ status: string }[]>`select status from leads where id = ${l.leadId}`)[0].status).toBe(leadBefore.status);
    const events = await db.sql<{ assignmentId: string; event: string }[]>`
      select assignment_id, event from routing_events where lead_id = ${l.leadId} and event in ('signed', 'lost', 'reopened') order by id`;
    expect(events.map((e) => [e.assignmentId === l.assignmentId ? "mine" : "other", e.event])).toEqual([
      ["mine", "signed"],
      ["other", "lost"],
      ["mine", "reopened"],
      ["other", "reopened"],
    ]);

    // Signed again; after the window the undo is refused and says so.
    await post(path, { intent: "signed", csrf });
    await db.sql`update assignments set closed_at = now() - interval '11 minutes' where id = ${l.assignmentId}`;
    expect((await get(path).then((r) => r.text())).includes('value="undo"')).toBe(false);
    const late = await post(path, { intent: "undo", csrf });
    expect(await flashOf(late)).toBe("已超过 10 分钟的撤销时限，或线索已被关闭，不能撤销。");
    expect(await statusOf(l.assignmentId)).toBe("signed");
    expect(await statusOf(other.id)).toBe("lost");
  });

  describe("decline", () => {
    // A second recruiter for GC-EDZ, on duty only while a decline is re-routed, so other leads still go to R1.
    beforeAll(async () => {
      await db.sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active)
                   values ('R9', '接力专员', 'r9@example.test', '13900000009', 'email', '{GC-EDZ}', 5, false)`;
    });
    const declineTo = async (assignmentId: string, onDuty: boolean) => {
      await db.sql`update recruiters set active = ${onDuty} where id = 'R9'`;
      const res = await post(`/queue/assignments/${assignmentId}`, {
        intent: "decline",
        reason: "over-capacity",
        closeNote: "本周满了",
        csrf,
      });
      await db.sql`update recruiters set active = false where id = 'R9'`;
      return res;
    };
    const holder = async (id: string) =>
      (await db.sql<{ recruiterId: string | null; status: string }[]>`select recruiter_id, status from assignments where id = ${id}`)[0];

    // The decline confirmation open in one tab, the offer accepted in another: the answer said the state had
    // changed, and the 说明 typed was gone.
    it("a decline (or lost) refused because the assignment changed meanwhile answers 409 with the typed note kept to copy", async () => {
      const l = await routedLead({ company: "南京拒绝时已接单机械有限公司" });
      const path = `/queue/assignments/${l.assignmentId}`;
      expect((await post(path, { intent: "accept", csrf })).status).toBe(303); // the other tab
      const res = await post(`${path}?confirm=decline`, {
        intent: "decline",
        reason: "over-capacity",
        closeNote: "客户要的面积我们没有，<转给同事>",
        csrf,
      });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("这条分配的状态已经变了");
      expect(html).toMatch(/<textarea[^>]*id="kept-text"[^>]*>客户要的面积我们没有，&lt;转给同事&gt;<\/textarea>/);
      expect(await statusOf(l.assignmentId)).toBe("accepted");
      // Without text there is nothing to keep: the page is shown again with the message, as before.
      const bare = await post(path, { intent: "decline", reason: "over-capacity", csrf });
      expect(bare.status).toBe(303);
    });

    it("asks for a reason, re-routes, and takes the offer back (old deadline, next recruiter's unsent notice withdrawn) within the window", async () => {
      const l = await routedLead({ company: "南京拒绝撤回机械有限公司" });
      const path = `/queue/assignments/${l.assignmentId}`;
      const [before] = await db.sql<{ acceptBy: Date }[]>`select accept_by from assignments where id = ${l.assignmentId}`;
      expect(await (await get(`${path}?confirm=decline`)).text()).toContain("10 分钟内、下一位专员接单前可以撤回");
      expect((await post(path, { intent: "decline", csrf })).status).toBe(400); // no reason
      expect(await statusOf(l.assignmentId)).toBe("offered");

      const declined = await declineTo(l.assignmentId, true);
      expect(declined.headers.get("location")).toBe("/queue");
      expect(await flashOf(declined)).toBe("已拒绝，线索已改派给本园区其他专员。");
      expect(await holder(l.assignmentId)).toEqual({ recruiterId: "R9", status: "offered" });
      await db.sql`update notifications set status = 'pending' where assignment_id = ${l.assignmentId} and recipient = 'R9'`;
      const queue = await (await get("/queue")).text();
      expect(queue).toContain(`您刚拒绝了 ${l.reference}（南京拒绝撤回机械有限公司）`);
      expect(queue).toContain('value="undoDecline"');
      // Back to the lead's page after 确认拒绝: not "not found" — the history, filtered to it, with the undo.
      const pageAfter = await get(path);
      expect(pageAfter.status).toBe(302);
      const historyAt = pageAfter.headers.get("location")!;
      expect(historyAt).toBe(`/queue?view=history&q=${l.reference}`);
      const history = await (await get(historyAt)).text();
      expect(history).toContain('value="undoDecline"');
      expect(history).toContain(l.reference);
      expect(history).toContain("已拒绝");
      // Its row is no link: the page is the next recruiter's (a link would only come back here).
      expect(history).not.toContain(`href="/queue/assignments/${l.assignmentId}"`);

      const back = await post(path, { intent: "undoDecline", csrf });
      expect(back.headers.get("location")).toBe(path);
      expect(await flashOf(back)).toBe("已撤回拒绝，线索回到您的队列，请尽快接单。");
      // The same undo again (a second tab, a double press without JS): said as done, not "too late"; nothing written twice.
      const again = await post(path, { intent: "undoDecline", csrf });
      expect(again.headers.get("location")).toBe(path);
      expect(await flashOf(again)).toBe("已撤回拒绝，线索回到您的队列，请尽快接单。");
      const reopenings = await db.sql`select 1 from routing_events where assignment_id = ${l.assignmentId} and event = 'reopened'`;
      expect(reopenings.length).toBe(1);
      const [after] = await db.sql<{ recruiterId: string; status: string; acceptBy: Date; reroutes: number }[]>`
        select recruiter_id, status, accept_by, reroutes from assignments where id = ${l.assignmentId}`;
      expect(after).toMatchObject({ recruiterId: "R1", status: "offered", reroutes: 0 });
      expect(after.acceptBy.toISOString()).toBe(before.acceptBy.toISOString());
      const notices = await db.sql<
        { status: string }[]
      >`select status from notifications where assignment_id = ${l.assignmentId} and recipient = 'R9'`;
      expect(notices.map((n) => n.status)).toEqual(["handled"]);
      expect(await (await get("/queue")).text()).not.toContain('value="undoDecline"');
      const [reopened] = await db.sql<{ reason: { from: string } }[]>`
        select reason from routing_events where assignment_id = ${l.assignmentId} and event = 'reopened'`;
      expect(reopened.reason.from).toBe("R9");
      // Back in R1's hands it can be accepted as usual.
      expect((await accept(l.assignmentId)).status).toBe(303);
      expect(await statusOf(l.assignmentId)).toBe("accepted");
    });

    it("says plainly that it cannot be taken back once the next recruiter accepted, and after the window", async () => {
      const l = await routedLead({ company: "南京拒绝已接单机械有限公司" });
      const path = `/queue/assignments/${l.assignmentId}`;
      await declineTo(l.assignmentId, true);
      expect((await applyAssignmentAction(db.sql, { assignmentId: l.assignmentId, recruiterId: "R9", intent: "accept" }, ROUTING)).ok).toBe(
        true,
      );
      const queue = await (await get("/queue")).text();
      expect(queue).toContain(`您刚拒绝了 ${l.reference}（南京拒绝已接单机械有限公司），下一位专员已经接单，不能再撤回。`);
      expect(queue).not.toContain('value="undoDecline"');
      expect((await get(path)).headers.get("location")).toBe(`/queue?view=history&q=${l.reference}`);
      const refused = await post(path, { intent: "undoDecline", csrf });
      expect(refused.headers.get("location")).toBe("/queue");
      expect(await flashOf(refused)).toBe("不能撤回：下一位专员已经接单，这条线索不再属于您。如需沟通，请联系该专员或管理员。");
      expect(await holder(l.assignmentId)).toEqual({ recruiterId: "R9", status: "accepted" });

      // Nobody took the next one (it waits unassigned), but the window has passed.
      const late = await routedLead({ company: "南京拒绝过时机械有限公司" });
      // Nobody else could take it: the message says it went to the admins' queue, not "re-routed" (trial 12-05 L12).
      expect(await flashOf(await declineTo(late.assignmentId, false))).toBe(
        "已拒绝。本园区没有其他可接单的专员，线索已转入管理员的待分配列表。",
      );
      expect(await holder(late.assignmentId)).toEqual({ recruiterId: null, status: "unassigned" });
      await db.sql`update routing_events set at = now() - interval '11 minutes' where assignment_id = ${late.assignmentId} and event = 'declined'`;
      expect(await (await get("/queue")).text()).not.toContain(late.reference);
      const tooLate = await post(`/queue/assignments/${late.assignmentId}`, { intent: "undoDecline", csrf });
      expect(await flashOf(tooLate)).toBe("已超过 10 分钟的撤销时限，或线索已被关闭，不能撤销。");
      expect(await holder(late.assignmentId)).toEqual({ recruiterId: null, status: "unassigned" });
    });
  });
});
