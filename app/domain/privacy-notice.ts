/** The version of the privacy notice (/privacy) that a lead's consent refers to; stored with each lead. */
export const PRIVACY_NOTICE_VERSION = "2026-12-01";

/**
 * What the hotline agent reads to a caller before keying in their lead (PIPL art. 17: the purpose, who
 * receives the data, how long it is kept, the caller's rights), shown on the desk beside the consent box.
 * Its version is stored as the lead's `consent_version` (oral consent), so which words the caller
 * agreed to can be told later. A changed text needs a new version.
 */
export const HOTLINE_CONSENT_SCRIPT = {
  version: `hotline-${PRIVACY_NOTICE_VERSION}`,
  zh: "为帮您匹配合适的厂房或土地，我们会记录您的公司、联系人、电话和需求，并提供给匹配园区的招商专员联系您；信息按隐私政策保存，您可以随时要求查询、更正或删除。请问您同意吗？",
  en: "To match you with suitable buildings or land we record your company, contact, phone and need, and share them with the recruiters of the matched parks, who will call you; we keep them as our privacy notice says and you may ask to see, correct or erase them at any time. Do you agree?",
} as const;
