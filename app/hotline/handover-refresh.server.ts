import { handoverScript, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import type { TransactionSql } from "~/db/db.server";

/**
 * A hand-over still to be made (kind `handover`, open or no answer yet, its offer still with the recruiter it
 * names) reads out the lead as it is now: re-rendered from the current need and this park's current matches
 * after the lead is matched again (docs/decisions/135; a need edit left the script saying the old need and old
 * reasons — trial 32 M3), as ADR 127 rewrites a call-back's near misses. Its place in the list, due time and
 * tries stay. In the match's transaction, after its matches are saved: the lead's own offers only (by lead id,
 * the open hand-overs of its offered assignments: few rows, the tasks' open-kind index).
 */
export async function refreshHandoverScripts(tx: TransactionSql, leadId: string, slaMinutes: number): Promise<number> {
  const tasks = await tx<{ id: string; assignmentId: string; scriptZh: string; scriptEn: string }[]>`
    select c.id, c.assignment_id, c.script as script_zh, c.script_en
    from call_tasks c join assignments a on a.id = c.assignment_id
    where c.kind = 'handover' and c.status in ('open', 'no-answer') and a.lead_id = ${leadId}
      and a.status = 'offered' and a.recruiter_id is not distinct from c.recruiter_id`;
  let changed = 0;
  for (const t of tasks) {
    const d = await loadAssignmentDetails(tx, t.assignmentId);
    if (!d?.recruiter) continue;
    const zh = handoverScript(d, slaMinutes, "zh");
    const en = handoverScript(d, slaMinutes, "en");
    if (zh === t.scriptZh && en === t.scriptEn) continue;
    await tx`update call_tasks set script = ${zh}, script_en = ${en}, updated_at = now() where id = ${t.id}`;
    changed++;
  }
  return changed;
}
