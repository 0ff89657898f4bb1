import { promises as fs, constants as fsConstants } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Message } from "../../core/model/records";

/** A file that could not be opened as a workbook: the message says why and what to do. */
export class WorkbookFileError extends Error {
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
    this.name = "WorkbookFileError";
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Checks that a path is a readable .xlsx before exceljs sees it, so that a missing, locked,
 * password-protected (an encrypted .xlsx is an OLE container), old .xls or non-workbook file gets
 * its own clear message instead of a zip library's stack trace.
 */
export async function checkWorkbookFile(file: string, mode: "read" | "write" = "read"): Promise<void> {
  const name = path.basename(file);
  let handle: fs.FileHandle;
  try {
    await fs.access(file, mode === "write" ? fsConstants.R_OK | fsConstants.W_OK : fsConstants.R_OK);
    handle = await fs.open(file, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new WorkbookFileError({ vi: `Không tìm thấy tệp "${file}".`, en: `File "${file}" not found.` });
    if (code === "EISDIR")
      throw new WorkbookFileError({
        vi: `"${file}" là thư mục, không phải tệp .xlsx.`,
        en: `"${file}" is a folder, not an .xlsx file.`,
      });
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new WorkbookFileError({
        vi: `Không mở được "${name}": tệp đang bị khóa, chỉ đọc hoặc đang mở trong chương trình khác. Hãy đóng tệp rồi thử lại.`,
        en: `Cannot open "${name}": the file is locked, read-only or open in another program. Close it and try again.`,
      });
    throw e;
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead === 4 && head.equals(OLE_MAGIC))
      throw new WorkbookFileError({
        vi: `"${name}" được đặt mật khẩu hoặc là tệp .xls cũ; hãy bỏ mật khẩu hoặc lưu lại dưới dạng .xlsx.`,
        en: `"${name}" is password-protected or an old .xls file; remove the password or save it as .xlsx.`,
      });
    if (bytesRead < 4 || !head.equals(ZIP_MAGIC))
      throw new WorkbookFileError({
        vi: `"${name}" không phải tệp Excel .xlsx.`,
        en: `"${name}" is not an Excel .xlsx file.`,
      });
  } finally {
    await handle.close();
  }
}

/** Loads a workbook with exceljs, turning the zip/XML library's failures into a user message. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  await checkWorkbookFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new WorkbookFileError({
      vi: `"${path.basename(file)}" bị hỏng hoặc không đọc được (${(e as Error).message}).`,
      en: `"${path.basename(file)}" is corrupt or unreadable (${(e as Error).message}).`,
    });
  }
  return workbook;
}
