import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// A need's places on the staff pages: in Chinese as the enterprise typed them (高淳、溧水); on the pages in
// English each division they were resolved to by its English label, not the Chinese words alone.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "places-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("need_places_en");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${hash}),
    ('wuhao@example.test', '吴昊', 'recruiter', 'R2', ${hash}),
    ('admin@example.test', '管理员', 'admin', null, ${hash})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("a need's places on the hotline, recruiter and admin lead pages", () => {
  it("zh: the typed names; en: each division's English label", async () => {
    const json = validLeadJson({ company: "南京地名英文机械有限公司" });
    const parsed = createLeadSchema("zh", "api").parse({ ...json, need: { ...json.need, regions: ["高淳", "溧水"] } });
    const { id: leadId } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    const [space] = await db.sql<{ id: string }[]>`select id from spaces where park_id = 'GC-DB' order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${leadId}, ${space.id}, 'GC-DB', 70, ${db.sql.json([{ zh: "面积合适", en: "size fits", kind: "fit" }] as never)}, 'lead')`;
    await db.sql.begin((tx) => routeLead(tx, leadId, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
    const [{ id: assignmentId }] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${leadId}`;

    const client = webClient(web.url);
    const pages: [email: string, path: string][] = [
      ["desk@example.test", `/hotline/leads/${leadId}`],
      ["wuhao@example.test", `/queue/assignments/${assignmentId}`],
      ["admin@example.test", `/admin/leads/${leadId}`],
    ];
    for (const [email, path] of pages) {
      const cookie = await client.signIn(email, PASSWORD);
      const zh = await (await client.get(path, cookie)).text();
      expect(zh, path).toContain("高淳、溧水");
      const en = await (await client.get(`${path}?lng=en`, cookie)).text();
      // In the order typed, as the Chinese page says them (trial 12-05f: they came in the codes' order); the hotline's edit
      // form still holds the typed words.
      expect(en, path).toContain("Gaochun District (高淳区), Lishui District (溧水区)");
    }
  });
});
