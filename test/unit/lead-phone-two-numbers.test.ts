import { describe, expect, it } from "vitest";

import { createLeadSchema, severalPhones } from "~/domain/lead-schema";

import { validLeadJson } from "../support/leads";

// Attack-desks finding 12: two numbers typed in one phone box (callers say both) got the generic "enter a
// valid number"; it now says to keep one and write the other in the notes — on every channel (one schema).
const phoneError = (phone: string, lng: "zh" | "en" = "zh") => {
  const r = createLeadSchema(lng, "api").safeParse(validLeadJson({ company: "南京两个号码有限公司", phone }));
  return r.success ? null : r.error.issues.find((i) => i.path.join(".") === "contact.phone")?.message;
};

describe("two numbers in one phone box", () => {
  it.each([
    "13800138000 13900139000",
    "13800138000，13900139000",
    "13800138000/025-87654321",
    "025-87654321 或 13900139000",
    "13800138000、13900139000、13700137000",
  ])("%j says to keep one and write the other in the notes", (phone) => {
    expect(phoneError(phone)).toBe("这里只能填一个号码：请留下一个，另一个写在补充说明里");
  });

  it("in English too", () => {
    expect(phoneError("13800138000 13900139000", "en")).toBe("Only one number fits here: keep one and write the other in the notes");
  });

  it.each(["12345", "120", "025 8765 4321 1380013"])("%j is no two numbers: the usual message", (phone) => {
    expect(phoneError(phone)).toBe("请输入有效的手机号、带区号的座机或 400/800 号码");
    expect(severalPhones(phone)).toBe(false);
  });

  it.each(["138 0013 8000", "025 8765 4321", "+86 138 0013 8000"])("%j (one number written with spaces) is still one number", (phone) => {
    expect(phoneError(phone)).toBeNull();
  });
});
