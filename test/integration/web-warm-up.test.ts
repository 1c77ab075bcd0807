import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { eventually, startWebServer } from "../support/services";

// ADR 148: a web process warms its readers once it listens, unless WARM_READERS=0 (the test suite's own
// short-lived web processes, ADR 172). ADR 175: the packages only some pages need are loaded at their first
// use, not at the start. Both processes read from one database; each logs to its own file and, on SIGUSR2,
// writes the packages it has loaded (test/support/loaded-packages.mjs).
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = mkdtempSync(join(tmpdir(), "pm-warm-"));
const preload = ["--import", fileURLToPath(new URL("../support/loaded-packages.mjs", import.meta.url))];
const warmLog = join(dir, "warm.log");
const coldLog = join(dir, "cold.log");
let warm: Awaited<ReturnType<typeof startWebServer>>;
let cold: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("web_warm_up");
  const env = { DATABASE_URL: db.url, LOG_FILE_LEVEL: "info" };
  warm = await startWebServer({ ...env, WARM_READERS: "1", LOG_FILE: warmLog, LOADED_PACKAGES_FILE: join(dir, "warm.txt") }, preload);
  cold = await startWebServer({ ...env, WARM_READERS: "0", LOG_FILE: coldLog, LOADED_PACKAGES_FILE: join(dir, "cold.txt") }, preload);
});
afterAll(async () => {
  await warm?.stop();
  await cold?.stop();
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

/** The packages a web process has loaded so far (node_modules names). */
async function loadedPackages(web: typeof warm, name: "warm" | "cold"): Promise<string[]> {
  const file = join(dir, `${name}.txt`);
  rmSync(file, { force: true });
  web.process.kill("SIGUSR2");
  await eventually(async () => existsSync(file) && readFileSync(file, "utf8").endsWith("\n"), `the ${name} process's package list`);
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}

// Needed by a few pages only: Excel files (exceljs), the outbox's mails (mailparser), staff passwords (zxcvbn),
// Traditional Chinese (opencc-js: the readers and the searches).
const ON_FIRST_USE = ["exceljs", "mailparser", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common", "opencc-js"];

describe("the web process's start", () => {
  it("warms its readers by default once it listens, and WARM_READERS=0 skips it", async () => {
    const warmed = await eventually(async () => logLines(warmLog).find((l) => l.msg === "readers warmed"), "the warm-up's log line");
    expect(warmed.cpuMs).toBeGreaterThanOrEqual(0);
    // The cold process has listened (its start-up line is written) and says nothing of a warm-up.
    await eventually(async () => logLines(coldLog).some((l) => l.msg === "web listening"), "the cold process's start-up line");
    await fetch(`${cold.url}/inquiry/received`);
    expect(logLines(coldLog).map((l) => l.msg)).not.toContain("readers warmed");
  });

  it("loads the packages only some pages need at their first use, not at the start (ADR 175)", async () => {
    await fetch(`${cold.url}/inquiry/received`);
    const atStart = await loadedPackages(cold, "cold");
    expect(atStart).toContain("express"); // the list is read
    expect(atStart.filter((p) => ON_FIRST_USE.includes(p))).toEqual([]);
    // The warm-up read Traditional-capable notes: OpenCC is loaded now, and nothing else was for it.
    await eventually(async () => logLines(warmLog).some((l) => l.msg === "readers warmed"), "the warm-up's log line");
    const afterWarmUp = await loadedPackages(warm, "warm");
    expect(afterWarmUp).toContain("opencc-js");
    expect(afterWarmUp.filter((p) => ON_FIRST_USE.includes(p))).toEqual(["opencc-js"]);
  });
});
