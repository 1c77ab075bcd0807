import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { ROOT, sourceFiles } from "../../support/source-graph";

// House rule (issue 8 item 2, ADR 024): the routing audit trail is written by one function,
// recordRoutingEvent (app/assignments/routing-events.server.ts), so every row has the same columns,
// a typed event and a reason in both languages. Tests may still seed rows by hand (test/ is not read).

const WRITER = "app/assignments/routing-events.server.ts";

/**
 * The one exception, with its reason (ADR 024): markEmailSent marks the notice sent, writes the
 * `notified` row and closes the outbox row in one statement; the row's ids come from the update's
 * RETURNING inside a data-modifying CTE, which a function taking values cannot join.
 */
const EXCEPTIONS: Record<string, number> = { "app/assignments/notifications.server.ts": 1 };

const INSERT = /insert\s+into\s+routing_events\b/gi;

/** How many times each file writes `insert into routing_events` (any case, any white space). */
export function routingEventInserts(files: string[], read: (file: string) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) {
    const n = read(f).match(INSERT)?.length ?? 0;
    if (n > 0) out[f] = n;
  }
  return out;
}

describe("routing_events has one writer", () => {
  const files = sourceFiles(["app", "worker", "search"]);
  const found = routingEventInserts(files, (f) => readFileSync(join(ROOT, f), "utf8"));

  it("reads app/, worker/ and search/", () => {
    expect(files).toEqual(expect.arrayContaining([WRITER, "app/admin/lead-actions.server.ts", "worker/index.ts", "search/client.ts"]));
  });

  it("writes `insert into routing_events` only in recordRoutingEvent (and the one CTE exception)", () => {
    expect(found, "call recordRoutingEvent(tx, …) from app/assignments/routing-events.server.ts").toEqual({
      [WRITER]: 1,
      ...EXCEPTIONS,
    });
  });

  it("counts inserts whatever their case and line breaks", () => {
    const src: Record<string, string> = {
      "a.ts": "await tx`INSERT  INTO\n routing_events (lead_id) values (${id})`;",
      "b.ts": "await tx`insert into routing_events_archive select 1`; await tx`select * from routing_events`;",
    };
    expect(routingEventInserts(Object.keys(src), (f) => src[f])).toEqual({ "a.ts": 1 });
  });
});
