import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";

import { simplifiedInPlace } from "~/domain/fold-text";
import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { notesNotRead } from "~/domain/notes-not-read";
import { assistPreview } from "~/leads/assist-preview";
import { notRead } from "~/leads/lead-view.server";

// fixes37: Traditional item names after a figure ("2臺630千伏安變壓器", "10噸行車") were told to the enterprise as not read, while
// the same notes in Simplified were read whole: the readers fold the notes Traditional → Simplified (fold-text.ts), the not-read
// list's words around a figure (GLUE, the item names, want-words.ts) were looked for in the notes as typed. ADR 180: both weigh
// the same Simplified text. The kind, tested: every note below, written Traditional by OpenCC (cn → tw), reads exactly as its
// Simplified self in every reader — the figures, the not-read list (the confirmation page's and the desk's), the live reading.

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
const at = new Date("2026-12-05T00:00:00Z");

const NOTES = [
  "需要2台630千伏安变压器",
  "要两台10吨行车",
  "带10吨行车的厂房",
  "需要800千伏安配电",
  "需要10吨桥式行车两台",
  "需要一台5吨的吊车",
  "要5000平米的厂房，必须有10吨行车",
  "配备2台1250kva变压器",
  "要有5吨行车，带月台",
  "厂房层高8米以上，承重3吨",
  "用电容量1000千伏安",
  "要5000平厂房，带货梯",
  "需要2部货梯",
  "年纳税500万，预算300万",
  "租金每月2万以内",
  "要有消防喷淋",
  "明年3月前入驻",
  "双回路供电",
  "只租不买，要有2台500千伏安的变压器",
  "最好有10吨行车，必须有800千伏安电力",
  "要独门独院，带10吨双梁行车",
  "配有变压器，容量1250千伏安",
  "需要3台门式起重机，每台20吨",
  "要单层厂房，层高不低于10米，配备2台800千伏安变压器以及16吨行车",
  "现在的厂房有5吨行车，新厂房要10吨行车",
  "不要六合区，江宁浦口都行，要10吨天车",
  "仓库要带卸货平台，货梯承重3吨",
  "需要环评，化工类，要有双回路供电和2台2000千伏安变压器",
];

/** The understood lines of the live reading, Simplified (the readers quote the notes as typed). */
const live = (notes: string) => {
  const p = assistPreview(notes, new Set(), "zh", "factory", [extractMoney], undefined, () => undefined);
  return [p.understood, p.unread, p.wished, p.differs].map((s) => toSimplified(s));
};

describe("Traditional notes read exactly as Simplified ones (ADR 180)", () => {
  it.each(NOTES.map((n) => [n, toTraditional(n)]))("%s / %s", (simple, traditional) => {
    expect(traditional).not.toBe(simple); // the example is written differently (a Traditional character in it)
    const need = (notes: string) => ({ notes, kind: "factory" });
    expect(notRead(need(traditional), [], at).map(toSimplified)).toEqual(notRead(need(simple), [], at));
    expect(parseNeedText(traditional, at, [extractMoney], "factory").hints).toEqual(
      parseNeedText(simple, at, [extractMoney], "factory").hints,
    );
    expect(live(traditional)).toEqual(live(simple));
  });

  it("the not-read list quotes the clause as typed, in Traditional", () => {
    expect(notRead({ notes: "要有5噸行車，帶月臺", kind: "factory" }, [], at)).toEqual(["帶月臺"]);
    expect(notRead({ notes: "需要2臺630千伏安變壓器，雙迴路供電", kind: "factory" }, [], at)).toEqual(["雙迴路供電"]);
  });

  it("simplifiedInPlace keeps every index (a character whose conversion differs in length stays as typed)", () => {
    for (const n of NOTES.map(toTraditional)) expect(simplifiedInPlace(n).length).toBe(n.length);
    expect(simplifiedInPlace("2臺變壓器🚫高淳")).toBe("2台变压器🚫高淳");
    // GLUE's own words: "帶" before what a reader took is no condition ("帶10噸行車").
    expect(notesNotRead("帶10噸行車", ["10噸行車"])).toEqual([]);
  });
});
