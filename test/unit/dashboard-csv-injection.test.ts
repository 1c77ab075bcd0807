import { describe, expect, it } from "vitest";

import { type FigureTable, toCsv } from "~/admin/dashboard-tables";

// Attack finding 9: a recruiter or park name starting with "=" came out of the dashboard CSV as a formula.
describe("dashboard CSV export neutralises formulas (OWASP CSV injection)", () => {
  const table = (cells: (string | number)[]): FigureTable => ({ figure: "load", title: "t", head: ["名称", "数"], rows: [cells] });
  const row = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n")[1];

  it.each([
    ['=HYPERLINK("http://evil","x") (R1)', `'=HYPERLINK(""http://evil"",""x"") (R1)`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
  ])("%j is prefixed with an apostrophe", (name, expected) => {
    expect(row(toCsv(table([name, 1])))).toBe(`"${expected}","1"`);
  });

  it("leaves ordinary text and numbers (including negative numbers) alone", () => {
    const csv = toCsv(table(["南京专员 (R1)", -3]));
    expect(csv).toContain('"南京专员 (R1)","-3"');
  });
});
