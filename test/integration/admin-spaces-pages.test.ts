import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { createSql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { listSpaces } from "~/inventory/inventory-admin.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { decodeEntities } from "../support/need-form";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// docs/decisions/124 (4.): /admin/spaces showed its first 200 rows and no way past them. Pages by key (the
// last id shown, in natural id order, ADR 119), plain links that keep the filters: every space on exactly
// one page, in order, forwards and back; the stale list's order (oldest confirmation, then id) too.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const EMAIL = "desk30-pages@example.test";
const PASSWORD = "admin-三十号-翻页-2026";
let cookie = "";

beforeAll(async () => {
  db = await createTestDatabase("desk30_space_pages");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  // 450 generated spaces, ids G1 … G450 (G2 before G10 before G100), some in lower case.
  await db.sql`
    insert into spaces
    select (jsonb_populate_record(null::spaces, to_jsonb(s) || jsonb_build_object('id', case when g % 7 = 0 then 'g' else 'G' end || g,
                                                                                 'title', '生成厂房' || g))).*
    from spaces s, generate_series(1, 450) g where s.id = 'S10'`;
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '翻页管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  cookie = await webClient(web.url).signIn(EMAIL, PASSWORD);
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const natural = (ids: string[]) => [...ids].sort(new Intl.Collator("und", { numeric: true, sensitivity: "base" }).compare);
async function page(path: string) {
  const res = await fetch(`${web.url}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const ids = [...html.matchAll(/data-space="([^"]+)"/g)].map((m) => m[1]);
  const link = (rel: string) => {
    const m = new RegExp(`<a[^>]*href="([^"]+)"[^>]*rel="${rel}"|<a[^>]*rel="${rel}"[^>]*href="([^"]+)"`).exec(html);
    return m ? decodeEntities(m[1] ?? m[2]) : null;
  };
  return { html, ids, next: link("next"), prev: link("prev") };
}
/** Every page from `first`, by its next links. */
async function walk(first: string) {
  const pages = [await page(first)];
  while (pages.at(-1)!.next) {
    pages.push(await page(pages.at(-1)!.next!));
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

describe("/admin/spaces pages past 200 rows", () => {
  it("every space on exactly one page, in natural order; next and previous links; the range in the caption (zh, en)", async () => {
    const all = (await db.sql<{ id: string }[]>`select id from spaces where retired_at is null`).map((r) => r.id);
    expect(all.length).toBeGreaterThan(400);
    const pages = await walk("/admin/spaces");
    expect(pages.map((p) => p.ids.length)).toEqual([200, 200, all.length - 400]);
    const seen = pages.flatMap((p) => p.ids);
    expect(seen).toEqual(natural(all));
    expect(pages[0].html).toContain(`第 1–200 条，共 ${all.length} 条`);
    expect(pages[1].html).toContain(`第 201–400 条，共 ${all.length} 条`);
    expect(pages[0].prev).toBeNull();
    expect(pages[0].next).toBe(`/admin/spaces?after=${encodeURIComponent(pages[0].ids[199])}`);
    // Back from the third page: the second, as it was.
    expect((await page(pages[2].prev!)).ids).toEqual(pages[1].ids);
    expect((await page(pages[1].prev!)).ids).toEqual(pages[0].ids);
    expect(pages[1].html).toContain(">第一页</a>");
    const en = await page(`${pages[1].next!}&lng=en`);
    expect(en.html).toContain(`401–${all.length} of ${all.length}`);
    expect(en.html).toContain(">Previous page</a>");
    expect(en.prev).toContain("lng=en");
  });

  it("the filters stay in the links: a search, a kind, retired ones", async () => {
    const matching = (await db.sql<{ id: string }[]>`select id from spaces where retired_at is null and title like '生成厂房%'`).map(
      (r) => r.id,
    );
    expect(matching.length).toBeGreaterThan(400);
    const pages = await walk(`/admin/spaces?q=${encodeURIComponent("生成厂房")}&kind=factory`);
    expect(pages).toHaveLength(3);
    for (const p of pages.slice(1)) expect(decodeURIComponent(p.prev!)).toMatch(/q=生成厂房&kind=factory&before=/);
    expect(pages.flatMap((p) => p.ids)).toEqual(natural(matching));
  });

  it("the stale list pages by its own order (oldest confirmation first, ties by id)", async () => {
    // Three confirmation times shared by many rows: the key is (time, id).
    await db.sql`update spaces set verified_at = now() - make_interval(days => 40 + (substring(id from 2)::int % 3)) where id ilike 'G%'`;
    const expected = (
      await db.sql<{ id: string }[]>`
        select id from spaces where status = 'available' and retired_at is null and verified_at < now() - interval '30 days'
        order by verified_at, id collate natural_order`
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(200);
    const pages = await walk("/admin/spaces?stale=1");
    expect(pages.flatMap((p) => p.ids)).toEqual(expected);
    expect(pages[1].next ?? pages[0].next).toContain("stale=1");
    expect((await page(pages[1].prev!)).ids).toEqual(pages[0].ids);
    // The listing itself: a page after the 200th row starts at position 200.
    const deep = await listSpaces(db.sql, { verifyDays: 30, stale: true, after: pages[0].ids[199] });
    expect(deep.position).toBe(200);
  });

  it("a key that cannot be one, or has nothing beyond it, is named and the first page shown", async () => {
    const long = await page(`/admin/spaces?after=${"X".repeat(65)}`);
    expect(long.html).toContain("翻页位置");
    expect(long.ids).toHaveLength(200);
    const past = await page("/admin/spaces?after=ZZZZ");
    expect(past.html).toContain("“ZZZZ”之后（或之前）已没有记录，已显示第一页");
    expect(past.ids).toHaveLength(200);
    const both = await page("/admin/spaces?after=G5&before=G9&lng=en");
    expect(both.html).toContain("could not be read; the first page is shown");
    // An id in the middle that is no listed space still pages from where it would sort.
    const between = await page("/admin/spaces?after=G99x");
    expect(between.ids[0]).toMatch(/^G100$/i);
  });
  // Last: it adds 5,000 rows (as natural-id-order.test.ts does for the first page), so the planner reads as it would on a large inventory.
  it("a page after a key, deep in 5,000 more spaces, is a range read of the natural-order index with no sort", async () => {
    await db.sql`
      insert into spaces
      select (jsonb_populate_record(null::spaces, to_jsonb(s) || jsonb_build_object('id', 'H' || g))).*
      from spaces s, generate_series(1, 5000) g where s.id = 'S10'`;
    await db.sql`analyze spaces`;
    await db.sql`analyze parks`;
    const sent: { query: string; params: unknown[] }[] = [];
    const traced = createSql(db.url, { max: 1, debug: (_c, query, params) => void sent.push({ query, params: params as unknown[] }) });
    try {
      const deep = await listSpaces(traced, { verifyDays: 30, after: "H2500" });
      expect(deep.rows[0].id).toBe("H2501");
      const pageQuery = sent.find((s) => /\blimit\b/i.test(s.query))!;
      const plan = (await traced.unsafe(`explain ${pageQuery.query}`, pageQuery.params as never[]))
        .map((r) => String(r["QUERY PLAN"]))
        .join("\n");
      expect(plan, plan).toMatch(/spaces_id_natural/);
      expect(plan, plan).toMatch(/Index Scan using spaces_id_natural[^\n]*\n\s*Index Cond: \(\(id\)::text > 'H2500'/);
      expect(plan, plan).not.toMatch(/\bSort\b/);
    } finally {
      await traced.end({ timeout: 2 });
    }
  });
});

describe("/admin/spaces lists land as people who sell it speak of it", () => {
  it("a land space's area in 亩 with its ㎡ after it (zh, en); a building's in ㎡ (trial 12-05 L8)", async () => {
    const [land] = await db.sql<{ id: string; areaSqm: number }[]>`select id, area_sqm from spaces where kind = 'land' order by id limit 1`;
    const [building] = await db.sql<
      { id: string; areaSqm: number }[]
    >`select id, area_sqm from spaces where kind = 'factory' order by id limit 1`;
    const row = (html: string, id: string) => new RegExp(`<tr[^>]*data-space="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
    const mu = Math.round(((land.areaSqm * 3) / 2000) * 100) / 100;
    const zh = row((await page(`/admin/spaces?kind=land`)).html, land.id);
    expect(decodeEntities(zh)).toContain(`${mu}亩（`);
    const en = row((await page(`/admin/spaces?kind=land&lng=en`)).html, land.id);
    expect(decodeEntities(en)).toContain(`${mu} mu (`);
    const factory = row((await page(`/admin/spaces?q=${building.id}`)).html, building.id);
    expect(decodeEntities(factory)).not.toMatch(/亩/);
  });
});
