import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";

// Several rules of one column that fail alike (a working-hours cell whose start and end are both no
// time) were each listed under the cell: "时间格式应为 时:分（如 09:00） 时间格式应为 时:分（如 09:00）".
const recruiter = { id: "R1", name: "周敏", email: "r1@example.test", phone: "13900000001", channel: "邮件", parks: "P1", capacity: "5" };

describe("an inventory cell says each problem once", () => {
  it.each(["每天 25:00-26:00", "周一至周五 24:00-99:99", "周一 29:00-30:30"])("working hours %s", (workingHours) => {
    const r = checkTextRow("recruiters", { ...recruiter, workingHours });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const said = r.issues.filter((i) => i.key === "workingHours").map((i) => i.reason.zh);
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said).size).toBe(said.length);
  });
});
