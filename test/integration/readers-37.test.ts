import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { NOTES_MAX } from "~/domain/field-limits";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { decodeEntities } from "../support/need-form";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";
import { storedNeedAndFlags } from "../support/stored-lead";

// docs/decisions/168 through the real web process: a tax range stored as its lower figure with the range kept (POST /api/leads,
// POST / and the confirmation page), an area box's remark with no room in the notes (a 400 on the box), and the hotline desk's
// live reading: the notes' clauses not read (the confirmation page's list) and the refused deal.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "readers-37-秘密-2026";
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ""));

beforeAll(async () => {
  db = await createTestDatabase("readers37");
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash)
               values ('desk37@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)})`;
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

let tel = 13936371000;
function post(body: { need?: Record<string, unknown>; tax?: Record<string, unknown> }) {
  const lead = validLeadJson({ company: `南京读三七${tel}有限公司`, phone: String(tel++) });
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...lead, need: { ...lead.need, ...body.need }, tax: { ...lead.tax, ...body.tax } }),
  });
}

describe("a tax range: the lower figure stored, the range kept and said (ADR 168)", () => {
  it("POST /api/leads: the box's range and the notes' range", async () => {
    const box = await storedNeedAndFlags(db.sql, await post({ tax: { annualTaxWan: "800到1000万" } }));
    expect(box.flags.filter((f) => f.code === "taxRange")).toEqual([{ field: "tax.annualTaxWan", code: "taxRange", text: "800到1000万" }]);
    const res = await post({ need: { notes: "年纳税800-1000万，5000平厂房" }, tax: { annualTaxWan: "" } });
    const notes = await storedNeedAndFlags(db.sql, res.clone());
    expect(notes.flags.filter((f) => f.code === "taxRange").map((f) => f.text)).toEqual(["年纳税800-1000万"]);
    expect(notes.flags.some((f) => f.code === "unread")).toBe(false);
    const { id } = (await res.json()) as { id: string };
    const [row] = await db.sql<{ tax: string }[]>`select lead->'tax'->>'annualTaxWan' as tax from leads where id = ${id}`;
    expect(Number(row.tax)).toBe(800);
  });

  it("POST /: the form's range is stored, and the confirmation page says the figure with the range (zh, en)", async () => {
    const res = await fetch(`${web.url}/`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "contact.phone": String(tel++), "tax.annualTaxWan": "800-1000" })),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const page = new URL(res.headers.get("location")!, web.url);
    page.searchParams.delete("lng");
    expect(text(await (await fetch(page)).text())).toContain("预计年纳税800 万元/年（您给的是范围“800-1000”，按较低的数）");
    page.searchParams.set("lng", "en");
    expect(text(await (await fetch(page)).text()).replace(/\u00a0/g, " ")).toContain(
      "CNY 8 million/year (you gave the range “800-1000”; its lower figure is taken)",
    );
  });
});

describe("an area box's remark with no room left in the notes (ADR 165, 168)", () => {
  it("POST /api/leads: 400 on the area box saying so; nothing stored; with room the remark is moved", async () => {
    const full = "需要单层厂房。".repeat(300).slice(0, NOTES_MAX - 2);
    const res = await post({ need: { areaMin: "5000平方米（可分割）", notes: full } });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: Record<string, string[]> };
    expect(errors["need.areaMin"]?.[0]).toMatch(/括号里的“可分割”要放进补充说明，但补充说明最多 2000 个字/);
    expect(errors).not.toHaveProperty(["need.notes"]);
    const [{ n }] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from leads where lead->'need'->>'notes' like ${full.slice(0, 40) + "%"}`;
    expect(n).toBe(0);
    const ok = await storedNeedAndFlags(
      db.sql,
      await post({ need: { areaMin: "5000平方米（可分割）", notes: full.slice(0, NOTES_MAX - 20) } }),
    );
    expect(ok.need.notes).toBe(`${full.slice(0, NOTES_MAX - 20)}；面积：可分割`);
  });
});

describe("the hotline desk's live reading (ADR 168)", () => {
  it("the notes' clauses not read — the confirmation page's list — with JavaScript and without; the refused deal said", async () => {
    const client = webClient(web.url);
    const cookie = await client.signIn("desk37@example.test", PASSWORD);
    const html = await (await client.get("/hotline", cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const preview = async (form: Record<string, string>, lng = "zh") => {
      const res = await client.post(`/hotline/matches?lng=${lng}`, { ...form, csrf }, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as { state: string; notRead?: string[] };
    };
    const NOTES = "要5000平厂房，要有月台，双回路供电，只租不买";
    const read = await preview({ "need.kind": "factory", "need.notes": NOTES, "need.regions": "" });
    expect(read.notRead).toEqual(["要有月台", "双回路供电"]);
    // No kind chosen yet (the need does not read): the clauses are said all the same.
    const early = await preview({ "need.kind": "", "need.notes": NOTES, "need.regions": "" });
    expect(early.state).toBe("hint");
    expect(early.notRead).toEqual(["要有月台", "双回路供电"]);
    // Notes all read: no list.
    expect(await preview({ "need.kind": "factory", "need.notes": "要5000平厂房，在江宁", "need.regions": "" })).not.toHaveProperty(
      "notRead",
    );
    // Without JavaScript the "show matches" submit renders the list, and the notes' reading says the refused deal.
    const formKey = /name="formKey" value="([^"]+)"/.exec(html)![1];
    const res = await client.post("/hotline", { csrf, formKey, intent: "preview", "need.kind": "factory", "need.notes": NOTES }, cookie);
    const body = await res.text();
    expect(body).toMatch(/data-testid="not-read"[^]*?补充说明里以下内容没有识别为筛选条件[^]*?要有月台[^]*?双回路供电/);
    expect(text(body)).toContain("明确不要：购买（“只租不买”），不会推荐");
  });

  it("a clause the readers used is not said as unread: 要有/必须有/带 before a figure, a budget of 两万五, English counts (ADR 173)", async () => {
    const client = webClient(web.url);
    const cookie = await client.signIn("desk37@example.test", PASSWORD);
    const html = await (await client.get("/hotline", cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const preview = async (notes: string, lng = "zh", kind = "factory") => {
      const res = await client.post(
        `/hotline/matches?lng=${lng}`,
        { "need.kind": kind, "need.notes": notes, "need.regions": "", csrf },
        cookie,
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { notRead?: string[] }).notRead ?? [];
    };
    expect(await preview("要有5吨行车，必须有层高9米以上，带800千伏安配电")).toEqual([]);
    expect(await preview("要一个两千平左右的仓库，最好在江宁，不要浦口，租金一个月不超过两万五，年底前要用", "zh", "warehouse")).toEqual(
      [],
    );
    expect(await preview("Need a single-storey building, 2 transformers of 630 kVA, must have a 10t crane", "en")).toEqual([]);
    // A condition beside them is still said.
    expect(await preview("要有5吨行车，带月台")).toEqual(["带月台"]);
  });
});
