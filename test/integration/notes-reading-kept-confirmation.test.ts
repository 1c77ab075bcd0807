import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// docs/decisions/142 (attack L9), through the real web process: the confirmation page reads the notes once and keeps
// the reading with the lead; a GET after that reads nothing, and a need changed since is read again.
const suite = inquiryConfirmationSuite("readcost33_kept", 13900342100);

type Kept = { of: string; notRead: string[] } | null;
async function kept(reference: string): Promise<Kept> {
  const [row] = await suite.db.sql<{ kept: Kept }[]>`select notes_reading as kept from leads where reference = ${reference}`;
  return row.kept;
}
const page = async (location: string) => (await (await fetch(`${suite.web.url}${location}`)).text()).replace(/&#x27;/g, "'");

describe("the confirmation page keeps its reading of the notes", () => {
  it("read on the first view and kept; later views use what was kept, not the notes", async () => {
    const { html, reference, location } = await suite.sendForm({ "need.notes": "需要5000平，要有月台，双回路供电" }, "zh");
    expect(html).toContain("要有月台");
    const first = await kept(reference);
    expect(first?.notRead).toEqual(["要有月台", "双回路供电"]);
    // What is kept is what the page says: changed under the same fingerprint, the page says the change — it did not
    // read the notes again.
    await suite.db
      .sql`update leads set notes_reading = jsonb_set(notes_reading, '{notRead}', '["保留的读法"]') where reference = ${reference}`;
    const again = await page(location);
    expect(again).toContain("保留的读法");
    expect(again).not.toContain("双回路供电");
    expect((await kept(reference))?.of).toBe(first?.of);
  });

  it("a need changed since is read again, and that reading kept", async () => {
    const { reference, location } = await suite.sendForm({ "need.notes": "需要5000平，要有月台" }, "zh");
    const first = await kept(reference);
    await suite.db.sql`update leads set lead = jsonb_set(lead, '{need,notes}', '"需要5000平，要有食堂"') where reference = ${reference}`;
    const after = await page(location);
    expect(after).toContain("要有食堂");
    expect(after).not.toContain("要有月台");
    const now = await kept(reference);
    expect(now?.notRead).toEqual(["要有食堂"]);
    expect(now?.of).not.toBe(first?.of);
  });

  it("a lead stored before the column (nothing kept) is read and kept on its first view", async () => {
    const { reference, location } = await suite.sendForm({ "need.notes": "需要5000平，要有月台" }, "zh");
    await suite.db.sql`update leads set notes_reading = null where reference = ${reference}`;
    expect(await page(location)).toContain("要有月台");
    expect((await kept(reference))?.notRead).toEqual(["要有月台"]);
  });
});
