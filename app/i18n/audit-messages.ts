import { defineMessages } from "./i18n";

// Reasons written to the audit trail (routing_events.reason, lead notes' events) by jobs, desk and admin
// actions. Stored in both languages (`auditMessages.both(key, params)`): the admin reads them in theirs.
const zh = {
  unknown: "未知",
  noteParen: "（{note}）",
  noteColon: "：{note}",

  // jobs
  "notice.wecomPosted": "已推送企业微信群",
  "notice.wecomFailed": "企业微信推送失败：{error}",
  "notice.emailSent": "已发邮件（{kind}）",
  "notice.kind.assignment": "分配通知",
  "notice.kind.reroute-notice": "改派通知",
  "notice.kind.escalation": "升级通知",
  "notice.kind.wecom": "企业微信推送",
  "notice.emailFailed": "邮件发送失败：{reason}",
  "notice.emailFallback": "邮件未送达，已生成热线任务电话告知专员",
  "notice.handoverCreated": "已生成热线转交任务",
  "sla.missed": "接单时限已过，未接单",
  "sla.escalated": "改派 {reroutes} 次后仍未接单，升级给管理员",
  "space.removed": "房源已下架",
  "space.noLongerFits": "房源 {space} 不再符合，重新匹配",
  "route.noMatch": "无匹配空间，转热线回访",
  "match.outranked": "重新匹配后未入选前 5",

  // admins
  "admin.deadLetterRetried": "管理员重发失败通知（原因：{error}）",
  "admin.deadLetterHotline": "管理员将发送失败的通知改由热线电话转告",
  "admin.deadLetterHandled": "管理员将发送失败的通知标记为已处理{note}",
  "admin.assignedByHand": "管理员 {actor} 手动分配给 {recruiter}：{why}",
  "admin.rerouteAsked": "管理员 {actor} 要求改派",
  "admin.closed": "管理员关闭线索：{what}{note}",
  "admin.closed.spam": "垃圾信息",
  "admin.closed.duplicate": "重复于 {reference}",

  // recruiters and the hotline
  "desk.signedElsewhere": "企业已与其他园区签约，本分配关闭",
  "desk.declined": "招商专员拒绝接单，改派",
  "desk.declinedBecause": "招商专员拒绝接单（{label}{note}），改派",
  "desk.noteAdded": "招商专员添加了备注",
  "desk.followUpSet": "跟进日期设为 {on}",
  "desk.followUpCleared": "取消跟进日期",
  "desk.visitOn": "看厂日期 {on}",
  "desk.lost": "已流失：{label}{note}",
  "desk.reopened": "撤销“已流失”，恢复跟进",
  "privacy.lostErased": "已流失（说明已按个人信息删除要求清除）",
  "privacy.declinedErased": "招商专员拒绝接单，改派（说明已按个人信息删除要求清除）",
  "desk.reopenedSigned": "撤销“已签约”，恢复跟进",
  "desk.reopenedElsewhere": "另一园区撤销了“已签约”，本分配恢复",
  "desk.shortlistShared": "向企业分享了 {count} 个空间的推荐清单",
  "hotline.wrongNumber": "热线来电号码错误，需管理员核实联系方式",
  "hotline.handedOver": "热线转交完成，专员已电话接单",
  "hotline.handoverDeclined": "热线转交时专员拒绝接单，改派",
  "recruiter.away": "招商专员休假/出差（至 {until}），改派",
  "recruiter.inactive": "招商专员已停用，改派",
} as const;

export type AuditKey = keyof typeof zh;

const en: Record<AuditKey, string> = {
  unknown: "unknown",
  noteParen: " ({note})",
  noteColon: ": {note}",

  "notice.wecomPosted": "Posted to the WeCom group",
  "notice.wecomFailed": "WeCom post failed: {error}",
  "notice.emailSent": "Email sent ({kind})",
  "notice.kind.assignment": "assignment notice",
  "notice.kind.reroute-notice": "re-route notice",
  "notice.kind.escalation": "escalation notice",
  "notice.kind.wecom": "WeCom post",
  "notice.emailFailed": "Email failed: {reason}",
  "notice.emailFallback": "Email failed: a hotline task tells the recruiter by phone",
  "notice.handoverCreated": "Hotline hand-over task created",
  "sla.missed": "Not accepted before the deadline",
  "sla.escalated": "Not accepted after {reroutes} {reroutes:re-route|re-routes}; escalated to the admins",
  "space.removed": "Space removed",
  "space.noLongerFits": "Space {space} no longer fits; re-matching",
  "route.noMatch": "No matching space; hotline call-back",
  "match.outranked": "Not among the top 5 after re-matching",

  "admin.deadLetterRetried": "An admin retried a dead letter (was: {error})",
  "admin.deadLetterHotline": "An admin sent the dead letter through a hotline task instead",
  "admin.deadLetterHandled": "An admin marked the dead letter handled{note}",
  "admin.assignedByHand": "Assigned by hand to {recruiter} by {actor}: {why}",
  "admin.rerouteAsked": "{actor} asked for a re-route",
  "admin.closed": "Closed by an admin as {what}{note}",
  "admin.closed.spam": "spam",
  "admin.closed.duplicate": "a duplicate of {reference}",

  "desk.signedElsewhere": "The enterprise signed with another park; closed",
  "desk.declined": "Declined by the recruiter; re-routed",
  "desk.declinedBecause": "Declined by the recruiter ({label}{note}); re-routed",
  "desk.noteAdded": "The recruiter added a note",
  "desk.followUpSet": "Follow-up set for {on}",
  "desk.followUpCleared": "Follow-up cleared",
  "desk.visitOn": "Site visit on {on}",
  "desk.lost": "Lost: {label}{note}",
  "desk.reopened": "Undid “lost”; back to work",
  "privacy.lostErased": "Lost (the note was erased on request)",
  "privacy.declinedErased": "Declined by the recruiter; re-routed (the note was erased on request)",
  "desk.reopenedSigned": "Undid “signed”; back to work",
  "desk.reopenedElsewhere": "Another park undid “signed”; this assignment is open again",
  "desk.shortlistShared": "Shared a shortlist of {count} {count:space|spaces} with the enterprise",
  "hotline.wrongNumber": "Wrong number on a hotline call; the admin must check the contact",
  "hotline.handedOver": "Handed over by the hotline; the recruiter accepted on the phone",
  "hotline.handoverDeclined": "The phone recruiter declined on the hand-over call; re-routed",
  "recruiter.away": "recruiter away until {until}; re-routed",
  "recruiter.inactive": "recruiter deactivated; re-routed",
};

export const auditMessages = defineMessages({ zh, en });
