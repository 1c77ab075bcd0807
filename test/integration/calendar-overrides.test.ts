import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { calendarMissingYears } from "~/admin/calendar-overrides.server";
import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { addWorkingMinutes, isChinaWorkday, yearsWithoutSchedule } from "~/domain/routing/working-time";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The admin's calendar overrides on /admin/office-hours (ADR 037) against the real web process and
// Postgres: enter a day off or a 调休 make-up day, see it listed, remove it, bad input beside the field,
// CSRF refused, every change in admin_audit — and an offer made on a holiday entered there is due on the
// next working day.
const PASSWORD = "calendar-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase("calendar_overrides");
  web = await startWebServer({ DATABASE_URL: db.url, APP_URL: "https://parkmatch.example" });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash)
               values ('cal@example.test', '主管', 'admin', ${await hashPassword(PASSWORD)})`;
  admin = await client.signIn("cal@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

async function adminPost(form: Record<string, string>) {
  const csrf = await client.csrfOf("/admin", admin);
  return client.post("/admin/office-hours", { csrf, ...form }, admin);
}

const overrideRows = () =>
  db.sql<{ day: string; work: boolean; name: string | null }[]>`select day::text, work, name from calendar_overrides order by day`;

describe("calendar overrides on /admin/office-hours", () => {
  it("warns about a coming year without a schedule until one of its days is entered", async () => {
    // The page looks 60 days ahead of the real clock: on 2026-12-01 that is 2027, which chinese-days 1.5.7 lacks.
    const missing = yearsWithoutSchedule(new Date(), []);
    const html = await (await client.get("/admin/office-hours", admin)).text();
    if (missing.length) {
      expect(html).toContain('data-testid="calendar-missing"');
      expect(html).toContain(`${missing.join("、")} 年的节假日安排尚未录入`);
    } else expect(html).not.toContain('data-testid="calendar-missing"');
    expect(html).toContain("尚未录入任何日期");
    const en = await (await client.get("/admin/office-hours?lng=en", admin)).text();
    if (missing.length) expect(en).toContain(`The holiday schedule for ${missing.join("、")} has not been entered`);
    // The overview admins land on says it too, with the way to the page (a new user's trial of 12-04).
    const overview = await (await client.get("/admin", admin)).text();
    if (missing.length) {
      expect(overview).toContain('data-testid="calendar-missing"');
      expect(overview).toContain(`${missing.join("、")} 年的节假日安排尚未录入`);
      expect(overview).toMatch(/href="\/admin\/office-hours"[^>]*>去录入节假日</);
    } else expect(overview).not.toContain('data-testid="calendar-missing"');

    for (const year of missing) {
      const res = await adminPost({ intent: "override-add", day: `${year}-01-01`, kind: "off", name: "元旦" });
      expect(res.status).toBe(303);
    }
    const after = await (await client.get("/admin/office-hours", admin)).text();
    expect(after).not.toContain('data-testid="calendar-missing"');
    expect(await (await client.get("/admin", admin)).text()).not.toContain('data-testid="calendar-missing"');
    // back to an empty calendar and audit for the tests below
    await db.sql`delete from calendar_overrides`;
    await db.sql`delete from admin_audit where starts_with(target, 'calendar:')`;
  });

  it("adds a day off and a make-up working day, lists them, removes one; each change audited", async () => {
    const added = await followFlash(
      web.url,
      await adminPost({ intent: "override-add", day: "2027-01-01", kind: "off", name: "元旦" }),
      admin,
    );
    expect(added).toEqual({ location: "/admin/office-hours", role: "status", text: "已保存 2027-01-01。", shownAgain: false });
    expect((await adminPost({ intent: "override-add", day: " 2027-02-20 ", kind: "work", name: "春节" })).status).toBe(303);
    expect(await overrideRows()).toEqual([
      { day: "2027-01-01", work: false, name: "元旦" },
      { day: "2027-02-20", work: true, name: "春节" },
    ]);

    const html = await (await client.get("/admin/office-hours", admin)).text();
    expect(html).toContain('data-day="2027-01-01"');
    expect(html).toMatch(/data-day="2027-02-20">.*?调休上班.*?春节/s);
    expect(html).toContain("删除 2027-01-01");

    // entering a day again replaces it (audited with what it was)
    expect((await adminPost({ intent: "override-add", day: "2027-02-20", kind: "work", name: "" })).status).toBe(303);
    expect((await overrideRows())[1]).toEqual({ day: "2027-02-20", work: true, name: null });

    const removed = await followFlash(web.url, await adminPost({ intent: "override-remove", day: "2027-02-20" }), admin);
    expect(removed.text).toBe("已删除 2027-02-20，这一天恢复按软件包计算。");
    expect(await overrideRows()).toEqual([{ day: "2027-01-01", work: false, name: "元旦" }]);

    const audit = await db.sql<{ actor: string; action: string; target: string; detail: Record<string, unknown> }[]>`
      select actor, action, target, detail from admin_audit where starts_with(target, 'calendar:') order by id`;
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ["calendar-override-saved", "calendar:2027-01-01"],
      ["calendar-override-saved", "calendar:2027-02-20"],
      ["calendar-override-saved", "calendar:2027-02-20"],
      ["calendar-override-removed", "calendar:2027-02-20"],
    ]);
    expect(audit.every((a) => a.actor === "cal@example.test")).toBe(true);
    expect(audit[0].detail).toEqual({ before: null, after: { work: false, name: "元旦" } });
    expect(audit[2].detail).toEqual({ before: { work: true, name: "春节" }, after: { work: true, name: null } });
  });

  it("bad input: 400 with the message beside the field, in the admin's language, nothing written", async () => {
    const before = await overrideRows();
    const cases: [Record<string, string>, string][] = [
      [{ day: "2027-02-30", kind: "off", name: "春节" }, "请按 年-月-日 填写"],
      [{ day: "2027/01/01", kind: "off", name: "元旦" }, "请按 年-月-日 填写"],
      [{ day: "2027-01-02", kind: "off", name: "" }, "请填写节日名称，例如 元旦"],
      // "holiday" is a word for a day off now (adminChoice, ADR 205); a word for neither is still refused.
      [{ day: "2027-01-02", kind: "vacation-ish", name: "元旦" }, "请选择一项"],
      [{ day: "2027-01-02", kind: "off", name: "节".repeat(41) }, "最多 40 个字"],
    ];
    for (const [form, message] of cases) {
      const res = await adminPost({ intent: "override-add", ...form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      const html = await res.text();
      expect(html, JSON.stringify(form)).toContain(message);
      expect(html).toMatch(/aria-invalid="true"/);
    }
    const en = await client.post(
      "/admin/office-hours?lng=en",
      { csrf: await client.csrfOf("/admin", admin), intent: "override-add", day: "2027-01-02", kind: "off", name: "" },
      admin,
    );
    expect(en.status).toBe(400);
    expect(await en.text()).toContain("Name the holiday, e.g. New Year&#x27;s Day");
    const gone = await adminPost({ intent: "override-remove", day: "2027-03-03" });
    expect(gone.status).toBe(400);
    expect(await gone.text()).toContain("这一天没有录入过");
    expect(await overrideRows()).toEqual(before);
  });

  it("refuses a change without the session's CSRF token", async () => {
    const before = await overrideRows();
    const without = await client.post(
      "/admin/office-hours",
      { intent: "override-add", day: "2027-05-03", kind: "off", name: "劳动节" },
      admin,
    );
    expect(without.status).toBe(403);
    const wrong = await client.post("/admin/office-hours", { csrf: "nope", intent: "override-remove", day: "2027-01-01" }, admin);
    expect(wrong.status).toBe(403);
    expect(await overrideRows()).toEqual(before);
  });

  it("an offer made on a holiday entered here is due on the next working day", async () => {
    const [{ now, today }] = await db.sql<{ now: Date; today: string }[]>`
      select now() as now, (now() at time zone 'Asia/Shanghai')::date::text as today`;
    // Today and the package's next working day are entered as days off: whatever the hour, a deadline that
    // ignored the overrides would fall on one of them (today before 18:00, else the next working day).
    const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    let next = dayAfter(today);
    while (!isChinaWorkday(next)) next = dayAfter(next);
    for (const day of [today, next])
      expect((await adminPost({ intent: "override-add", day, kind: "off", name: "测试假日" })).status).toBe(303);
    const entered = new Set([today, next]);

    const lead = await storeTestLead(db.sql, "南京假日测试有限公司", "13812340001");
    await matchTestLead(db.sql, lead.id, "GC-EDZ");
    const offeredAt = await db.sql.begin(async (tx) => {
      const [{ now }] = await tx<{ now: Date }[]>`select now() as now`;
      await routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000, slaClock: "office-hours" });
      return now;
    });
    expect(offeredAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
    const [a] = await db.sql<{ acceptBy: Date }[]>`select accept_by from assignments where lead_id = ${lead.id}`;
    const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    // nothing of today counts: the deadline is 11:00 (09:00 + 120 min) on the first working day after both
    expect(chinaDay(a.acceptBy) > next).toBe(true);
    expect(a.acceptBy.toISOString()).toBe(
      addWorkingMinutes(offeredAt, 120, { startMinute: 540, endMinute: 1080 }, (d) => !entered.has(d) && isChinaWorkday(d)).toISOString(),
    );
    expect(new Date(a.acceptBy.getTime() + 8 * 3600_000).toISOString().slice(11, 16)).toBe("11:00");
    expect(isChinaWorkday(chinaDay(a.acceptBy))).toBe(true);
  });
});

describe("calendarMissingYears", () => {
  it("names a coming year the package lacks until one of its days is entered (a fixed clock, whatever today is)", async () => {
    const now = new Date("2030-12-15T00:00:00Z"); // this year and, 60 days ahead, 2031: no package has them
    expect(await calendarMissingYears(db.sql, now)).toEqual([2030, 2031]);
    await db.sql`insert into calendar_overrides (day, work, name, created_by) values ('2031-01-01', false, '元旦', 'test')`;
    expect(await calendarMissingYears(db.sql, now)).toEqual([2030]);
    expect(await calendarMissingYears(db.sql, new Date("2031-06-15T00:00:00Z"))).toEqual([]); // 60 days ahead stay in 2031
    await db.sql`delete from calendar_overrides`;
  });
});
