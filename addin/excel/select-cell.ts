/// <reference types="office-js" />
import type { ExcelRun } from "./office";

/** Shows a cell to the user: activates its sheet and selects it (0-based row and column). */
export async function selectCell(run: ExcelRun, sheet: string, row: number, col: number): Promise<void> {
  await run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRangeByIndexes(row, col, 1, 1).select();
    await ctx.sync();
  });
}
