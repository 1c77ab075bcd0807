import { needAreaText } from "~/assignments/assignment-details.server";
import type { Sql } from "~/db/db.server";
import type { Lead } from "~/domain/lead-schema";
import type { AssignmentStatus } from "~/domain/statuses";

// What a recruiter's queue shows: their open assignments, the ones waiting for an answer first.

export const OPEN_STATUSES = ["offered", "accepted", "contacted", "visit"] as const satisfies readonly AssignmentStatus[];

export type QueueRow = {
  assignmentId: string;
  reference: string;
  company: string;
  product: string;
  need: { kind: string; deal: string; area: string };
  parkName: string;
  status: string;
  acceptBy: string | null;
  spaces: number;
  since: string;
};

export async function loadQueue(sql: Sql, recruiterId: string): Promise<QueueRow[]> {
  const rows = await sql<
    {
      id: string;
      reference: string;
      lead: Lead;
      park_name: string;
      status: string;
      accept_by: Date | null;
      spaces: number;
      updated_at: Date;
    }[]
  >`
    select a.id, l.reference, l.lead, p.name as park_name, a.status, a.accept_by, a.updated_at,
           (select count(*)::int from matches m where m.lead_id = a.lead_id and m.park_id = a.park_id and m.withdrawn_at is null) as spaces
    from assignments a join leads l on l.id = a.lead_id join parks p on p.id = a.park_id
    where a.recruiter_id = ${recruiterId} and a.status in ${sql(OPEN_STATUSES)}
    order by (a.status = 'offered') desc, a.accept_by nulls last, a.updated_at desc
    limit 200`;
  return rows.map((r) => ({
    assignmentId: r.id,
    reference: r.reference,
    company: r.lead.company.name,
    product: r.lead.use.product,
    need: { kind: r.lead.need.kind, deal: r.lead.need.deal, area: needAreaText(r.lead) },
    parkName: r.park_name,
    status: r.status,
    acceptBy: r.accept_by?.toISOString() ?? null,
    spaces: r.spaces,
    since: r.updated_at.toISOString(),
  }));
}
