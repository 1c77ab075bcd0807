import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";

// An attack (12-05): imports sent at once each held their rows and plan at the same time, and two large
// workbook previews ran the web's heap out (the process aborted, every request in flight dropped). The web
// now runs one import at a time, two more waiting; past that: 429 importBusy with Retry-After, nothing
// read or written (app/inventory/import-gate.server.ts, docs/decisions/125).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("import_one_at_a_time");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("POST /api/import sent eight times at once", () => {
  it("runs them in turn: three take their turn, the rest are told busy; none fails, nothing half-written", async () => {
    const inv = demoInventory();
    // Each import its own 4,000 spaces (ids apart), so what landed can be counted by import.
    const bodies = Array.from({ length: 8 }, (_, k) => ({
      parks: inv.parks,
      spaces: generatedSpaces(4_000).map((s) => ({ ...s, id: `K${k}-${s.id}` })),
    }));
    const answers = await Promise.all(
      bodies.map((body) =>
        fetch(`${web.url}/api/import?lng=en`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN!}` },
          body: JSON.stringify(body),
        }).then(async (res) => ({ status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as never })),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3); // one running, two waiting: always served
    const busy = answers.filter((a) => a.status === 429);
    expect(busy.length).toBeGreaterThan(0); // eight at once: some found the queue full
    for (const a of busy) {
      expect(a.retryAfter).toBe("60");
      expect(a.body).toEqual({
        errors: { _form: ["Other imports are running; nothing of this one was read or written. Try again in a minute."] },
      });
    }
    // Each import landed whole or not at all.
    const byImport = await db.sql<{ k: string; n: number }[]>`
      select split_part(id, '-', 1) as k, count(*)::int as n from spaces where id like 'K%' group by 1 order by 1`;
    expect(byImport.map((r) => r.n)).toEqual(byImport.map(() => 4_000));
    expect(byImport.map((r) => r.k)).toEqual(answers.flatMap((a, k) => (a.status === 200 ? [`K${k}`] : [])));
  }, 180_000);
});
