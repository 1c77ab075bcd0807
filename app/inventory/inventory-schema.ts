import { z } from "zod";

import { normalizeIndustryCode } from "~/domain/industries";
import { normalizePhone } from "~/domain/phone";
import { divisionByCode, resolveParkDistrict } from "~/domain/regions";

// The import format of DESIGN.md: {parks, spaces, recruiters}, each row upserted by id.

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "id: letters, digits, _ . - only");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date: YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "date: no such day");
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "time: HH:MM");
const optNum = (max: number) => z.number().finite().min(0).max(max).optional().nullable();
const industryList = z
  .array(z.string())
  .max(200)
  .default([])
  .transform((codes, ctx) =>
    codes.map((c) => {
      const code = normalizeIndustryCode(c);
      if (!code) ctx.addIssue({ code: "custom", message: `unknown industry code ${c}` });
      return code ?? c;
    }),
  );

export const parkSchema = z
  .object({
    id,
    name: z.string().trim().min(1).max(100),
    province: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(20),
    district: z.string().trim().min(1).max(20),
    /** GB/T 2260 code of the district; when absent it is resolved from province, city and district. */
    districtCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "districtCode: six digits (GB/T 2260)")
      .optional()
      .nullable(),
    address: z.string().max(200).optional().nullable(),
    location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .nullable(),
    industries: industryList,
    excludedIndustries: industryList,
    minTaxPerMuWan: optNum(10_000),
    minInvestmentPerMuWan: optNum(100_000),
    minTaxPer1000SqmWan: optNum(10_000),
    policies: z.string().max(2000).optional().nullable(),
    wecomWebhookUrl: z.string().url().max(500).optional().nullable(),
  })
  // Matching compares district codes (docs/decisions/017): a park whose district is not a county-level
  // division of GB/T 2260 is a bad row, named with the nearest divisions.
  .transform((p, ctx) => {
    if (p.districtCode) {
      if (divisionByCode(p.districtCode)?.level !== "district") {
        ctx.addIssue({
          code: "custom",
          path: ["districtCode"],
          message: `districtCode: ${p.districtCode} is not a county-level division code (GB/T 2260)`,
        });
        return z.NEVER;
      }
      return { ...p, districtCode: p.districtCode };
    }
    const r = resolveParkDistrict(p);
    if (!r.ok) {
      const where = `${p.province}/${p.city}/${p.district}`;
      const hint = r.suggestions.length ? `; nearest: ${r.suggestions.join(", ")}` : "";
      const why = r.reason === "ambiguous" ? "names several county-level divisions" : "is not a county-level division (GB/T 2260)";
      ctx.addIssue({
        code: "custom",
        path: ["district"],
        message: `district: ${where} ${why}${hint}; give the official name or the districtCode`,
      });
      return z.NEVER;
    }
    return { ...p, districtCode: r.division.code };
  });

export const spaceSchema = z
  .object({
    id,
    parkId: id,
    kind: z.enum(["factory", "land", "office", "warehouse"]),
    deals: z.array(z.enum(["lease", "buy"])).min(1),
    title: z.string().trim().min(1).max(100),
    areaSqm: z.number().finite().positive().max(100_000_000),
    divisibleMinSqm: optNum(100_000_000),
    floors: z.number().int().min(1).max(200).optional().nullable(),
    singleStorey: z.boolean().optional().nullable(),
    ceilingM: optNum(100),
    floorLoadKg: optNum(100_000),
    powerKva: optNum(1_000_000),
    craneT: optNum(2_000),
    rentYuanPerSqmMonth: optNum(10_000),
    priceYuanPerSqm: optNum(1_000_000),
    landPriceWanPerMu: optNum(100_000),
    availableFrom: z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/, "availableFrom: YYYY-MM or YYYY-MM-DD")
      .optional()
      .nullable(),
    status: z.enum(["available", "reserved", "let"]),
    notes: z.string().max(2000).optional().nullable(),
  })
  .refine((s) => s.divisibleMinSqm == null || s.divisibleMinSqm <= s.areaSqm, {
    message: "divisibleMinSqm must not exceed areaSqm",
    path: ["divisibleMinSqm"],
  });

export const recruiterSchema = z.object({
  id,
  name: z.string().trim().min(1).max(50),
  email: z.email().max(200),
  phone: z.string().transform((p, ctx) => {
    const r = normalizePhone(p);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: "phone: not a valid mainland number" });
      return z.NEVER;
    }
    return r.value;
  }),
  channel: z.enum(["email", "hotline"]),
  parks: z.array(id).min(1),
  industries: industryList,
  capacity: z.number().int().min(0).max(10_000),
  active: z.boolean().default(true),
  /**
   * Away (holiday, business trip): whole days in Asia/Shanghai, both ends inclusive, at most one window
   * (ADR 027). Routing skips the recruiter while today is inside it; marking someone away re-routes
   * their open offers. Empty = not away.
   */
  away: z
    .array(
      z
        .object({ from: isoDate, to: isoDate })
        .refine((w) => w.to >= w.from, { message: "away: the last day is before the first", path: ["to"] }),
    )
    .max(1, "away: one window at most")
    .default([]),
  /** Working hours: ISO weekdays (1 = Monday) and local times "HH:MM", start before end. */
  workingHours: z
    .object({
      days: z
        .array(z.number().int().min(1).max(7))
        .min(1)
        .max(7)
        .transform((d) => [...new Set(d)].sort((a, b) => a - b)),
      start: hhmm,
      end: hhmm,
    })
    .refine((h) => h.start < h.end, { message: "workingHours: the start is not before the end", path: ["end"] })
    .optional()
    .nullable(),
});

export type Park = z.output<typeof parkSchema>;
export type Space = z.output<typeof spaceSchema>;
export type Recruiter = z.output<typeof recruiterSchema>;
