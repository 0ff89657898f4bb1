import { SUMMARY_SHEET, SUMMARY_TITLE } from "./summary-model";
import { SyncSetupError } from "./sync-errors";
import type { WorkbookSnapshot } from "./workbook-port";

/**
 * "Tổng hợp" is the name the sync gives its summary sheet, rebuilt at every sync, and also the name
 * staff give their own summary. A workbook never synced (no state) whose "Tổng hợp" is not ours (our
 * title in A1) is refused before anything is sent or written: its sheet would be replaced. The same
 * for both adapters (the add-in too would have drawn over it).
 */
export function assertSummaryIsOurs(snapshot: WorkbookSnapshot): void {
  if ((snapshot.stateCells?.length ?? 0) > 0) return;
  const summary = snapshot.sheets.find((s) => s.name === SUMMARY_SHEET);
  if (!summary) return;
  const title = summary.rows[0]?.[0];
  if (typeof title === "string" && title.startsWith(SUMMARY_TITLE)) return;
  throw new SyncSetupError({
    vi: `Sổ tính có trang "${SUMMARY_SHEET}" của riêng bạn, mà mỗi lần đồng bộ sẽ được ghi đè bằng bảng tổng hợp của CCHC Tracker. Hãy đổi tên trang đó (ví dụ "${SUMMARY_SHEET} phòng") rồi đồng bộ lại. Sổ tính không bị thay đổi.`,
    en: `The workbook has a sheet "${SUMMARY_SHEET}" of its own, which every sync would overwrite with CCHC Tracker's summary. Rename that sheet (e.g. "${SUMMARY_SHEET} phòng") and sync again. The workbook was not changed.`,
  });
}
