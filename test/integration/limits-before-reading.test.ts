import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { startWebServer } from "../support/services";

// attack of 12-06 (ADR 178): POST / and POST /login ran their form's schema (the lead schema with its notes'
// readers; the sign-in schema) before their rate limits: a flood past the limit still paid a parse per post.
// Now the budget is spent first; the refused form comes back as sent, unread — no field of it checked (no field
// marked invalid), the typing kept, the password never sent back.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("limits_before_reading");
  web = await startWebServer({ DATABASE_URL: db.url, API_RATE_LIMIT_PER_MINUTE: "1", INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0" });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${web.url}${path}`, { method: "POST", redirect: "manual", body: new URLSearchParams(fields) });

describe("a rate limit spent: the form is not read", () => {
  it("POST /: past the intake budget, 429 with the form as sent and no field checked", async () => {
    expect((await post("/?index", validLeadForm({ "company.name": "南京预算之内有限公司" }))).status).toBe(303);
    // Past the budget: a form with two fields the schema would refuse (no company, an area that is no number).
    const notes = "要5000平单层厂房，层高8米，年底前入驻";
    for (const lng of ["", "&lng=en"]) {
      const res = await post(`/?index${lng}`, validLeadForm({ "company.name": "", "need.areaMin": "很大", "need.notes": notes }));
      expect(res.status).toBe(429);
      const page = await res.text();
      expect(page).not.toContain('aria-invalid="true"');
      expect(page).toContain(notes); // what was typed comes back
      expect(page).toContain("很大");
    }
  });

  it("POST /login: past the address's 60 tries a minute, 429 with the email kept, no field checked, no password", async () => {
    // Sixty tries (no email in them: refused at the field, no password hashed) spend the address's minute.
    const tries = await Promise.all(Array.from({ length: 60 }, (_, i) => post("/login", { email: `nobody${i}`, password: "x" })));
    expect(tries.map((r) => r.status).filter((s) => s === 429)).toEqual([]);
    // Both boxes empty: the schema would mark both; unread, neither is.
    const empty = await post("/login", { email: "", password: "" });
    expect(empty.status).toBe(429);
    const emptyPage = await empty.text();
    expect(emptyPage).not.toContain('aria-invalid="true"');
    expect(emptyPage).toMatch(/尝试次数过多/);
    const res = await post("/login", { email: "Typed.Person@example.test", password: "secret-typed-here" });
    expect(res.status).toBe(429);
    const page = await res.text();
    expect(page).toContain('value="Typed.Person@example.test"'); // as typed, not as the schema would normalise it
    expect(page).not.toContain("secret-typed-here");
  });
});
