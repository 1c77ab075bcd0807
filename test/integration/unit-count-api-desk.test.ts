import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { needFormOf } from "../support/need-form";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// docs/decisions/141 (units33), through the real web process: POST /api/leads refuses a count that is no count on its
// field in the request's language, nothing stored (attack L1); the API's notes with a typed count take the notes' unit
// size, as the form does (L3; count32's leftover "…，共16000平"); units of different sizes (trial M2); the hotline desk's
// need edit keeps the count when the box is not posted, and a damaged base is a 400 asking to reload, never a 409 (L2).

const PASSWORD = "units33-秘密-2026-desk";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("units33_api_desk");
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into users (email, name, role, password_hash) values ('desk33@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

let tel = 13933141000;
/** The JSON text of a valid lead with `needJson` (raw JSON members) inside its need: a number like 1e400 is sent as typed. */
function bodyWith(needJson: string, need: Record<string, unknown> = {}) {
  const lead = validLeadJson({ company: `南京多栋三三${tel}有限公司`, phone: String(tel++) });
  const text = JSON.stringify({ ...lead, need: { ...lead.need, ...need } });
  return needJson ? text.replace('"need":{', `"need":{${needJson},`) : text;
}
const post = (body: string, lng: "zh" | "en" = "zh") =>
  fetch(`${web.url}/api/leads${lng === "en" ? "?lng=en" : ""}`, { method: "POST", headers: { "content-type": "application/json" }, body });
const leadCount = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n;
const needOf = async (id: string) =>
  (
    await db.sql<{ need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] }[]>`
    select lead->'need' as need, lead->'flags' as flags from leads where id = ${id}`
  )[0];

describe("POST /api/leads: a count that is no count", () => {
  const MESSAGES = {
    zh: "请填写需要几栋（几处）：2 到 99 的整数，例如 3；只要一处请留空",
    en: "Enter how many buildings (units) are needed: a whole number from 2 to 99, e.g. 3; leave it blank for one",
  };
  it.each(["1e400", "-1e400", '"Infinity"', "-1", "2.5", '"abc"', "100", "1", '"1e400"'])(
    "unitCount %s → 400 on need.unitCount, zh and en, nothing stored",
    async (raw) => {
      for (const lng of ["zh", "en"] as const) {
        const before = await leadCount();
        const res = await post(bodyWith(`"unitCount":${raw}`), lng);
        expect(res.status).toBe(400);
        // Only the count is said: a refused count never reaches the area (1e400 × the notes' figure was "数值过大" too).
        expect(((await res.json()) as { errors: Record<string, string[]> }).errors).toEqual({ "need.unitCount": [MESSAGES[lng]] });
        expect(await leadCount()).toBe(before);
      }
    },
  );

  it("a refused count beside notes that give the area is said on the count alone", async () => {
    const res = await post(bodyWith(`"unitCount":1e400`, { areaMin: "", areaMax: "", notes: "要3栋，每栋5000平" }));
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { errors: Record<string, string[]> }).errors)).toEqual(["need.unitCount"]);
  });
});

describe("POST /api/leads: the notes' unit size with a typed count (one rule with the forms)", () => {
  const created = async (need: Record<string, unknown>) => {
    const res = await post(bodyWith("", { areaMin: undefined, areaMax: undefined, ...need }));
    expect(res.status).toBe(201);
    return needOf(((await res.json()) as { id: string }).id);
  };
  it.each([
    // Attack L3: the notes' 3 × 5000 with 5 typed is 5 × 5000, not 5 × 3000.
    [
      { notes: "要3栋，每栋5000平", unitCount: 5 },
      { areaMinSqm: 22500, areaMaxSqm: 27500, unitCount: 5 },
    ],
    [
      { notes: "要3栋，每栋5000平", unitCount: "两栋" },
      { areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 },
    ],
    // count32's leftover: a total said apart (16,000) is not each unit's size — 2 × 5000, not 2 × 16000/3.
    [
      { notes: "3栋厂房，每栋5000平，共16000平", unitCount: 2 },
      { areaMinSqm: 9000, areaMaxSqm: 11000, unitCount: 2 },
    ],
    [
      { notes: "need 3 buildings, 5000 sqm each, 16000 sqm in total", unitCount: 4 },
      { areaMinSqm: 18000, areaMaxSqm: 22000, unitCount: 4 },
    ],
    // The same notes without a typed count keep their total (ADR 130).
    [{ notes: "3栋厂房，每栋5000平，共16000平" }, { areaMinSqm: 14400, areaMaxSqm: 17600, unitCount: 3 }],
  ])("%j → %j", async (need, stored) => {
    expect((await created(need)).need).toMatchObject(stored);
  });

  it.each([
    ["需要两栋厂房，一栋3000平一栋5000平", { areaMinSqm: 6000, areaMaxSqm: 10000, unitCount: 2 }],
    ["one 3000 sqm and one 5000 sqm building", { areaMinSqm: 6000, areaMaxSqm: 10000, unitCount: 2 }],
    ["两栋厂房，面积分别为2000、4000平", { areaMinSqm: 4000, areaMaxSqm: 8000, unitCount: 2 }],
  ])("units of different sizes: %s → %j, told", async (notes, stored) => {
    const lead = await created({ notes });
    expect(lead.need).toMatchObject(stored);
    expect(lead.flags.filter((f) => f.code === "unitSizesDiffer")).toHaveLength(1);
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
  });
});

describe("the hotline desk's need edit", () => {
  let cookie: string;
  const client = () => webClient(web.url);
  beforeAll(async () => {
    cookie = await client().signIn("desk33@example.test", PASSWORD);
  });
  const leadWithCount = async () => {
    const res = await post(bodyWith("", { areaMin: 13500, areaMax: 16500, unitCount: 3, regions: ["六合区"] }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it("posted without the 几栋 box, with the page's base holding the count: the count is kept, the edit saved", async () => {
    const id = await leadWithCount();
    const path = `/hotline/leads/${id}`;
    const { "need.unitCount": shown, ...form } = needFormOf(await (await client().get(path, cookie)).text());
    expect(shown).toBe("3");
    const saved = await client().post(path, { ...form, "need.areaMin": "12000", "need.areaMax": "18000", note: "" }, cookie);
    expect(saved.status).toBe(303);
    expect((await needOf(id)).need).toMatchObject({ areaMinSqm: 12000, areaMaxSqm: 18000, unitCount: 3 });
  });

  it("a page from before the box (its base without the count) keeps the stored count (ADR 133)", async () => {
    const id = await leadWithCount();
    const path = `/hotline/leads/${id}`;
    const { "need.unitCount": _gone, ...form } = needFormOf(await (await client().get(path, cookie)).text());
    const base = JSON.parse(Buffer.from(form.base, "base64url").toString("utf8")) as Record<string, unknown>;
    delete base["need.unitCount"];
    const old = { ...form, base: Buffer.from(JSON.stringify(base)).toString("base64url") };
    const saved = await client().post(path, { ...old, "need.areaMin": "14000", note: "" }, cookie);
    expect(saved.status).toBe(303);
    expect((await needOf(id)).need).toMatchObject({ areaMinSqm: 14000, unitCount: 3 });
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  it.each([
    ["not base64", "garbage!!"],
    ["base64 of nothing JSON", "Z2FyYmFnZQ"],
    ["an object of other keys", b64({ x: "y" })],
    ["a list", b64(["need.kind"])],
    ["a need without its boxes", b64({ "need.kind": "factory" })],
    ["a value that is no text", "PLACEHOLDER_NUMBER"],
  ])("a damaged base (%s) is a 400 asking to reload, never a 409; nothing saved", async (_what, garbage) => {
    const id = await leadWithCount();
    const path = `/hotline/leads/${id}`;
    const form = needFormOf(await (await client().get(path, cookie)).text());
    const real = JSON.parse(Buffer.from(form.base, "base64url").toString("utf8")) as Record<string, unknown>;
    const base = garbage === "PLACEHOLDER_NUMBER" ? b64({ ...real, "need.areaMin": 13500 }) : garbage;
    const res = await client().post(path, { ...form, base, "need.areaMin": "9000", "need.unitCount": "", note: "改" }, cookie);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("请刷新页面");
    expect((await needOf(id)).need).toMatchObject({ areaMinSqm: 13500, unitCount: 3 });
  });
});
