import { describe, expect, it } from "vitest";

import { findPlaceMentions } from "~/domain/need-places";

const places = (notes: string) => findPlaceMentions(notes).map((p) => p.text);

// Places in a typed need, found by the words that mark them (need-places.ts); which division each
// names is the server's (note-regions.ts).
describe("findPlaceMentions", () => {
  it("reads the place the hotline's new user typed, quoted as typed", () => {
    const notes = "要5000平单层厂房，层高8米5，在高淳，明年3月前入驻，需要2台500kva变压器";
    expect(findPlaceMentions(notes)).toEqual([{ text: "高淳", span: [notes.indexOf("高淳"), notes.indexOf("高淳") + 2] }]);
  });

  it.each([
    ["在高淳區，要5000平", ["高淳區"]],
    ["要江宁区的厂房5000平", ["江宁区"]],
    ["单层厂房江宁区优先", ["江宁区"]],
    ["在南京江宁，单层", ["南京江宁"]],
    ["最好在溧水", ["溧水"]],
    ["在高淳或者溧水都行", ["高淳", "溧水"]],
    ["在高淳或溧水、江宁", ["高淳", "溧水", "江宁"]],
    ["靠近鼓楼的仓库", ["鼓楼"]],
    ["南京市高淳区，5000平", ["南京市高淳区"]],
    ["考虑搬到和县", ["和县"]],
    ["在考虑高淳", ["高淳"]],
    ["高淳区或溧水区", ["高淳区", "溧水区"]],
    ["高淳区或者溧水区都行", ["高淳区", "溧水区"]],
    ["南京市高淳区还是溧水区", ["南京市高淳区", "溧水区"]],
    ["在高淳以及溧水", ["高淳", "溧水"]],
    ["在光明区", ["光明区"]],
  ])("%s → %j", (notes, expected) => {
    expect(places(notes)).toEqual(expected);
  });

  it.each([
    "我们是南京市高淳机械有限公司，要5000平",
    "高淳区机械厂要扩产",
    "公司在江宁，要5000平",
    "目前位于江宁区，要扩产",
    "要在高新区找厂房",
    "开发区里的厂房都可以",
    "在3月前入驻",
    "在一楼做仓库",
    "正在考虑，不急",
    "大型超市旁边",
    "准备上市，要自有土地",
    "园区配套要好，社区医院",
    "去年已经看过",
    "2台500kva变压器，层高8米5",
    "靠近港口的仓库",
    "在平房，不要楼房",
    "靠近太湖",
    "在河西",
  ])("%s → nothing", (notes) => {
    expect(places(notes)).toEqual([]);
  });

  it("the present location is not a wanted one; the wanted one after it is", () => {
    expect(places("公司目前在江宁，想去高淳")).toEqual(["高淳"]);
  });
});
