import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addNotification, claimNotification } from "~/assignments/notifications.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";

// The send lease: the inline sender and a fallback job never hold one email at the same time, and a
// sender that overran its lease cannot clear the next holder's.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let leadId: string;

beforeAll(async () => {
  db = await createTestDatabase("notification_lease");
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company: "南京租约测试有限公司" }));
  leadId = (await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id;
});
afterAll(async () => db?.drop());

async function newNotification(key: string): Promise<string> {
  const [id] = await db.sql.begin((tx) =>
    addNotification(tx, { assignmentId: null, leadId, kind: "escalation", channel: "email", recipient: "nobody", dedupeKey: key }),
  );
  return id;
}

function held(claim: Awaited<ReturnType<typeof claimNotification>>) {
  if (claim === null || claim === "held") throw new Error(`expected to hold the lease, got ${claim}`);
  return claim;
}

describe("claimNotification", () => {
  it("gives the email to one sender at a time, to the next once the lease ran out, and counts each attempt", async () => {
    const id = await newNotification("lease-1");
    // A lease long enough that no busy machine outlives it between two statements (a 300 ms lease ran
    // out before the second claim on a loaded machine), then run out by the database's clock: the same
    // `lease_until < clock_timestamp()` a late sender meets, without a sleep.
    const first = held(await claimNotification(db.sql, id, 60_000));
    expect(first).toMatchObject({ status: "sending", attempts: 1 });
    expect(await claimNotification(db.sql, id, 60_000)).toBe("held");
    const [lease] = await db.sql<{ seconds: number }[]>`
      select extract(epoch from lease_until - clock_timestamp())::float8 as seconds from notifications where id = ${id}`;
    // The lease asked for, measured by the clock that judges it: at most 60 s ahead, and still ahead (the
    // test's 30 s timeout is shorter than the lease, so no machine is slow enough to fail this).
    expect(lease.seconds).toBeGreaterThan(0);
    expect(lease.seconds).toBeLessThanOrEqual(60);
    await db.sql`update notifications set lease_until = clock_timestamp() - interval '1 millisecond' where id = ${id}`;
    const second = held(await claimNotification(db.sql, id, 60_000));
    expect(second).toMatchObject({ attempts: 2 });
    expect(second.leaseToken).not.toEqual(first.leaseToken);

    // The first sender, late, releases "its" lease after a failure: the second one's stays.
    const stale = first.leaseToken ?? null;
    const released =
      await db.sql`update notifications set lease_until = null, lease_token = null where id = ${id} and lease_token = ${stale}`;
    expect(released.count).toBe(0);
    expect(await claimNotification(db.sql, id, 60_000)).toBe("held");
  });

  it("answers null for an email that is finished (sent or dead-lettered)", async () => {
    for (const status of ["sent", "dead"]) {
      const id = await newNotification(`lease-${status}`);
      await db.sql`update notifications set status = ${status} where id = ${id}`;
      expect(await claimNotification(db.sql, id, 1_000)).toBeNull();
    }
    expect(await claimNotification(db.sql, "999999", 1_000)).toBeNull();
  });
});
