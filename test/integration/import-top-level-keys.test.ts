import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";

// docs/decisions/124 (5.): a JSON import body's top-level key that is no collection (parks, spaces,
// recruiters) was read as nothing — a typo "space" imported no row and answered 200 — and its arrays were
// counted as rows by the gate (an extra key of 25,000 items was refused as "too many rows"). Now: a 400
// naming the key, nothing written; the rows counted are the collections' alone.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("desk30_import_keys");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const postImport = (body: unknown, query = "") =>
  fetch(`${web.url}/api/import${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN!}` },
    body: JSON.stringify(body),
  });
const counts = async () =>
  (
    await db.sql<
      { n: number }[]
    >`select (select count(*) from parks) + (select count(*) from spaces) + (select count(*) from recruiters) as n`
  )[0].n;

describe("POST /api/import: top-level keys", () => {
  it("a typo (space for spaces): 400 naming it, nothing written — not a 200 with nothing imported", async () => {
    const inv = demoInventory();
    const res = await postImport({ parks: inv.parks, space: inv.spaces });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(body.errors._form.join(" ")).toContain("不认识的顶层键 “space”");
    expect(body.errors._form.join(" ")).toContain("未导入任何数据");
    expect(Number(await counts())).toBe(0);
  });

  it("in English, several keys named (the first five, then how many more), with the rows' own errors in the same answer", async () => {
    const extra = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`extra${i}`, i]));
    const res = await postImport({ ...extra, spaces: [{ id: "" }] }, "?lng=en");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    const said = body.errors._form.join(" ");
    expect(said).toContain("unknown top-level “extra0”, “extra1”, “extra2”, “extra3”, “extra4” and 2 more");
    expect(Object.keys(body.errors)).toContain("spaces[0]");
  });

  it("an extra key holding 25,000 items is not counted as rows: the 400 names it, not a 413 'too many rows'", async () => {
    const inv = demoInventory();
    const res = await postImport({ ...inv, notes: Array.from({ length: 25_000 }, (_, i) => i) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("“notes”");
    // The collections' rows still count: more than 20,000 spaces is the 413 as before.
    const many = await postImport({ spaces: generatedSpaces(20_001) });
    expect(many.status).toBe(413);
  });

  it("no collection at all ({}, a collection null): 400 saying there is nothing to import — an empty list still imports", async () => {
    for (const body of [{}, { spaces: null }, { parks: null, recruiters: null }]) {
      const res = await postImport(body);
      expect(res.status).toBe(400);
      const said = ((await res.json()) as { errors: Record<string, string[]> }).errors._form.join(" ");
      expect(said).toContain("没有可导入的内容");
    }
    const en = await postImport({}, "?lng=en");
    expect(((await en.json()) as { errors: Record<string, string[]> }).errors._form.join(" ")).toContain("nothing to import");
    const empty = await postImport({ spaces: [] });
    expect(empty.status).toBe(200);
    expect(Number(await counts())).toBe(0);
  });

  it("the three collections alone import as before", async () => {
    const res = await postImport(demoInventory());
    expect(res.status).toBe(200);
    expect(Number(await counts())).toBeGreaterThan(0);
  });
});
