import { promises as fs, constants as fsConstants } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Message } from "../../core/model";
import {
  droppedContentTypes,
  droppedSummaryCharts,
  dropSummaryCharts,
  needsTrialWrite,
  partsLostByRewrite,
  putBackPackageParts,
  type LostPart,
} from "./foreign-parts";
import { putBackAutoFilters, rememberAutoFilters } from "./auto-filters";
import { keepDefinedNames, rememberDefinedNames } from "./defined-names";
import { diagnoseUnreadable } from "./diagnose-package";
import { keepEmptyFormulaResults } from "./formula-values";
import { normaliseForExceljs } from "./normalise-package";
import { OpcPackage } from "./opc-package";
import { badSharedStringCell } from "./shared-strings";
import { keepUserTables, tablesForExceljs } from "./table-parts";
import {
  putBackLargeValidations,
  rememberLargeValidations,
  setAsideLargeValidations,
} from "./large-validations";
import { withCompactValidations } from "./validations";
import { keepWorkbookProtection } from "./workbook-protection";
import { missingWorkbookParts, worksheetParts } from "./workbook-parts";
import { checkPackageLimits, PACKAGE_LIMITS, PackageLimitError, type PackageScan } from "./package-limits";

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
    // On Linux a folder opens for reading, and only the first read fails (EISDIR): ask first.
    if ((await fs.stat(file)).isDirectory())
      throw Object.assign(new Error(`${file} is a directory`), { code: "EISDIR" });
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

const corrupt = (file: string, e: unknown) =>
  new WorkbookFileError({
    vi: `"${path.basename(file)}" bị hỏng hoặc không đọc được (${(e as Error).message}).`,
    en: `"${path.basename(file)}" is corrupt or unreadable (${(e as Error).message}).`,
  });

const corruptPart = (file: string, why: Message) =>
  new WorkbookFileError({
    vi: `"${path.basename(file)}" bị hỏng hoặc không đọc được (${why.vi}). Sổ tính không bị thay đổi.`,
    en: `"${path.basename(file)}" is corrupt or unreadable (${why.en}). The workbook was not changed.`,
  });

const droppedPart = (type: string): LostPart => ({
  part: type,
  contentType: type,
  kind: { vi: `phần loại ${type}`, en: `parts of type ${type}` },
});

/** The message for a workbook whose rewrite would drop parts: what, and where it is kept. */
function wouldLose(file: string, lost: LostPart[]): WorkbookFileError {
  const kinds = (lang: "vi" | "en") => [...new Set(lost.map((l) => l.kind[lang]))].join(", ");
  const parts = lost
    .slice(0, 5)
    .map((l) => l.part)
    .join(", ");
  return new WorkbookFileError({
    vi: `"${path.basename(file)}" có ${kinds("vi")} (${parts}) mà dòng lệnh không giữ được khi ghi lại tệp; sổ tính không bị thay đổi. Hãy đồng bộ tệp này bằng add-in trong Excel (add-in giữ nguyên chúng), hoặc chuyển chúng sang một tệp khác rồi đồng bộ lại.`,
    en: `"${path.basename(file)}" holds ${kinds("en")} (${parts}) that the command line cannot keep when it rewrites the file; the workbook was not changed. Sync it with the Excel add-in (which keeps them), or move them to another file and sync again.`,
  });
}

/** The file's bytes once they pass PACKAGE_LIMITS (a file too large is not even read), and what the measuring saw. */
async function readWithinLimits(file: string): Promise<{ bytes: Buffer; scan: PackageScan }> {
  const refused = (why: Message) =>
    new WorkbookFileError({
      vi: `Không đọc "${path.basename(file)}": ${why.vi}. Sổ tính không bị thay đổi.`,
      en: `"${path.basename(file)}" was not read: ${why.en}. The workbook was not changed.`,
    });
  const { size } = await fs.stat(file);
  if (size > PACKAGE_LIMITS.fileBytes) {
    const mb = `${Math.round(size / 1048576)} MB`;
    const limit = `${PACKAGE_LIMITS.fileBytes / 1048576} MB`;
    throw refused({
      vi: `tệp nặng ${mb}, vượt giới hạn ${limit}`,
      en: `the file is ${mb}, over the limit of ${limit}`,
    });
  }
  const bytes = await fs.readFile(file);
  try {
    return { bytes, scan: checkPackageLimits(bytes) };
  } catch (e) {
    if (e instanceof PackageLimitError) throw refused(e.userMessage);
    throw e;
  }
}

/**
 * Loads a workbook with exceljs, turning the zip/XML library's failures into a user message. The
 * package is normalised first (normalise-package.ts) so that valid files from other programs
 * (openpyxl, LibreOffice…) read. For "sync" (the file will be rewritten), a workbook holding parts
 * the rewrite would drop is refused here, before anything is sent or written.
 */
export async function loadWorkbook(
  file: string,
  purpose: "read" | "sync" = "read",
): Promise<ExcelJS.Workbook> {
  await checkWorkbookFile(file);
  const { bytes, scan } = await readWithinLimits(file);
  let pkg: OpcPackage;
  try {
    pkg = await OpcPackage.open(bytes);
  } catch (e) {
    throw corrupt(file, e);
  }
  const missing = await missingWorkbookParts(pkg);
  if (missing)
    throw new WorkbookFileError({
      vi: `"${path.basename(file)}" không đọc được: ${missing.vi}. Sổ tính không bị thay đổi.`,
      en: `"${path.basename(file)}" cannot be read: ${missing.en}. The workbook was not changed.`,
    });
  // Part names as the zip has them (normalising may rename worksheets): what the scan is keyed by.
  const sheets = await worksheetParts(pkg);
  const badString = await badSharedStringCell(pkg, sheets, scan.sharedStringUse, scan.sharedStringCounts);
  if (badString) throw corruptPart(file, badString);
  const normalised = await normaliseForExceljs(pkg);
  // The summary sheet's charts: ours, redrawn by the add-in; dropped knowingly (foreign-parts.ts).
  const summaryCharts = await dropSummaryCharts(pkg);
  // Tables exceljs would fail on are simplified for it; the user's are put back at the write.
  const tables = await tablesForExceljs(pkg);
  // Validations over whole columns would cost exceljs a million cells each: set aside, put back.
  const largeValidations = await setAsideLargeValidations(pkg);
  const changed = normalised || summaryCharts > 0 || tables || largeValidations.size > 0;
  if (purpose === "sync") {
    const lost = await partsLostByRewrite(pkg);
    if (lost.length > 0) throw wouldLose(file, lost);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((changed ? await pkg.toBuffer() : bytes) as unknown as ExcelJS.Buffer);
  } catch (e) {
    // exceljs's own message ("1:117: unexpected close tag") names no sheet: look for where it is.
    const why = await diagnoseUnreadable(pkg).catch(() => undefined);
    throw why ? corruptPart(file, why) : corrupt(file, e);
  }
  keepEmptyFormulaResults(workbook, scan.emptyFormulaResults, sheets);
  await rememberDefinedNames(workbook, pkg);
  rememberLargeValidations(workbook, largeValidations);
  await rememberAutoFilters(workbook, pkg);
  if (summaryCharts > 0) droppedSummaryCharts.set(workbook, summaryCharts);
  if (purpose === "sync" && needsTrialWrite(pkg)) {
    // Drawings, pictures, tables: what exceljs writes again is known for sure only by writing once.
    const trial = await OpcPackage.open(Buffer.from(await workbook.xlsx.writeBuffer()));
    await putBackPackageParts(pkg, trial);
    const dropped = droppedContentTypes(pkg, trial);
    if (dropped.length > 0) throw wouldLose(file, dropped.map(droppedPart));
  }
  return workbook;
}

/**
 * Writes `wb` to `out` as the new version of `original`: exceljs writes the workbook, then the
 * package-level parts it drops (the add-in's binding, custom XML, custom properties) are put back
 * from `original`. If the result still holds fewer parts of some kind than the original (a chart
 * the checks before missed), nothing is written and the error says so.
 */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, out: string, original: string): Promise<void> {
  const raw = Buffer.from(await withCompactValidations(wb, () => wb.xlsx.writeBuffer()));
  const written = await OpcPackage.open(raw);
  const before = await OpcPackage.open(await fs.readFile(original));
  await normaliseForExceljs(before);
  await dropSummaryCharts(before);
  const putBack =
    (await putBackPackageParts(before, written)) +
    (await keepUserTables(before, written)) +
    ((await keepDefinedNames(wb, written)) ? 1 : 0) +
    ((await putBackLargeValidations(wb, written)) ? 1 : 0) +
    ((await putBackAutoFilters(wb, written)) ? 1 : 0) +
    ((await keepWorkbookProtection(before, written)) ? 1 : 0);
  const dropped = droppedContentTypes(before, written);
  if (dropped.length > 0)
    throw wouldLose(
      original,
      dropped.map((t) => ({
        part: t,
        contentType: t,
        kind: { vi: `phần loại ${t}`, en: `parts of type ${t}` },
      })),
    );
  await fs.writeFile(out, putBack > 0 ? await written.toBuffer() : raw);
}
