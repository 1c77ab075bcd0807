import type { Sql } from "~/db/db.server";

// Lead references are PM-<day>-<n>, the day in Asia/Shanghai (midnight there is 16:00 UTC), numbered by
// reference_counters. A test that stores leads and then reads "today's" counter with a second reading
// of the clock fails when China's midnight falls between the two (CI runs at any hour). These helpers
// let such a test name one China day for all it does, and run again when that day ended during it.

/** A fresh start for reference tests: no lead, no outbox row, no counter (any day's next lead gets number 1). */
export async function clearLeadsAndCounters(sql: Sql): Promise<void> {
  await sql`delete from outbox`;
  await sql`delete from leads`;
  await sql`delete from reference_counters`;
}

/** The China day (Asia/Shanghai, YYYY-MM-DD) of the database's clock now: the clock intake numbers by. */
export async function chinaToday(sql: Sql): Promise<string> {
  const [row] = await sql<{ day: string }[]>`select to_char(clock_timestamp() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day`;
  return row.day;
}

/** The day a reference PM-YYYYMMDD-n names, as YYYY-MM-DD (throws for anything else). */
export function referenceDay(reference: string): string {
  const m = /^PM-(\d{4})(\d{2})(\d{2})-\d+$/.exec(reference);
  if (!m) throw new Error(`not a lead reference: ${reference}`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Runs `attempt` with the China day `today()` reads before it, and reads `today()` again after it. When
 * both readings agree, every reading of the clock in between (intake's `now()` included: its statements
 * start after the first reading and end before the second) fell on that day, and the attempt's outcome
 * stands — its value, or its error. When China's midnight fell during it, the attempt does not count,
 * passed or failed: `reset()` clears what it wrote and it runs once more, whose outcome stands (a second
 * midnight within one attempt takes a day; it is reported as an error rather than judged).
 */
export async function withinOneChinaDay<T>(
  today: () => Promise<string>,
  reset: () => Promise<void>,
  attempt: (day: string) => Promise<T>,
): Promise<T> {
  for (let run = 1; ; run++) {
    if (run > 1) await reset();
    const day = await today();
    const outcome = await attempt(day).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const after = await today();
    if (after !== day) {
      if (run === 1) continue;
      throw new Error(`the China day changed during both runs (${day} → ${after})`, { cause: outcome.ok ? undefined : outcome.error });
    }
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }
}
