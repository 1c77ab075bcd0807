import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { validLeadForm } from "../support/leads";
import { eventually, startWebServer } from "../support/services";

// Load shedding of the intake (issue 14 item 1, app/utils/overload.server.ts, ADR 035) against the
// real web process: far more requests at once than its in-flight bound (INTAKE_MAX_IN_FLIGHT=2 here)
// get only 201/303, 429 or 503 — never a 500 or a broken connection — and every lead answered 2xx is
// in Postgres, and no other: a refused lead is not half-stored.

const BOUND = 2;
const BURST = 150;
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startWebServer>>;
/** A refusal page of the form with its "send again" form (the early one, before Remix). */
let sendAgainPage: { html: string; company: string } | null = null;

beforeAll(async () => {
  const db = await createTestDatabase("load_shedding");
  sql = db.sql;
  drop = db.drop;
  web = await startWebServer({
    DATABASE_URL: db.url,
    MEILI_URL: process.env.MEILI_URL!,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
    ADMIN_API_TOKEN: process.env.ADMIN_API_TOKEN!,
    API_RATE_LIMIT_PER_MINUTE: "100000",
    INTAKE_MAX_IN_FLIGHT: String(BOUND),
    // The in-flight bound alone, so the test does not depend on this machine's load (the event-loop
    // signal is tested in test/unit/overload-guard.test.ts): the first request of a burst is always taken.
    INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0",
  });
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
});

/** Holds the day's reference counter, so that admitted leads stay in flight until `release()`; `holding` settles after. */
async function holdCounter(): Promise<{ release: () => void; holding: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = sql.begin(async (tx) => {
    await tx`insert into reference_counters (day, n) values ((now() at time zone 'Asia/Shanghai')::date, 0)
             on conflict (day) do update set n = reference_counters.n`;
    locked();
    await held;
  });
  await isLocked;
  return { release, holding };
}

const phone = (i: number, base: number) => `139${String(base + i).padStart(8, "0")}`;

describe("intake under a burst far above its bound", () => {
  it(`POST /api/leads: ${BURST} at once → only 201/429/503, 503s in the one error shape with Retry-After, every 201 stored, nothing else`, async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const res = await fetch(`${web.url}/api/leads`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(validLeadJson({ company: `南京泄压接口${i}号有限公司`, phone: phone(i, 10_000_000) })),
        });
        return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Record<string, unknown> };
      }),
    );
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].filter((s) => ![201, 429, 503].includes(s))).toEqual([]);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0); // the burst did exceed the bound
    for (const a of refused) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      expect(a.body).toEqual({ errors: { _form: [expect.stringContaining("需求未保存")] } });
    }
    const accepted = answers.filter((a) => a.status === 201).map((a) => a.body.reference as string);
    expect(accepted.length).toBeGreaterThan(0);
    const stored = await sql<{ reference: string }[]>`select reference from leads where company_name like '南京泄压接口%'`;
    expect(stored.map((r) => r.reference).sort()).toEqual([...accepted].sort());
  });

  it(`POST / (the form, no JavaScript): ${BURST} at once → only 303/429/503; a 503 page keeps what was typed, in the person's language; every 303 stored, nothing else`, async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const lng = i % 2 === 0 ? "zh" : "en";
        const company = `南京泄压表单${i}号有限公司`;
        const res = await fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
          method: "POST",
          body: new URLSearchParams(
            validLeadForm({
              "use.product": "储能电池",
              "tax.annualTaxWan": "200",
              "company.name": company,
              "contact.phone": phone(i, 20_000_000),
              submissionKey: crypto.randomUUID(),
            }),
          ),
          redirect: "manual",
        });
        return {
          lng,
          company,
          status: res.status,
          location: res.headers.get("location"),
          retryAfter: res.headers.get("retry-after"),
          html: await res.text(),
        };
      }),
    );
    expect([...new Set(answers.map((a) => a.status))].filter((s) => ![303, 429, 503].includes(s))).toEqual([]);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      // True whether traffic or the machine is the cause (ADR 102), and it says the typing is kept.
      expect(a.html).toContain(a.lng === "en" ? "The system is busy right now" : "系统繁忙，您的需求还没有保存，填写的内容都已保留");
      expect(a.html).not.toMatch(/提交的人太多|Too many people/);
      expect(a.html).toContain(`value="${a.company}"`); // the company typed is back in its box
      expect(a.html).toMatch(/<link rel="stylesheet" href="\/build\/[^"]+\.css"\s*\/?>/); // styled as the form it replaces
    }
    sendAgainPage = refused.find((a) => a.lng === "zh" && a.html.includes("再次提交")) ?? null;
    const accepted = answers.filter((a) => a.status === 303).map((a) => a.location!.split("/").pop()!.split("?")[0]);
    expect(accepted.length).toBeGreaterThan(0);
    const stored = await sql<{ reference: string }[]>`select reference from leads where company_name like '南京泄压表单%'`;
    expect(stored.map((r) => r.reference).sort()).toEqual([...accepted].sort());
  });

  it("the refusal page's 'send again' posts everything typed once more: one lead, stored", async () => {
    expect(sendAgainPage, "an early refusal page among the burst's answers").not.toBeNull();
    const { html, company } = sendAgainPage!;
    // What was typed is listed; the choices' codes are kept (hidden, below) but never shown as if typed.
    const listed = html.slice(html.indexOf("<ul>"), html.indexOf("</ul>"));
    expect(listed).toContain(`<li>${company}</li>`);
    for (const code of ["factory", "lease", "C38"]) expect(listed).not.toContain(`<li>${code}</li>`);
    const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    const fields = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]), unescape(m[2])]);
    expect(fields.map(([name]) => name)).toEqual(
      expect.arrayContaining(["company.name", "contact.phone", "submissionKey", "consent", "need.kind", "use.industry"]),
    );
    const send = () =>
      eventually(async () => {
        const res = await fetch(`${web.url}/?index`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
        return res.status === 503 ? null : res;
      }, "an answer other than 503");
    expect((await send()).status).toBe(303);
    expect((await send()).status).toBe(303); // pressed twice: the same submission key, still one lead
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads where company_name = ${company}`;
    expect(n).toBe(1);
  });

  it("refuses an overloaded POST /api/leads at once, before its body is read: a client that has not sent its whole body yet gets the 503", async () => {
    // Hold the day's reference counter, so that admitted leads stay in flight until it is released.
    const { release, holding } = await holdCounter();
    const pending: Promise<{ status: number; body: Record<string, unknown> }>[] = [];
    try {
      const post = (i: number) =>
        fetch(`${web.url}/api/leads`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(validLeadJson({ company: `南京泄压早拒${i}号有限公司`, phone: phone(i, 20_000_000) })),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
      // Leads are taken until the bound is reached; they wait on the counter. From then on every lead is refused.
      let i = 0;
      await eventually(async () => {
        const answer = post(i++);
        const first = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 300))]);
        if (first === null) pending.push(answer); // taken: in flight behind the held counter
        return first?.status === 503;
      }, "a 503 once the bound is reached");

      // Headers and the first bytes of a body that would be 500 bytes long: the rest never comes.
      const socket = connect(Number(new URL(web.url).port), "127.0.0.1");
      let raw = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (raw += chunk));
      socket.write(
        "POST /api/leads?lng=en HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n" + '{"need":',
      );
      const answer = await eventually(
        async () => {
          const end = raw.indexOf("\r\n\r\n");
          const length = Number(/content-length: (\d+)/i.exec(raw)?.[1]);
          return end > 0 && raw.length >= end + 4 + length ? raw : null;
        },
        "an answer before the body was sent",
        5_000,
      );
      socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(answer).toMatch(/\r\nretry-after: [1-9]\d*\r\n/i);
      expect(answer).toMatch(/\r\ncache-control: no-store\r\n/i);
      expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({
        errors: { _form: [expect.stringContaining("was not saved")] },
      });
    } finally {
      release(); // the held counter never outlives the test, pass or fail
      await holding;
    }
    // Each refusal is counted by its reason in /metrics (this web process's own counters).
    const metrics = await (await fetch(`${web.url}/metrics`)).text();
    expect(Number(/^parkmatch_intake_shed_total\{reason="inFlight"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    // What was taken is stored once the counter is free (a slow 503 on a busy machine may be among them).
    const answers = await Promise.all(pending);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    const taken = answers.filter((a) => a.status === 201);
    expect(taken.length).toBeGreaterThan(0);
    const stored = await sql<{ reference: string }[]>`select reference from leads where company_name like '南京泄压早拒%'`;
    expect(stored.map((r) => r.reference).sort()).toEqual(taken.map((a) => a.body.reference as string).sort());
  });

  it("the refusal page's 'back to the form' answers with the whole form filled in, even while the intake is still refusing, and stores nothing", async () => {
    const { release, holding } = await holdCounter();
    const pending: Promise<unknown>[] = [];
    const company = "南京返回修改测试有限公司";
    const form = validLeadForm({
      "company.name": company,
      "contact.phone": "13900000077",
      "need.notes": "要行车",
      submissionKey: crypto.randomUUID(),
    });
    try {
      // Fill the in-flight bound with leads waiting on the held counter, until the form is refused early.
      let i = 0;
      await eventually(async () => {
        const answer = fetch(`${web.url}/api/leads`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(validLeadJson({ company: `南京返回占位${i}号有限公司`, phone: phone(i++, 30_000_000) })),
        });
        const first = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 300))]);
        if (first === null) pending.push(answer);
        return first?.status === 503;
      }, "a 503 once the bound is reached");
      const refused = await fetch(`${web.url}/?index`, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
      expect(refused.status).toBe(503);
      const refusal = await refused.text();
      expect(refusal).toContain("返回表单修改");
      const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
      const fields = [...refusal.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [
        unescape(m[1]),
        unescape(m[2]),
      ]);
      const [, name, value] = /<button type="submit" name="([^"]+)" value="([^"]+)" class="secondary">返回表单修改<\/button>/.exec(
        refusal,
      )!;
      // Still refusing: the back step is answered all the same, with every box filled.
      const back = await fetch(`${web.url}/?index`, {
        method: "POST",
        body: new URLSearchParams([...fields, [name, value]]),
        redirect: "manual",
      });
      expect(back.status).toBe(200);
      const html = unescape((await back.text()).replace(/&quot;/g, '"'));
      expect(html).toContain("您填写的内容已填回表单，请核对后再提交。");
      expect(html).toContain(`value="${company}"`);
      expect(html).toContain('value="13900000077"');
      expect(html).toMatch(/<textarea[^>]*name="need.notes"[^>]*>要行车<\/textarea>/);
      // The header's language switch, still refusing (ADR 149): never shed, the form in English with every box filled.
      const switched = await fetch(`${web.url}/?index&lng=en`, {
        method: "POST",
        body: new URLSearchParams([...fields, ["regionIntent", "switchLanguage"]]),
        redirect: "manual",
      });
      expect(switched.status).toBe(200);
      const en = unescape((await switched.text()).replace(/&quot;/g, '"'));
      expect(en).toContain("Switched to English. Everything you typed is kept.");
      expect(en).toContain(`value="${company}"`);
      expect(en).toMatch(/<textarea[^>]*name="need.notes"[^>]*>要行车<\/textarea>/);
    } finally {
      release();
      await holding;
    }
    await Promise.allSettled(pending);
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads where company_name = ${company}`;
    expect(n).toBe(0);
  });

  it("takes leads again once the burst is over (a client that retries is served)", async () => {
    // The event-loop signal still holds the burst's window for up to half a second: retry as a client would.
    const status = await eventually(async () => {
      const res = await fetch(`${web.url}/api/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", "Idempotency-Key": "after-the-burst" },
        body: JSON.stringify(validLeadJson({ company: "南京泄压之后有限公司", phone: "13900000001" })),
      });
      return res.status === 503 ? null : res.status;
    }, "an answer other than 503");
    expect(status).toBe(201);
  });
});
