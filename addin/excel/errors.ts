import type { Message } from "../../core/model";

/** A write the adapter refuses before changing anything, with a message for the user in both languages. */
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
