import { defineMessages } from "./i18n";

// The privacy notice (/privacy) and the admin's privacy page (/admin/privacy). zh-CN first; English
// mirrors it key for key. The notice follows PIPL arts. 17 and 30: who processes, what for, who it is
// shared with, how long it is kept, how to withdraw, get a copy or have it deleted.
const zh = {
  "notice.title": "个人信息保护说明",
  "notice.version": "版本 {version}",
  "notice.intro":
    "您在本平台提交选址需求时，我们会处理您填写的企业和联系人信息。本说明依据《中华人民共和国个人信息保护法》告知您我们如何处理这些信息。提交前需要您勾选同意；同意的版本和时间会与您的线索一起保存。",
  "notice.who.h": "谁处理您的信息",
  "notice.who": "本园区招商平台的运营方是个人信息处理者。如有疑问或请求，请拨打热线 {hotline}。",
  "notice.what.h": "处理哪些信息、用于什么目的",
  "notice.what":
    "联系人姓名、手机或座机号码，以及您自愿填写的邮箱、微信、职务；企业名称、统一社会信用代码、选址需求、用途和税收等经营信息。目的只有一个：为您匹配合适的园区和载体，并安排招商专员联系您洽谈选址。我们不会将这些信息用于与选址无关的营销。",
  "notice.share.h": "与谁共享",
  "notice.share":
    "与您的需求匹配的园区的招商专员（通过邮件、热线转接或园区企业微信群通知），他们只能看到与其园区相关的线索。热线坐席在回访时可以看到您的电话。工作人员每次查看完整电话号码都会被记录，管理员可以查阅。",
  "notice.keep.h": "保存多久",
  "notice.keep":
    "未达成签约的线索在提交后 {days} 天匿名化：删除联系人、电话、企业名称、备注和您输入的原文，同时删除搜索索引和邮件副本；只保留不能识别您的统计数据。已签约的线索按合同管理的需要保存。",
  "notice.rights.h": "撤回同意、获取副本或删除",
  "notice.rights":
    "您可以随时撤回同意，或要求获取、更正、删除您的信息：拨打热线 {hotline} 并告知提交时的电话号码或线索编号。管理员核实身份后导出或删除您的全部数据（线索、搜索索引、邮件副本），每次处理都会记入审计日志。撤回同意不影响撤回前已进行的处理。",
  "notice.back": "返回需求表单",
  "notice.link": "个人信息保护说明",

  "admin.nav": "个人信息",
  "admin.title": "个人信息保护",
  "admin.request.h": "个人的查询、导出与删除请求",
  "admin.request.intro":
    "按电话号码（任何写法）或线索编号查找一个人的全部线索；导出给出我们保存的全部数据（JSON），删除将其匿名化（线索、搜索索引、开发邮件）。两者都记入审计日志。",
  "admin.query": "电话号码或线索编号",
  "admin.find": "查找",
  "admin.export": "导出全部数据（JSON）",
  "admin.erase": "删除（匿名化）此人的全部线索",
  "admin.erase.confirm": "我已核实请求人的身份，确认删除",
  "admin.erase.needConfirm": "请先勾选确认。",
  "admin.erased": "已匿名化 {count} 条线索，删除邮件 {mails} 封。",
  "admin.invalid": "请输入有效的电话号码或线索编号（PM-YYYYMMDD-NNNN）。",
  "admin.none": "没有找到此人的线索。",
  "admin.leads.caption": "此人的线索",
  "admin.anonymised": "已匿名化",
  "admin.audit.h": "审计日志：请求与保存期限",
  "admin.audit.caption": "最近的导出、删除和保存期限匿名化",
  "admin.audit.empty": "还没有记录。",
  "admin.access.h": "完整电话号码查看记录",
  "admin.access.caption": "工作人员查看完整电话号码的记录（最新在前）",
  "admin.access.empty": "还没有人查看过完整电话号码。",
  "col.at": "时间",
  "col.actor": "操作人",
  "col.role": "角色",
  "col.action": "操作",
  "col.subject": "对象",
  "col.leads": "线索数",
  "col.reference": "线索编号",
  "col.place": "位置",
  "col.status": "状态",
  "col.company": "企业",
  "col.phone": "电话（脱敏）",
  "col.created": "提交时间",
  "action.export": "导出",
  "action.erase": "删除",
  "action.retention": "保存期限到期",
  "place.assignment-page": "招商专员线索页",
  "place.call-tasks": "热线待办列表",
  "place.caller-lookup": "热线来电查询",
  "place.admin-lead": "管理后台线索页",
  "place.api-lead": "接口 /api/leads",
  "role.admin": "管理员",
  "role.recruiter": "招商专员",
  "role.hotline": "热线坐席",
  "lead.revealPhone": "显示完整号码（将被记录）",
  "lead.anonymised": "已按个人信息删除请求匿名化：企业名称、联系人和电话已删除，分配已结束，这条线索不再跟进。",
};

export type PrivacyKey = keyof typeof zh;

const en: Record<PrivacyKey, string> = {
  "notice.title": "Privacy notice",
  "notice.version": "Version {version}",
  "notice.intro":
    "When you submit a site request on this platform we process the company and contact details you give us. Under China's Personal Information Protection Law (PIPL), this notice tells you how. You tick your consent before submitting; the version of this notice and the time are stored with your lead.",
  "notice.who.h": "Who processes your information",
  "notice.who":
    "The operator of this industrial-park investment platform is the personal information handler. For questions or requests, call the hotline {hotline}.",
  "notice.what.h": "What we process and why",
  "notice.what":
    "The contact's name, mobile or landline number, and the email, WeChat and title you choose to give; the company's name, unified social credit code, site needs, use and tax figures. One purpose only: to match you with suitable parks and spaces and have a recruiter contact you about a site. We do not use it for marketing unrelated to your site search.",
  "notice.share.h": "Who it is shared with",
  "notice.share":
    "The recruiters of the parks that match your needs (by email, a hotline hand-over or the park's WeCom group); each sees only the leads of their park. Hotline staff see your number when they call back. Every time staff view a full phone number it is recorded, and admins can read that record.",
  "notice.keep.h": "How long it is kept",
  "notice.keep":
    "A lead that did not end in a signed deal is anonymised {days} {days:day|days} after it was submitted: the contact, phone, company name, notes and what you typed are deleted, together with the search index entry and mail copies; only figures that cannot identify you remain. Signed leads are kept as contract records require.",
  "notice.rights.h": "Withdraw consent, get a copy or have it deleted",
  "notice.rights":
    "You may withdraw your consent at any time, or ask for a copy, a correction or deletion of your information: call the hotline {hotline} with the phone number or lead reference you submitted. After checking who you are, an admin exports or deletes all your data (leads, search index entries, mail copies); each request is recorded in the audit log. Withdrawing consent does not affect processing done before.",
  "notice.back": "Back to the request form",
  "notice.link": "Privacy notice",

  "admin.nav": "Privacy",
  "admin.title": "Privacy (PIPL)",
  "admin.request.h": "A person's requests: find, export, delete",
  "admin.request.intro":
    "Find all leads of one person by phone number (however written) or lead reference. Export gives everything we hold (JSON); delete anonymises it (leads, search index, development mails). Both are recorded in the audit log.",
  "admin.query": "Phone number or lead reference",
  "admin.find": "Find",
  "admin.export": "Export all data (JSON)",
  "admin.erase": "Delete (anonymise) all of this person's leads",
  "admin.erase.confirm": "I have checked the requester's identity and confirm the deletion",
  "admin.erase.needConfirm": "Tick the confirmation first.",
  "admin.erased": "{count} {count:lead|leads} anonymised, {mails} {mails:mail|mails} deleted.",
  "admin.invalid": "Enter a valid phone number or lead reference (PM-YYYYMMDD-NNNN).",
  "admin.none": "No leads of this person.",
  "admin.leads.caption": "This person's leads",
  "admin.anonymised": "anonymised",
  "admin.audit.h": "Audit log: requests and retention",
  "admin.audit.caption": "Latest exports, deletions and retention anonymisations",
  "admin.audit.empty": "Nothing recorded yet.",
  "admin.access.h": "Views of full phone numbers",
  "admin.access.caption": "Staff who were shown a full phone number (newest first)",
  "admin.access.empty": "Nobody has viewed a full phone number yet.",
  "col.at": "Time",
  "col.actor": "Who",
  "col.role": "Role",
  "col.action": "Action",
  "col.subject": "Subject",
  "col.leads": "Leads",
  "col.reference": "Reference",
  "col.place": "Where",
  "col.status": "Status",
  "col.company": "Company",
  "col.phone": "Phone (masked)",
  "col.created": "Submitted",
  "action.export": "export",
  "action.erase": "delete",
  "action.retention": "retention period over",
  "place.assignment-page": "recruiter's lead page",
  "place.call-tasks": "hotline call tasks",
  "place.caller-lookup": "hotline caller lookup",
  "place.admin-lead": "admin lead page",
  "place.api-lead": "API /api/leads",
  "role.admin": "admin",
  "role.recruiter": "recruiter",
  "role.hotline": "hotline",
  "lead.revealPhone": "Show the full number (recorded)",
  "lead.anonymised":
    "Anonymised on a request to delete personal data: the company, contact and phone are gone, its assignments ended, and the lead is no longer worked.",
};

export const privacyMessages = defineMessages({ zh, en });

/** The text for `key` in `lng`, with `{name}` placeholders filled from `params` (app/i18n/i18n.ts). */
export const privacyText = privacyMessages.t;
