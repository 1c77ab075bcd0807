import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeLead } from "~/admin/lead-actions.server";
import { acceptInvitation, changeStaffAccount, createStaffAccount } from "~/admin/staff-accounts.server";
import { previousRecruiters, routeLead } from "~/assignments/route-lead.server";
import { DemoPasswordRefused, seedDemoStaff } from "~/auth/demo-accounts.server";
import { passwordWeakness, passwordWeaknessText, personalWords } from "~/auth/password-strength.server";
import { migrate } from "~/db/migrate.server";
import { readCallerQuery } from "~/domain/caller-query";
import { formatPhoneForDisplay, normalizePhone } from "~/domain/phone";
import { findCallers } from "~/hotline/caller-search.server";
import { openLeadsWithPhone } from "~/hotline/desk-lead.server";
import { importInventory, validateInventory } from "~/inventory/import.server";
import { planImport } from "~/inventory/import-plan.server";
import { saveInventoryRow } from "~/inventory/inventory-admin.server";
import { loadDesk } from "~/recruiter-desk/desk-search.server";
import { createShortlist, openShortlist } from "~/recruiter-desk/shortlists.server";

import { createSearchClient } from "../../search/client";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// The staff desks' attack (session 27, ADR 107) on the database side: ids and recruiter emails that
// differ only in case, weak staff passwords, a recruiter whose sign-in was deactivated, an admin's
// closing seen by the recruiter and the enterprise, and a landline with and without its extension.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const STRONG = "蓝色厂房-早班-七棵树";
const inventory = demoInventory();
const park = (id: string) => ({ ...inventory.parks.find((p) => p.id === "GC-EDZ")!, id });
const space = (id: string, parkId = "GC-EDZ") => ({ ...inventory.spaces.find((s) => s.parkId === "GC-EDZ")!, id, parkId });
const recruiter = (id: string, email: string, parks = ["GC-EDZ"]) => ({ ...inventory.recruiters[0], id, email, parks });
const routing = { ...TEST_ROUTING, noticeFallbackMs: 0 };

beforeAll(async () => {
  db = await createTestDatabase("desks_ids");
  expect((await importInventory(db.sql, inventory)).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** The import's errors as "collection index: text", to read whole. */
async function importErrors(input: unknown, lng: "zh" | "en" = "zh"): Promise<string[]> {
  const result = await importInventory(db.sql, input, lng);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.flatMap((e) => e.errors.map((text) => `${e.collection} ${e.index}: ${text}`));
}

describe("ids and recruiter emails ignore case (finding 1)", () => {
  it.each([
    ["a park", { parks: [park("gc-edz")] }, "parks 0: id：编号 gc-edz 与已有的 GC-EDZ 只差大小写"],
    ["a recruiter", { recruiters: [recruiter("r3", "new.r3@example.test")] }, "recruiters 0: id：编号 r3 与已有的 R3 只差大小写"],
  ])("the JSON import refuses %s whose id is a stored one in another case, writing nothing", async (_what, input, said) => {
    const errors = await importErrors(input);
    expect(errors.join("\n")).toContain(said);
    expect(await db.sql`select id from parks where id = 'gc-edz' union all select id from recruiters where id = 'r3'`).toHaveLength(0);
  });

  it("a space id in another case, and two spellings of one id in one file, are refused too (English for the CLI)", async () => {
    const [stored] = await db.sql<{ id: string }[]>`select id from spaces order by id limit 1`;
    const errors = await importErrors({ spaces: [space(stored.id.toLowerCase())], parks: [park("NEW-P"), park("new-p")] }, "en");
    expect(errors).toContainEqual(expect.stringContaining(`differs from the existing ${stored.id} only in case`));
    expect(errors).toContainEqual("parks 1: id new-p differs from NEW-P in this file only in case (ids ignore case): it is the same id");
    expect(await db.sql`select 1 from parks where lower(id) = 'new-p'`).toHaveLength(0);
  });

  it("one email for two recruiters is refused, stored or in the same file, whatever its case", async () => {
    const stored = await importErrors({ recruiters: [recruiter("R9", "ZhouMin@Example.test")] });
    expect(stored).toEqual([
      "recruiters 0: email：邮箱 ZhouMin@example.test 已是招商专员 R1 的邮箱（不分大小写）：每位招商专员要有自己的邮箱",
    ]);
    const inFile = await importErrors({ recruiters: [recruiter("R8", "shared@example.test"), recruiter("R9", "Shared@example.test")] });
    expect(inFile).toEqual([expect.stringMatching(/^recruiters 1: email：邮箱 Shared@example.test 已是招商专员 R8 的邮箱/)]);
    // A recruiter keeps their own email on an update, in any case of it.
    expect((await importInventory(db.sql, { recruiters: [{ ...inventory.recruiters[0], email: "ZhouMin@example.test" }] })).ok).toBe(true);
    await db.sql`update recruiters set email = 'zhoumin@example.test' where id = 'R1'`;
  });

  it("the Excel/CSV preview lists the clash as an error on its row, not as a row to create", async () => {
    const checked = validateInventory({ parks: [park("gc-med")], recruiters: [recruiter("R7", "WUHAO@example.test", ["GC-MED"])] }, "zh");
    expect(checked.ok).toBe(true);
    const plan = await planImport(db.sql, checked.ok ? checked.value : { parks: [], spaces: [], recruiters: [] });
    expect(plan.rows).toEqual([]);
    expect(plan.errors.map((e) => e.reason.zh)).toEqual([
      "编号 gc-med 与已有的 GC-MED 只差大小写（编号不分大小写）：要改那一条请写 GC-MED，要新建请换一个编号",
      "邮箱 WUHAO@example.test 已是招商专员 R2 的邮箱（不分大小写）：每位招商专员要有自己的邮箱",
    ]);
  });

  it("the admin's forms: a new row's id in another case and a recruiter email taken are said at their field", async () => {
    const opts = { create: true, routing };
    expect(await saveInventoryRow(db.sql, "recruiters", recruiter("r1", "r1.new@example.test") as never, opts)).toMatchObject({
      ok: false,
      reason: "clash",
      field: "id",
      message: { en: expect.stringContaining("differs from the existing R1 only in case") },
    });
    const edit = { ...inventory.recruiters.find((r) => r.id === "R2")!, email: "ZHENGJIE@example.test" };
    expect(await saveInventoryRow(db.sql, "recruiters", edit as never, { create: false, routing })).toMatchObject({
      ok: false,
      reason: "clash",
      field: "email",
    });
    expect((await db.sql`select email from recruiters where id = 'R2'`)[0].email).toBe("wuhao@example.test");
  });

  it("the database holds it too: a row written past the app in another case is refused", async () => {
    await expect(
      db.sql`insert into parks (id, name, province, city, district) values ('gc-edz', 'x', '江苏省', '南京市', '高淳区')`,
    ).rejects.toMatchObject({
      code: "23505",
    });
    await expect(db.sql`update recruiters set email = 'ZhouMin@example.test' where id = 'R3'`).rejects.toMatchObject({ code: "23505" });
  });

  it("a staff account names its recruiter in any case and is linked to the stored id", async () => {
    const made = await createStaffAccount(
      db.sql,
      { email: "fengtao@example.test", name: "冯涛", role: "recruiter", recruiterId: "r4", password: STRONG },
      "test",
    );
    expect(made.ok).toBe(true);
    expect((await db.sql`select recruiter_id from users where email = 'fengtao@example.test'`)[0].recruiterId).toBe("R4");
  });

  it("migration 082 meets a database with such pairs: it stops naming them, changes nothing, and applies once they are resolved", async () => {
    const old = await createTestDatabase("desks_ids_082");
    try {
      await old.sql`drop index parks_id_lower, spaces_id_lower, recruiters_id_lower, recruiters_email_lower, users_email_lower`;
      await old.sql`delete from schema_migrations where version = '082-ids-and-emails-without-case.sql'`;
      expect((await importInventory(old.sql, inventory)).ok).toBe(true);
      await old.sql`insert into parks (id, name, province, city, district, district_code) values ('gc-edz', '小写园区', '江苏省', '南京市', '高淳区', '320118')`;
      await old.sql`update recruiters set email = 'ZhouMin@example.test' where id = 'R2'`;
      const refused = await migrate(old.url).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toContain("迁移 082 未执行");
      expect((refused as Error).message).toContain("parks GC-EDZ / gc-edz");
      expect((refused as Error).message).toContain("recruiters R1 / R2 email");
      expect((refused as Error).message).toContain("Nothing was changed");
      expect(await old.sql`select id from parks where lower(id) = 'gc-edz' order by id`).toEqual([{ id: "GC-EDZ" }, { id: "gc-edz" }]);
      await old.sql`delete from parks where id = 'gc-edz'`;
      await old.sql`update recruiters set email = 'wuhao@example.test' where id = 'R2'`;
      expect(await migrate(old.url)).toEqual(["082-ids-and-emails-without-case.sql"]);
    } finally {
      await old.drop();
    }
  });
});

describe("staff passwords have to be hard to guess (finding 3)", () => {
  const person = { email: "hejing@example.test", name: "何静", recruiterId: "R5" };
  it.each([
    ["ten spaces", " ".repeat(10), "repeat"],
    ["digits in a row", "1234567890", "common"],
    ["full-width digits in a row", "１２３４５６７８９０", "common"],
    ["the person's email", "hejing@example.test", "personal"],
    ["the email's words with a year", "Hejing.Example2026", "personal"],
    ["a keyboard row", "qwertyuiop", "common"],
    ["a name repeated", "何静何静何静何静何静", "repeat"],
    ["a pinyin favourite", "woaini1314520", "guessable"],
    ["too short", "Ab1!", "short"],
  ])("refuses %s", (_what, password, why) => {
    expect(passwordWeakness(password, personalWords(person))).toBe(why);
  });

  it.each([STRONG, "correct horse battery staple", "x7#Lp9!vQ2-mz", "3f9a1c0b7d2e4a5b6c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"])(
    "takes %s",
    (password) => {
      expect(passwordWeakness(password, personalWords(person))).toBeNull();
    },
  );

  it("says why and what to do, in both languages", () => {
    expect(passwordWeaknessText("zh", "sequence")).toMatch(/^这个密码太容易被猜到：是连续的数字、字母或键盘上相邻的键。请换一个：/);
    expect(passwordWeaknessText("en", "personal")).toMatch(/^This password is too easy to guess: it contains the person's own email/);
  });

  it("every place a password is set refuses a weak one: an admin creating, an admin resetting, an invitation, the demo seed", async () => {
    const weak = { email: "weak.one@example.test", name: "弱密码", role: "hotline" as const, recruiterId: null };
    expect(await createStaffAccount(db.sql, { ...weak, password: "weak.one@example.test" }, "test")).toEqual({
      ok: false,
      problem: "weak-password",
      weakness: "personal",
    });
    const made = await createStaffAccount(db.sql, { ...weak, password: null }, "test");
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(await acceptInvitation(db.sql, made.invitationToken!, "1234567890")).toEqual({ weakness: "common" });
    expect(await acceptInvitation(db.sql, made.invitationToken!, STRONG)).toEqual({ userId: made.userId });
    const reset = await changeStaffAccount(
      db.sql,
      made.userId,
      { kind: "password", password: " ".repeat(12) },
      { actor: "test", userId: null },
    );
    expect(reset).toEqual({ ok: false, problem: "weak-password", weakness: "repeat" });
    await expect(seedDemoStaff(db.sql, "password12")).rejects.toBeInstanceOf(DemoPasswordRefused);
    // The development password npm start writes (48 random hex digits) passes.
    expect(passwordWeakness("9f2c4e1a7b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60", ["admin@example.test"])).toBeNull();
  });
});

describe("a recruiter whose staff sign-in is deactivated (finding 2)", () => {
  it("gets no new lead, and their open offers go to the park's next recruiter; accepted work stays and is counted", async () => {
    expect((await importInventory(db.sql, { recruiters: [recruiter("R6", "r6.second@example.test")] })).ok).toBe(true);
    const made = await createStaffAccount(
      db.sql,
      { email: "zhoumin@example.test", name: "周敏", role: "recruiter", recruiterId: "R1", password: STRONG },
      "test",
    );
    if (!made.ok) throw new Error("account");
    // Two leads of GC-EDZ: R1 (the older round robin) and R6 take one each; R1 accepts theirs, then gets a second offer.
    const leads: string[] = [];
    for (const company of ["停用测试一有限公司", "停用测试二有限公司", "停用测试三有限公司"]) {
      const lead = await storeTestLead(db.sql, company, `1390000${String(leads.length).padStart(4, "0")}`);
      await matchTestLead(db.sql, lead.id, "GC-EDZ");
      leads.push(lead.id);
    }
    await db.sql`update recruiters set last_assigned_at = null`;
    for (const id of leads) await db.sql.begin((tx) => routeLead(tx, id, routing));
    const byRecruiter = async () =>
      db.sql<{ leadId: string; recruiterId: string | null; status: string }[]>`
        select lead_id, recruiter_id, status from assignments where lead_id in ${db.sql(leads)} order by lead_id`;
    const r1 = (await byRecruiter()).filter((a) => a.recruiterId === "R1");
    expect(r1.length).toBeGreaterThanOrEqual(2);
    await db.sql`update assignments set status = 'accepted', accepted_at = now() where lead_id = ${r1[0].leadId}`;

    const done = await changeStaffAccount(
      db.sql,
      made.userId,
      { kind: "active", active: false },
      { actor: "test", userId: null },
      null,
      routing,
    );
    expect(done).toMatchObject({ ok: true, offers: { moved: r1.length - 1, unassigned: 0, kept: 1 } });
    const after = await byRecruiter();
    expect(after.filter((a) => a.recruiterId === "R1")).toEqual([{ leadId: r1[0].leadId, recruiterId: "R1", status: "accepted" }]);

    // A new lead of the park: never R1 now (R6 has no account at all, and works as before).
    const next = await storeTestLead(db.sql, "停用测试四有限公司", "13900009999");
    await matchTestLead(db.sql, next.id, "GC-EDZ");
    await db.sql`update recruiters set last_assigned_at = null`;
    await db.sql.begin((tx) => routeLead(tx, next.id, routing));
    expect((await db.sql`select recruiter_id from assignments where lead_id = ${next.id}`)[0].recruiterId).toBe("R6");

    // Signed in again: routed again.
    await changeStaffAccount(db.sql, made.userId, { kind: "active", active: true }, { actor: "test", userId: null });
    await db.sql`update recruiters set last_assigned_at = null`;
    const back = await storeTestLead(db.sql, "停用测试五有限公司", "13900008888");
    await matchTestLead(db.sql, back.id, "GC-EDZ");
    await db.sql.begin((tx) => routeLead(tx, back.id, routing));
    expect((await db.sql`select recruiter_id from assignments where lead_id = ${back.id}`)[0].recruiterId).toBe("R1");
  });
});

describe("an admin's spam or duplicate close (finding 4)", () => {
  it("is what the recruiter's desk shows, and the lead's shortlist says it is closed", async () => {
    const lead = await storeTestLead(db.sql, "关闭原因测试有限公司", "13700001111");
    const spaceId = await matchTestLead(db.sql, lead.id, "GC-MED");
    await db.sql.begin((tx) => routeLead(tx, lead.id, routing));
    const [a] = await db.sql<{ id: string; recruiterId: string }[]>`select id, recruiter_id from assignments where lead_id = ${lead.id}`;
    const made = await createShortlist(db.sql, { assignmentId: a.id, recruiterId: a.recruiterId, spaceIds: [spaceId], days: 30 });
    if (!made.ok) throw new Error(made.error);
    expect(await openShortlist(db.sql, made.shortlist.token)).toMatchObject({ spaces: [{ id: spaceId }] });

    const first = await storeTestLead(db.sql, "关闭原因测试有限公司", "13700002222");
    const [{ reference }] = await db.sql<{ reference: string }[]>`select reference from leads where id = ${first.id}`;
    expect(await closeLead(db.sql, lead.id, { as: "duplicate", note: "同一家", duplicateOf: reference }, "admin@example.test")).toEqual({
      ok: true,
    });
    const history = await loadDesk(db.sql, a.recruiterId, { view: "history" }, "zh");
    expect(history.rows.find((r) => r.assignmentId === a.id)).toMatchObject({
      status: "lost",
      closedByAdmin: { as: "duplicate", duplicateOf: reference },
    });
    expect(await openShortlist(db.sql, made.shortlist.token)).toBe("closed");
    expect(await createShortlist(db.sql, { assignmentId: a.id, recruiterId: a.recruiterId, spaceIds: [spaceId], days: 30 })).toEqual({
      ok: false,
      error: "closed",
    });
  });
});

describe("a landline with and without its extension is one enterprise number (finding 5)", () => {
  it.each([
    ["0512-6666 8888", "0512-66668888-801", "+8651266668888;ext=801"],
    ["051266668877转802", "0512 6666 8877", "+8651266668877"],
    ["(025)8765-4321 分机 12", "025-87654321 ext. 34", "+862587654321;ext=34"],
  ])(
    "%s then %s: the second is marked a repeat of the first, found by either, the extension kept",
    async (firstTyped, secondTyped, secondStored) => {
      const first = await storeTestLead(db.sql, "分机测试有限公司", firstTyped);
      const second = await storeTestLead(db.sql, "分机测试有限公司", secondTyped);
      const [row] = await db.sql<{ phone: string; flags: { code: string; text: string }[] }[]>`
      select phone, lead -> 'flags' as flags from leads where id = ${second.id}`;
      expect(row.phone).toBe(secondStored);
      const [{ reference }] = await db.sql<{ reference: string }[]>`select reference from leads where id = ${first.id}`;
      expect(row.flags).toContainEqual(expect.objectContaining({ code: "repeat", text: reference }));
      const [main] = secondStored.split(";");
      for (const asked of [main, `${main};ext=999`, secondStored])
        expect((await openLeadsWithPhone(db.sql, asked, "another-submission")).map((l) => l.id)).toEqual(
          expect.arrayContaining([first.id, second.id]),
        );
      if (secondStored.includes(";ext=")) expect(formatPhoneForDisplay(secondStored, "zh")).toMatch(/转\d+$/);
    },
  );

  it("the hotline's caller lookup finds the lead of the main number when the caller gives an extension, and back", async () => {
    const plain = await storeTestLead(db.sql, "总机查找测试有限公司", "0512-66665555");
    const withExt = await storeTestLead(db.sql, "分机查找测试有限公司", "0512-66664444转66");
    // The index is not reachable: Postgres answers for the whole number (the path this change is in).
    const deps = { sql: db.sql, search: createSearchClient("http://127.0.0.1:9", "none", { timeoutMs: 500 }), leadsIndex: "none" };
    for (const [typed, lead] of [
      ["0512-66665555-801", plain.id],
      ["051266664444", withExt.id],
      ["0512-66664444 ext 7", withExt.id],
    ] as const) {
      const phone = normalizePhone(typed);
      if (!phone.ok) throw new Error(typed);
      const found = await findCallers(deps, readCallerQuery({ phone: typed }), phone.value);
      expect(found.leads.map((l) => l.leadId)).toContain(lead);
    }
  });

  it("the enterprise's earlier recruiter is found by its main number", async () => {
    const first = await storeTestLead(db.sql, "老客户分机有限公司", "0512-66661234");
    await matchTestLead(db.sql, first.id, "LS-EDZ");
    await db.sql.begin((tx) => routeLead(tx, first.id, routing));
    const again = await storeTestLead(db.sql, "老客户分机有限公司", "0512-66661234转8");
    const previous = await db.sql.begin((tx) => previousRecruiters(tx, again.id));
    expect(previous("LS-EDZ")).toBe("R4");
  });
});
