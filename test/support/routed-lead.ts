import { routeLead, type RoutingOptions } from "~/assignments/route-lead.server";
import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { validLeadJson } from "./leads";

// Leads put straight into a test's database, at the step a test starts from: stored as the API stores
// them, matched to a space as the matcher would, routed by the policy — without the worker.

/** A valid lead (validLeadJson with `company` and `phone`) stored as POST /api/leads stores it: not matched yet. */
export async function storeTestLead(sql: Sql, company: string, phone: string): Promise<{ id: string; reference: string }> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company, phone }));
  return storeLead(sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
}

/**
 * Matches the lead to `spaceId` of `parkId` (score 80, reason "面积合适"), as the matcher would; without
 * `spaceId`, to the park's first available space by id. Returns the space's id.
 */
export async function matchTestLead(sql: Sql, leadId: string, parkId: string, spaceId?: string): Promise<string> {
  const space =
    spaceId ??
    (await sql<{ id: string }[]>`select id from spaces where park_id = ${parkId} and status = 'available' order by id limit 1`)[0].id;
  await sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
            values (${leadId}, ${space}, ${parkId}, 80, ${sql.json([{ zh: "面积合适", en: "fits", kind: "fit" }] as never)}, 'lead')`;
  return space;
}

/** The default routing of these leads: 120 minutes on the wall clock, the notice fallback after 90 s. */
export const TEST_ROUTING: RoutingOptions = { slaMinutes: 120, noticeFallbackMs: 90_000 };

/** A lead stored, matched to `spaceId` of `parkId` and routed by the policy: its one assignment and the recruiter offered it. */
export async function routedTestLead(
  sql: Sql,
  lead: { company: string; phone: string },
  spaceId: string,
  parkId: string,
  routing: RoutingOptions = TEST_ROUTING,
): Promise<{ leadId: string; assignmentId: string; recruiterId: string }> {
  const { id } = await storeTestLead(sql, lead.company, lead.phone);
  await matchTestLead(sql, id, parkId, spaceId);
  await sql.begin((tx) => routeLead(tx, id, routing));
  const [a] = await sql<{ id: string; recruiterId: string }[]>`select id, recruiter_id from assignments where lead_id = ${id}`;
  return { leadId: id, assignmentId: a.id, recruiterId: a.recruiterId };
}

/**
 * Leaves the lead's assignment notice dead, as the sender does after its last try: 5 attempts and
 * `lastError` (what the SMTP server said). Returns the notice's id (text).
 */
export async function deadAssignmentNotice(sql: Sql, leadId: string, lastError: string): Promise<string> {
  const [n] = await sql<{ id: string }[]>`
    update notifications set status = 'dead', attempts = 5, last_error = ${lastError}
    where lead_id = ${leadId} and kind = 'assignment' returning id::text`;
  return n.id;
}
