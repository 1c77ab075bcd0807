import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { REPEAT_WINDOW_MINUTES, storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";

// ADR 114 (ADR 108 §15 left it): the repeat check is a rolling window counted back from the storing
// statement, never a China day; and a copy stored by another statement on the other side of China midnight
// (another day's reference counter row, so not serialised by it) is seen too: every intake statement takes
// migration 090's lock after its counter row.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase("life28_midnight");
});
afterAll(() => db?.drop());

let phone = 13700029900;
/** A web lead (validLeadJson: the same need every time) of `company` from `tel`, stored as the form stores it. */
function storeTestLead(sql: Sql, company: string, tel: string) {
  const parsed = createLeadSchema("zh", "web").parse(validLeadJson({ company, phone: tel }));
  return storeLead(sql, { ...parsed, raw: {}, source: "web", lng: "zh" });
}

describe("the repeat window is rolling, not a day", () => {
  // Minutes before the copy at which the first lead was stored; a repeat while under the window (60).
  const offsets = [0.5, 1, 2, 30, 59, 61, 90, 24 * 60 - 2, 24 * 60 + 2];
  for (const minutes of offsets)
    it(`first lead ${minutes} min before the copy → ${minutes < REPEAT_WINDOW_MINUTES ? "a repeat" : "a new lead"}`, async () => {
      const tel = String(phone++);
      const first = await storeTestLead(db.sql, "南京午夜重复机械有限公司", tel);
      await db.sql`update leads set created_at = now() - ${minutes}::float8 * interval '1 minute' where id = ${first.id}`;
      const copy = await storeTestLead(db.sql, "南京午夜重复机械有限公司", tel);
      expect(copy.repeatOf).toBe(minutes < REPEAT_WINDOW_MINUTES ? first.reference : null);
    });

  it("a first lead stored at 23:59 China time of the day before: judged by the minutes between, not by the day", async () => {
    const tel = String(phone++);
    const first = await storeTestLead(db.sql, "南京昨夜提交机械有限公司", tel);
    const [{ minutes }] = await db.sql<{ minutes: number }[]>`
      update leads set created_at = date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' - interval '1 minute'
      where id = ${first.id}
      returning extract(epoch from now() - created_at)::float8 / 60 as minutes`;
    const copy = await storeTestLead(db.sql, "南京昨夜提交机械有限公司", tel);
    expect(copy.repeatOf).toBe(minutes < REPEAT_WINDOW_MINUTES ? first.reference : null);
  });
});

describe("a copy committed by another statement across midnight is seen", () => {
  it("the copy's statement waits for the other day's statement (which holds the lock, not today's counter row) and sees its lead", async () => {
    const tel = String(phone++);
    // The other statement's lead: stored earlier for another company, it becomes the copy's twin inside
    // that statement's transaction — as a statement of the other China day would insert it, after its
    // own day's counter row and migration 090's lock; not committed yet.
    const twin = await storeTestLead(db.sql, "南京其他公司机械有限公司", tel);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const other = db.sql.begin(async (tx) => {
      await tx`select intake_serialised(0)`;
      await tx`update leads set lead = jsonb_set(lead, '{company,name}', '"南京跨夜复制机械有限公司"'), company_name = '南京跨夜复制机械有限公司',
                                created_at = now()
               where id = ${twin.id}`;
      locked();
      await held;
    });
    await isLocked;
    let settled = false;
    const copy = storeTestLead(db.sql, "南京跨夜复制机械有限公司", tel).finally(() => (settled = true));
    // The copy's statement waits (on the lock) while the other statement is open…
    for (let i = 0; i < 50 && !settled; i++) {
      const [{ waiting }] = await db.sql<{ waiting: number }[]>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`;
      if (waiting > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(settled).toBe(false);
    release();
    await other;
    // …and then sees the twin, committed meanwhile: a repeat of it.
    expect((await copy).repeatOf).toBe(twin.reference);
  });

  it("copies in one batch are still seen, and a lead of another company on the same phone is not a repeat", async () => {
    const tel = String(phone++);
    const [a, b, c] = await Promise.all([
      storeTestLead(db.sql, "南京同批机械有限公司", tel),
      storeTestLead(db.sql, "南京同批机械有限公司", tel),
      storeTestLead(db.sql, "南京另一家同号码有限公司", tel),
    ]);
    const refs = [a, b].map((x) => x.repeatOf);
    expect(refs.filter((r) => r === null)).toHaveLength(1);
    expect(refs.filter((r) => r !== null)).toEqual([[a, b].find((x) => x.repeatOf === null)!.reference]);
    expect(c.repeatOf).toBeNull();
  });
});
