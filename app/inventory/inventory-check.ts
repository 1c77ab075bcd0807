import { z } from "zod";

import type { Bilingual } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";

import { type Collection, columnByKey, columnKeyOf, readTextRow } from "./inventory-columns";
import { type InventoryValue } from "./inventory-rows.server";
import { parkSchema, recruiterSchema, spaceSchema } from "./inventory-schema";

// One row of texts (an Excel row, an admin form) checked by the one inventory schema, each problem
// tied to its column and said in zh and en. Used by the Excel import and by the admin forms.

export const INVENTORY_SCHEMAS = { parks: parkSchema, spaces: spaceSchema, recruiters: recruiterSchema } as const;
const ZH_ERRORS = z.locales.zhCN().localeError;

export type RowIssue = { key: string | null; reason: Bilingual };
export type RowCheck<C extends Collection> = { ok: true; value: InventoryValue[C] } | { ok: false; issues: RowIssue[] };

/** Cells (column key → text or number; lists may come as arrays from a form) → a valid row, or every issue. */
export function checkTextRow<C extends Collection>(collection: C, cells: Record<string, unknown>): RowCheck<C> {
  const flat = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, Array.isArray(v) ? v.join("、") : v]));
  const read = readTextRow(collection, flat);
  if (read.errors.length) return { ok: false, issues: read.errors };
  const schema = INVENTORY_SCHEMAS[collection];
  const en = schema.safeParse(read.value);
  if (en.success) return { ok: true, value: en.data as InventoryValue[C] };
  const zh = schema.safeParse(read.value, { error: ZH_ERRORS });
  const blankOf = (key: string | null) => key !== null && (flat[key] === undefined || String(flat[key]).trim() === "");
  return {
    ok: false,
    issues: en.error.issues.map((issue, n) => {
      const key = columnKeyOf(collection, issue.path);
      // A column of choices (类型, 状态 …): Zod's own message lists the stored codes ("factory"|"land"…);
      // the admin writes the sheet's words, so the message names those (厂房、土地、办公、仓库).
      const choices = key !== null ? columnByKey(collection, key)?.choices : undefined;
      if (choices && (blankOf(key) || issue.code === "invalid_value")) {
        const zhList = choices.map((c) => c.label.zh).join("、");
        const enList = choices.map((c) => c.label.en).join(", ");
        return blankOf(key)
          ? { key, reason: { zh: `必填，请填写其中之一：${zhList}`, en: `required, one of: ${enList}` } }
          : { key, reason: { zh: `请填写其中之一：${zhList}`, en: `must be one of: ${enList}` } };
      }
      if (issue.code === "invalid_type" && blankOf(key))
        return { key, reason: { zh: "必填，不能为空", en: "required, must not be blank" } };
      return { key, reason: { zh: (!zh.success && zh.error.issues[n]?.message) || issue.message, en: issue.message } };
    }),
  };
}

/**
 * The admin form's schema (Conform: `parseWithZod(formData, { schema, disableAutoCoercion: true })`):
 * the form's text fields, named by column key, → the import format; errors at the field, in `lng`.
 */
export function inventoryFormSchema<C extends Collection>(collection: C, lng: Lng) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx): InventoryValue[C] => {
    const checked = checkTextRow(collection, raw);
    if (checked.ok) return checked.value;
    for (const i of checked.issues) ctx.addIssue({ code: "custom", path: i.key ? [i.key] : [], message: i.reason[lng] });
    return z.NEVER;
  });
}
