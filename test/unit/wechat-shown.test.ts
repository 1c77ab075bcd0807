import { describe, expect, it } from "vitest";

import { contactForJson, wechatSameRefusals } from "../../app/domain/wechat";
import { wechatShown } from "../../app/domain/wechat-shown";

// M7 (docs/decisions/190): one reading of the stored WeChat for every page, mail and JSON answer — the reader's
// language on a page, the number in JSON; never the words the typer used.

describe("wechatShown: what staff read, in the page's language", () => {
  const marker = { phone: "+8613812345678", wechatSameAsPhone: true };
  it("the marker in zh and in en", () => {
    expect(wechatShown(marker, "zh")).toBe("同手机号");
    expect(wechatShown(marker, "en")).toBe("same as the phone number");
  });
  it("an ID as typed, in either language", () => {
    expect(wechatShown({ phone: "+8613812345678", wechat: "wang_88" }, "en")).toBe("wang_88");
    expect(wechatShown({ phone: "+8613812345678", wechat: "wang_88" }, "zh")).toBe("wang_88");
  });
  it("none: null (an erased lead's contact too)", () => {
    expect(wechatShown({ phone: "+8613812345678" }, "zh")).toBeNull();
    expect(wechatShown({ phone: "", wechat: "" }, "en")).toBeNull();
    expect(wechatShown(undefined, "en")).toBeNull();
  });
});

describe("contactForJson: the API's contact.wechat keeps its field, language-neutral", () => {
  it("the marker: the phone number as stored, the marker beside it", () => {
    expect(contactForJson({ name: "王经理", phone: "+8613812345678", phoneKind: "mobile", wechatSameAsPhone: true })).toEqual({
      name: "王经理",
      phone: "+8613812345678",
      phoneKind: "mobile",
      wechat: "+8613812345678",
      wechatSameAsPhone: true,
    });
  });
  it("an ID, or none: unchanged", () => {
    const id = { name: "Li", phone: "+8613812345678", wechat: "li_88" };
    expect(contactForJson(id)).toBe(id);
    const none = { name: "Li", phone: "+8613812345678" };
    expect(contactForJson(none)).toBe(none);
  });
});

describe("wechatSameRefusals", () => {
  it("nothing beside a mobile", () => {
    expect(wechatSameRefusals("mobile", "同手机号", "微信同号")).toEqual([]);
  });
  it("the box and the note each refused where said, by the number's kind", () => {
    expect(wechatSameRefusals("landline", "same as phone", "微信同號")).toEqual([
      { field: "wechat", key: "wechatSameNotMobile.landline" },
      { field: "phone", key: "phoneWechatNotMobile.landline", text: "微信同號" },
    ]);
    expect(wechatSameRefusals("service", "同手机号", undefined)).toEqual([{ field: "wechat", key: "wechatSameNotMobile.service" }]);
    expect(wechatSameRefusals("service", "wang_88", "前台")).toEqual([]);
  });
});
