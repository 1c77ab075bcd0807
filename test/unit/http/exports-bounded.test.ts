import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { EXPORT_WAITING_MAX, exportBusyResponse, inExportSlot } from "~/http/export-slot.server";
import { resourceRefusal } from "~/http/remix-handler.server";
import { buildXlsx } from "~/utils/xlsx.server";

// Attack 12-05g H1: GET /admin/export of 10,000 spaces twice at once (20,000 once) ran the web's 256 MB heap out and the
// process aborted, taking every request in flight with it. The workbook is written as a stream, and exports wait
// their turn, one at a time per process.

describe("an .xlsx is written row by row", () => {
  it("keeps what the format asks: the bold frozen header, its notes, drop-downs, example rows, widths, wrapped lines", async () => {
    const bytes = await buildXlsx([
      {
        name: "空间",
        columns: [
          { header: "编号", note: "唯一" },
          { header: "类型", choices: ["厂房", "仓库"] },
          { header: "园区\n说明", lines: true },
        ],
        rows: [
          ["S1", "厂房", "一行\n两行"],
          ["S2", "仓库", 3000],
        ],
        exampleRows: 1,
      },
      { name: "说明", columns: [{ header: "项" }], rows: [["a"]] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("空间")!;
    expect(ws.getRow(1).values).toEqual([undefined, "编号", "类型", "园区\n说明"]);
    expect(ws.getRow(1).font?.bold ?? ws.getCell("A1").font?.bold).toBe(true);
    expect(JSON.stringify(ws.getCell("A1").note)).toContain("唯一");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("A2").font?.italic).toBe(true);
    expect(ws.getCell("A3").font?.italic).not.toBe(true);
    expect(ws.getCell("C3").value).toBe(3000);
    expect(ws.getCell("C2").alignment?.wrapText).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(8);
    const validations = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(validations).map((v) => v.formulae[0])).toContain('"厂房,仓库"');
    expect(wb.getWorksheet("说明")!.getCell("A2").value).toBe("a");
  });
});

describe("exports wait their turn, one at a time per process", () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  };

  it("the next waits for the one running; beyond EXPORT_WAITING_MAX waiting, one is refused at once", async () => {
    const first = gate();
    let running = 0;
    let most = 0;
    const work = (g?: { opened: Promise<void> }) => async () => {
      running++;
      most = Math.max(most, running);
      await g?.opened;
      running--;
      return "file";
    };
    const answers = [inExportSlot(work(first))];
    for (let i = 0; i < EXPORT_WAITING_MAX; i++) answers.push(inExportSlot(work()));
    expect(await inExportSlot(work())).toBe("busy"); // the queue is full: refused without waiting
    first.open();
    expect(await Promise.all(answers)).toEqual(Array(EXPORT_WAITING_MAX + 1).fill("file"));
    expect(most).toBe(1);
    expect(await inExportSlot(work())).toBe("file"); // free again
  });

  it("a failed export hands the slot on", async () => {
    await expect(inExportSlot(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await inExportSlot(async () => "next")).toBe("next");
  });

  it("the refused one is the web layer's 503 page in the person's language, Retry-After kept, linking back to its page", () => {
    const refusal = resourceRefusal(new Request("http://x.test/admin/leads/export?lng=en&status=new"), exportBusyResponse());
    expect(refusal).toEqual({ status: 503, key: "exportBusy", back: "/admin/leads?lng=en", headers: { "Retry-After": "10" } });
    // A key that names no message is not said (the header is ours, but an unknown one must not render undefined words).
    const odd = new Response(null, { status: 503, headers: { "X-Parkmatch-Refusal": "nope" } });
    expect(resourceRefusal(new Request("http://x.test/admin/export"), odd)).toBeNull();
  });
});
