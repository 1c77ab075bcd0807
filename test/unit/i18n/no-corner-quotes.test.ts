import { readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { deskText } from "~/i18n/desk-messages";
import { inventoryText } from "~/i18n/inventory-messages";
import { notifyMessages } from "~/i18n/notify-messages";
import { staffText } from "~/i18n/staff-messages";

import { ROOT, sourceFiles } from "../../support/source-graph";

// Import40 (trial 39 LOW): the Traditional (and Japanese) corner quotes 「」『』 stood in Simplified pages' texts —
// "请点「保存」", "在「招商专员」工作表中", "已记录为「{outcome}」" — where every other text of a zh-CN page quotes with
// “” (and ‘’ inside). Every text the code writes is read here: string literals, template parts and JSX text of app/,
// search/ and worker/ (comments are no text; a regular expression that reads corner quotes in what a person typed is
// no text either, and what a person typed is shown and stored as typed).
const CORNER = /[「」『』]/;

type Hit = { file: string; line: number; text: string };

function cornerQuotes(file: string, source: string): Hit[] {
  if (!CORNER.test(source)) return [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const hits: Hit[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text;
    if (text !== null && CORNER.test(text))
      hits.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 60) });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

describe("no corner quotes 「」『』 in the texts pages, emails and messages say", () => {
  it("in no literal of app/, search/ or worker/", () => {
    const hits = sourceFiles().flatMap((f) => cornerQuotes(f, readFileSync(join(ROOT, f), "utf8")));
    expect(hits.map((h) => `${h.file}:${h.line} ${h.text}`)).toEqual([]);
  });

  it("the texts that had them quote with “” now, their placeholders filled", () => {
    expect(inventoryText("zh", "edit.unsaved", { fields: "面积" })).toContain("核对后请点“保存”");
    expect(inventoryText("zh", "import.uncoveredParks", { count: 1, parks: "P1" })).toContain("在“招商专员”工作表中");
    const outcome = staffText("zh", "hotline.recordedOther", { outcome: "无人接听", reference: "R1", sent: "已完成" });
    expect(outcome).toContain("已记录为“无人接听”");
    expect(notifyMessages.t("zh", "reroute.body.back", { reference: "R1", park: "园", minutes: 120 })).toContain("在“我的线索”中跟进");
    expect(deskText("zh", "lead.work")).not.toMatch(CORNER);
  });

  it("the checker finds them where they are", () => {
    expect(
      cornerQuotes("x.tsx", 'const a = "请点「保存」"; /[「」]/.test(b); // 「注释」\nconst c = <p>『甲』</p>;').map((h) => h.line),
    ).toEqual([1, 2]);
  });
});
