import type { AssignmentEmailInput } from "~/notify/assignment-email";

/**
 * What an assignment email (app/notify/assignment-email.tsx) is rendered from, for a factory lead of
 * 4000–6000 ㎡ offered to 王芳 at 高淳经济开发区 with one or two matched spaces; `overrides` sets what a
 * test is about.
 */
export function assignmentEmailInput(overrides: Partial<AssignmentEmailInput> = {}): AssignmentEmailInput {
  return {
    recruiterName: "王芳",
    reference: "PM-2K7Q9X",
    companyName: "南京恒精密机械有限公司",
    productText: "数控机床零部件",
    industryLabel: "C35 专用设备制造业",
    needKind: "factory",
    needDeal: "lease",
    areaText: "4000–6000㎡",
    contactName: "李明",
    contactPhoneDisplay: "138 1234 5678",
    annualTaxWan: 300,
    moveInBy: "2026-09",
    notes: "需要10吨行车\n层高9米以上",
    parkName: "高淳经济开发区",
    spaces: [
      { title: "3号标准厂房", score: 86.4, conditional: false, reasons: ["面积 5200㎡ 在需求 4000–6000㎡ 内", "层高 9m ≥ 8m"] },
      { title: "7号厂房A区", score: 71, conditional: true, reasons: ["配电未知，需核实"] },
    ],
    assignmentUrl: "https://parkmatch.example.cn/queue/assignments/a-123",
    slaMinutes: 120,
    ...overrides,
  };
}
