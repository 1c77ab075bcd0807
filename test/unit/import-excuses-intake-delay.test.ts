import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { importGate as ImportGateT } from "~/inventory/import-gate.server";
import type { OverloadGuard } from "~/utils/overload.server";

// Attack 12-05 (docs/decisions/155): while an admin previewed a 10,000-row .xlsx (/admin/import), 2 of 40
// form posts (POST /) got 503 from the intake's load shedding. Not the in-flight bound (it counts intake
// requests only, 256): the event-loop delay signal — the preview holds the loop in turns and in the
// garbage collector's pauses, and a window's mean delay went over INTAKE_MAX_EVENT_LOOP_DELAY_MS. Refusing
// leads does not relieve an import, so the web's import gate excuses the delay while an import runs and
// for the windows its answer takes. The web's own singletons (the import gate both import routes use and
// the intake's guard), with the web's default bounds.

let importGate: typeof ImportGateT;
let guard: OverloadGuard;

beforeAll(async () => {
  vi.stubEnv("MEILI_URL", "http://127.0.0.1:7700");
  vi.stubEnv("MEILI_MASTER_KEY", "unit-test-master-key-0123456789");
  vi.stubEnv("ADMIN_API_TOKEN", "unit-test-admin-token-0123456789");
  vi.stubEnv("INTAKE_MAX_EVENT_LOOP_DELAY_MS", "150");
  ({ importGate } = await import("~/inventory/import-gate.server"));
  guard = (await import("~/utils/overload.server")).intakeGuard();
});
afterAll(() => {
  guard?.close();
  vi.unstubAllEnvs();
});

/**
 * Holds the event loop for `ms` in a window of its own (closed just before), then lets the delay timer
 * record it: the window's mean delay is then far above the bound, whichever of the guard's own 500 ms
 * sample and this one takes it (when the guard's ran before the delay timer, this one does).
 */
/**
 * Admits as many intake requests as the delay signal needs in flight to count (a queue of leads, ADR 174),
 * and returns their release.
 */
async function queueOfLeads(): Promise<() => void> {
  const { INTAKE_DELAY_NEEDS_IN_FLIGHT } = await import("~/utils/overload.server");
  const held = Array.from({ length: INTAKE_DELAY_NEEDS_IN_FLIGHT }, () => guard.admit());
  expect(held.every((a) => a.ok)).toBe(true);
  return () => held.forEach((a) => a.ok && a.release());
}

async function holdTheLoop(ms: number): Promise<void> {
  guard.sample();
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* busy, as an import's unsliced step or a GC pause */
  }
  await new Promise((r) => setTimeout(r, 1));
  if (guard.reading().eventLoopDelayMs <= 150) guard.sample();
  expect(guard.reading().eventLoopDelayMs).toBeGreaterThan(150);
}

describe("the intake's load shedding and an inventory import", () => {
  it("does not refuse a lead for the delay an import causes; the same delay without an import still refuses", async () => {
    await new Promise((r) => setTimeout(r, 50));
    const releaseQueue = await queueOfLeads();
    const during = await importGate.run(async () => {
      await holdTheLoop(1_000);
      return { refusal: guard.refusal(), admitted: guard.admit() };
    });
    if (typeof during === "symbol") throw new Error("the gate was busy");
    expect(during.refusal).toBeNull();
    expect(during.admitted.ok).toBe(true);
    if (during.admitted.ok) during.admitted.release();
    // The window the import ended in, and the next (its answer's page is rendered then), stay excused.
    guard.sample();
    expect(guard.reading().delayExcused).toBe(true);
    expect(guard.refusal()).toBeNull();
    guard.sample();
    guard.sample();
    expect(guard.reading().delayExcused).toBe(false);

    // No import: the same hold is the process's CPU, and the intake is shed (ADR 035 unchanged).
    await holdTheLoop(1_000);
    expect(guard.refusal()).toMatchObject({ reason: "eventLoopDelay" });
    releaseQueue();
  }, 30_000);

  it("excuses only while the import's work runs: an end mark given twice frees nothing more", async () => {
    const end = guard.excuse();
    const other = guard.excuse();
    end();
    end();
    for (let i = 0; i < 3; i++) guard.sample();
    expect(guard.reading().delayExcused).toBe(true); // `other` still runs
    other();
    for (let i = 0; i < 3; i++) guard.sample();
    expect(guard.reading().delayExcused).toBe(false);
  });
});
