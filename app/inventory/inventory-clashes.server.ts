import type { Sql, TransactionSql } from "~/db/db.server";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";

import type { Collections } from "./inventory-schema";

// Ids and recruiter emails are compared without case (ADR 107): a park "gc-edz" beside "GC-EDZ", a
// recruiter "r3" beside "R3" or two recruiters with one mailbox made leads stall or go to the wrong
// person. The database holds it too (unique indexes on lower(id) and lower(email), migration 082); this
// says it first, at the row and field, in both languages, on every path that writes inventory rows:
// the JSON import (API and CLI), the Excel/CSV preview and apply, and the admin's forms.

/** A row of `value` that may not be written as it is: its `field` clashes with a stored row or an earlier row of the input. */
export type InventoryClash = { collection: keyof Collections; index: number; id: string; field: "id" | "email"; reason: Bilingual };

/** The key two ids or emails are the same under: lower-cased (ids are ASCII; an email's case never tells two mailboxes apart in practice). */
export const foldKey = (s: string): string => s.toLowerCase();

/**
 * The clashes of `value`'s rows: an id that a stored row of its table has in another case (that row is
 * meant: write it as stored, or choose another id), and a recruiter email that another recruiter has —
 * stored, or an earlier recruiter of `value`. A row's own stored email is no clash. In input order.
 */
export async function inventoryClashes(sql: Sql | TransactionSql, value: Collections): Promise<InventoryClash[]> {
  const clashes: InventoryClash[] = [];
  for (const collection of ["parks", "spaces", "recruiters"] as const) {
    const rows = value[collection];
    if (rows.length === 0) continue;
    const keys = [...new Set(rows.map((r) => foldKey(r.id)))];
    const stored = new Map(
      (await sql<{ id: string }[]>`select id from ${sql(collection)} where lower(id) in ${sql(keys)}`).map((r) => [foldKey(r.id), r.id]),
    );
    rows.forEach((row, index) => {
      const same = stored.get(foldKey(row.id));
      if (same !== undefined && same !== row.id)
        clashes.push({
          collection,
          index,
          id: row.id,
          field: "id",
          reason: inventoryRuleMessages.both("idCase", { id: row.id, stored: same }),
        });
    });
  }
  const recruiters = value.recruiters;
  if (recruiters.length) {
    const emails = [...new Set(recruiters.map((r) => foldKey(r.email)))];
    const holders = await sql<{ id: string; email: string }[]>`
      select id, email from recruiters where lower(email) in ${sql(emails)} order by id`;
    const firstInFile = new Map<string, string>(); // email key → the id of the first recruiter of the input with it
    recruiters.forEach((r, index) => {
      const key = foldKey(r.email);
      const stored = holders.find((h) => foldKey(h.email) === key && foldKey(h.id) !== foldKey(r.id))?.id;
      const earlier = firstInFile.get(key);
      const other = stored ?? (earlier !== undefined && foldKey(earlier) !== foldKey(r.id) ? earlier : undefined);
      if (earlier === undefined) firstInFile.set(key, r.id);
      if (other !== undefined)
        clashes.push({
          collection: "recruiters",
          index,
          id: r.id,
          field: "email",
          reason: inventoryRuleMessages.both("emailTaken", { email: r.email, other }),
        });
    });
  }
  return clashes;
}
