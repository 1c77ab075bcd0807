import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCallerQuery } from "~/domain/caller-query";
import { createLeadSchema } from "~/domain/lead-schema";

import { LOCAL_NUMBER_MIN, searchCallerIndex } from "../../search/callers.query";
import { createSearchClient, waitSucceeded } from "../../search/client";
import { toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex } from "../../search/leads.index";
import { validLeadJson } from "../support/leads";

// A caller of the same city gives a landline without its area code ("8345 6789"): the hotline's lookup
// finds the lead stored as 025-8345 6789 from 7 typed digits on, in the real Meilisearch, with the
// documents the index writer makes (toLeadDocument); a mobile or a 400 number has no local number.
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const uid = `leads_local_${Math.random().toString(36).slice(2, 8)}`;

const PHONES: [string, string][] = [
  ["nanjing", "025-8345 6789"],
  ["taiyuan", "0351-123 4567"], // a 3-digit area code, a 7-digit local number
  ["nanjing-ext", "025-8345 6700 转 12"],
  ["mobile", "138 8345 6789"],
  ["service", "400-834-5678"],
];

beforeAll(async () => {
  await ensureLeadsIndex(search, uid);
  const schema = createLeadSchema("zh", "api");
  const docs = PHONES.map(([id, phone], i) => {
    const { lead } = schema.parse(validLeadJson({ company: `南京本地号码${i}机械有限公司`, phone }));
    return toLeadDocument({ id, reference: `PM-20261203-000000${i}`, source: "hotline", lead, createdAt: new Date() });
  });
  expect(docs.map((d) => d.phoneLocal)).toEqual(["83456789", "1234567", "83456700", null, null]);
  expect(docs.map((d) => d.phoneTails.at(-1))).toEqual(["83456789", "11234567", "83456700", "83456789", "08345678"]);
  await waitSucceeded(search.index(uid).addDocuments(docs, { primaryKey: "id" }));
}, 60_000);
afterAll(async () => {
  await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
});

const found = async (typed: string) => [...(await searchCallerIndex(search, uid, readCallerQuery({ phone: typed }))).keys()].sort();

describe("the hotline's caller lookup by a landline's local number", () => {
  it("finds the landline from its local number, as said, written or partly typed", async () => {
    for (const typed of ["83456789", "8345 6789", "8345-6789", "８３４５６７８９", "8345678"])
      expect(await found(typed), typed).toEqual(["nanjing"]);
    expect(await found("83456789")).not.toContain("mobile"); // 138 8345 6789 holds the digits, not at its start
    expect(await found("1234567")).toEqual(["taiyuan"]);
    expect(await found("83456700")).toEqual(["nanjing-ext"]);
  });

  it("still finds by the whole number, and does not read fewer than LOCAL_NUMBER_MIN digits as a local number", async () => {
    expect(await found("025 8345 6789")).toEqual(["nanjing"]);
    expect(await found("0351-1234")).toEqual(["taiyuan"]);
    expect(await found("138 8345")).toEqual(["mobile"]);
    expect(await found("400 834")).toEqual(["service"]);
    const short = "834567".slice(0, LOCAL_NUMBER_MIN - 1);
    expect(await found(short)).toEqual([]);
  });
});

describe("the hotline's caller lookup by a number's end (尾号)", () => {
  it("finds every kind of number by its last 4–8 digits when the agent marks them as the end", async () => {
    expect(await found("尾号6789")).toEqual(["mobile", "nanjing"]); // 138 8345 6789 and 025-8345 6789
    expect(await found("尾号83456789")).toEqual(["mobile", "nanjing"]);
    expect(await found("*5678")).toEqual(["service"]); // 400-834-5678
    expect(await found("后四位 4567")).toEqual(["taiyuan"]);
    expect(await found("尾号6700")).toEqual(["nanjing-ext"]); // the extension is not the number's end
    expect(await found("last 3456789")).toEqual(["mobile", "nanjing"]);
  });

  it("does not take a number that only holds the digits, nor an end nobody has", async () => {
    expect(await found("尾号8345")).toEqual([]); // the middle of 8345 6789, not its end
    expect(await found("尾号0000")).toEqual([]);
    expect(await found("6789")).toEqual([]); // unmarked: read as a number's start, and too short for that
  });
});
