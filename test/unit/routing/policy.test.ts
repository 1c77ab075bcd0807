import { describe, expect, it } from "vitest";

import { chooseRecruiter, type RecruiterState, type RoutingInput, type RoutingRule } from "~/domain/routing/policy";

// A recruiter of park P1 who can take work; each test overrides what matters.
function rec(id: string, over: Partial<RecruiterState> = {}): RecruiterState {
  return {
    id,
    name: over.name ?? `专员${id}`,
    active: true,
    parks: ["P1"],
    industries: [],
    capacity: 20,
    openAssignments: 0,
    lastAssignedAt: null,
    channel: "email",
    ...over,
  };
}

const lead = (over: Partial<RoutingInput> = {}): RoutingInput => ({ parkId: "P1", leadIndustry: "C35", ...over });

function whyOf(d: ReturnType<typeof chooseRecruiter>, id: string) {
  const c = d.considered.find((x) => x.recruiterId === id);
  if (!c) throw new Error(`${id} not considered`);
  return c;
}

describe("chooseRecruiter — eligibility", () => {
  const cases: Array<{ name: string; skipped: RecruiterState; input?: Partial<RoutingInput>; zh: string; en: string }> = [
    { name: "at capacity", skipped: rec("A", { capacity: 20, openAssignments: 20 }), zh: "已满额（20/20）", en: "at capacity (20/20)" },
    {
      name: "over capacity (capacity lowered)",
      skipped: rec("A", { capacity: 5, openAssignments: 7 }),
      zh: "已满额（7/5）",
      en: "at capacity (7/5)",
    },
    { name: "capacity 0", skipped: rec("A", { capacity: 0 }), zh: "容量为 0", en: "capacity 0" },
    { name: "inactive", skipped: rec("A", { active: false }), zh: "休假/停用", en: "inactive" },
    {
      name: "away today (holiday, business trip)",
      skipped: rec("A", { awayUntil: "2026-12-07" }),
      zh: "休假/出差中（至 2026-12-07）",
      en: "away until 2026-12-07",
    },
    {
      name: "excluded (SLA lapsed)",
      skipped: rec("A"),
      input: { exclude: ["A"] },
      zh: "此前已分到过这条线索（拒绝、超时或被改派）",
      en: "had this offer before (declined, lapsed or re-routed)",
    },
  ];

  for (const c of cases) {
    it(`skips a recruiter who is ${c.name}, saying why in both languages`, () => {
      // A would win every later rule (specialist, idle, never assigned) — only eligibility can stop it.
      const a = { ...c.skipped, industries: ["C35"] };
      const b = rec("B", { openAssignments: 9, lastAssignedAt: "2024-05-01T08:00:00Z" });
      const d = chooseRecruiter(lead(c.input), [a, b]);
      expect(d.recruiterId).toBe("B");
      const why = whyOf(d, "A");
      expect(why.eligible).toBe(false);
      expect(why.why.zh).toContain(c.zh);
      expect(why.why.en).toContain(c.en);
      expect(whyOf(d, "B").eligible).toBe(true);
    });
  }

  it("lists every reason when several apply", () => {
    const d = chooseRecruiter(lead({ exclude: ["A"] }), [rec("A", { active: false, capacity: 3, openAssignments: 3 }), rec("B")]);
    const why = whyOf(d, "A").why;
    expect(why.zh).toBe("休假/停用；已满额（3/3）；此前已分到过这条线索（拒绝、超时或被改派）");
    expect(why.en).toBe("inactive; at capacity (3/3); had this offer before (declined, lapsed or re-routed)");
  });

  it("ignores recruiters who do not cover the park (and does not list them)", () => {
    const other = rec("X", { parks: ["P2"], industries: ["C35"] });
    const d = chooseRecruiter(lead(), [other, rec("B", { openAssignments: 4 })]);
    expect(d.recruiterId).toBe("B");
    expect(d.considered.map((c) => c.recruiterId)).toEqual(["B"]);
  });

  it("one below capacity is still eligible", () => {
    const d = chooseRecruiter(lead(), [rec("A", { capacity: 1, openAssignments: 0 })]);
    expect(d.recruiterId).toBe("A");
  });
});

describe("chooseRecruiter — specialist, load, rotation", () => {
  it("prefers a division specialist even when more loaded", () => {
    const d = chooseRecruiter(lead(), [rec("A", { openAssignments: 0 }), rec("S", { industries: ["C39", "C35"], openAssignments: 7 })]);
    expect(d).toMatchObject({ recruiterId: "S", rule: "specialist" });
    expect(d.reason.zh).toBe("本行业专员：专员S（C35 专用设备制造业，唯一可分配的专员）");
    expect(d.reason.en).toContain("Industry specialist: 专员S (C35 Manufacture of special-purpose machinery");
    expect(whyOf(d, "A").why).toEqual({
      zh: "非本行业专员（有 1 名本行业专员可分配）",
      en: "not an industry specialist (1 eligible specialist(s) available)",
    });
    expect(whyOf(d, "S").why).toEqual({
      zh: "入选：本行业专员（C35），唯一可分配的专员（待办 7/20）",
      en: "chosen: industry specialist (C35), the only eligible specialist (7/20 open)",
    });
  });

  it("a section specialist ('C') covers every manufacturing division", () => {
    const d = chooseRecruiter(lead({ leadIndustry: "C35" }), [rec("A"), rec("S", { industries: ["C"], openAssignments: 3 })]);
    expect(d).toMatchObject({ recruiterId: "S", rule: "specialist" });
    expect(whyOf(d, "S").why.zh).toContain("本门类专员（C）");
    expect(whyOf(d, "S").why.en).toContain("industry specialist for section C");
  });

  it("a specialist in another division of the same section is not a specialist", () => {
    const d = chooseRecruiter(lead(), [rec("A", { industries: ["C39"], openAssignments: 2 }), rec("B", { openAssignments: 1 })]);
    expect(d).toMatchObject({ recruiterId: "B", rule: "least-loaded" });
  });

  it("codes compare canonically (lower case, bare division number)", () => {
    const d = chooseRecruiter(lead({ leadIndustry: "c35" }), [rec("A"), rec("S", { industries: ["35"], openAssignments: 5 })]);
    expect(d.recruiterId).toBe("S");
  });

  it("among several specialists, the least loaded wins; non-specialists are not in the running", () => {
    const d = chooseRecruiter(lead(), [
      rec("G", { openAssignments: 0 }),
      rec("S1", { industries: ["C35"], openAssignments: 4 }),
      rec("S2", { industries: ["C"], openAssignments: 2 }),
    ]);
    expect(d).toMatchObject({ recruiterId: "S2", rule: "least-loaded" });
    expect(d.reason.zh).toBe("本行业专员中待办最少：专员S2（2 条，其余至少 4 条）");
    expect(whyOf(d, "S1").why).toEqual({ zh: "当前 4 条待办，多于 2 条", en: "4 open assignments, more than 2" });
    expect(whyOf(d, "G").why.zh).toContain("非本行业专员");
  });

  it("an ineligible specialist does not narrow the field", () => {
    const d = chooseRecruiter(lead(), [
      rec("S", { industries: ["C35"], active: false }),
      rec("A", { openAssignments: 3 }),
      rec("B", { openAssignments: 1 }),
    ]);
    expect(d).toMatchObject({ recruiterId: "B", rule: "least-loaded" });
  });

  it("least loaded counts open assignments, not the load ratio", () => {
    // A: 2/4 = 50 %, B: 3/30 = 10 % — A still has fewer open assignments.
    const d = chooseRecruiter(lead(), [rec("B", { capacity: 30, openAssignments: 3 }), rec("A", { capacity: 4, openAssignments: 2 })]);
    expect(d).toMatchObject({ recruiterId: "A", rule: "least-loaded" });
    expect(d.reason.en).toBe("Least loaded: 专员A (2 open; others at least 3)");
    expect(whyOf(d, "A").why.zh).toBe("入选：待办最少（2/4）");
  });

  it("a lone eligible generalist is reported as least-loaded ('only eligible')", () => {
    const d = chooseRecruiter(lead(), [rec("A", { openAssignments: 5 })]);
    expect(d).toMatchObject({ recruiterId: "A", rule: "least-loaded" });
    expect(d.reason).toEqual({ zh: "唯一可分配：专员A（待办 5/20）", en: "Only eligible recruiter: 专员A (5/20 open)" });
    expect(whyOf(d, "A").why.zh).toBe("入选：唯一可分配（待办 5/20）");
  });

  const rotation: Array<{ name: string; times: Record<string, string | null>; winner: string }> = [
    { name: "never assigned (null) goes first", times: { A: "2024-05-01T08:00:00Z", B: null, C: "2024-04-01T08:00:00Z" }, winner: "B" },
    {
      name: "oldest last assignment next",
      times: { A: "2024-05-01T08:00:00Z", B: "2024-05-01T07:59:59Z", C: "2024-05-02T00:00:00Z" },
      winner: "B",
    },
    { name: "times compare as instants, not strings", times: { A: "2024-05-01T10:00:00+08:00", B: "2024-05-01T03:00:00Z" }, winner: "A" },
    { name: "equal times → by id", times: { C: "2024-05-01T08:00:00Z", B: "2024-05-01T08:00:00Z" }, winner: "B" },
    { name: "all never → by id", times: { C: null, A: null, B: null }, winner: "A" },
  ];
  for (const c of rotation) {
    it(`round robin: ${c.name}`, () => {
      const rs = Object.entries(c.times).map(([id, t]) => rec(id, { openAssignments: 1, lastAssignedAt: t }));
      const d = chooseRecruiter(lead(), rs);
      expect(d).toMatchObject({ recruiterId: c.winner, rule: "round-robin" });
      // Same answer whatever the order the caller loads them in.
      expect(chooseRecruiter(lead(), [...rs].reverse()).recruiterId).toBe(c.winner);
    });
  }

  it("round robin explains the losers with the times", () => {
    const d = chooseRecruiter(lead(), [
      rec("A", { openAssignments: 1, lastAssignedAt: "2024-05-01T08:00:00Z" }),
      rec("B", { openAssignments: 1, lastAssignedAt: null }),
      rec("C", { openAssignments: 2, lastAssignedAt: null }),
    ]);
    expect(d).toMatchObject({ recruiterId: "B", rule: "round-robin" });
    expect(d.reason).toEqual({
      zh: "轮流分配：专员B（2 人待办同为 1 条，从未分配过）",
      en: "Round robin: 专员B (2 tied at 1 open; never assigned before)",
    });
    expect(whyOf(d, "A").why.zh).toBe("待办同为 1 条，但上次分配（2024-05-01T08:00:00Z）晚于 专员B");
    expect(whyOf(d, "C").why.en).toBe("2 open assignments, more than 1");
    expect(whyOf(d, "B").why.en).toBe("chosen: fewest open assignments (1/20), among equals, never assigned before");
  });

  it("a specialist tie is broken by rotation (rule round-robin)", () => {
    const d = chooseRecruiter(lead(), [
      rec("S1", { industries: ["C35"], lastAssignedAt: "2024-05-02T00:00:00Z" }),
      rec("S2", { industries: ["C35"], lastAssignedAt: "2024-05-01T00:00:00Z" }),
      rec("G"),
    ]);
    expect(d).toMatchObject({ recruiterId: "S2", rule: "round-robin" });
    expect(d.reason.en).toContain("Round robin among industry specialists");
  });
});

describe("chooseRecruiter — returning customer", () => {
  const zhou = rec("Z", { name: "周敏", openAssignments: 8, lastAssignedAt: "2024-05-03T00:00:00Z" });
  const idle = rec("S", { industries: ["C35"], openAssignments: 0 });

  it("goes back to the previous recruiter when eligible, over a specialist and load", () => {
    const d = chooseRecruiter(lead({ previousRecruiterId: "Z" }), [idle, zhou]);
    expect(d).toMatchObject({ recruiterId: "Z", rule: "returning-customer" });
    expect(d.reason).toEqual({ zh: "回头客：此前由 周敏 跟进", en: "Returning customer: previously handled by 周敏" });
    expect(whyOf(d, "Z").why.zh).toBe("入选：回头客原跟进人（待办 8/20）");
    expect(whyOf(d, "S").why.en).toContain("returning customer goes to 周敏");
  });

  const unavailable: Array<{ name: string; z: Partial<RecruiterState>; input?: Partial<RoutingInput>; zh: string; en: string }> = [
    { name: "at capacity", z: { capacity: 8 }, zh: "已满额（8/8）", en: "at capacity (8/8)" },
    { name: "inactive", z: { active: false }, zh: "休假/停用", en: "inactive" },
    {
      name: "excluded: had this offer before (an SLA lapse, a decline, a re-route)",
      z: {},
      input: { exclude: ["Z"] },
      zh: "此前已分到过这条线索（拒绝、超时或被改派）",
      en: "had this offer before (declined, lapsed or re-routed)",
    },
  ];
  for (const c of unavailable) {
    it(`falls through to the normal rules when the previous recruiter is ${c.name}`, () => {
      const d = chooseRecruiter(lead({ previousRecruiterId: "Z", ...c.input }), [idle, { ...zhou, ...c.z }]);
      expect(d).toMatchObject({ recruiterId: "S", rule: "specialist" });
      const z = whyOf(d, "Z");
      expect(z.eligible).toBe(false);
      expect(z.why.zh).toBe(`回头客原跟进人，但${c.zh}`);
      expect(z.why.en).toBe(`handled this enterprise before, but ${c.en}`);
      expect(d.reason.zh).toContain(`原跟进人 周敏 不可分配：${c.zh}`);
      expect(d.reason.en).toContain(`previous recruiter 周敏 unavailable: ${c.en}`);
    });
  }

  it("previous recruiter who no longer covers the park is listed with that reason", () => {
    const d = chooseRecruiter(lead({ previousRecruiterId: "Z" }), [idle, { ...zhou, parks: ["P9"] }]);
    expect(d.recruiterId).toBe("S");
    expect(whyOf(d, "Z")).toEqual({
      recruiterId: "Z",
      eligible: false,
      why: { zh: "回头客原跟进人，但不负责本园区", en: "handled this enterprise before, but does not cover this park" },
    });
  });

  it("an unknown previous recruiter id is noted in the reason only", () => {
    const d = chooseRecruiter(lead({ previousRecruiterId: "gone" }), [idle]);
    expect(d.recruiterId).toBe("S");
    expect(d.considered.map((c) => c.recruiterId)).toEqual(["S"]);
    expect(d.reason.en).toContain("previous recruiter (gone) no longer listed");
  });

  it("null previousRecruiterId behaves as none", () => {
    const d = chooseRecruiter(lead({ previousRecruiterId: null }), [idle]);
    expect(d.reason.zh).not.toContain("原跟进人");
  });
});

describe("chooseRecruiter — nobody eligible", () => {
  it("returns null with every covering recruiter's reason", () => {
    const rs = [
      rec("A", { active: false }),
      rec("B", { capacity: 20, openAssignments: 20 }),
      rec("C", { capacity: 0 }),
      rec("D"),
      rec("X", { parks: ["P2"] }),
    ];
    const d = chooseRecruiter(lead({ exclude: ["D"] }), rs);
    expect(d.recruiterId).toBeNull();
    expect(d.rule).toBe<RoutingRule>("nobody-eligible");
    expect(d.reason.zh).toBe("本园区 4 名招商专员均不可分配，转入待分配队列");
    expect(d.considered).toEqual([
      { recruiterId: "A", eligible: false, why: { zh: "休假/停用", en: "inactive" } },
      { recruiterId: "B", eligible: false, why: { zh: "已满额（20/20）", en: "at capacity (20/20)" } },
      { recruiterId: "C", eligible: false, why: { zh: "容量为 0，暂不接单", en: "capacity 0 (takes no leads)" } },
      {
        recruiterId: "D",
        eligible: false,
        why: { zh: "此前已分到过这条线索（拒绝、超时或被改派）", en: "had this offer before (declined, lapsed or re-routed)" },
      },
    ]);
  });

  it("a park with no recruiters at all", () => {
    const d = chooseRecruiter(lead(), [rec("X", { parks: ["P2"] })]);
    expect(d).toEqual({
      recruiterId: null,
      rule: "nobody-eligible",
      reason: { zh: "本园区未配置招商专员，转入待分配队列", en: "No recruiter covers this park; sent to the unassigned queue" },
      considered: [],
    });
  });

  it("an empty list", () => {
    expect(chooseRecruiter(lead(), []).recruiterId).toBeNull();
  });
});

describe("chooseRecruiter — considered", () => {
  it("lists every covering recruiter once, in input order, each with zh and en", () => {
    const rs = [
      rec("A", { industries: ["C35"], openAssignments: 2, lastAssignedAt: "2024-02-01T00:00:00Z" }),
      rec("B", { active: false }),
      rec("X", { parks: ["P2"] }),
      rec("C", { industries: ["C35"], openAssignments: 2, lastAssignedAt: "2024-01-01T00:00:00Z" }),
      rec("D", { parks: ["P2", "P1"] }),
      rec("E", { openAssignments: 20 }),
    ];
    const d = chooseRecruiter(lead(), rs);
    expect(d.considered.map((c) => c.recruiterId)).toEqual(["A", "B", "C", "D", "E"]);
    for (const c of d.considered) {
      expect(c.why.zh.length).toBeGreaterThan(0);
      expect(c.why.en.length).toBeGreaterThan(0);
      expect(c.why.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.why.en).toMatch(/[a-z]/); // English words (names may stay in Chinese)
    }
    expect(d.considered.filter((c) => c.eligible).map((c) => c.recruiterId)).toEqual(["A", "C", "D"]);
    expect(d.recruiterId).toBe("C");
    expect(d.considered.filter((c) => c.why.zh.startsWith("入选")).map((c) => c.recruiterId)).toEqual(["C"]);
  });

  it("does not mutate its inputs", () => {
    const rs = [rec("A"), rec("B", { lastAssignedAt: "2024-01-01T00:00:00Z" })];
    const input = lead({ exclude: ["A"] });
    const snapshot = JSON.stringify({ rs, input });
    chooseRecruiter(input, rs);
    expect(JSON.stringify({ rs, input })).toBe(snapshot);
  });
});
