import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { outboxDrained, startDemoPipeline } from "../support/pipeline";
import { eventually } from "../support/services";

// lead.match through the real pipeline: import → spaces index → lead → matches with reasons; and
// reverse matching when a space becomes available. Index names are private to this file.
let pipeline: Awaited<ReturnType<typeof startDemoPipeline>>;
let db: typeof pipeline.db;
let web: typeof pipeline.web;

beforeAll(async () => {
  pipeline = await startDemoPipeline("matching", "m");
  ({ db, web } = pipeline);
});
afterAll(() => pipeline?.stop());

async function submit(body: unknown) {
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

async function view(id: string) {
  const res = await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
  return res.json();
}

const base = {
  use: { industry: "C35", product: "数控机床" },
  tax: { annualTaxWan: 300 },
  company: { name: "南京匹配测试机械有限公司" },
  contact: { name: "王", phone: "13812345678" },
  consent: true,
};

describe("lead.match", () => {
  it("stores the best-fitting spaces, best first, with reasons in zh-CN and English", async () => {
    const { id } = await submit({ ...base, need: { kind: "factory", deal: "lease", areaMin: 4000, areaMax: 6000, ceilingMinM: 8 } });
    const lead = await eventually(async () => {
      const v = await view(id);
      return v.matches.length > 0 ? v : null;
    }, "lead matched");
    expect(["matched", "assigned"]).toContain(lead.status);
    expect(lead.matches.length).toBeGreaterThan(0);
    expect(lead.matches.length).toBeLessThanOrEqual(5);
    const best = lead.matches[0];
    expect(best).toMatchObject({ spaceId: "S1", parkId: "GC-EDZ", conditional: false });
    expect(best.score).toBeGreaterThan(0);
    const zh = best.reasons.map((r: { zh: string }) => r.zh).join(" / ");
    expect(zh).toMatch(/4800/);
    expect(zh).toMatch(/层高 9m ≥ 需求 8m/);
    expect(best.reasons.every((r: { en: string }) => r.en.length > 0)).toBe(true);
    const scores = lead.matches.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("marks a lead without any fitting space unmatched", async () => {
    const { id } = await submit({ ...base, need: { kind: "warehouse", deal: "buy", areaMin: 90000 } });
    const lead = await eventually(async () => {
      const v = await view(id);
      return v.status === "unmatched" ? v : null;
    }, "lead unmatched");
    expect(lead.matches).toEqual([]);
  });
});

describe("reverse matching", () => {
  it("gives an open lead a new match when a fitting space becomes available", async () => {
    const { id } = await submit({
      ...base,
      company: { name: "南京反向匹配仓储有限公司" },
      need: { kind: "warehouse", deal: "lease", areaMin: 25000, areaMax: 30000 },
    });
    await eventually(async () => (await view(id)).status === "unmatched", "lead unmatched first");

    const inv = demoInventory();
    inv.spaces.push({
      id: "S-NEW-WH",
      parkId: "LS-EDZ",
      kind: "warehouse",
      deals: ["lease"],
      title: "新建高标仓",
      areaSqm: 27000,
      ceilingM: 12,
      status: "reserved",
    });
    expect((await importInventory(db.sql, inv)).ok).toBe(true);
    await outboxDrained(db.sql);
    expect((await view(id)).matches).toEqual([]); // reserved: not offered yet

    inv.spaces[inv.spaces.length - 1].status = "available";
    expect((await importInventory(db.sql, inv)).ok).toBe(true);
    const lead = await eventually(async () => {
      const v = await view(id);
      return v.matches.length ? v : null;
    }, "reverse match");
    expect(["matched", "assigned"]).toContain(lead.status);
    expect(lead.matches[0]).toMatchObject({ spaceId: "S-NEW-WH", parkId: "LS-EDZ", foundBy: "space" });
  });
});
