import { type PhoneKind, wechatBoxIsPhone, wechatIsThisNumber } from "./phone";

/**
 * A lead's WeChat contact, one reading for every page, mail, export and API answer (M7, docs/decisions/190).
 *
 * Stored in the lead's `contact`: `wechat`, an ID as typed ("wang_88"), or `wechatSameAsPhone: true` when the person
 * said WeChat is the phone number — in the box (同手机号, 手机同号, 微信同號, "same as phone" …, phone.ts
 * `wechatBoxIsPhone`) or beside the number ("138…（微信同号）", `wechatIsThisNumber`). Never the words typed: they are
 * the typer's language, and staff read the other one. Migration 108 turned the words stored before into the marker. What staff read: wechat-shown.ts.
 */
export type WechatContact = { phone?: string; wechat?: string; wechatSameAsPhone?: boolean };

/** True when the stored contact says WeChat is its phone number. */
export function wechatIsPhone(contact: WechatContact | undefined): boolean {
  return contact?.wechatSameAsPhone === true;
}

/**
 * `contact.wechat` in a JSON answer (GET /api/leads/<id>): the ID as typed, or — WeChat being the phone — the phone
 * number as stored ("+8613812345678", as `contact.phone`), with `wechatSameAsPhone: true` beside it. Language-neutral,
 * and a number a client can add on WeChat. Until migration 108 the field held "同手机号" or "same as the phone number".
 */
export function contactForJson<C extends WechatContact>(contact: C): C {
  if (!wechatIsPhone(contact) || !contact.phone) return contact;
  return { ...contact, wechat: contact.phone, wechatSameAsPhone: true };
}

/** The refusal keys of "same as phone" beside a number that is no mobile, by where it was said and the number's kind. */
export type WechatSameRefusal =
  | { field: "wechat"; key: "wechatSameNotMobile.landline" | "wechatSameNotMobile.service" }
  | { field: "phone"; key: "phoneWechatNotMobile.landline" | "phoneWechatNotMobile.service"; text: string };

/**
 * "Same as phone" makes sense only beside a mobile: a landline (座机) or a 400/800 number has no WeChat. Where it was said
 * beside such a number — in the WeChat box, or as the phone's note ("025-8345 6789（微信同号）") — the refusal of that
 * field; [] beside a mobile, or when nothing says so.
 */
export function wechatSameRefusals(kind: PhoneKind, box: string | undefined, note: string | undefined): WechatSameRefusal[] {
  if (kind === "mobile") return [];
  const out: WechatSameRefusal[] = [];
  if (box !== undefined && wechatBoxIsPhone(box)) out.push({ field: "wechat", key: `wechatSameNotMobile.${kind}` });
  if (note !== undefined && wechatIsThisNumber(note)) out.push({ field: "phone", key: `phoneWechatNotMobile.${kind}`, text: note });
  return out;
}
