import { type AssignmentDetails, loadAssignmentDetails, needAreaText } from "~/assignments/assignment-details.server";
import { finishNotice, markHandedToHotline, openNotification } from "~/assignments/notifications.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { markDone } from "~/db/outbox.server";
import { formatPhoneForDisplay } from "~/domain/phone";
import { openCallTask } from "~/hotline/call-tasks.server";

import type { JobContext } from "./job-context";

/**
 * A recruiter who works by phone gets the lead through hotline staff: a call task "call recruiter X and
 * hand over lead Y", with the numbers, the script to read and the matched spaces. One task per round.
 */
export async function notifyHotlineJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const n = await openNotification(ctx.sql, data.id);
  if (!n) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const d = n.assignment_id ? await loadAssignmentDetails(ctx.sql, n.assignment_id) : null;
  await ctx.sql.begin(async (tx) => {
    if (d?.recruiter && d.recruiter.id === n.recipient) {
      const script = handoverScript(d, ctx.routing.slaMinutes);
      await Promise.all([
        openCallTask(tx, {
          kind: "handover",
          leadId: d.leadId,
          assignmentId: d.id,
          recruiterId: d.recruiter.id,
          phone: d.recruiter.phone,
          script,
          dedupeKey: `handover:${n.id}`,
        }),
        markHandedToHotline(tx, n.id),
        recordRoutingEvent(tx, {
          assignmentId: d.id,
          leadId: d.leadId,
          event: "notified",
          recruiterId: d.recruiter.id,
          reason: { zh: "已生成热线转交任务", en: "Hotline hand-over task created" },
        }).execute(),
        markDone(tx, data.outboxId),
      ]);
    } else {
      await Promise.all([finishNotice(tx, n.id, "dead", "assignment moved to another recruiter"), markDone(tx, data.outboxId)]);
    }
  });
}

/**
 * What hotline staff read to a recruiter when handing a lead over by phone (zh-CN): both phone
 * numbers, the need, the park, the acceptance deadline and the matched spaces with their reasons.
 * `d.recruiter` must be set.
 */
export function handoverScript(d: AssignmentDetails, slaMinutes: number): string {
  const recruiter = d.recruiter!;
  const spaces = d.spaces
    .filter((s) => s.withdrawnAt === null)
    .map((s, i) => `${i + 1}. ${s.title}（${s.score}分）：${s.reasons.map((r) => r.zh).join("；")}`)
    .join("\n");
  return [
    `请致电招商专员 ${recruiter.name}（${formatPhoneForDisplay(recruiter.phone)}），转交线索 ${d.reference}：`,
    `企业 ${d.lead.company.name}，联系人 ${d.lead.contact.name}，电话 ${formatPhoneForDisplay(d.lead.contact.phone)}；`,
    `需求 ${needAreaText(d.lead)}，产品 ${d.lead.use.product}；园区 ${d.parkName}。`,
    `请专员在 ${slaMinutes} 分钟内接单，超时将改派。`,
    spaces ? `匹配空间：\n${spaces}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}
