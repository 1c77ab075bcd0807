import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { eventually, startWebServer } from "../support/services";

// ADR 148: a web process warms its readers once it listens, unless WARM_READERS=0 (the test suite's own
// short-lived web processes, ADR 172). Both read from one database; each process logs to its own file.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = mkdtempSync(join(tmpdir(), "pm-warm-"));
const webs: Awaited<ReturnType<typeof startWebServer>>[] = [];

beforeAll(async () => {
  db = await createTestDatabase("web_warm_up");
});
afterAll(async () => {
  for (const web of webs) await web.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const logLines = (file: string): { msg?: string; cpuMs?: number }[] => {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; cpuMs?: number });
  } catch {
    return [];
  }
};

describe("the web process's reader warm-up", () => {
  it("runs by default once the process listens, and WARM_READERS=0 skips it", async () => {
    const warmLog = join(dir, "warm.log");
    const coldLog = join(dir, "cold.log");
    webs.push(await startWebServer({ DATABASE_URL: db.url, WARM_READERS: "1", LOG_FILE: warmLog, LOG_FILE_LEVEL: "info" }));
    webs.push(await startWebServer({ DATABASE_URL: db.url, WARM_READERS: "0", LOG_FILE: coldLog, LOG_FILE_LEVEL: "info" }));
    const warmed = await eventually(async () => logLines(warmLog).find((l) => l.msg === "readers warmed"), "the warm-up's log line");
    expect(warmed.cpuMs).toBeGreaterThanOrEqual(0);
    // The cold process has listened (its start-up line is written) and says nothing of a warm-up.
    await eventually(async () => logLines(coldLog).some((l) => l.msg === "web listening"), "the cold process's start-up line");
    await fetch(`${webs[1].url}/inquiry/received`);
    expect(logLines(coldLog).map((l) => l.msg)).not.toContain("readers warmed");
  });
});
