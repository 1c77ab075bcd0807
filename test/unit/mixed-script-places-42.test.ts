import { describe, expect, it } from "vitest";

import { planNoteRegions } from "~/domain/note-regions";

// readers42: a list of places in the notes written half in Latin letters, half in Chinese ("Gaochun or 溧水", "江宁, Lishui") filled no
// region — the Chinese finder stopped at the Latin name and the Latin finder at the Chinese one — or, where the Latin name was told
// by the other's city, was stored half as typed, half by standard names (["江宁", "溧水区"]), which docs/decisions/203 rules out.
// The all-Simplified list stays as typed (product's call).
const fill = (notes: string) => planNoteRegions(notes, [])?.fill ?? null;

describe("a list of places in two scripts is read, every place by its standard name", () => {
  it.each([
    ["Gaochun or 溧水", ["高淳区", "溧水区"], ["320117", "320118"]],
    ["江宁, Lishui", ["江宁区", "溧水区"], ["320115", "320117"]],
    ["江宁、Lishui", ["江宁区", "溧水区"], ["320115", "320117"]],
    ["江宁和Lishui都行", ["江宁区", "溧水区"], ["320115", "320117"]],
    ["厂房在江宁, Lishui也行", ["江宁区", "溧水区"], ["320115", "320117"]],
    ["想在Gaochun或溧水找厂房", ["高淳区", "溧水区"], ["320117", "320118"]],
    ["Jiangning、浦口", ["江宁区", "浦口区"], ["320111", "320115"]],
    ["江宁 or Pukou的厂房", ["江宁区", "浦口区"], ["320111", "320115"]],
    ["江宁, Gaochun, Lishui", ["江宁区", "高淳区", "溧水区"], ["320115", "320117", "320118"]],
    ["Suzhou、昆山的厂房", ["苏州市", "昆山市"], ["320500", "320583"]],
  ])("%s", (notes, names, codes) => {
    const f = fill(notes);
    expect(f?.names).toEqual(names);
    expect(f?.codes).toEqual(codes);
  });

  it("a place ruled out in two scripts is ruled out, each", () => {
    expect(planNoteRegions("不要Gaochun或溧水", [])?.excluded.map((p) => p.text)).toEqual(["Gaochun", "溧水"]);
  });

  it("a Latin name several places share stays a question (told, nothing filled)", () => {
    const r = planNoteRegions("江宁, Gulou", []);
    expect(r?.fill).toBeNull();
    expect(r?.unread.map((u) => u.text)).toEqual(["江宁", "Gulou"]);
  });

  it("English words beside a Chinese name are no places", () => {
    expect(fill("江宁 or else")).toBeNull();
    expect(fill("江宁 and also")).toBeNull();
    expect(fill("江宁, thanks")?.codes).toEqual(["320115"]);
    expect(fill("Price, 江宁")?.codes).toEqual(["320115"]);
  });

  it("all in Simplified Chinese: stored as typed, as before", () => {
    expect(fill("高淳或溧水")?.names).toEqual(["高淳", "溧水"]);
    expect(fill("江寧或溧水")?.names).toEqual(["江宁区", "溧水区"]);
  });
});
