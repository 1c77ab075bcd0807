import { deskText } from "~/i18n/desk-messages";
import type { Lng } from "~/i18n/lng";

import { type WechatContact, wechatIsPhone } from "./wechat";

// Apart from wechat.ts, which the lead schema reads in the browser too: the desk's words stay out of the public form's bundle.

/**
 * The WeChat contact as staff read it on a page or in a mail: the ID as typed, or "同手机号" / "same as the phone number"
 * in the reader's language (the number itself is in the phone row beside it); null when there is none.
 */
export function wechatShown(contact: WechatContact | undefined, lng: Lng): string | null {
  if (!contact) return null;
  if (wechatIsPhone(contact)) return deskText(lng, "lead.wechatSameAsPhone");
  return contact.wechat ? contact.wechat : null;
}
