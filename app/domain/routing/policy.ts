// Who gets a lead: the ONE place that decides (DESIGN.md "Flow of a lead", steps 5 and 7).
// Pure: the worker loads the park's recruiters and their live loads, calls chooseRecruiter, and writes
// the decision (recruiter, rule, reason, considered) to the assignment and the audit trail.
//
// Order of the rules:
//   1. eligible = active AND not away today AND covers the park AND openAssignments < capacity AND not excluded (SLA lapsed);
//   2. returning customer: the previous recruiter, when eligible;
//   3. industry specialists first (their industries list the lead's division or its section letter);
//   4. least loaded: fewest open assignments, as an absolute count — capacity is a ceiling, not a speed,
//      so a ratio would quietly hand more leads to whoever declared a bigger capacity;
//   5. round robin among the remaining ties: oldest lastAssignedAt first (null = never = first), then id.
// The result does not depend on the order of `recruiters` (ties end on the id).

import { industryLabel, normalizeIndustryCode } from "~/domain/industries";
import type { RoutingRuleCode } from "~/domain/statuses";
import type { Bilingual } from "~/i18n/i18n";

export type RecruiterState = {
  id: string;
  name: string;
  active: boolean;
  parks: string[];
  /** GB/T 4754 codes: divisions ("C39") or whole sections ("C"). Empty = generalist. */
  industries: string[];
  capacity: number;
  openAssignments: number;
  /** ISO time of their latest assignment (round robin); null = never assigned. */
  lastAssignedAt: string | null;
  channel: "email" | "hotline";
  /**
   * The last day (YYYY-MM-DD, Asia/Shanghai) of the away window (holiday, business trip) the recruiter
   * is in today; null or absent = not away. The caller computes it from away_from/away_to (ADR 027).
   */
  awayUntil?: string | null;
  /**
   * Their own working hours (ISO weekdays, China-time "HH:MM"), for the acceptance SLA's clock; null or
   * absent = the office hours (ADR 033).
   */
  workingHours?: { days: number[]; start: string; end: string } | null;
};

export type RoutingInput = {
  parkId: string;
  /** The lead's GB/T 4754 code, e.g. "C35"; null for a phone lead that has none yet (no specialist then). */
  leadIndustry: string | null;
  /** Who had this enterprise before (same phone or credit code within 90 days); the caller finds it. */
  previousRecruiterId?: string | null;
  /** Recruiters who already had this assignment and let the SLA lapse (re-route). */
  exclude?: string[];
};

export type Considered = { recruiterId: string; eligible: boolean; why: Bilingual };
/** The policy's rules, and "manual": an admin chose the recruiter by hand (ADR 028; never returned by chooseRecruiter). */
/** The rules this policy decides by: a subset of ROUTING_RULES (app/domain/statuses.ts), each labelled for the admin. */
export type RoutingRule = Extract<
  RoutingRuleCode,
  "returning-customer" | "specialist" | "least-loaded" | "round-robin" | "nobody-eligible" | "manual"
>;
export type RoutingDecision = { recruiterId: string | null; rule: RoutingRule; reason: Bilingual; considered: Considered[] };

/**
 * Choose the recruiter for one (lead, park). `considered` lists every recruiter covering the park, in the
 * order given, plus the previous recruiter of a returning customer when they no longer cover it (so the
 * audit trail answers "why not the one they had before?").
 */
export function chooseRecruiter(input: RoutingInput, recruiters: readonly RecruiterState[]): RoutingDecision {
  const excluded = new Set(input.exclude ?? []);
  const lead = leadCodes(input.leadIndustry);
  const previousId = input.previousRecruiterId ?? null;
  const previous = previousId === null ? undefined : recruiters.find((r) => r.id === previousId);

  // Every recruiter of the park, with what keeps them out (if anything).
  const covering = recruiters.filter((r) => r.parks.includes(input.parkId));
  const blockers = new Map(covering.map((r) => [r.id, ineligibility(r, excluded)] as const));
  const eligible = covering.filter((r) => blockers.get(r.id)!.length === 0);
  const isPrevious = (r: RecruiterState) => r.id === previousId;

  const considered = (whyEligible: (r: RecruiterState) => Bilingual): Considered[] => {
    const list: Considered[] = covering.map((r) => {
      const blocked = blockers.get(r.id)!;
      if (blocked.length === 0) return { recruiterId: r.id, eligible: true, why: whyEligible(r) };
      const why = join(blocked);
      return { recruiterId: r.id, eligible: false, why: isPrevious(r) ? prefix(PREV_BUT, why) : why };
    });
    if (previous && !covering.includes(previous)) {
      list.push({
        recruiterId: previous.id,
        eligible: false,
        why: prefix(PREV_BUT, { zh: "不负责本园区", en: "does not cover this park" }),
      });
    }
    return list;
  };

  // The previous recruiter could not take it: say so in the summary line too.
  const previousNote = (): Bilingual | null => {
    if (previousId === null) return null;
    if (!previous) return { zh: `原跟进人（${previousId}）已不在名单`, en: `previous recruiter (${previousId}) no longer listed` };
    const blocked = covering.includes(previous) ? join(blockers.get(previous.id)!) : { zh: "不负责本园区", en: "does not cover this park" };
    return {
      zh: `原跟进人 ${previous.name} 不可分配：${blocked.zh}`,
      en: `previous recruiter ${previous.name} unavailable: ${blocked.en}`,
    };
  };

  // 1. Nobody.
  if (eligible.length === 0) {
    const base: Bilingual =
      covering.length === 0
        ? { zh: "本园区未配置招商专员，转入待分配队列", en: "No recruiter covers this park; sent to the unassigned queue" }
        : {
            zh: `本园区 ${covering.length} 名招商专员均不可分配，转入待分配队列`,
            en: `None of the park's ${covering.length} recruiter(s) is eligible; sent to the unassigned queue`,
          };
    return {
      recruiterId: null,
      rule: "nobody-eligible",
      reason: withNote(base, previousNote()),
      considered: considered(() => ({ zh: "", en: "" })),
    };
  }

  // 2. Returning customer.
  if (previous && eligible.includes(previous)) {
    return {
      recruiterId: previous.id,
      rule: "returning-customer",
      reason: { zh: `回头客：此前由 ${previous.name} 跟进`, en: `Returning customer: previously handled by ${previous.name}` },
      considered: considered((r) =>
        r === previous
          ? { zh: `入选：回头客原跟进人（待办 ${load(r)}）`, en: `chosen: handled this enterprise before (${load(r)} open)` }
          : { zh: `回头客由原跟进人 ${previous.name} 接手`, en: `returning customer goes to ${previous.name}, who handled them before` },
      ),
    };
  }

  // 3. Specialists first.
  const specialistCode = new Map(eligible.map((r) => [r.id, specialisation(r, lead)] as const));
  const specialists = eligible.filter((r) => specialistCode.get(r.id) !== null);
  const pool = specialists.length > 0 ? specialists : eligible;
  const inPool = new Set(pool);

  // 4. Least loaded.
  const minOpen = Math.min(...pool.map((r) => r.openAssignments));
  const leastLoaded = pool.filter((r) => r.openAssignments === minOpen);

  // 5. Round robin: oldest last assignment first, never-assigned before anyone, then by id.
  const ranked = [...leastLoaded].sort(byRotation);
  const chosen = ranked[0];

  const rule: RoutingRule = specialists.length === 1 ? "specialist" : leastLoaded.length === 1 ? "least-loaded" : "round-robin";
  // A lone eligible non-specialist is reported as "least-loaded": trivially so, and the reason says "only".

  const leadLabel = { zh: industryLabel(lead.code, "zh"), en: industryLabel(lead.code, "en") };
  const specialistNote = (r: RecruiterState): Bilingual => {
    const code = specialistCode.get(r.id)!;
    return code === lead.code
      ? { zh: `本行业专员（${code}）`, en: `industry specialist (${code})` }
      : { zh: `本门类专员（${code}）`, en: `industry specialist for section ${code}` };
  };

  const reason = ((): Bilingual => {
    const who = chosen.name;
    if (rule === "specialist") {
      return specialists.length === eligible.length
        ? { zh: `本行业专员：${who}（${leadLabel.zh}）`, en: `Industry specialist: ${who} (${leadLabel.en})` }
        : {
            zh: `本行业专员：${who}（${leadLabel.zh}，唯一可分配的专员）`,
            en: `Industry specialist: ${who} (${leadLabel.en}; the only eligible specialist)`,
          };
    }
    const among = specialists.length > 0 ? { zh: "本行业专员中", en: " among industry specialists" } : { zh: "", en: "" };
    if (rule === "least-loaded") {
      if (pool.length === 1)
        return { zh: `唯一可分配：${who}（待办 ${load(chosen)}）`, en: `Only eligible recruiter: ${who} (${load(chosen)} open)` };
      const next = Math.min(...pool.filter((r) => r !== chosen).map((r) => r.openAssignments));
      return {
        zh: `${among.zh}待办最少：${who}（${minOpen} 条，其余至少 ${next} 条）`,
        en: `Least loaded${among.en}: ${who} (${minOpen} open; others at least ${next})`,
      };
    }
    return {
      zh: `${among.zh}轮流分配：${who}（${leastLoaded.length} 人待办同为 ${minOpen} 条，${sinceZh(chosen)}）`,
      en: `Round robin${among.en}: ${who} (${leastLoaded.length} tied at ${minOpen} open; ${sinceEn(chosen)})`,
    };
  })();

  const whyEligible = (r: RecruiterState): Bilingual => {
    if (r === chosen) {
      const parts: Bilingual[] = [];
      if (specialists.length > 0) parts.push(specialistNote(r));
      if (pool.length === 1 && pool.length < eligible.length)
        parts.push({ zh: `唯一可分配的专员（待办 ${load(r)}）`, en: `the only eligible specialist (${load(r)} open)` });
      else if (pool.length === 1) parts.push({ zh: `唯一可分配（待办 ${load(r)}）`, en: `the only eligible one (${load(r)} open)` });
      else parts.push({ zh: `待办最少（${load(r)}）`, en: `fewest open assignments (${load(r)})` });
      if (leastLoaded.length > 1) parts.push({ zh: `同负载中${sinceZh(r)}`, en: `among equals, ${sinceEn(r)}` });
      return prefix({ zh: "入选：", en: "chosen: " }, join(parts, { zh: "，", en: ", " }));
    }
    let why: Bilingual;
    if (!inPool.has(r)) {
      why = {
        zh: `非本行业专员（有 ${specialists.length} 名本行业专员可分配）`,
        en: `not an industry specialist (${specialists.length} eligible specialist(s) available)`,
      };
    } else if (r.openAssignments > minOpen) {
      why = {
        zh: `当前 ${r.openAssignments} 条待办，多于 ${minOpen} 条`,
        en: `${r.openAssignments} open assignments, more than ${minOpen}`,
      };
    } else if (sameTime(r, chosen)) {
      why = {
        zh: `待办同为 ${minOpen} 条、上次分配时间相同，按编号排在 ${chosen.name} 之后`,
        en: `tied with ${chosen.name} on load (${minOpen}) and last assignment; after them by id`,
      };
    } else {
      why = {
        zh: `待办同为 ${minOpen} 条，但上次分配（${r.lastAssignedAt}）晚于 ${chosen.name}`,
        en: `tied on load (${minOpen} open) but assigned more recently (${r.lastAssignedAt}) than ${chosen.name}`,
      };
    }
    return why; // (the previous recruiter, when eligible, was chosen above)
  };

  return { recruiterId: chosen.id, rule, reason: withNote(reason, previousNote()), considered: considered(whyEligible) };
}

// ——— helpers ———

const PREV_BUT: Bilingual = { zh: "回头客原跟进人，但", en: "handled this enterprise before, but " };

/** Every reason a recruiter is out, with figures; empty = eligible. */
function ineligibility(r: RecruiterState, excluded: ReadonlySet<string>): Bilingual[] {
  const out: Bilingual[] = [];
  if (!r.active) out.push({ zh: "休假/停用", en: "inactive" });
  if (r.awayUntil) out.push({ zh: `休假/出差中（至 ${r.awayUntil}）`, en: `away until ${r.awayUntil}` });
  if (r.capacity <= 0) out.push({ zh: "容量为 0，暂不接单", en: "capacity 0 (takes no leads)" });
  else if (r.openAssignments >= r.capacity) out.push({ zh: `已满额（${load(r)}）`, en: `at capacity (${load(r)})` });
  if (excluded.has(r.id))
    out.push({ zh: "此前已分到过这条线索（拒绝、超时或被改派）", en: "had this offer before (declined, lapsed or re-routed)" });
  return out;
}

type LeadCodes = { code: string; section: string };

/** The lead's code canonicalised ("c35" → "C35"); unknown codes compare as typed, section = first letter. */
function leadCodes(raw: string | null): LeadCodes {
  const code = normalizeIndustryCode(raw) ?? (raw ?? "").normalize("NFKC").trim().toUpperCase();
  return { code, section: code.charAt(0) };
}

/** The recruiter's code that makes them a specialist for this lead (division first), or null. */
function specialisation(r: RecruiterState, lead: LeadCodes): string | null {
  if (lead.code === "") return null;
  const codes = r.industries.map((c) => normalizeIndustryCode(c) ?? c.normalize("NFKC").trim().toUpperCase());
  if (codes.includes(lead.code)) return lead.code;
  if (lead.section !== "" && codes.includes(lead.section)) return lead.section;
  return null;
}

/** Milliseconds of the last assignment; null or unparseable = never (goes first, so one bad row self-heals). */
function lastMs(r: RecruiterState): number {
  if (r.lastAssignedAt === null) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(r.lastAssignedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function byRotation(a: RecruiterState, b: RecruiterState): number {
  const ta = lastMs(a);
  const tb = lastMs(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sameTime(a: RecruiterState, b: RecruiterState): boolean {
  return lastMs(a) === lastMs(b);
}

function sinceZh(r: RecruiterState): string {
  return lastMs(r) === Number.NEGATIVE_INFINITY ? "从未分配过" : `最久未分配（上次 ${r.lastAssignedAt}）`;
}

function sinceEn(r: RecruiterState): string {
  return lastMs(r) === Number.NEGATIVE_INFINITY ? "never assigned before" : `longest since last assignment (${r.lastAssignedAt})`;
}

function load(r: RecruiterState): string {
  return `${r.openAssignments}/${r.capacity}`;
}

function join(parts: readonly Bilingual[], sep: Bilingual = { zh: "；", en: "; " }): Bilingual {
  return { zh: parts.map((p) => p.zh).join(sep.zh), en: parts.map((p) => p.en).join(sep.en) };
}

function prefix(p: Bilingual, b: Bilingual): Bilingual {
  return { zh: p.zh + b.zh, en: p.en + b.en };
}

function withNote(reason: Bilingual, note: Bilingual | null): Bilingual {
  return note === null ? reason : { zh: `${reason.zh}（${note.zh}）`, en: `${reason.en} (${note.en})` };
}
