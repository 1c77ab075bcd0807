import { describe, expect, it } from "vitest";

import { assistPreview } from "~/leads/assist-preview";
import { looksLikePlaceName } from "~/leads/place-like";

// docs/decisions/137 (attack 32 M4): the live preview sends only names that look like places to GET /api/regions?resolve=.
describe("looksLikePlaceName", () => {
  it.each(["江宁", "浦口", "江宁区", "高淳县", "南京市", "淳化街道", "江北新区", "某某经济开发区", "汤山镇", "马鞍山"])(
    "%s: sent",
    (name) => {
      expect(looksLikePlaceName(name)).toBe(true);
    },
  );
  it.each(["王建国", "李小明", "张伟", "李娜", "联系王建国", "我们老板张伟", "zhang", "王总", "", "区"])("%s: not sent", (name) => {
    expect(looksLikePlaceName(name)).toBe(false);
  });
});

describe("assistPreview's look-ups (what the form's script asks the server)", () => {
  const lookUps = (notes: string) => assistPreview(notes, new Set(), "zh", "factory", undefined, undefined, () => undefined).lookUp;
  it.each(["联系王建国或者李小明都行", "我们老板张伟、李娜都行", "找王总或者陈工都可以", "张三李四都行"])(
    "%s: no person's name asked",
    (notes) => {
      for (const name of lookUps(notes)) expect(looksLikePlaceName(name), name).toBe(true);
      expect(lookUps(notes).join()).not.toMatch(/王建国|李小明|张伟|李娜|王总|陈工|张三|李四/u);
    },
  );
  it("places are still asked", () => {
    expect(lookUps("江宁浦口都行，要5000平厂房")).toEqual(expect.arrayContaining(["江宁", "浦口"]));
    expect(lookUps("浦口优先，其次江宁")).toEqual(expect.arrayContaining(["浦口", "江宁"]));
  });
});
