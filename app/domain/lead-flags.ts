/**
 * A note the intake leaves for the recruiter: something it read but doubts, never dropped silently.
 * `field` is the dotted field name (`tax.annualTaxWan`, `need.notes`, `company.creditCode`, …).
 */
export type LeadFlagCode = "unread" | "implausible" | "creditCodeCheck" | "phoneNote";
export type LeadFlag = { field: string; code: LeadFlagCode; text: string };
