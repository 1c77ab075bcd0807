import { timingSafeEqual } from "node:crypto";
import { getWebEnv } from "./env.server";

/** Bearer $ADMIN_API_TOKEN, compared in constant time. */
export function hasAdminToken(request: Request): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(getWebEnv().ADMIN_API_TOKEN);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
