import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { decodeEntities } from "../support/need-form";
import { startWebServer } from "../support/services";

// readers40 item 6 through the real web process: the investment and output boxes typed as a range are said back on the
// confirmation page as the tax box's range is (ADR 168, 189) — the figure stored and the range it came from, zh and en.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, "")).replace(/\u00a0/g, " ");

beforeAll(async () => {
  db = await createTestDatabase("readers40amounts");
  web = await startWebServer({ DATABASE_URL: db.url });
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("the confirmation page says the investment and output ranges", () => {
  it("POST / with both boxes as ranges: each said with its range (zh, en)", async () => {
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "contact.phone": "13936400001", "tax.investmentWan": "5000-8000", "tax.annualOutputWan": "1-2亿" }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const page = new URL(res.headers.get("location")!, web.url);
    page.searchParams.delete("lng");
    const zh = text(await (await fetch(page)).text());
    expect(zh).toContain("计划总投资5000 万元（您给的是范围“5000-8000”，按较低的数）");
    expect(zh).toContain("预计年产值10000 万元/年（您给的是范围“1-2亿”，按较低的数）");
    page.searchParams.set("lng", "en");
    const en = text(await (await fetch(page)).text());
    expect(en).toContain("Planned investmentCNY 50 million (you gave the range “5000-8000”; its lower figure is taken)");
  });

  it("a single figure: no such row", async () => {
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "contact.phone": "13936400002", "tax.investmentWan": "5000" })),
      redirect: "manual",
    });
    const page = new URL(res.headers.get("location")!, web.url);
    expect(text(await (await fetch(page)).text())).not.toContain("计划总投资");
  });
});
