/** Conflicts: noted on the cells that show them. */
import type { ConflictReport } from "./sync-report";
import { shownValue } from "./system-sheets";
import type { WorkbookEdit } from "./workbook-port";

export function conflictNotes(conflicts: ConflictReport[]): WorkbookEdit["notes"] {
  return conflicts
    .filter((c) => c.row > 0)
    .map((c) => ({
      sheet: c.sheet,
      row: c.row - 1,
      col: c.col ?? 0,
      text: `Xung đột ở trường "${c.field}": trên máy chủ là "${shownValue(c.theirs)}" (${c.who}, ${c.at}). Hãy chọn giữ giá trị của tôi hoặc của máy chủ rồi đồng bộ lại.\nConflict on "${c.field}": the server has "${shownValue(c.theirs)}". Choose to keep mine or theirs, then sync again.`,
    }));
}
