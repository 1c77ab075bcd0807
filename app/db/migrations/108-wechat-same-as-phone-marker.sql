-- A lead's WeChat that is its phone number is stored as a marker, `lead.contact.wechatSameAsPhone = true`, never as words
-- (M7, docs/decisions/190): "同手机号" or "same as the phone number" (ADR 101/159/173, in the typer's language) and, before
-- those, the words as typed ("微信同号", "same as phone", "手机同号", "微信同號") were shown raw to staff reading the other
-- language. SQL cannot read those words as the intake does (folding Traditional needs OpenCC): applying this file makes the
-- migrator turn every stored WeChat that phone.ts `wechatBoxIsPhone` reads as the phone into the marker, once
-- (app/db/lead-wechat-marker.server.ts). A WeChat ID stays as typed.
select 1;
