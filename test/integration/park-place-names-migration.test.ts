import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { migrate } from "~/db/migrate.server";

import { createTestDatabase } from "../support/database";

// Migration 079 (docs/decisions/103): parks stored with their places as typed ("江苏", "南京", "江宁")
// before every save stored the standard names take them once, from their district codes; their search
// documents follow (park.index). A park without a code keeps its names.
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("park_place_names_migration");
});
afterAll(async () => {
  await db?.drop();
});

describe("migration 079", () => {
  it("rewrites the places of parks stored as typed to their standard names, once", async () => {
    await db.sql`
      insert into parks (id, name, province, city, district, district_code) values
        ('PN-1', '短名园', '江苏', '南京', '江宁', '320115'),
        ('PN-2', '直辖市园', '北京', '北京', '朝阳', '110105'),
        ('PN-3', '规范园', '江苏省', '南京市', '高淳区', '320118'),
        ('PN-4', '无代码园', '江苏', '南京', '某地', null)`;
    // As a database from before 079: the file not applied yet.
    await db.sql`delete from schema_migrations where version = '079-park-standard-place-names.sql'`;
    await db.sql`delete from outbox`;
    expect(await migrate(db.url)).toEqual(["079-park-standard-place-names.sql"]);
    const rows = await db.sql`select id, province, city, district from parks where id like 'PN-%' order by id`;
    expect(rows).toEqual([
      { id: "PN-1", province: "江苏省", city: "南京市", district: "江宁区" },
      { id: "PN-2", province: "北京市", city: "北京市", district: "朝阳区" },
      { id: "PN-3", province: "江苏省", city: "南京市", district: "高淳区" },
      { id: "PN-4", province: "江苏", city: "南京", district: "某地" },
    ]);
    const reindexed = await db.sql`select aggregate_id from outbox where topic = 'park.index' order by aggregate_id`;
    expect(reindexed.map((r) => r.aggregateId)).toEqual(["PN-1", "PN-2"]);
    // Once: a later start applies nothing and changes nothing.
    await db.sql`update parks set province = '江苏' where id = 'PN-3'`;
    expect(await migrate(db.url)).toEqual([]);
    expect((await db.sql`select province from parks where id = 'PN-3'`)[0].province).toBe("江苏");
  });
});
