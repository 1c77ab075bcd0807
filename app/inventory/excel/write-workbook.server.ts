import { buildXlsx, type XlsxSheet } from "~/utils/xlsx.server";

import { type Collection, COLUMNS, writeCells } from "../inventory-columns";
import type { Collections } from "../inventory-schema";
import { SHEET_NAMES } from "./read-workbook.server";
import { TEMPLATE_EXAMPLE } from "./template-example";

// The inventory as a workbook: sheets 园区 / 空间 / 招商专员 with the Chinese headers the import reads,
// each value written as the import reads it back (the round trip is tested). The template is the
// same workbook with one example row per sheet and a 说明 sheet of columns, units and allowed values.

/** Ids as a person counts them: S2 before S10 (the database's text order put S10, S11, S12 before S2). */
const byId = new Intl.Collator("zh-CN", { numeric: true }).compare;

function sheetOf(collection: Collection, rows: Collections[Collection], exampleRows = 0): XlsxSheet {
  const columns = COLUMNS[collection];
  return {
    name: SHEET_NAMES[collection].zh,
    columns: columns.map((c) => ({
      header: c.header.zh,
      note: [c.required ? "必填" : null, c.hint?.zh, c.choices ? `可选：${c.choices.map((x) => x.label.zh).join("、")}` : null]
        .filter(Boolean)
        .join("；"),
      choices: c.choices && !c.list ? c.choices.map((x) => x.label.zh) : undefined,
    })),
    rows: [...rows]
      .sort((a, b) => byId(a.id, b.id))
      .map((v) => {
        const cells = writeCells(collection, v);
        return columns.map((c) => cells[c.key]);
      }),
    exampleRows,
  };
}

/** The inventory (import format) → .xlsx bytes, each sheet's rows in natural id order. */
export function inventoryWorkbook(value: Collections): Promise<Buffer> {
  return buildXlsx((["parks", "spaces", "recruiters"] as const).map((c) => sheetOf(c, value[c])));
}

/** The template: the example rows (grey) and a 说明 sheet listing every column. */
export function templateWorkbook(): Promise<Buffer> {
  const sheets = (["parks", "spaces", "recruiters"] as const).map((c) => sheetOf(c, TEMPLATE_EXAMPLE[c], 1));
  const help: XlsxSheet = {
    name: "说明",
    columns: [{ header: "工作表" }, { header: "列" }, { header: "必填" }, { header: "说明与单位" }, { header: "可选值" }],
    rows: [
      [
        "全部",
        "",
        "",
        "按编号导入：已有编号的行被更新，新编号新建；先预览再写入，任何一格出错则整批不写入。灰色斜体为示例行，请替换。",
        "",
      ],
      ...(["parks", "spaces", "recruiters"] as const).flatMap((c) =>
        COLUMNS[c].map((col) => [
          SHEET_NAMES[c].zh,
          col.header.zh,
          col.required ? "是" : "",
          col.hint?.zh ?? "",
          col.choices?.map((x) => x.label.zh).join("、") ?? "",
        ]),
      ),
    ],
  };
  return buildXlsx([...sheets, help]);
}
