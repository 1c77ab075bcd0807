import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { normalizeEmail } from "~/domain/email";
import { cleanTyped } from "~/domain/format-chars";
import { industryLabel, isIndustryExcluded } from "~/domain/industries";
import { readIndustry } from "~/domain/industry-search";
import { normalizePhone } from "~/domain/phone";
import { divisionByCode, resolveParkDistrict, standardPlaceNames } from "~/domain/regions";
import { isWecomWebhookUrl } from "~/domain/wecom-url";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";
import type { Lng } from "~/i18n/lng";

import { readAvailableFromCell } from "./cell-dates";

// The import format of DESIGN.md: {parks, spaces, recruiters}, each row upserted by id.

type RuleKey = (typeof inventoryRuleMessages.keys)[number];
/**
 * A rule's message in both languages, as the issue's `params.say` ({ zh, en }); the parse's error map
 * (libraryErrorMap) says it in the reader's language. Rules carry no plain-text message of their own.
 */
function rule(key: RuleKey, params?: Record<string, string> | ((lng: Lng) => Record<string, string>)) {
  return { params: { say: inventoryRuleMessages.both(key, params) } };
}

const id = z
  .string()
  .overwrite(cleanTyped)
  .min(1, { abort: true }) // blank is all there is to say
  .max(64)
  .refine((s) => /^[A-Za-z0-9_.-]+$/.test(s), rule("idChars"));
const isoDate = z
  .string()
  .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d), { ...rule("dateFormat"), abort: true })
  .refine(isCalendarDay, rule("dateNoSuchDay"));
const hhmm = z.string().refine((t) => /^(?:[01]\d|2[0-3]):[0-5]\d$/.test(t), rule("timeFormat"));
const optNum = (max: number) => z.number().finite().min(0).max(max).optional().nullable();
const industryList = z
  .array(z.string())
  .max(200)
  .default([])
  // Codes, or names read to codes (industry-search.ts readIndustry: "金属制品" → C33; a brochure's "高端装备" → each of
  // its divisions, docs/decisions/204), in every channel; each code once, in the order first typed ("C38、锂电池": 锂电池
  // reads C38, kept once — trial 12-05 L14).
  .transform((typed, ctx) => [
    ...new Set(
      typed.flatMap((c) => {
        const r = readIndustry(c);
        if (r.ok) return r.group ?? [r.code];
        const candidates = (lng: Lng) => ({
          code: c,
          candidates: r.candidates.map((k) => industryLabel(k, lng)).join(lng === "zh" ? "、" : "; "),
        });
        // A likeness only (a part of a longer name, pinyin) is named, never stored (docs/decisions/160).
        const key = !r.candidates.length ? "industryUnknown" : r.near ? "industryNear" : "industryAmbiguous";
        ctx.addIssue({ code: "custom", ...rule(key, candidates) });
        return c;
      }),
    ),
  ]);

const parkFields = z.object({
  id,
  name: z.string().overwrite(cleanTyped).min(1).max(100),
  province: z.string().overwrite(cleanTyped).min(1).max(20),
  city: z.string().overwrite(cleanTyped).min(1).max(20),
  district: z.string().overwrite(cleanTyped).min(1).max(20),
  /** GB/T 2260 code of the district; when absent it is resolved from province, city and district. */
  districtCode: z
    .string()
    .overwrite(cleanTyped)
    .refine((c) => /^\d{6}$/.test(c), rule("districtCodeFormat"))
    .optional()
    .nullable(),
  address: z.string().overwrite(cleanTyped).max(200).optional().nullable(),
  location: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .optional()
    .nullable(),
  industries: industryList,
  excludedIndustries: industryList,
  minTaxPerMuWan: optNum(10_000),
  minInvestmentPerMuWan: optNum(100_000),
  minTaxPer1000SqmWan: optNum(10_000),
  policies: z.string().overwrite(cleanTyped).max(2000).optional().nullable(),
  // Only the robot endpoint: the sender refuses any other address for good (app/notify/wecom.server.ts).
  wecomWebhookUrl: z.string().overwrite(cleanTyped).max(500).refine(isWecomWebhookUrl, rule("wecomUrl")).optional().nullable(),
});

type ParkFields = z.output<typeof parkFields>;
type District = { ok: true; code: string } | { ok: false; issue: { path: string[] } & ReturnType<typeof rule> };

/**
 * Matching compares district codes (docs/decisions/017): a park whose district is not a county-level
 * division of GB/T 2260 is a bad row, named with the nearest divisions. Read once per row (the check
 * and the stored code use the same answer).
 */
const districts = new WeakMap<ParkFields, District>();
function districtOf(p: ParkFields): District {
  const known = districts.get(p);
  if (known) return known;
  const found = resolveDistrict(p);
  districts.set(p, found);
  return found;
}
function resolveDistrict(p: ParkFields): District {
  if (p.districtCode) {
    if (divisionByCode(p.districtCode)?.level !== "district") {
      return { ok: false, issue: { path: ["districtCode"], ...rule("districtCodeNotCounty", { code: p.districtCode }) } };
    }
    // The names people read must not say another division than the code matching reads (a district
    // renamed in the form while the filled-in code stayed). Names GB/T 2260 does not know keep the code.
    const named = resolveParkDistrict(p);
    if (named.ok && named.division.code !== p.districtCode) {
      const coded = divisionByCode(p.districtCode)!;
      return {
        ok: false,
        issue: {
          path: ["districtCode"],
          ...rule("districtCodeMismatch", {
            code: p.districtCode,
            coded: coded.path,
            named: named.division.path,
            namedCode: named.division.code,
          }),
        },
      };
    }
    return { ok: true, code: p.districtCode };
  }
  const r = resolveParkDistrict(p);
  if (!r.ok) {
    const where = `${p.province}/${p.city}/${p.district}`;
    // Ambiguous: every candidate, to pick one; unknown: the nearest names.
    const nearest = (lng: Lng) =>
      r.suggestions.length
        ? inventoryRuleMessages.t(lng, r.reason === "ambiguous" ? "districtChoices" : "districtNearest", {
            names: r.suggestions.join(lng === "zh" ? "、" : ", "),
          })
        : "";
    return {
      ok: false,
      issue: {
        path: ["district"],
        ...rule(r.reason === "ambiguous" ? "districtAmbiguous" : "districtUnknown", (lng) => ({ where, nearest: nearest(lng) })),
      },
    };
  }
  return { ok: true, code: r.division.code };
}

/** The fields the district check reads: it runs when these are good, whatever else in the row is bad. */
const districtFields = parkFields.pick({ province: true, city: true, district: true, districtCode: true });

/** The two industry lists the focus/excluded rule compares (it runs when both read). */
const industryLists = parkFields.pick({ industries: true, excludedIndustries: true });

/**
 * A focus industry (主导产业) the park also excludes (禁入产业) — the same code, or its whole section
 * excluded ("C" excludes C33) — by the matcher's own test (industries.ts `isIndustryExcluded`): such a
 * park would never be offered to the very leads it says it wants. An excluded division inside a focus
 * section (focus C, excluded C26) narrows the focus and is fine. Said at 禁入产业, once per focus code
 * (docs/decisions/103).
 */
function focusExcluded(p: Pick<ParkFields, "industries" | "excludedIndustries">): { focus: string; excluded: string }[] {
  return [...new Set(p.industries)]
    .filter((f) => isIndustryExcluded(f, p.excludedIndustries))
    .map((focus) => ({ focus, excluded: p.excludedIndustries.find((x) => isIndustryExcluded(focus, [x]))! }));
}

export const parkSchema = parkFields
  .superRefine(
    (p, ctx) => {
      const d = districtOf(p);
      if (!d.ok) ctx.addIssue({ code: "custom", ...d.issue });
    },
    { when: (payload) => districtFields.safeParse(payload.value).success },
  )
  .superRefine(
    (p, ctx) => {
      for (const { focus, excluded } of focusExcluded(p))
        ctx.addIssue({
          code: "custom",
          path: ["excludedIndustries"],
          ...rule("industryFocusExcluded", (lng) => ({ focus: industryLabel(focus, lng), excluded: industryLabel(excluded, lng) })),
        });
    },
    { when: (payload) => industryLists.safeParse(payload.value).success },
  )
  // The names stored are the division's standard names (GB/T 2260: 江苏 → 江苏省, 南京 → 南京市, 江宁 →
  // 江宁区), the code's own: what the lists, the sheet and the shortlist show is what matching reads, and
  // one park is not "江苏" beside another's "江苏省" (docs/decisions/103). Said back as a reading
  // (inventory-check.ts placeReadings).
  .transform((p) => {
    const d = districtOf(p);
    if (!d.ok) return { ...p, districtCode: p.districtCode ?? null };
    return { ...p, ...standardPlaceNames(d.code), districtCode: d.code };
  });

/** The two figures the divisible-area rule compares (the rule runs when both are good numbers). */
const areaFigures = z.object({ areaSqm: z.number().finite(), divisibleMinSqm: z.number().finite() });
/**
 * The most a ㎡ of each kind of space is let for a month, in 元 — far above any rent in China (the dearest Grade-A
 * offices are let for about 15 元/㎡ a day, 450 a month; factories and warehouses for under 100): a figure beyond it in
 * 租金（元/㎡/月） is no rent per ㎡ but, as a rule, the whole space's rent a month typed in the wrong column (120000 for
 * 5000 ㎡ at 24). Refused at the cell, with the rent per ㎡ it would be (forms41, docs/decisions/204).
 */
export const RENT_PER_SQM_MONTH_MAX = { factory: 300, warehouse: 300, land: 300, office: 1000 } as const;
/** The figures the rent rule compares (it runs when they are good: the rent under its field's own bound). */
const rentFigures = z.object({
  kind: z.enum(["factory", "land", "office", "warehouse"]),
  areaSqm: z.number().finite().positive(),
  rentYuanPerSqmMonth: z.number().finite().min(0).max(1_000_000),
});
/** The rent per ㎡ a month a whole space's monthly rent comes to, as the message quotes it: two decimals at most. */
const perSqm = (rent: number, area: number) => String(Math.round((rent / area) * 100) / 100);

/** A kind's name in the rules' messages. */
const KIND_NAMES = {
  factory: { zh: "厂房", en: "factory" },
  warehouse: { zh: "仓库", en: "warehouse" },
  land: { zh: "土地", en: "land" },
  office: { zh: "办公", en: "office" },
} as const;

/** The two figures the storeys rule compares. */
const storeyFigures = z.object({ floors: z.number().int(), singleStorey: z.boolean() });

/**
 * What only a building has (docs/decisions/103): a land plot (类型 土地) with a 层数, 单层 是, 层高 or 行车
 * is a building typed as land, or land carrying a building's figures; either way matching would read
 * figures nobody can offer. Blank (or 0 for the figures, 单层 否) is fine. Each is said at its own field.
 */
const BUILDING_ONLY = {
  floors: { zh: "层数", en: "floors" },
  singleStorey: { zh: "单层", en: "single storey" },
  ceilingM: { zh: "层高", en: "ceiling height" },
  craneT: { zh: "行车", en: "crane" },
} as const;
type BuildingOnly = keyof typeof BUILDING_ONLY;
const landFields = z.object({ kind: z.literal("land") });
function buildingFiguresOnLand(s: Partial<Record<BuildingOnly, number | boolean | null | undefined>>): BuildingOnly[] {
  return (Object.keys(BUILDING_ONLY) as BuildingOnly[]).filter((k) => {
    const v = s[k];
    return v === true || (typeof v === "number" && v > 0);
  });
}

export const spaceSchema = z
  .object({
    id,
    parkId: id,
    kind: z.enum(["factory", "land", "office", "warehouse"]),
    deals: z.array(z.enum(["lease", "buy"])).min(1),
    title: z.string().overwrite(cleanTyped).min(1).max(100),
    areaSqm: z.number().finite().positive().max(100_000_000),
    divisibleMinSqm: optNum(100_000_000),
    floors: z.number().int().min(1).max(200).optional().nullable(),
    singleStorey: z.boolean().optional().nullable(),
    ceilingM: optNum(100),
    floorLoadKg: optNum(100_000),
    powerKva: optNum(1_000_000),
    craneT: optNum(2_000),
    // Bounded by its kind's most (RENT_PER_SQM_MONTH_MAX) below; this bound only stops what no rule should read.
    rentYuanPerSqmMonth: optNum(1_000_000),
    priceYuanPerSqm: optNum(1_000_000),
    landPriceWanPerMu: optNum(100_000),
    /**
     * "YYYY-MM" or "YYYY-MM-DD" stored; read as the sheet's cell reads it (inventory-columns.ts
     * readAvailableFromCell: other date spellings, and the lead's move-in words with a period read as its
     * first month, docs/decisions/087), so the JSON import takes what the sheet and the form take.
     */
    availableFrom: z
      .string()
      .transform((typed, ctx) => {
        const r = readAvailableFromCell(cleanTyped(typed));
        if (r.ok) return r.value as string;
        ctx.addIssue({ code: "custom", params: { say: r.reason } });
        return z.NEVER;
      })
      .optional()
      .nullable(),
    status: z.enum(["available", "reserved", "let"]),
    notes: z.string().overwrite(cleanTyped).max(2000).optional().nullable(),
  })
  .refine((s) => s.divisibleMinSqm == null || s.divisibleMinSqm <= s.areaSqm, {
    ...rule("divisibleOverArea"),
    path: ["divisibleMinSqm"],
    // Also on a row with other bad cells, when both figures are good.
    when: (payload) => areaFigures.safeParse(payload.value).success,
  })
  // A whole space's rent a month in the per-㎡ column: beyond any rent per ㎡ of its kind, said with what it comes to per ㎡.
  .superRefine(
    (s, ctx) => {
      const max = RENT_PER_SQM_MONTH_MAX[s.kind];
      const rent = s.rentYuanPerSqmMonth;
      if (rent == null || rent <= max) return;
      const per = rent / s.areaSqm;
      const params = { typed: String(rent), max: String(max), area: String(s.areaSqm), per: perSqm(rent, s.areaSqm) };
      // The rent per ㎡ it comes to, when that is a rent of its kind; else the limit alone.
      const key = per >= 0.1 && per <= max ? "rentLooksTotal" : "rentPerSqmTooHigh";
      ctx.addIssue({
        code: "custom",
        path: ["rentYuanPerSqmMonth"],
        ...rule(key, (lng) => ({ ...params, kind: KIND_NAMES[s.kind][lng] })),
      });
    },
    { when: (payload) => rentFigures.safeParse(payload.value).success },
  )
  // 层数 is the floors the space takes up, 单层 whether its building has one storey; the matcher trusts 单层 over 层数
  // (hard.ts singleStoreyOf). A space over 3 floors marked 单层 would be offered as single storey: refused. One floor of a
  // multi-storey building (写字楼 5 楼: 层数 1, 单层 否) is no contradiction, and was refused (forms41, docs/decisions/204).
  .refine((s) => !(s.singleStorey === true && s.floors != null && s.floors > 1), {
    ...rule("storeysDisagree"),
    path: ["singleStorey"],
    when: (payload) => storeyFigures.safeParse(payload.value).success,
  })
  // Each building figure is checked when the kind is good (land) — whatever else in the row is bad.
  .superRefine(
    (s, ctx) => {
      if (s.kind !== "land") return;
      for (const k of buildingFiguresOnLand(s))
        ctx.addIssue({ code: "custom", path: [k], ...rule("landNoBuilding", (lng) => ({ what: BUILDING_ONLY[k][lng] })) });
    },
    { when: (payload) => landFields.safeParse(payload.value).success },
  );

export const recruiterSchema = z.object({
  id,
  name: z.string().overwrite(cleanTyped).min(1).max(50),
  email: z.string().overwrite(normalizeEmail).pipe(z.email().max(200)),
  phone: z.string().transform((p, ctx) => {
    const r = normalizePhone(p);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", ...rule("phoneInvalid") });
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
    .array(z.object({ from: isoDate, to: isoDate }).refine((w) => w.to >= w.from, { ...rule("awayOrder"), path: ["to"] }))
    .refine((a) => a.length <= 1, rule("awayOneWindow"))
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
    .refine((h) => h.start < h.end, { ...rule("hoursOrder"), path: ["end"] })
    .optional()
    .nullable(),
});

export type Park = z.output<typeof parkSchema>;
export type Space = z.output<typeof spaceSchema>;
export type Recruiter = z.output<typeof recruiterSchema>;
/** One inventory file's three collections, as an import or an admin's edit writes them. */
export type Collections = { parks: Park[]; spaces: Space[]; recruiters: Recruiter[] };
