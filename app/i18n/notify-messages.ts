import { defineMessages } from "./i18n";

// What the system tells people outside a page: the recruiter's assignment email, the re-route and
// escalation emails (app/notify/email-templates.tsx), the WeCom card (app/notify/wecom-message.ts),
// the hotline's hand-over and escalation scripts, and the reasons written to the routing audit trail
// by jobs and desk actions. Recruiters and hotline staff read zh-CN today, so senders pass "zh";
// English mirrors it key for key for when a reader's language is known.
const zh = {
  // the kind of space is the admin catalog's need.kind.*; the deal is said as a verb here
  "need.deal.lease": "租赁",
  "need.deal.buy": "购买",
  "need.deal.either": "租赁或购买",
  "need.label": "{deal}{kind}",
  "moveIn.month": "{year}年{month}月前",

  // the assignment email
  "assignment.subject": "【新线索 {reference}】{rerouted}{company} · {need} · {area}",
  "assignment.subjectRerouted": "（改派）",
  "assignment.greeting": "{name}，您好：",
  "assignment.intro": "{park} 有一条新的企业需求分配给您，请尽快联系企业。",
  "assignment.introRerouted": "此线索原分配的专员未在时限内接单，现改派给您（{park}），请尽快处理。",
  "assignment.enterprise": "企业信息",
  "assignment.field.reference": "线索编号",
  "assignment.field.company": "企业名称",
  "assignment.field.product": "产品/业务",
  "assignment.field.industry": "所属行业",
  "assignment.field.need": "需求",
  "assignment.field.contact": "联系人",
  "assignment.field.phone": "联系电话",
  "assignment.field.tax": "年纳税",
  "assignment.field.moveIn": "期望入驻",
  "assignment.field.notes": "备注",
  "assignment.spaces": "匹配的空间 · {park}",
  "assignment.noSpacesText": "（暂无匹配的空间，请与企业沟通后推荐）",
  "assignment.noSpacesHtml": "暂无匹配的空间，请与企业沟通后推荐。",
  "assignment.score": "匹配度",
  "assignment.conditional": "（有条件匹配，需核实）",
  "assignment.section": "【{title}】",
  "assignment.row": "{label}：{value}",
  "assignment.notesText": "备注：",
  "assignment.spaceText": "{n}. {title}  匹配度 {score}{conditional}",
  "assignment.next": "下一步",
  "assignment.action": "请在 {minutes} 分钟内在招商工作台接单，超时将改派。",
  "assignment.actionBy": "请在 {deadline}（北京时间）前在招商工作台接单，超时将改派。",
  "assignment.open": "打开线索并接单",
  "assignment.openText": "打开线索：{url}",
  "assignment.noLink": "请登录招商工作台，在“我的线索”中处理。",
  "assignment.privacy": "本邮件含企业联系方式，仅用于本次招商对接，请勿转发。",

  // the re-route notice to the recruiter who let the SLA lapse, and the escalation to an admin
  "reroute.subject": "【已改派 {reference}】{company} 超时未接单，已转给其他专员",
  "reroute.body": "线索 {reference}（{park}）在 {minutes} 分钟内未被接单，系统已改派给下一位专员。无需再处理此线索。",
  "reroute.subject.queue": "【已转出 {reference}】{company} 超时未接单，已转入管理员待分配队列",
  "reroute.body.queue":
    "线索 {reference}（{park}）在 {minutes} 分钟内未被接单。目前没有其他专员可以接手，线索已转入管理员待分配队列，由管理员指派。无需再处理此线索。",
  "reroute.subject.back": "【{reference}】{company} 超时未接单后，又交回给您",
  "reroute.body.back":
    "线索 {reference}（{park}）在 {minutes} 分钟内未被接单，系统曾将其转出；现在这条分配又交回给您，请在“我的线索”中跟进。",
  "withdrawn.subject": "【分配结束 {reference}】{company} 的需求已更正，{park} 已无符合的空间",
  "withdrawn.body":
    "线索 {reference} 的需求已更正（{why}），{park} 已没有符合新需求的空间，您的这条分配已结束，线索已转给现在符合的园区。您写的跟进记录、通话记录都保留在线索上，在“我的线索 · 历史”里可以查看。如果企业仍想看{park}的房源，请联系热线或管理员重新分配。",
  "withdrawn.open": "查看线索",
  "withdrawn.subject.parkRetired": "【分配结束 {reference}】{company}：{park} 已停用",
  "withdrawn.body.parkRetired":
    "管理员已停用 {park}，线索 {reference} 在这里尚未接单的分配随之结束，线索已重新匹配，转给仍然符合的园区。无需再处理此线索。园区恢复启用后，这条分配也不会恢复；如需把线索交回{park}，请联系管理员在线索页手动分配。",
  "withdrawn.subject.leadClosed": "【分配结束 {reference}】{company}：线索已被管理员关闭",
  "withdrawn.body.leadClosed":
    "管理员已关闭线索 {reference}（{why}），您在{park}的这条分配随之结束，无需再跟进。您写的跟进记录、通话记录都保留在线索上，在“我的线索 · 历史”里可以查看。如有疑问，请联系管理员。",
  "withdrawn.closedAs.spam": "无效线索/垃圾信息",
  "withdrawn.closedAs.duplicate": "与线索 {reference} 重复",
  "withdrawn.subject.signedElsewhere": "【分配结束 {reference}】{company} 已与 {signedPark} 签约",
  "withdrawn.body.signedElsewhere":
    "企业已与 {signedPark} 签约，线索 {reference} 在{park}的这条分配随之结束，无需再联系企业。您写的跟进记录、通话记录都保留在线索上，在“我的线索 · 历史”里可以查看。",
  "escalation.subject": "【升级 {reference}】{company} 两次改派仍无人接单",
  "escalation.body": "线索 {reference}（{park}，{area}）已两次改派，仍无人在时限内接单，请管理员处理。",
  "escalation.open": "查看分配",

  // the WeCom card
  "wecom.new": "**新线索分配**　编号：{reference}",
  "wecom.rerouted": "**线索改派**　编号：{reference}",
  "wecom.park": "> 园区：{park}",
  "wecom.need": "> 需求：{need}",
  "wecom.industry": "> 行业：{industry}",
  "wecom.recruiter": "> 招商专员：{name}（{phone}）",
  "wecom.reroutedNote": "此线索已改派给上述招商专员，请尽快跟进。",
  "wecom.open": "查看分配详情",
  "wecom.withdrawn": "**分配结束**　编号：{reference}",
  "wecom.withdrawnNeed": "> 更正后的需求：{need}",
  "wecom.withdrawnRecruiter": "> 原招商专员：{name}",
  "wecom.withdrawnNote": "企业更正了需求，本园区已没有符合的空间，这条分配已结束，不必再跟进。",
  "wecom.withdrawnNote.parkRetired": "本园区已被管理员停用，尚未接单的这条分配已结束，线索已转给仍然符合的园区，不必再跟进。",
  "wecom.withdrawnNote.leadClosed": "管理员已关闭此线索（{why}），这条分配已结束，不必再跟进。",
  "wecom.withdrawnNote.signedElsewhere": "企业已与 {signedPark} 签约，本园区的这条分配已结束，不必再联系企业。",
  "wecom.lapsed": "**线索超时未接单**　编号：{reference}",
  "wecom.lapsedRecruiter": "> 原招商专员：{name}",
  "wecom.lapsedNote": "此线索在 {minutes} 分钟内未被接单，暂无其他可接的专员，已转入管理员待分配队列。",

  // what hotline staff read out (call tasks)
  "handover.call": "请致电招商专员 {name}（{phone}），转交线索 {reference}：",
  "handover.company": "企业 {company}",
  "handover.contact": "联系人 {contact}",
  "handover.phone": "电话 {phone}",
  "handover.need": "需求 {need}",
  "handover.product": "产品 {product}",
  "handover.park": "园区 {park}",
  "handover.partSep": "，",
  "handover.groupSep": "；",
  "handover.end": "。",
  "handover.deadline": "请专员在 {minutes} 分钟内接单，超时将改派。",
  "handover.deadlineBy": "请专员在 {deadline}（北京时间）前接单，超时将改派。",
  "handover.spaces": "匹配空间：",
  "handover.space": "{n}. {title}（{score}分）：{reasons}",
  "handover.reasonSep": "；",
  "handover.emailFailed": "【邮件未送达，请电话告知】",
  "handover.noticeFailed": "【通知未送达，管理员改由热线转告】",
  "withdrawal.script":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}）的分配已结束：企业更正了需求（{need}），{park} 已没有符合的空间，线索已转给现在符合的园区，不必再跟进。专员的跟进记录、通话记录都保留在线索上。",
  "withdrawal.script.parkRetired":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}）的分配已结束：管理员已停用 {park}，尚未接单的分配随之结束，线索已转给仍然符合的园区，不必再跟进。园区恢复启用后这条分配也不会恢复。",
  "withdrawal.script.leadClosed":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}，{park}）的分配已结束：管理员已关闭此线索（{why}），不必再跟进。专员的跟进记录、通话记录都保留在线索上。",
  "withdrawal.script.signedElsewhere":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}，{park}）的分配已结束：企业已与 {signedPark} 签约，不必再联系企业。专员的跟进记录、通话记录都保留在线索上。",
  "reroute.script":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}，{park}）在 {minutes} 分钟内未被接单，系统已改派给下一位专员，无需再处理此线索。",
  "reroute.script.queue":
    "请致电招商专员 {name}（{phone}），告知线索 {reference}（{company}，{park}）在 {minutes} 分钟内未被接单；没有其他专员可以接手，线索已转入管理员待分配队列，由管理员指派，无需再处理此线索。",
  "escalation.script": "升级：线索 {reference} 两次改派仍无人接单。请先致电企业致歉并确认需求仍有效，再通知管理员指派专员。",
  "callback.script": "回访 {reference}：暂无匹配的厂房/土地。请致电企业核实需求（面积、区域、用途、预算），记录后更新需求。",
  "callback.nearMisses": "最接近的房源（可向企业介绍）：",
  "callback.disagree": "企业的补充说明与所填不一致，回访时请确认：",
  "callback.miss": "{n}. {park} {title}：{why}",
  "callback.missAdvice": "{n}. {why}",
  "mail.fromName": "园区招商平台",
  "reason.rematchByAdmin": "管理员重新匹配（{actor}）",
  "reason.needEdited": "需求已修改",
} as const;

export type NotifyKey = keyof typeof zh;

const en: Record<NotifyKey, string> = {
  "need.deal.lease": "to lease",
  "need.deal.buy": "to buy",
  "need.deal.either": "to lease or buy",
  "need.label": "{kind} {deal}",
  "moveIn.month": "by {month}/{year}",

  "assignment.subject": "[New lead {reference}]{rerouted} {company} · {need} · {area}",
  "assignment.subjectRerouted": " (re-routed)",
  "assignment.greeting": "Dear {name},",
  "assignment.intro": "A new enterprise need at {park} is assigned to you; please contact the enterprise soon.",
  "assignment.introRerouted":
    "The recruiter first assigned did not accept this lead in time; it is now re-routed to you ({park}). Please handle it soon.",
  "assignment.enterprise": "Enterprise",
  "assignment.field.reference": "Lead reference",
  "assignment.field.company": "Company",
  "assignment.field.product": "Products / business",
  "assignment.field.industry": "Industry",
  "assignment.field.need": "Need",
  "assignment.field.contact": "Contact",
  "assignment.field.phone": "Phone",
  "assignment.field.tax": "Annual tax",
  "assignment.field.moveIn": "Move in",
  "assignment.field.notes": "Notes",
  "assignment.spaces": "Matching spaces · {park}",
  "assignment.noSpacesText": "(No matching space yet; talk to the enterprise, then recommend one)",
  "assignment.noSpacesHtml": "No matching space yet; talk to the enterprise, then recommend one.",
  "assignment.score": "match",
  "assignment.conditional": " (conditional match, to be checked)",
  "assignment.section": "[{title}]",
  "assignment.row": "{label}: {value}",
  "assignment.notesText": "Notes:",
  "assignment.spaceText": "{n}. {title}  match {score}{conditional}",
  "assignment.next": "Next step",
  "assignment.action": "Accept it on the recruiter desk within {minutes} {minutes:minute|minutes}, or it is re-routed.",
  "assignment.actionBy": "Accept it on the recruiter desk by {deadline} (Beijing time), or it is re-routed.",
  "assignment.open": "Open the lead and accept",
  "assignment.openText": "Open the lead: {url}",
  "assignment.noLink": "Sign in to the recruiter desk and find it under “My leads”.",
  "assignment.privacy": "This email holds an enterprise's contact details, for this site search only; do not forward it.",

  "reroute.subject": "[Re-routed {reference}] {company}: not accepted in time, passed to another recruiter",
  "reroute.body":
    "Lead {reference} ({park}) was not accepted within {minutes} {minutes:minute|minutes} and has been re-routed to the next recruiter. You need not handle it any more.",
  "reroute.subject.queue": "[Moved {reference}] {company}: not accepted in time, now in the admins' unassigned queue",
  "reroute.body.queue":
    "Lead {reference} ({park}) was not accepted within {minutes} {minutes:minute|minutes}. No other recruiter could take it, so it went to the admins' unassigned queue for an admin to assign. You need not handle it any more.",
  "reroute.subject.back": "[{reference}] {company}: not accepted in time, now assigned to you again",
  "reroute.body.back":
    "Lead {reference} ({park}) was not accepted within {minutes} {minutes:minute|minutes} and was moved on; it has since been assigned to you again: please follow it up under My leads.",
  "withdrawn.subject": "[Assignment ended {reference}] {company}: the need was corrected and {park} no longer fits",
  "withdrawn.body":
    "The need of lead {reference} was corrected ({why}) and no space of {park} fits it now: your assignment has ended and the lead went to the parks that fit. Your follow-up notes and call notes stay on the lead; you find it under My leads · History. If the enterprise still wants to see {park}, ask the hotline or an admin to assign it again.",
  "withdrawn.open": "Open the lead",
  "withdrawn.subject.parkRetired": "[Assignment ended {reference}] {company}: {park} was retired",
  "withdrawn.body.parkRetired":
    "An admin retired {park}: your offer of lead {reference} there, not yet accepted, has ended, and the lead was matched again and went to the parks that still fit. You need not handle it any more. Restoring the park does not bring this offer back; to have the lead at {park} again, ask an admin to assign it by hand on the lead's page.",
  "withdrawn.subject.leadClosed": "[Assignment ended {reference}] {company}: an admin closed the lead",
  "withdrawn.body.leadClosed":
    "An admin closed lead {reference} ({why}): your assignment at {park} has ended; no follow-up is needed. Your follow-up notes and call notes stay on the lead; you find it under My leads · History. Ask an admin if in doubt.",
  "withdrawn.closedAs.spam": "not a real inquiry / spam",
  "withdrawn.closedAs.duplicate": "a duplicate of lead {reference}",
  "withdrawn.subject.signedElsewhere": "[Assignment ended {reference}] {company} signed with {signedPark}",
  "withdrawn.body.signedElsewhere":
    "The enterprise signed with {signedPark}: your assignment of lead {reference} at {park} has ended; do not contact the enterprise about it any more. Your follow-up notes and call notes stay on the lead; you find it under My leads · History.",
  "escalation.subject": "[Escalation {reference}] {company}: re-routed twice, still not accepted",
  "escalation.body": "Lead {reference} ({park}, {area}) was re-routed twice and still nobody accepted it in time; an admin must step in.",
  "escalation.open": "View the assignment",

  "wecom.new": "**New lead**　reference: {reference}",
  "wecom.rerouted": "**Lead re-routed**　reference: {reference}",
  "wecom.park": "> Park: {park}",
  "wecom.need": "> Need: {need}",
  "wecom.industry": "> Industry: {industry}",
  "wecom.recruiter": "> Recruiter: {name} ({phone})",
  "wecom.reroutedNote": "This lead is re-routed to the recruiter above; please follow up soon.",
  "wecom.open": "View the assignment",
  "wecom.withdrawn": "**Assignment ended**　reference: {reference}",
  "wecom.withdrawnNeed": "> Corrected need: {need}",
  "wecom.withdrawnRecruiter": "> Recruiter who held it: {name}",
  "wecom.withdrawnNote":
    "The enterprise corrected its need and no space of this park fits it now: the assignment has ended; no follow-up is needed.",
  "wecom.withdrawnNote.parkRetired":
    "An admin retired this park: the offer, not yet accepted, has ended and the lead went to the parks that still fit; no follow-up is needed.",
  "wecom.withdrawnNote.leadClosed": "An admin closed this lead ({why}): the assignment has ended; no follow-up is needed.",
  "wecom.withdrawnNote.signedElsewhere":
    "The enterprise signed with {signedPark}: this park's assignment has ended; nobody need contact the enterprise about it.",
  "wecom.lapsed": "**Lead not accepted in time**　reference: {reference}",
  "wecom.lapsedRecruiter": "> Recruiter it was offered to: {name}",
  "wecom.lapsedNote":
    "This lead was not accepted within {minutes} {minutes:minute|minutes} and no other recruiter can take it: it went to the admins' unassigned queue.",

  "handover.call": "Call recruiter {name} ({phone}) and hand over lead {reference}:",
  "handover.company": "company {company}",
  "handover.contact": "contact {contact}",
  "handover.phone": "phone {phone}",
  "handover.need": "need {need}",
  "handover.product": "products {product}",
  "handover.park": "park {park}",
  "handover.partSep": ", ",
  "handover.groupSep": "; ",
  "handover.end": ".",
  "handover.deadline": "The recruiter must accept within {minutes} {minutes:minute|minutes}, or it is re-routed.",
  "handover.deadlineBy": "The recruiter must accept by {deadline} (Beijing time), or it is re-routed.",
  "handover.spaces": "Matching spaces:",
  "handover.space": "{n}. {title} ({score} {score:point|points}): {reasons}",
  "handover.reasonSep": "; ",
  "handover.emailFailed": "[Email not delivered: tell them by phone]",
  "handover.noticeFailed": "[Notice not delivered: an admin passes it on through the hotline]",
  "withdrawal.script":
    "Call recruiter {name} ({phone}) and tell them the assignment of lead {reference} ({company}) has ended: the enterprise corrected its need ({need}) and no space of {park} fits it now; the lead went to the parks that fit, and they need not follow it up. Their follow-up and call notes stay on the lead.",
  "withdrawal.script.parkRetired":
    "Call recruiter {name} ({phone}) and tell them the assignment of lead {reference} ({company}) has ended: an admin retired {park}, its offers not yet accepted ended, and the lead went to the parks that still fit; they need not follow it up. Restoring the park does not bring the offer back.",
  "withdrawal.script.leadClosed":
    "Call recruiter {name} ({phone}) and tell them the assignment of lead {reference} ({company}, {park}) has ended: an admin closed the lead ({why}); they need not follow it up. Their follow-up and call notes stay on the lead.",
  "withdrawal.script.signedElsewhere":
    "Call recruiter {name} ({phone}) and tell them the assignment of lead {reference} ({company}, {park}) has ended: the enterprise signed with {signedPark}; they need not contact it any more. Their follow-up and call notes stay on the lead.",
  "reroute.script":
    "Call recruiter {name} ({phone}) and tell them lead {reference} ({company}, {park}) was not accepted within {minutes} {minutes:minute|minutes} and was re-routed to the next recruiter; they need do nothing more about it.",
  "reroute.script.queue":
    "Call recruiter {name} ({phone}) and tell them lead {reference} ({company}, {park}) was not accepted within {minutes} {minutes:minute|minutes}; no other recruiter could take it, so it went to the admins' unassigned queue for an admin to assign; they need do nothing more about it.",
  "escalation.script":
    "Escalation: lead {reference} was re-routed twice and nobody accepted it. First call the enterprise, apologise and check the need still holds, then tell an admin to assign a recruiter.",
  "callback.script":
    "Call back {reference}: no factory or land matches yet. Call the enterprise to check the need (area, region, use, budget), note it and update the need.",
  "callback.nearMisses": "Nearest spaces (may be offered to the enterprise):",
  "callback.disagree": "The enterprise's notes disagree with what was ticked; confirm on the call:",
  "callback.miss": "{n}. {park} {title}: {why}",
  "callback.missAdvice": "{n}. {why}",
  "mail.fromName": "Industrial park sites",
  "reason.rematchByAdmin": "Re-matched by an admin ({actor})",
  "reason.needEdited": "Need edited",
};

export const notifyMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const notifyText = notifyMessages.t;
