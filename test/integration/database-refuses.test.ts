import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { isUnavailableError } from "~/db/unavailable";

import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// An attack of 2026-12-04 switched its own database to read-only (SQLSTATE 25006, what a failover onto a
// standby gives) and then closed it to connections (55000): the public form answered 503 and kept the
// typing, but the desks answered 500 and /healthz said ok. A database that refuses for now is a service
// that is down: 503 with Retry-After on every page, and /healthz names postgres.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
const PASSWORD = "admin-秘密-2026";
let dbName: string;

beforeAll(async () => {
  db = await createTestDatabase("db_refuses");
  dbName = new URL(db.url).pathname.slice(1);
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into users (email, name, role, password_hash) values ('ops@example.test', '运营', 'admin', ${await hashPassword(PASSWORD)})`;
  await db.sql`insert into users (email, name, role, password_hash) values ('desk@example.test', '热线坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
});
afterAll(async () => {
  await admin.unsafe(`alter database "${dbName}" allow_connections true`);
  await admin.unsafe(`alter database "${dbName}" reset default_transaction_read_only`);
  await web?.stop();
  await db?.drop();
  await admin.end();
});

/** Every session on the test database ends, so the next ones start under the database's new settings. */
const reconnectAll = () =>
  admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
const client = () => webClient(web.url);
const healthDown = async () => ((await (await fetch(`${web.url}/healthz`)).json()) as { down: string[] }).down;

describe("a database that refuses for now", () => {
  it("read-only: a desk's save is a 503 with Retry-After, not a 500; /healthz names postgres; back to normal after", async () => {
    const cookie = await client().signIn("ops@example.test", PASSWORD);
    const csrf = await client().csrfOf("/admin/office-hours", cookie);
    await admin.unsafe(`alter database "${dbName}" set default_transaction_read_only = on`);
    await reconnectAll();
    try {
      // Reads still work: the web's pool reconnects (each cut connection fails its next use once).
      for (let i = 0; i < 10 && (await client().get("/admin/office-hours", cookie)).status !== 200; i++);
      expect((await client().get("/admin/office-hours", cookie)).status).toBe(200);
      const saved = await client().post("/admin/office-hours", { csrf, intent: "hours", start: "08:30", end: "17:30", base: "" }, cookie);
      expect(saved.status).toBe(503);
      expect(saved.headers.get("retry-after")).toBe("30");
      const page = await saved.text();
      expect(page).toContain("服务暂时不可用");
      // Without JavaScript the page itself keeps what was sent (ADR 115): a form posting it again to the
      // same address, every field hidden as it came, and the typing listed.
      expect(page).toMatch(/<form method="post" action="\/admin\/office-hours">/);
      for (const [name, value] of [
        ["csrf", csrf],
        ["intent", "hours"],
        ["start", "08:30"],
        ["end", "17:30"],
      ])
        expect(page, name).toContain(`<input type="hidden" name="${name}" value="${value}"/>`);
      expect(page).toContain("再次提交");
      expect(page).toContain("您填写的内容（已保留）");
      expect(page).toMatch(/<li[^>]*>08:30<\/li>/);
      expect(page).not.toMatch(/<li[^>]*>[^<]*(hours|csrf)/); // machinery carried, not listed
      // A sign-in refused while the database cannot write its session: the email kept, the password never written back.
      const signIn = await client().post("/login", { email: "ops@example.test", password: PASSWORD });
      expect(signIn.status).toBe(503);
      const signInPage = await signIn.text();
      expect(signInPage).toContain("ops@example.test");
      expect(signInPage).not.toContain(PASSWORD);
      expect(signInPage).not.toMatch(/name="password"/);
      // The API keeps its JSON shape.
      const api = await client().post("/admin/office-hours", { csrf, intent: "hours", start: "08:30", end: "17:30", base: "" }, cookie, {
        accept: "application/json",
      });
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ errors: { _form: [expect.stringContaining("服务暂时不可用")] } });
      expect(await healthDown()).toContain("postgres");
    } finally {
      await admin.unsafe(`alter database "${dbName}" reset default_transaction_read_only`);
      await reconnectAll();
    }
    // Each connection the reset cut fails its next use once, then the pool has new ones.
    await expect.poll(healthDown, { timeout: 15_000, interval: 250 }).not.toContain("postgres");
  });

  it("a desk post the action refuses (400) whose page then cannot be drawn is the unavailable page, typing kept (attack 12-04, M5)", async () => {
    const cookie = await client().signIn("desk@example.test", PASSWORD);
    const csrf = await client().csrfOf("/hotline", cookie);
    // The action answers at once (its field errors); the page's loader then waits on a table another session
    // holds, past the database's statement timeout (57014: a database refusing for now).
    const holder = postgres(db.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`alter database "${dbName}" set statement_timeout = 1500`);
    await reconnectAll();
    for (let i = 0; i < 10 && (await client().get("/hotline", cookie)).status !== 200; i++);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holding = holder.begin(async (tx) => {
      await tx`lock table call_tasks in access exclusive mode`;
      await held;
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const formKey = "3f2b8c1e-0d4a-4b6e-9f1a-2c3d4e5f6a7b";
      const res = await client().post(
        "/hotline",
        {
          csrf,
          formKey,
          intent: "save",
          "contact.phone": "1331234",
          "company.name": "半填公司",
          "need.kind": "factory",
          "need.notes": "客户说要5000平厂房，江宁",
        },
        cookie,
      );
      const page = await res.text();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("30");
      expect(page).toMatch(/<form method="post" action="\/hotline">/);
      expect(page).toContain(`<input type="hidden" name="need.notes" value="客户说要5000平厂房，江宁"/>`);
      expect(page).toMatch(/<li[^>]*>[^<]*客户说要5000平厂房，江宁<\/li>/);
      expect(page).toMatch(/<li[^>]*>[^<]*半填公司<\/li>/);
      // Machinery and codes are carried, never listed as what was typed (L1).
      for (const v of [formKey, "factory", "save"]) expect(page).not.toMatch(new RegExp(`<li[^>]*>[^<]*${v}`));
    } finally {
      release();
      await holding;
      await holder.end();
      await admin.unsafe(`alter database "${dbName}" reset statement_timeout`);
      await reconnectAll();
    }
    await expect.poll(healthDown, { timeout: 15_000, interval: 250 }).not.toContain("postgres");
  });

  it("closed to connections: the desk pages are a 503, not a 500", async () => {
    const cookie = await client().signIn("ops@example.test", PASSWORD);
    await admin.unsafe(`alter database "${dbName}" allow_connections false`);
    await reconnectAll();
    try {
      for (const path of ["/admin", "/admin/leads", "/hotline"]) {
        const res = await client().get(path, cookie);
        expect(res.status, path).toBe(503);
      }
      expect(await healthDown()).toContain("postgres");
    } finally {
      await admin.unsafe(`alter database "${dbName}" allow_connections true`);
    }
  });

  it("reads the codes of a database refusing for now, and not other errors", () => {
    for (const code of ["25006", "53100", "57014", "40001", "40P01", "08006", "57P01"])
      expect(isUnavailableError({ code }), code).toBe(true);
    expect(isUnavailableError({ code: "55000", message: `database "x" is not currently accepting connections` })).toBe(true);
    expect(isUnavailableError({ code: "55000", message: "currval of sequence is not yet defined in this session" })).toBe(false);
    for (const code of ["23505", "22P02", "42P01"]) expect(isUnavailableError({ code }), code).toBe(false);
  });
});
