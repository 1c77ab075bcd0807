import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { createLogger } from "~/utils/log.server";

import { assertNoPhonesInLog, scanLogForPhones } from "../../support/log-scan";

const dir = mkdtempSync(join(tmpdir(), "parkmatch-log-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lead = { contact: { name: "陈工", phone: "+8613812345678" }, company: { name: "高淳储能有限公司" } };

/** What careless call sites might log: phones in fields, nested, in messages, in error text, typed with spaces. */
function logCarelessly(logger: ReturnType<typeof createLogger>) {
  logger.info({ phone: "+8613812345678" }, "lead stored");
  logger.info({ lead }, "lead body");
  logger.warn({ input: { raw: { contact: { phone: "139 1234 5678" } } } }, "bad input");
  logger.error({ error: "insert failed: duplicate key (phone)=(+862583456789)" }, "intake failed for 138-1234-5678");
  logger.info({ rows: [{ typedPhone: "０２５-８３４５ ６７８９" }] }, "lookup");
  logger.error({ err: new Error("SMTP 550 for caller 15900001111") }, "send failed");
}

describe("the logger masks every full phone number", () => {
  it("no line of its output carries one; the masked forms are there", () => {
    const file = join(dir, "masked.ndjson");
    logCarelessly(createLogger({ LOG_LEVEL: "silent", LOG_FILE: file, LOG_FILE_LEVEL: "debug" }));
    createLogger({ LOG_LEVEL: "silent", LOG_FILE: file }).info({ contact: { phone: "+852 9123 4567" } }, "not a mainland shape");
    const text = readFileSync(file, "utf8");
    expect(text.trim().split("\n")).toHaveLength(7);
    expect(text).not.toContain("9123 4567"); // a phone field whatever its shape: redacted by path
    expect(scanLogForPhones(file)).toEqual([]);
    expect(text).toContain(`"phone":"138****5678"`); // a phone field
    expect(text).toContain("138****5678"); // in a message
    expect(text).toContain("159****1111"); // in an error's message
    expect(text).toContain("高淳储能有限公司"); // the rest of the record stays readable
    expect(JSON.parse(text.split("\n")[0])).toMatchObject({ level: "info", msg: "lead stored" });
  });

  it("a plain pino logger (no redaction) writing the same records is caught by the scan", async () => {
    const file = join(dir, "plain.ndjson");
    const { default: pino } = await import("pino");
    logCarelessly(pino(pino.destination({ dest: file, sync: true })));
    expect(scanLogForPhones(file).length).toBe(6);
  });
});

describe("the run's log scan", () => {
  it("fails on a log that carries one full phone number, naming the line", () => {
    const file = join(dir, "run.ndjson");
    const logger = createLogger({ LOG_LEVEL: "silent", LOG_FILE: file });
    logger.info({ phone: "+8613812345678" }, "fine");
    expect(assertNoPhonesInLog(file)).toEqual({ lines: 1 });
    // A line written past the logger (a console.log someone left in): the scan must catch it.
    appendFileSync(file, JSON.stringify({ msg: "debug dump", contact: "13812345678" }) + "\n");
    expect(() => assertNoPhonesInLog(file)).toThrow(/line 2: 13812345678/);
  });
});
