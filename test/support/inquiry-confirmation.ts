import { afterAll, beforeAll, expect } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "./database";
import { validLeadForm } from "./leads";
import { startWebServer } from "./services";

/**
 * A test file's own database (with the demo inventory) and web process, and the public form sent through
 * it without JavaScript: `sendForm(fields, lng)` posts a valid lead with `fields` over it (each with the
 * next phone from `firstPhone`, as `nextPhone()` gives), expects the 303, and returns the confirmation page it leads to (HTML,
 * `&#x27;` unescaped) with the lead's reference and the page's address. For the files that read the confirmation page.
 */
export function inquiryConfirmationSuite(dbName: string, firstPhone: number) {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let web: Awaited<ReturnType<typeof startWebServer>>;
  let phone = firstPhone;

  beforeAll(async () => {
    db = await createTestDatabase(dbName);
    // The web process starts while the demo inventory goes in.
    const [started, imported] = await Promise.all([startWebServer({ DATABASE_URL: db.url }), importInventory(db.sql, demoInventory())]);
    web = started;
    expect(imported.ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
    await db?.drop();
  });

  /** A phone number no other lead of the file has. */
  const nextPhone = () => String(phone++);

  async function sendForm(
    fields: Record<string, string>,
    lng: "zh" | "en",
  ): Promise<{ html: string; reference: string; location: string }> {
    const res = await fetch(`${web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
      method: "POST",
      body: new URLSearchParams(validLeadForm({ "contact.phone": nextPhone(), ...fields })),
      redirect: "manual",
    });
    expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(303);
    const location = res.headers.get("location")!;
    const reference = /\/inquiry\/(PM-[\d-]+)/.exec(location)![1];
    return { html: (await (await fetch(`${web.url}${location}`)).text()).replace(/&#x27;/g, "'"), reference, location };
  }

  type Stored = { need: Record<string, unknown>; flags: { field: string; code: string; text: string }[] };
  /** `sendForm`, with the stored lead's need and flags beside the page (its `&quot;` unescaped too). */
  async function sendStored(fields: Record<string, string>, lng: "zh" | "en" = "zh"): Promise<{ page: string; lead: Stored }> {
    const { html, reference } = await sendForm(fields, lng);
    const [lead] = await db.sql<
      Stored[]
    >`select lead -> 'need' as need, lead -> 'flags' as flags from leads where reference = ${reference}`;
    return { page: html.replace(/&quot;/g, '"'), lead };
  }

  return {
    sendForm,
    sendStored,
    nextPhone,
    get db() {
      return db;
    },
    get web() {
      return web;
    },
  };
}
