import { describe, expect, it } from "vitest";

import { type AssignmentDetails, withdrawalScript, withdrawalWhy } from "~/assignments/assignment-details.server";
import { createLeadSchema } from "~/domain/lead-schema";
import type { Lng } from "~/i18n/lng";
import { renderWithdrawalNotice } from "~/notify/sla-emails";
import { renderWecomWithdrawal } from "~/notify/wecom-message";
import type { WithdrawalWhy } from "~/notify/withdrawal-reason";

import { validLeadJson } from "../support/leads";

// docs/decisions/167: the withdrawal notice says why the assignment ended — the corrected need (ADR 108), the park
// retired, the lead closed by an admin (spam, a duplicate of which lead), another park's signing — in each of its three
// renderings (email, WeCom card, hotline script), in Chinese and English alike; the reason read from the assignment.

const { lead } = createLeadSchema("zh", "api").parse(validLeadJson({ company: "南京乙公司", phone: "13812345678" }));
const details = (over: Partial<AssignmentDetails>): AssignmentDetails =>
  ({
    id: "a-1",
    reference: "PM-20261205-0007",
    parkName: "东坝园",
    lead,
    closeReason: null,
    leadClosedAs: null,
    duplicateOfReference: null,
    signedElsewherePark: null,
    ...over,
  }) as AssignmentDetails;

/** Each case: the assignment, the reason read, the words every rendering says in zh and in en. */
const CASES: [string, Partial<AssignmentDetails>, WithdrawalWhy["reason"], Record<Lng, string[]>][] = [
  ["need edit", { closeReason: "need-changed" }, "need-changed", { zh: ["更正", "4000–6000㎡"], en: ["corrected", "4000–6000㎡"] }],
  ["park retired", { closeReason: "park-retired" }, "park-retired", { zh: ["停用"], en: ["retired"] }],
  [
    "lead closed as a duplicate",
    { leadClosedAs: "duplicate", duplicateOfReference: "PM-20261201-0001" },
    "lead-closed",
    { zh: ["与线索 PM-20261201-0001 重复"], en: ["a duplicate of lead PM-20261201-0001"] },
  ],
  ["lead closed as spam", { leadClosedAs: "spam" }, "lead-closed", { zh: ["无效线索/垃圾信息"], en: ["spam"] }],
  ["signed elsewhere", { signedElsewherePark: "高淳园" }, "signed-elsewhere", { zh: ["企业已与 高淳园 签约"], en: ["signed with 高淳园"] }],
];

/** The names the cases carry (the lead's company and regions, the parks, the recruiter), which stay Chinese in English. */
const NAMES = ["南京乙公司", "东坝园", "高淳园", "吴昊", ...(lead.need.regions ?? [])];

describe("withdrawal notices by reason", () => {
  it.each(CASES)("%s: the reason read from the assignment", (_name, over, reason) => {
    expect(withdrawalWhy(details(over), "zh").reason).toBe(reason);
  });

  it.each(CASES)(
    "%s: email, WeCom card and hotline script say it, zh and en; only a need edit speaks of a correction",
    (_n, over, reason, words) => {
      for (const lng of ["zh", "en"] as const) {
        const d = details(over);
        const why = withdrawalWhy(d, lng);
        const email = renderWithdrawalNotice(
          {
            recruiterName: "吴昊",
            reference: d.reference,
            companyName: "南京乙公司",
            parkName: d.parkName,
            why,
            assignmentUrl: "https://x.example/a",
          },
          lng,
        );
        const card = renderWecomWithdrawal({ reference: d.reference, parkName: d.parkName, why, recruiterName: "吴昊" }, lng);
        const script = withdrawalScript(d, { name: "吴昊", phone: "13900000002" }, lng);
        for (const text of [`${email.subject}\n${email.text}`, email.html, card, script]) {
          expect(text).toContain(d.reference);
          expect(text).toContain(d.parkName);
          for (const w of words[lng]) expect(text.toLowerCase()).toContain(w.toLowerCase());
          if (reason !== "need-changed") expect(text).not.toMatch(lng === "zh" ? /更正/ : /corrected/i);
          expect(text).not.toMatch(/\{\w+\}/); // nothing left unfilled
          if (lng === "en") expect(NAMES.reduce((t, name) => t.split(name).join(""), text)).not.toMatch(/\p{Script=Han}/u);
        }
      }
    },
  );

  it("the WeCom card makes a closed lead's words inert like every other value", () => {
    const card = renderWecomWithdrawal(
      {
        reference: "PM-1",
        parkName: "园区",
        why: { reason: "lead-closed", closedAs: "duplicate", duplicateOf: "[x](javascript:1)" },
        recruiterName: "王芳",
      },
      "zh",
    );
    expect(card).not.toContain("](javascript");
  });
});
