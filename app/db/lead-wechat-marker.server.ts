import { wechatBoxIsPhone } from "~/domain/phone";

import type { Sql } from "./db.server";

const BATCH = 1000;

/**
 * Leads stored before migration 108 keep the words for "WeChat is the phone number" in `lead.contact.wechat` —
 * "同手机号" / "same as the phone number" (ADR 101, 159, 173) or, from before those, the words as typed ("微信同号", "same
 * as phone", "微信同號"). Each such value read by the intake's own reader (phone.ts `wechatBoxIsPhone`) becomes the
 * marker `wechatSameAsPhone: true`, the words dropped, whatever kind the phone is (what the person said is kept; only new
 * input beside a landline or 400/800 number is refused, docs/decisions/190). An ID stays. `updated_at` stays (nobody
 * edited the lead) and no search document changes (the index holds no WeChat). Run by the migrator when it applies
 * 108-wechat-same-as-phone-marker.sql; returns the ids changed.
 */
export async function markWechatSameAsPhone(sql: Sql): Promise<string[]> {
  const changed: string[] = [];
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await sql<{ id: string; wechat: string }[]>`
      select id, lead -> 'contact' ->> 'wechat' as wechat from leads
      where id > ${after} and jsonb_typeof(lead -> 'contact' -> 'wechat') = 'string'
      order by id limit ${BATCH}`;
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1].id;
    const marked = rows.filter((r) => wechatBoxIsPhone(r.wechat));
    if (marked.length === 0) continue;
    // Only a value still as read: a lead edited meanwhile keeps its edit.
    const done = await sql<{ id: string }[]>`
      update leads l set lead = jsonb_set(l.lead #- '{contact,wechat}', '{contact,wechatSameAsPhone}', 'true'::jsonb)
      from (select unnest(${marked.map((r) => r.id)}::uuid[]) as id, unnest(${marked.map((r) => r.wechat)}::text[]) as wechat) m
      where l.id = m.id and l.lead -> 'contact' ->> 'wechat' = m.wechat
      returning l.id`;
    changed.push(...done.map((r) => r.id));
  }
}
