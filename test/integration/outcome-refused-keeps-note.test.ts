import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { openCallTask } from "~/hotline/call-tasks.server";
import { storeLead } from "~/leads/intake.server";

import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { validLeadJson } from "../support/leads";
import { webClient } from "../support/staff-web";

// Trial 12-05, finding 5: a call outcome the desk does not record — sent again from the same page with
// another outcome (ADR 124), or for a task closed meanwhile — answered with a redirect and a flash, and the
// note the agent typed was gone. With a note typed, the desk answers on the page (409): the message at the
// task, the note back in its box (or shown to copy when the task is no longer listed); nothing is stored.

const suite = deskWorkerSuite("desk31_keep_note");
const client = () => webClient(suite.web.url);
let phone = 13700031100;

async function callback() {
  const parsed = createLeadSchema("zh", "web").parse(validLeadJson({ company: "南京三十一号留字机械有限公司", phone: String(phone++) }));
  const lead = await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "web", lng: "zh" });
  await openCallTask(suite.db.sql, {
    kind: "callback",
    leadId: lead.id,
    phone: "+8613700000000",
    script: { zh: "回访", en: "call back" },
    dedupeKey: `desk31-${lead.id}`,
  });
  return (await suite.db.sql<{ id: string }[]>`select id from call_tasks where lead_id = ${lead.id}`)[0].id;
}

async function desk(lng: "zh" | "en" = "zh") {
  const cookie = await client().signIn("desk@example.test", DESK_PASSWORD);
  const path = lng === "en" ? "/hotline?lng=en" : "/hotline";
  const page = await (await client().get(path, cookie)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
  return { post: (fields: Record<string, string>) => client().post(path, { csrf, ...fields }, cookie) };
}

const notesOf = async (task: string) =>
  (await suite.db.sql<{ body: string }[]>`select body from lead_notes where call_task_id = ${task} order by created_at`).map((n) => n.body);
/** The text in the task's note box, as the page draws it. */
const boxOf = (html: string, task: string) =>
  new RegExp(`<textarea id="note-${task}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? null;
const formKeyOf = (html: string) => /name="task" value="[^"]+"\/><input type="hidden" name="formKey" value="([^"]+)"/.exec(html)?.[1];

describe("a call outcome not recorded keeps the note typed", () => {
  it("another outcome sent again from the same page: 409, said at the task, the note in its box; a fresh key records it", async () => {
    const task = await callback();
    const { post } = await desk();
    const key = crypto.randomUUID();
    await post({ task, outcome: "no-answer", note: "", formKey: key });
    const typed = "打通了，说月底再来电 & 要看高淳的\n第二行";
    const other = await post({ task, outcome: "done", note: typed, formKey: key, confirm: "1" });
    expect(other.status).toBe(409);
    const html = await other.text();
    expect(html).toContain("这一页的提交已记录为“无人接听”");
    expect(html).toContain("“已完成”没有保存。您输入的备注仍在框中");
    expect(boxOf(html, task)).toBe(typed);
    expect(await notesOf(task)).toEqual([]); // nothing stored
    // The page carries a new key: pressing again there records the outcome, with the note.
    const fresh = formKeyOf(html);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(key);
    expect((await post({ task, outcome: "done", note: typed, formKey: fresh!, confirm: "1" })).status).toBe(303);
    expect(await notesOf(task)).toEqual([typed]);
  });

  it("the same in English", async () => {
    const task = await callback();
    const { post } = await desk("en");
    const key = crypto.randomUUID();
    await post({ task, outcome: "no-answer", note: "", formKey: key });
    const other = await post({ task, outcome: "wrong-number", note: "number belongs to a shop", formKey: key, confirm: "1" });
    expect(other.status).toBe(409);
    const html = await other.text();
    expect(html).toContain("recorded as “No answer”");
    expect(html).toContain("Your note is still in its box");
    expect(boxOf(html, task)).toBe("number belongs to a shop");
  });

  it("a task closed meanwhile: said so, and the note shown as typed to copy (zh, en)", async () => {
    for (const lng of ["zh", "en"] as const) {
      const task = await callback();
      const { post } = await desk(lng);
      await suite.db.sql`update call_tasks set status = 'done' where id = ${task}`; // a colleague closed it
      const answer = await post({ task, outcome: "no-answer", note: "客户说下周再联系（三十一）", formKey: crypto.randomUUID() });
      expect(answer.status).toBe(409);
      const html = await answer.text();
      const banner = /data-testid="task-kept">([^]*?)<\/div>/.exec(html)?.[1] ?? "";
      expect(banner).toContain(lng === "zh" ? "这条任务已经结束" : "That task is closed already");
      expect(banner).toContain(lng === "zh" ? "您输入的备注没有保存" : "Your note was not saved");
      expect(banner).toContain("客户说下周再联系（三十一）");
      expect(await notesOf(task)).toEqual([]);
    }
  });

  it("without a note the answer is the flash on the fresh list, as before (ADR 124)", async () => {
    const task = await callback();
    const { post } = await desk();
    await suite.db.sql`update call_tasks set status = 'done' where id = ${task}`;
    expect((await post({ task, outcome: "no-answer", note: "  ", formKey: crypto.randomUUID() })).status).toBe(303);
  });
});
