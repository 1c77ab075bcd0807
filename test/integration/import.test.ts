import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("import");
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

function postImport(body: unknown, token = process.env.ADMIN_API_TOKEN!, query = "") {
  return fetch(`${web.url}/api/import${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

async function tableCounts() {
  const [r] = await db.sql<{ parks: number; spaces: number; recruiters: number; outbox: number }[]>`
    select (select count(*)::int from parks) as parks, (select count(*)::int from spaces) as spaces,
           (select count(*)::int from recruiters) as recruiters, (select count(*)::int from outbox) as outbox`;
  return r;
}

describe("POST /api/import", () => {
  it("needs the bearer token, and says so without offering a sign-in it would not take", async () => {
    const refused = await postImport(demoInventory(), "not-the-token-at-all");
    expect(refused.status).toBe(401);
    const message = ((await refused.json()) as { errors: { _form: string[] } }).errors._form[0];
    expect(message).toContain("此接口只接受管理令牌");
    expect(message).not.toContain("先登录");
  });

  it("refuses more rows than one import takes (the Excel upload's bound), in the caller's words, writing nothing", async () => {
    const inv = demoInventory();
    const spaces = generatedSpaces(20_001 - inv.parks.length - (inv.recruiters?.length ?? 0));
    const before = await tableCounts();
    const res = await postImport({ ...inv, spaces });
    expect(res.status).toBe(413);
    expect((await res.json()).errors._form[0]).toBe("共 20001 行，超过每次 20000 行：请分批导入，未导入任何数据。");
    expect(await tableCounts()).toEqual(before);
  });

  it("counts the rows of every collection before reading them, and says so in the caller's language", async () => {
    // docs/decisions/120: the request gate counts an import's rows as it scans the body, before the parse.
    const inv = demoInventory();
    const before = await tableCounts();
    const body = { parks: inv.parks, recruiters: Array.from({ length: 10_000 }, () => ({})), spaces: generatedSpaces(10_000) };
    const res = await postImport(body, undefined, "?lng=en");
    expect(res.status).toBe(413);
    const rows = 10_000 + 10_000 + inv.parks.length;
    expect((await res.json()).errors._form[0]).toBe(`${rows} rows, more than 20000 at a time: import in parts; nothing was imported.`);
    expect(await tableCounts()).toEqual(before);
  });

  it("writes nothing when one row among 100 good ones is bad, and names that row", async () => {
    const inv = demoInventory();
    const spaces = generatedSpaces(100);
    (spaces[57] as Record<string, unknown>).areaSqm = -10;
    const before = await tableCounts();
    const res = await postImport({ ...inv, spaces });
    expect(res.status).toBe(400);
    const body = await res.json();
    // The API's one error shape (ADR 025): `errors` by field, every bad row listed in `rows`.
    expect(Object.keys(body.errors).sort()).toEqual(["_form", "spaces[57]"]);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ collection: "spaces", index: 57, id: "G58" });
    expect(body.rows[0].errors.join(" ")).toMatch(/areaSqm/);
    expect(await tableCounts()).toEqual(before);
  });

  it("lists every bad row, including references to unknown parks", async () => {
    const inv = demoInventory();
    inv.spaces[0].parkId = "NO-SUCH-PARK";
    inv.recruiters[1].channel = "pigeon";
    inv.parks[2].industries = ["ZZ9"];
    const res = await postImport(inv);
    expect(res.status).toBe(400);
    const { rows: errors } = await res.json();
    const where = errors.map((e: { collection: string; index: number }) => `${e.collection}[${e.index}]`);
    // In one pass: the unknown park is named beside the other rows' errors, not after they are fixed.
    expect(where).toEqual(["parks[2]", "spaces[0]", "recruiters[1]"]);
    inv.recruiters[1].channel = "email";
    inv.parks[2].industries = ["C33"];
    const second = await (await postImport(inv)).json();
    expect(second.rows.map((e: { collection: string; id: string }) => `${e.collection}:${e.id}`)).toEqual(["spaces:S1"]);
  });

  // A row with a schema error hid its unknown park, a duplicate id hid another row's unknown park, and
  // the summary counted only the rows it had looked at: the admin fixed the file once per kind of error.
  it("names every bad cell of every row in one pass — schema, duplicate ids, unknown parks — and counts the rows", async () => {
    const space = (id: string, more: Record<string, unknown>) => ({ ...generatedSpaces(1)[0], id, ...more });
    const recruiter = { ...demoInventory().recruiters[0], id: "T-R1", channel: "pigeon", parks: ["GC-EDZ", "NOPE-R"] };
    const body = {
      parks: [demoInventory().parks[0]],
      spaces: [
        space("T-S9", { parkId: "NOPE", title: "" }),
        space("T-S8", { parkId: "NOPE2" }),
        space("T-S7", {}),
        space("T-S7", { parkId: "NOPE3", areaSqm: -5 }),
        space("T-S6", { parkId: "NOPE4" }),
        space("T-S5", { parkId: "", title: "\u3000" }),
      ],
      recruiters: [recruiter],
    };
    const before = await tableCounts();
    const answer = async (query: string) => {
      const res = await postImport(body, undefined, query);
      expect(res.status).toBe(400);
      return (await res.json()) as { errors: Record<string, string[]>; rows: { collection: string; index: number; id: string }[] };
    };
    const zh = await answer("");
    expect(zh.errors).toEqual({
      _form: ["6 行有误，未导入任何数据。"],
      "spaces[0]": ["title：不能为空", "parkId：未知园区编号 NOPE"],
      "spaces[1]": ["parkId：未知园区编号 NOPE2"],
      "spaces[3]": ["本文件中编号 T-S7 重复", expect.stringMatching(/^areaSqm：.*0/), "parkId：未知园区编号 NOPE3"],
      "spaces[4]": ["parkId：未知园区编号 NOPE4"],
      "spaces[5]": ["parkId：不能为空", "title：不能为空"],
      "recruiters[0]": [expect.stringMatching(/^channel：.*email/), "parks：未知园区编号 NOPE-R"],
    });
    expect(zh.rows.map((r) => `${r.collection}[${r.index}] ${r.id}`)).toEqual([
      "spaces[0] T-S9",
      "spaces[1] T-S8",
      "spaces[3] T-S7",
      "spaces[4] T-S6",
      "spaces[5] T-S5",
      "recruiters[0] T-R1",
    ]);
    const en = await answer("?lng=en");
    expect(en.errors._form).toEqual(["6 bad rows; nothing was imported."]);
    expect(en.errors["spaces[3]"]).toEqual([
      "duplicate id T-S7 in this file",
      expect.stringMatching(/^areaSqm: /),
      "parkId: unknown park NOPE3",
    ]);
    expect(en.errors["recruiters[0]"]).toEqual([expect.stringMatching(/^channel: /), "parks: unknown park NOPE-R"]);
    expect(await tableCounts()).toEqual(before);
  });

  // The row messages were English whatever the caller's language, under a zh-CN summary (ADR 025: every
  // /api/* error in zh-CN, English at ?lng=en).
  it("says what is wrong with each row in the caller's language: zh-CN by default, English at ?lng=en", async () => {
    const inv = demoInventory();
    (inv.spaces[1] as Record<string, unknown>).areaSqm = "";
    inv.spaces[2].id = inv.spaces[3].id;
    inv.recruiters[0].parks = ["NO-SUCH-PARK"];
    const zhRows = async (body: unknown, query = "") =>
      ((await (await postImport(body, undefined, query)).json()) as { errors: Record<string, string[]> }).errors;
    const zh = await zhRows({ ...inv, recruiters: "R1" });
    expect(zh["spaces[1]"].join(" ")).toMatch(/^areaSqm：.*[\u4e00-\u9fff]/); // a Chinese message, a Chinese colon (ADR 143)
    expect(zh["spaces[1]"].join(" ")).not.toMatch(/Enter|number/i);
    expect(zh["spaces[3]"]).toEqual([`本文件中编号 ${inv.spaces[3].id} 重复`]);
    expect(zh._form).toContain("recruiters 应为数组");
    expect((await zhRows([]))._form).toContain("应为一个对象 {parks, spaces, recruiters}");
    const en = await zhRows({ ...inv, recruiters: "R1" }, "?lng=en");
    expect(en["spaces[3]"]).toEqual([`duplicate id ${inv.spaces[3].id} in this file`]);
    expect(en._form).toContain("recruiters must be an array");
    // An unknown park alone, in both languages.
    const fixed = demoInventory();
    fixed.recruiters[0].parks = ["NO-SUCH-PARK"];
    expect((await zhRows(fixed))["recruiters[0]"]).toEqual(["parks：未知园区编号 NO-SUCH-PARK"]);
    expect((await zhRows(fixed, "?lng=en"))["recruiters[0]"]).toEqual(["parks: unknown park NO-SUCH-PARK"]);
  });

  it("creates on the first import and changes nothing the second time", async () => {
    const inv = { ...demoInventory(), spaces: [...demoInventory().spaces, ...generatedSpaces(100)] };
    const first = await postImport(inv);
    expect(first.status).toBe(200);
    const a = (await first.json()).counts;
    expect(a.parks.created).toBe(5);
    expect(a.spaces.created).toBe(112);
    expect(a.recruiters.created).toBe(5);
    const [{ stamp }] = await db.sql`select max(updated_at) as stamp from spaces`;
    const outboxAfterFirst = (await tableCounts()).outbox;

    const second = await postImport(inv);
    const b = (await second.json()).counts;
    expect(b).toEqual({
      parks: { created: 0, updated: 0, unchanged: 5 },
      spaces: { created: 0, updated: 0, unchanged: 112 },
      recruiters: { created: 0, updated: 0, unchanged: 5 },
    });
    const [{ stamp: stamp2 }] = await db.sql`select max(updated_at) as stamp from spaces`;
    expect(stamp2).toEqual(stamp);
    expect((await tableCounts()).outbox).toBe(outboxAfterFirst); // no re-index, no re-match

    // A real change is an update: only that space is re-indexed and reverse-matched (docs/decisions/018).
    inv.spaces[0] = { ...inv.spaces[0], rentYuanPerSqmMonth: 19 };
    const third = (await (await postImport(inv)).json()).counts;
    expect(third.spaces).toEqual({ created: 0, updated: 1, unchanged: 111 });
    expect((await tableCounts()).outbox).toBe(outboxAfterFirst + 2);
  });
});
