/** The version of the privacy notice (/privacy) that a lead's consent refers to; stored with each lead. */
export const PRIVACY_NOTICE_VERSION = "2026-12-01";
