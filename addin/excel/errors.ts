import type { Message } from "../../core/model";

/**
 * Excel cannot do what the adapter asks, with a message for the user in both languages: a write the
 * adapter refuses before changing anything (protected or missing sheets), or an error Excel answered.
 */
export class ExcelPortError extends Error {
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
    this.name = "ExcelPortError";
  }
}

const list = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

export function protectedSheets(names: string[]): ExcelPortError {
  return new ExcelPortError({
    vi: `Trang ${list(names)} đang được bảo vệ (Protect Sheet) nên không ghi được; hãy bỏ bảo vệ (Review → Unprotect Sheet) rồi đồng bộ lại. Sổ tính chưa bị thay đổi.`,
    en: `The sheet ${list(names)} is protected (Protect Sheet), so it cannot be written; unprotect it (Review → Unprotect Sheet) and sync again. The workbook was not changed.`,
  });
}

export function missingSheets(names: string[]): ExcelPortError {
  return new ExcelPortError({
    vi: `Trang ${list(names)} đã bị xóa hoặc đổi tên trong lúc đồng bộ; hãy đồng bộ lại. Sổ tính chưa bị thay đổi.`,
    en: `The sheet ${list(names)} was deleted or renamed during the sync; sync again. The workbook was not changed.`,
  });
}

export function rowsMovedDuringSync(names: string[]): ExcelPortError {
  return new ExcelPortError({
    vi: `Trang ${list(names)} vừa có dòng được thêm, xóa hoặc sắp xếp lại trong lúc đồng bộ; hãy đồng bộ lại. Sổ tính chưa bị thay đổi.`,
    en: `Rows of the sheet ${list(names)} were inserted, deleted or sorted during the sync; sync again. The workbook was not changed.`,
  });
}

export function cellEditMode(): ExcelPortError {
  return new ExcelPortError({
    vi: "Excel đang ở chế độ sửa ô (bạn đang gõ trong một ô): nhấn Enter hoặc Esc rồi bấm lại. Nếu lần đồng bộ bị ngắt giữa chừng, lần sau sẽ làm tiếp.",
    en: "Excel is in cell-edit mode (you are typing in a cell): press Enter or Esc and try again. If a sync was cut short, the next one finishes it.",
  });
}

/**
 * The workbook's structure is protected (Review → Protect Workbook): Excel refuses to add, delete
 * or hide sheets, and this write must add some (`sheets`). Sheets that exist are written in place.
 */
export function protectedWorkbook(sheets: string[]): ExcelPortError {
  return new ExcelPortError({
    vi: `Sổ tính đang được bảo vệ cấu trúc (Protect Workbook) nên không thêm được trang ${list(sheets)}; hãy bỏ bảo vệ (Review → Protect Workbook) rồi làm lại. Sổ tính chưa bị thay đổi.`,
    en: `The workbook's structure is protected (Protect Workbook), so the sheet ${list(sheets)} cannot be added; unprotect it (Review → Protect Workbook) and try again. The workbook was not changed.`,
  });
}

/** Any other error Excel answered: its code, its own (localised) words, and what the user can do. */
export function excelRefused(code: string, message: string): ExcelPortError {
  const hint =
    code === "AccessDenied"
      ? {
          vi: " Có thể một trang hoặc cả sổ tính đang được bảo vệ (Review → Unprotect).",
          en: " A sheet or the workbook may be protected (Review → Unprotect).",
        }
      : { vi: "", en: "" };
  return new ExcelPortError({
    vi: `Excel từ chối thao tác (${code}: ${message}).${hint.vi} Hãy đồng bộ lại; nếu lần này bị ngắt giữa chừng, lần sau sẽ làm tiếp.`,
    en: `Excel refused the operation (${code}: ${message}).${hint.en} Sync again; if this one was cut short, the next one finishes it.`,
  });
}
