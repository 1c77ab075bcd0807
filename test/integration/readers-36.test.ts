import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";
import { storedNeedAndFlags } from "../support/stored-lead";

// docs/decisions/161 through the real web process: the lead stored from POST /api/leads for a wish after a lone area figure,
// a figure said to be enough after the premises, unclear digits in the building's figures; and the hotline desk's preview
// asking which place a shared name in the notes is, a button per place.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "readers-36-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("readers36");
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash)
               values ('desk36@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)})`;
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

let tel = 13936161000;
async function stored(need: Record<string, unknown>) {
  const lead = validLeadJson({ company: `南京读三六${tel}有限公司`, phone: String(tel++) });
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...lead, need: { ...lead.need, areaMin: "", areaMax: "", ...need } }),
  });
  return storedNeedAndFlags(db.sql, res);
}

describe("POST /api/leads: the need read from the notes (ADR 161)", () => {
  it("a wish after a lone figure: at least the figure, the wish a `wished` flag, nothing unread", async () => {
    for (const notes of ["需要5000平，最好6000平", "need 5000 sqm, ideally 6000 sqm"]) {
      const { need, flags } = await stored({ notes });
      expect([need.areaMinSqm, need.areaMaxSqm ?? null]).toEqual([5000, null]);
      expect(flags.filter((f) => f.code === "wished").map((f) => f.text)).toEqual([
        notes.startsWith("需") ? "最好6000平" : "ideally 6000 sqm",
      ]);
      expect(flags.some((f) => f.code === "unread")).toBe(false);
    }
  });

  it("the premises called too large, then a figure said to be enough: that figure is the need", async () => {
    const { need } = await stored({ notes: "现有厂房大了，3000平就够" });
    expect([need.areaMinSqm, need.areaMaxSqm]).toEqual([2700, 3300]);
  });

  it("unclear digits in the building's figures: told, never stored", async () => {
    // The boxes blank (validLeadJson types a ceiling of 8 m): the notes alone would fill them.
    const { need, flags } = await stored({ areaMin: "3000", ceilingMinM: undefined, notes: "配电1.000kva，5.000吨行车，层高8.000米" });
    expect([need.powerMinKva ?? null, need.craneMinT ?? null, need.ceilingMinM ?? null]).toEqual([null, null, null]);
    const unread = flags.filter((f) => f.code === "unread").map((f) => f.text);
    for (const words of ["1.000kva", "5.000吨", "8.000米"]) expect(unread.join(" | ")).toContain(words);
  });
});

describe("the hotline desk asks which place a shared name in the notes is (ADR 154, 161)", () => {
  it("the live preview gives the question and a button per place; a typed regions box is not asked; without JavaScript the panel shows them", async () => {
    const client = webClient(web.url);
    const cookie = await client.signIn("desk36@example.test", PASSWORD);
    const html = await (await client.get("/hotline", cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    type Answer = { placeChoices?: { name: string; question: string; options: { label: string; value: string }[] }[] };
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await client.post(`/hotline/matches?lng=${lng}`, { ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as Answer;
    };
    const gulou = await preview({ "need.kind": "factory", "need.notes": "在鼓楼，5000平厂房", "need.regions": "" });
    expect(gulou.placeChoices?.[0].question).toMatch(/^“鼓楼”有不止一处同名的地方，您指的是哪一个？/);
    expect(gulou.placeChoices?.[0].options.map((o) => o.value)).toContain("江苏省南京市鼓楼区");
    expect(gulou.placeChoices?.[0].options.length).toBeGreaterThanOrEqual(4);
    const lishui = await preview({ "need.notes": "Lishui, 5000 sqm", "need.regions": "" }, "en");
    expect(lishui.placeChoices?.[0].question).toMatch(/^“Lishui” names more than one place/);
    expect(lishui.placeChoices?.[0].options.map((o) => o.value).sort()).toEqual(["江苏省南京市溧水区", "浙江省丽水市"]);
    expect(lishui.placeChoices?.[0].options.map((o) => o.label).join(" | ")).toMatch(/Lishui District, Nanjing/);
    // Guards: a typed box wins (ADR 091) and a name that is one place is not asked.
    expect(await preview({ "need.notes": "在鼓楼，5000平厂房", "need.regions": "江宁" })).not.toHaveProperty("placeChoices");
    expect(await preview({ "need.notes": "在江宁，5000平厂房", "need.regions": "" })).not.toHaveProperty("placeChoices");
    // Without JavaScript the "show matches" submit renders the question and its buttons (each puts the place in the box).
    const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1];
    const res = await client.post(
      "/hotline",
      { csrf, formKey, intent: "preview", "need.kind": "factory", "need.notes": "在鼓楼，5000平厂房", "need.regions": "" },
      cookie,
    );
    const body = await res.text();
    expect(body).toMatch(/data-testid="place-choices"[^]*?“鼓楼”有不止一处同名的地方[^]*?name="regionFix" value="江苏省南京市鼓楼区"/);
  });
});
