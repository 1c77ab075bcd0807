import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { routedTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// A post to a desk with a choice it does not offer (an outcome or step made up, left out or sent twice)
// is answered 400 with a message in the agent's language beside what was pressed — never a bare 400 or
// 500 — and nothing is recorded. The hotline desk's call tasks, its lead page and the recruiter's queue.
const PASSWORD = "desk-choices-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let hotline = "";
let recruiter = "";
let taskId = "";
let leadId = "";
let assignmentId = "";

beforeAll(async () => {
  db = await createTestDatabase("desk_choices");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '坐席', 'hotline', null, ${hash}), ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${hash})`;
  hotline = await client.signIn("desk@example.test", PASSWORD);
  recruiter = await client.signIn("zhoumin@example.test", PASSWORD);
  const lead = await storeTestLead(db.sql, "回访结果测试机械有限公司", "13912340001");
  leadId = lead.id;
  [{ id: taskId }] = await db.sql<{ id: string }[]>`
    insert into call_tasks (kind, lead_id, phone, script, status, due_at, dedupe_key)
    values ('callback', ${leadId}, '+8613912340001', '脚本', 'open', now(), ${`t:${leadId}`}) returning id`;
  ({ assignmentId } = await routedTestLead(db.sql, { company: "步骤测试机械有限公司", phone: "13912340002" }, "S1", "GC-EDZ"));
  await db.sql`update assignments set recruiter_id = 'R1' where id = ${assignmentId}`;
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const send = (path: string, cookie: string, entries: [string, string][]) =>
  fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(entries),
  });
const recorded = async () =>
  db.sql`select (select row_to_json(c) from call_tasks c where id = ${taskId}) as task, (select count(*) from lead_notes) as notes,
    (select row_to_json(a) from assignments a where id = ${assignmentId}) as assignment`;

describe("a call task's outcome on the hotline desk that is not one of its buttons", () => {
  const CASES: [name: string, entries: () => [string, string][], zh: string, en: string][] = [
    [
      "made up",
      () => [
        ["task", taskId],
        ["outcome", "foo"],
        ["note", "记一下"],
      ],
      "请按下面的一个结果按钮",
      "press one of the outcome buttons",
    ],
    [
      "left out",
      () => [
        ["task", taskId],
        ["note", "记一下"],
      ],
      "请按下面的一个结果按钮",
      "press one of the outcome buttons",
    ],
    [
      "empty",
      () => [
        ["task", taskId],
        ["outcome", ""],
      ],
      "请按下面的一个结果按钮",
      "press one of the outcome buttons",
    ],
    [
      "in other case",
      () => [
        ["task", taskId],
        ["outcome", "DONE"],
        ["confirm", "1"],
      ],
      "请按下面的一个结果按钮",
      "press one of the outcome buttons",
    ],
    [
      "sent twice",
      () => [
        ["task", taskId],
        ["outcome", "no-answer"],
        ["outcome", "done"],
      ],
      "此项只能填一个值",
      "takes one value",
    ],
    [
      "declined on a call-back",
      () => [
        ["task", taskId],
        ["outcome", "refused"],
        ["confirm", "1"],
      ],
      "只有转交任务可以记为",
      "only a hand-over",
    ],
  ];
  it.each(CASES)("%s: 400 with the message beside that task's buttons (zh and en), nothing recorded", async (_name, entries, zh, en) => {
    const csrf = await client.csrfOf("/hotline", hotline);
    const before = await recorded();
    for (const lng of ["zh", "en"] as const) {
      const res = await send(`/hotline${lng === "en" ? "?lng=en" : ""}`, hotline, [["csrf", csrf], ...entries()]);
      const html = await res.text();
      expect(res.status, html.slice(-2000)).toBe(400);
      // The desk page, with the message in the task's card, tied to its buttons.
      const card = new RegExp(`id="outcome-error-${taskId}" role="alert">[\\s\\S]*?</div>`).exec(html)?.[0] ?? "";
      expect(card).toContain(lng === "en" ? en : zh);
      expect(html).toContain(`aria-describedby="outcome-error-${taskId}"`);
      if (lng === "en") expect(card).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await recorded()).toEqual(before);
  });

  it("a made-up outcome on a task not on the list is said above the list", async () => {
    const csrf = await client.csrfOf("/hotline", hotline);
    const res = await send("/hotline?lng=en", hotline, [
      ["csrf", csrf],
      ["task", randomUUID()],
      ["outcome", "maybe"],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-testid="task-error"');
    expect(html).toContain("Not recorded: press one of the outcome buttons below (Done / No answer");
  });

  it("the buttons still work after a refusal", async () => {
    const csrf = await client.csrfOf("/hotline", hotline);
    const res = await send("/hotline", hotline, [
      ["csrf", csrf],
      ["task", taskId],
      ["outcome", "no-answer"],
    ]);
    expect(res.status).toBe(303);
    expect((await recorded()).at(0)?.task).toMatchObject({ attempts: 1 });
  });
});

describe("the API's call-task outcome", () => {
  it.each([
    ["made up", { outcome: "foo" }, "outcome"],
    ["left out", {}, "outcome"],
    ["not a text", { outcome: ["done", "done"] }, "outcome"],
    ["a bad wait", { outcome: "no-answer", retryMinutes: "soon" }, "retryMinutes"],
  ])("%s: 400 JSON naming the field, in the caller's language", async (_name, body, field) => {
    const before = await recorded();
    for (const lng of ["zh", "en"] as const) {
      const res = await fetch(`${web.url}/api/call-tasks/${taskId}/outcome?lng=${lng}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN!}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { errors: Record<string, string[]> };
      expect(Object.keys(json.errors)).toEqual([field]);
      expect(json.errors[field][0]).toMatch(lng === "en" ? /^[^\u4e00-\u9fff]+$/ : /[\u4e00-\u9fff]/);
    }
    expect(await recorded()).toEqual(before);
  });
});

describe("a step on the recruiter's queue that is not one of its buttons", () => {
  it.each([
    ["a made-up step", [["intent", "foo"]]],
    ["no step", [["body", "一"]]],
    [
      "a made-up reason for lost",
      [
        ["intent", "lost"],
        ["reason", "bored"],
        ["closeNote", ""],
      ],
    ],
    [
      "a made-up reason for decline",
      [
        ["intent", "decline"],
        ["reason", "bored"],
        ["closeNote", ""],
      ],
    ],
  ] as [string, [string, string][]][])("%s: 400 with a message on the page, nothing changed", async (_name, entries) => {
    const path = `/queue/assignments/${assignmentId}`;
    const csrf = await client.csrfOf(path, recruiter);
    const before = await recorded();
    for (const lng of ["zh", "en"] as const) {
      const res = await send(`${path}${lng === "en" ? "?lng=en" : ""}`, recruiter, [["csrf", csrf], ...entries]);
      const html = await res.text();
      expect(res.status, html.slice(-2000)).toBe(400);
      expect(html).toMatch(/role="alert"/);
      const alerts = [...html.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/g)].map((m) => m[1]).join(" ");
      expect(alerts.replace(/<[^>]+>/g, "").trim().length, alerts).toBeGreaterThan(4);
    }
    expect(await recorded()).toEqual(before);
  });
});

describe("a step on the hotline lead page that is not one of its forms", () => {
  it.each([
    ["a made-up step", [["intent", "foo"]]],
    ["no step", [["body", "一"]]],
  ] as [string, [string, string][]][])("%s: 400 with a message on the page, nothing changed", async (_name, entries) => {
    const path = `/hotline/leads/${leadId}`;
    const csrf = await client.csrfOf(path, hotline);
    const before = await recorded();
    for (const lng of ["zh", "en"] as const) {
      const res = await send(`${path}${lng === "en" ? "?lng=en" : ""}`, hotline, [["csrf", csrf], ...entries]);
      const html = await res.text();
      expect(res.status, html.slice(-2000)).toBe(400);
      const alerts = [...html.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/g)].map((m) => m[1]).join(" ");
      expect(alerts.replace(/<[^>]+>/g, "").trim().length, alerts).toBeGreaterThan(4);
    }
    expect(await recorded()).toEqual(before);
  });
});
