import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadForm, validLeadJson } from "../support/leads";
import { eventually, startWebServer } from "../support/services";
import { startTcpProxy } from "../support/tcp-proxy";

// Attack 41 (ADR 202): Postgres gone silent — connections open, no answer, as a failover whose old primary vanished or a
// network partition looks — behind a proxy the test stalls. POST / and POST /api/leads waited for as long as the client
// would (over 60 s), while /healthz said 503 after 5 s. Now every request's answer begins within ANSWER_DEADLINE_SECONDS:
// a 503 that keeps the form's typing and says the lead could not be confirmed; once Postgres answers again, sending
// the same form (its submission key) or the same API call (its Idempotency-Key) is the one lead stored meanwhile.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const DEADLINE_SECONDS = 3;

beforeAll(async () => {
  db = await createTestDatabase("database_gone_silent");
  proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  web = await startWebServer({
    DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}${new URL(db.url).pathname}`,
    MEILI_URL: process.env.MEILI_URL!,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
    ADMIN_API_TOKEN: process.env.ADMIN_API_TOKEN!,
    ANSWER_DEADLINE_SECONDS: String(DEADLINE_SECONDS),
  });
}, 120_000);
afterAll(async () => {
  proxy?.setMode("pass");
  await web?.stop();
  await proxy?.stop();
  await db?.drop();
});

const leadCount = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n;

function postForm(fields: Record<string, string>) {
  return fetch(`${web.url}/?index`, {
    method: "POST",
    body: new URLSearchParams(validLeadForm(fields)),
    redirect: "manual",
    signal: AbortSignal.timeout(20_000),
  });
}

function postApi(key: string) {
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(validLeadJson({ company: "南京静默数据库接口测试有限公司", phone: "13900004343" })),
    signal: AbortSignal.timeout(20_000),
  });
}

describe("Postgres gone silent under the web", () => {
  it("the intake answers 503 within its deadline, keeping the typing; sent again once Postgres answers, it is the one lead stored", async () => {
    expect((await postForm({ submissionKey: crypto.randomUUID(), "company.name": "南京静默之前测试有限公司" })).status).toBe(303);
    const before = await leadCount();

    const formKey = crypto.randomUUID();
    const apiKey = crypto.randomUUID();
    const fields = { submissionKey: formKey, "company.name": "南京静默数据库表单测试有限公司", "contact.phone": "13900004444" };
    proxy.setMode("stall");
    const started = Date.now();
    const [form, api] = await Promise.all([postForm(fields), postApi(apiKey)]);
    const [page, json] = await Promise.all([form.text(), api.json() as Promise<{ errors: Record<string, string[]> }>]);
    expect(Date.now() - started).toBeLessThan((DEADLINE_SECONDS + 8) * 1000);

    expect(form.status).toBe(503);
    expect(form.headers.get("retry-after")).toBe("30");
    expect(page).toContain("无法确认");
    expect(page).toContain("南京静默数据库表单测试有限公司"); // the typing listed
    expect(page).toContain(`value="${formKey}"`); // and carried to send again, with its key
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("30");
    expect(json.errors._form[0]).toContain("无法确认");

    proxy.setMode("pass");
    // What was sent before the deadline is stored once Postgres answers; sending it again adds nothing.
    await eventually(async () => (await leadCount()) === before + 2, "the two posts held by the stall to be stored");
    const again = await postForm(fields);
    expect(again.status).toBe(303);
    const [stored] = await db.sql<{ reference: string }[]>`
      select reference from leads where company_name = '南京静默数据库表单测试有限公司'`;
    expect(again.headers.get("location")).toContain(stored.reference);
    const apiAgain = await postApi(apiKey);
    expect(apiAgain.status).toBe(201);
    expect(await leadCount()).toBe(before + 2);
  });
});
