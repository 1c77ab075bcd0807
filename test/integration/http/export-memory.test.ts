import { execFileSync } from "node:child_process";

import { describe, expect, it } from "vitest";

// Attack 12-05g H1: GET /admin/export of 10,000 spaces twice at once (20,000 once) ran the web's 256 MB heap out and the
// process aborted. The workbook is written row by row (app/utils/xlsx.server.ts); its other checks are in
// test/unit/http/exports-bounded.test.ts. Here, in a process of its own with a small heap: memory, not time.
describe("an .xlsx is written row by row", () => {
  it("20,000 rows of 25 columns in a process of 128 MB of heap (the whole-workbook model needed ~240 MB for 8,000)", () => {
    const script = `
      const { buildXlsx } = await import("./app/utils/xlsx.server.ts");
      const rows = Array.from({ length: 20000 }, (_, i) => Array.from({ length: 25 }, (_, j) => (j % 3 === 0 ? i * j : "空间" + i + "-" + j + " 江苏省南京市高淳区")));
      const buf = await buildXlsx([{ name: "空间", columns: Array.from({ length: 25 }, (_, j) => ({ header: "列" + j })), rows }]);
      console.log(buf.length);`;
    const out = execFileSync(process.execPath, ["--max-old-space-size=128", "--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(Number(out.trim())).toBeGreaterThan(1_000_000);
  }, 150_000);
});
