import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { calendarOverrideAddSchema, calendarOverrideRemoveSchema } from "../../app/admin/calendar-override-form";
import { leadActionSchema } from "../../app/admin/lead-forms";
import { officeHoursSchema } from "../../app/admin/office-hours-form";
import { changeStaffSchema, createStaffSchema, invitationSchema } from "../../app/admin/staff-forms";
import { createLoginSchema } from "../../app/auth/login-schema";
import { parseActionForm } from "../../app/http/action-form.server";
import { libraryErrorMessages } from "../../app/i18n/library-error-messages";
import type { Lng } from "../../app/i18n/lng";
import { checkTextRow, textMaxLength, textMaxLengths } from "../../app/inventory/inventory-check";
import { type Collection, COLUMNS } from "../../app/inventory/inventory-columns";
import { retireFormSchema } from "../../app/inventory/retire-form";
import { privacyRequestSchema } from "../../app/privacy/request-form";
import { deskFilterSchema, leadWorkSchema } from "../../app/recruiter-desk/desk-forms";

// Fix 3, defect 2: a rule without a message of its own (`.max(100)`) showed Zod's default words —
// "数值过大：期望 string <=100 字符" on the admin space form. The kind: any schema of a staff form or the
// inventory check. A message is the library's default when Zod's English and zh-CN locales word it
// differently (a rule's own message reads the same under both); none of ours may be one.

const ZOD_ZH = z.locales.zhCN().localeError;
const BAD_TEXTS = ["", "x".repeat(5000), "abc", "-5", "1e300", "0.5", "\u0000", "2027-13-45", "99:99", "http:/bad", "a@", "ZZZ"];

type Walkable = z.ZodType & {
  def: { type: string; shape?: Record<string, Walkable>; in?: Walkable; out?: Walkable; innerType?: Walkable; options?: Walkable[] };
};
function fieldNames(schema: Walkable): string[] {
  const def = schema.def;
  if (def.type === "object") return Object.keys(def.shape ?? {});
  if (def.type === "pipe") return [...new Set([...fieldNames(def.in!), ...fieldNames(def.out!)])];
  if (def.type === "union" && def.options) return [...new Set(def.options.flatMap((o) => fieldNames(o)))];
  return def.innerType ? fieldNames(def.innerType) : [];
}

function formOf(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return form;
}

/** Zod's own wording of `form` under `schema`, in English and in its zh-CN locale, as field → messages. */
function defaults(schema: z.ZodType, form: FormData) {
  const en = parseWithZod(form, { schema, disableAutoCoercion: true }).reply().error ?? {};
  const zh = parseWithZod(form, { schema, disableAutoCoercion: true, error: ZOD_ZH }).reply().error ?? {};
  const library = new Set<string>();
  for (const field of Object.keys(en)) {
    const e = en[field] ?? [];
    const c = zh[field] ?? [];
    e.forEach((m, n) => {
      if (m !== c[n]) library.add(m).add(c[n]);
    });
  }
  return library;
}

const SCHEMAS: Record<string, (lng: Lng) => z.ZodType> = {
  createStaff: createStaffSchema,
  changeStaff: changeStaffSchema,
  invitation: invitationSchema,
  officeHours: officeHoursSchema,
  overrideAdd: calendarOverrideAddSchema,
  overrideRemove: calendarOverrideRemoveSchema,
  leadAction: leadActionSchema,
  login: createLoginSchema,
  retire: retireFormSchema,
  privacyRequest: () => privacyRequestSchema,
  leadWork: (lng) => leadWorkSchema(lng, "2026-12-01"),
  deskFilter: (lng) => deskFilterSchema(lng, { statuses: ["offered"], parkIds: ["P1"], kinds: ["factory"] }),
};

describe.each(["zh", "en"] as const)("no library default message in %s", (lng) => {
  it.each(Object.keys(SCHEMAS))("staff form %s, every field with bad values, through parseActionForm", async (name) => {
    const schema = SCHEMAS[name](lng);
    const fields = fieldNames(schema as Walkable);
    expect(fields.length, name).toBeGreaterThan(0);
    let seen = 0;
    for (const field of fields) {
      for (const bad of BAD_TEXTS) {
        const form = formOf({ [field]: bad, intent: field === "intent" ? bad : "x" });
        const library = defaults(schema, form);
        const ours = (await parseActionForm(form, null, schema, { disableAutoCoercion: true, lng })).reply().error ?? {};
        for (const [f, messages] of Object.entries(ours)) {
          for (const m of messages ?? []) {
            seen++;
            if (library.has(m)) throw new Error(`${name}.${field} = ${JSON.stringify(bad).slice(0, 20)} → ${f}: ${m}`);
          }
        }
      }
    }
    expect(seen, name).toBeGreaterThan(0);
  });

  it.each(["parks", "spaces", "recruiters"] as const)("inventory %s: every column with bad values", (collection: Collection) => {
    let seen = 0;
    for (const column of COLUMNS[collection]) {
      for (const bad of BAD_TEXTS) {
        const r = checkTextRow(collection, { [column.key]: bad });
        if (r.ok) continue;
        for (const issue of r.issues) {
          seen++;
          const m = issue.reason[lng];
          expect(m, `${collection}.${column.key} = ${bad.slice(0, 20)}`).not.toMatch(
            /期望|数值过[大小]|无效输入|expected|Too (?:big|small)|Invalid (?:input|option|string)/,
          );
        }
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});

describe("the limit named in words, and the input stops where the schema does", () => {
  it("a space's 名称 of 101 characters: 最多 100 个字 / At most 100 characters", () => {
    for (const length of [101, 150, 2000]) {
      const r = checkTextRow("spaces", { id: "S1", parkId: "P1", title: "厂".repeat(length) });
      expect(r.ok).toBe(false);
      const title = !r.ok ? r.issues.find((i) => i.key === "title") : undefined;
      expect(title?.reason).toEqual({ zh: "最多 100 个字", en: "At most 100 characters" });
    }
    const park = checkTextRow("parks", { id: "P1", name: "园".repeat(101), province: "江苏省", city: "南京市", district: "高淳区" });
    expect(!park.ok && park.issues.find((i) => i.key === "name")?.reason.zh).toBe("最多 100 个字");
  });

  it("every text column's input maxLength is its schema's max", () => {
    expect(textMaxLength("spaces", "title")).toBe(100);
    expect(textMaxLength("parks", "name")).toBe(100);
    for (const collection of ["parks", "spaces", "recruiters"] as const) {
      for (const [key, max] of Object.entries(textMaxLengths(collection))) {
        expect(checkTextRow(collection, { [key]: "x".repeat(max + 1) }).ok, `${collection}.${key}`).toBe(false);
        const over = checkTextRow(collection, { [key]: "x".repeat(max + 1) });
        expect(!over.ok && over.issues.some((i) => i.key === key && /最多/.test(i.reason.zh)), `${collection}.${key}`).toBe(true);
      }
    }
  });

  it("the catalog words every limit in both languages", () => {
    expect(libraryErrorMessages.t("zh", "textTooLong", { max: 100 })).toBe("最多 100 个字");
    expect(libraryErrorMessages.t("en", "textTooLong", { max: 1 })).toBe("At most 1 character");
  });
});

// Tryout leftover: the inventory's own rules wrote English for a Chinese reader ("unknown industry code
// X7" beside 行业 on /admin/parks). The kind: every rule of app/inventory/inventory-schema.ts, reached
// through the admin form's check, says its words in the reader's language.
describe("the inventory's own rules in the reader's language", () => {
  const HAN = /\p{Script=Han}/u;
  const ROWS: [Collection, Record<string, string>][] = [
    ["parks", { id: "坏 编号", name: "园", province: "江苏省", city: "南京市", district: "高淳区", industries: "X7" }],
    ["parks", { id: "P-1", name: "园", province: "江苏省", city: "南京市", district: "高纯区" }],
    ["parks", { id: "P-2", name: "园", province: "江苏省", city: "南京市", district: "高淳区", districtCode: "320100" }],
    [
      "spaces",
      { id: "S-1", parkId: "P-1", kind: "厂房", deals: "出租", title: "一号", areaSqm: "1000", divisibleMinSqm: "2000", status: "可租售" },
    ],
    [
      "spaces",
      {
        id: "S-2",
        parkId: "P-1",
        kind: "厂房",
        deals: "出租",
        title: "一号",
        areaSqm: "1000",
        status: "可租售",
        availableFrom: "2027-3-1x",
      },
    ],
    [
      "recruiters",
      {
        id: "R-1",
        name: "周",
        email: "z@example.test",
        phone: "123",
        channel: "邮件",
        parks: "P-1",
        capacity: "5",
        awayFrom: "2027-01-10",
        awayTo: "2027-01-05",
      },
    ],
    [
      "recruiters",
      {
        id: "R-2",
        name: "周",
        email: "z@example.test",
        phone: "13900001111",
        channel: "邮件",
        parks: "P-1",
        capacity: "5",
        workingHours: "周一至周五 18:00-09:00",
      },
    ],
  ];
  it.each(ROWS.map((r, n) => [n, ...r] as const))("row %i (%s): each issue says its rule in zh and in en", (_, collection, cells) => {
    const r = checkTextRow(collection, cells);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.length).toBeGreaterThan(0);
    for (const issue of r.issues) {
      expect(issue.reason.zh, `${issue.key}: ${issue.reason.en}`).toMatch(HAN);
      expect(issue.reason.zh).not.toBe(issue.reason.en);
      expect(issue.reason.zh).not.toMatch(/\b(?:unknown|not a|must|only|nearest|give the)\b/);
    }
  });
});
