import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";
import type { Mailer, MailMessage } from "~/notify/mailer.server";
import { eraseLeads } from "~/privacy/anonymise.server";

import { createSearchClient, waitSucceeded } from "../../search/client";
import type { JobContext } from "../../worker/job-context";
import { notifyEmailJob } from "../../worker/notify-email.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { indexWriterContext } from "../support/index-writer-context";
import { routedTestLead } from "../support/routed-lead";

// Attack 42: a sender's verdict on a notice was written over whatever was decided while it talked to the mail server.
// A lead erased at the person's request during the send (its notices ended: `handled` by privacy) came back as `sent`,
// with a `notified` routing event written after the erasure; and two senders of one notice (the second took over an
// expired lease) each wrote `sent` and each a `notified` event. A notice already finished keeps its end now.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let base: JobContext;
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_es_${suffix}`, spaces: `spaces_es_${suffix}`, parks: `parks_es_${suffix}` };
const inventory = demoInventory();
const space = inventory.spaces.find((s) => s.status === "available")!;

beforeAll(async () => {
  db = await createTestDatabase("erasure_during_send");
  base = await indexWriterContext(db.sql, search, indexNames);
  expect((await importInventory(db.sql, inventory)).ok).toBe(true);
});
afterAll(async () => {
  for (const uid of Object.values(indexNames)) await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
  await db?.drop();
});

/** A mail server that takes every mail; `during` runs while it holds one (the send not yet answered). */
function mailer(during: () => Promise<void>): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    maxSendMs: 5_000,
    close() {},
    async send(message) {
      await during();
      sent.push(message);
      return { ok: true, response: "250 2.0.0 queued" };
    },
  };
}

async function emailNotice(leadId: string) {
  const [n] = await db.sql<{ id: string; outboxId: number }[]>`
    select n.id::text, o.id::int as outbox_id from notifications n join outbox o on o.aggregate_id = n.id::text and o.topic = 'notify.email'
    where n.lead_id = ${leadId} and n.channel = 'email'`;
  return n;
}

const state = async (id: string) =>
  (await db.sql<{ status: string; handledBy: string | null }[]>`select status, handled_by from notifications where id = ${id}`)[0];
const notifiedEvents = async (leadId: string) =>
  (await db.sql<{ n: number }[]>`select count(*)::int as n from routing_events where lead_id = ${leadId} and event = 'notified'`)[0].n;

describe("a notice finished while its email was being sent", () => {
  it("a lead erased during the send keeps its notice ended by the erasure: not `sent`, no `notified` event after", async () => {
    const { leadId } = await routedTestLead(
      db.sql,
      { company: "南京发送中擦除测试有限公司", phone: "13900004444" },
      String(space.id),
      String(space.parkId),
    );
    const n = await emailNotice(leadId);
    const ctx = {
      ...base,
      mailer: mailer(async () => {
        await eraseLeads(db.sql, { leadIds: [leadId], actor: "attack42", subject: "139****4444" });
      }),
    };
    await notifyEmailJob(ctx, { outboxId: n.outboxId, id: n.id });

    expect(ctx.mailer.sent).toHaveLength(1); // it did go out: the erasure came while the server held it
    expect(await state(n.id)).toEqual({ status: "handled", handledBy: "privacy" });
    expect(await notifiedEvents(leadId)).toBe(0);
  });

  it("two senders of one notice (one took over the other's lease) leave one `notified` event", async () => {
    const { leadId } = await routedTestLead(
      db.sql,
      { company: "南京两个发送者测试有限公司", phone: "13900004545" },
      String(space.id),
      String(space.parkId),
    );
    const n = await emailNotice(leadId);
    const second = { ...base, sendLeaseMs: 1, mailer: mailer(async () => {}) };
    const first = {
      ...base,
      sendLeaseMs: 1, // the lease runs out while the server holds the mail: the second sender takes the notice over
      mailer: mailer(async () => {
        await new Promise((r) => setTimeout(r, 20));
        await notifyEmailJob(second, { outboxId: n.outboxId, id: n.id });
      }),
    };
    await notifyEmailJob(first, { outboxId: n.outboxId, id: n.id });

    expect(second.mailer.sent).toHaveLength(1);
    expect((await state(n.id)).status).toBe("sent");
    expect(await notifiedEvents(leadId)).toBe(1);
  });
});
