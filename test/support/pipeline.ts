import type { Sql } from "~/db/db.server";

import { eventually } from "./services";

/** Waits until the outbox has no unfinished row (everything relayed and done). */
export async function outboxDrained(sql: Sql, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      const [{ n }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where done_at is null and (not_before is null or not_before <= now())`;
      return n === 0;
    },
    "the outbox to drain",
    timeoutMs,
  );
}
