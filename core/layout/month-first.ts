import { parseDateCell, parseDateText } from "../dates/parse-date";
import { formatVi, type IsoDate } from "../dates/local-date";
import type { Message } from "../model/records";
import { isBlank, type CellValue } from "../parse/cell";
import type { DetectedHeader } from "./detect-header";
import type { SheetGrid } from "./grid";

/** The date columns of each kind of sheet. */
const DATE_FIELDS: Record<"tasks" | "dossiers", readonly string[]> = {
  tasks: ["deadline", "completedOn"],
  dossiers: ["receivedOn", "dueOn", "resultOn"],
};

/** Fewer date cells than this could all fall on days 1–12 by chance in a workbook typed right. */
const MIN_DATE_CELLS = 3;

export interface MonthFirstEvidence {
  /** A day-first text of the sheet ("20/03/2026") that the import could not take month first. */
  text: string;
}

/**
 * The mark a month-first import leaves on a day-first sheet (a CSV opened by LibreOffice or Excel
 * in an English locale): "05/03/2026" became the date 3 May, while "20/03/2026", impossible month
 * first, stayed text. So every date cell has a day of 12 or less, and day-first texts past the 12th
 * sit in the same date columns. Such date cells cannot be trusted, and are reported rather than
 * guessed (the rule for dates is day first: README "Choices").
 */
export function monthFirstEvidence(
  grid: SheetGrid,
  header: DetectedHeader<string>,
): MonthFirstEvidence | undefined {
  const columns = DATE_FIELDS[header.kind === "tasks" ? "tasks" : "dossiers"]
    .map((f) => (header.fieldColumns as Record<string, number | undefined>)[f])
    .filter((c): c is number => c !== undefined);
  let dateCells = 0;
  let text: string | undefined;
  for (let r = header.dataStart; r < grid.rows.length; r++) {
    for (const c of columns) {
      const v: CellValue = grid.rows[r]?.[c] ?? null;
      if (isBlank(v)) continue;
      if (isDateCell(v)) {
        const reading = parseDateCell(v);
        if (!reading?.ok) continue;
        if (Number(reading.date.slice(8, 10)) > 12) return undefined;
        dateCells++;
      } else if (text === undefined && typeof v === "string" && dayPastTwelve(v)) text = v.trim();
    }
  }
  return text !== undefined && dateCells >= MIN_DATE_CELLS ? { text } : undefined;
}

export function isDateCell(v: CellValue): boolean {
  return v instanceof Date || (typeof v === "number" && parseDateCell(v)?.ok === true);
}

/** "20/03/2026": a day-first date that no month-first reading could take. */
function dayPastTwelve(text: string): boolean {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*\d{2,4}/.exec(text);
  return m !== null && Number(m[1]) > 12 && parseDateText(text).ok;
}

export function monthFirstMessage(header: string, date: IsoDate, evidence: MonthFirstEvidence): Message {
  const shown = formatVi(date);
  return {
    vi: `Ngày ${shown} ở cột "${header}" có thể đã bị đảo ngày và tháng: trang này có ngày ghi dạng chữ "${evidence.text}" (ngày trước tháng) trong khi mọi ô ngày đều có ngày từ 1 đến 12 — dấu hiệu tệp CSV được mở theo kiểu tháng/ngày (tiếng Anh). Hãy mở lại tệp CSV với ngôn ngữ Tiếng Việt (hoặc chọn kiểu cột Văn bản), hoặc nhập lại ngày này dạng ngày/tháng/năm.`,
    en: `The date ${shown} in column "${header}" may have its day and month swapped: this sheet holds the text date "${evidence.text}" (day first) while every date cell falls on a day from 1 to 12 — the mark of a CSV file opened month first (an English locale). Open the CSV file again with the Vietnamese locale (or the column as Text), or retype this date as day/month/year.`,
  };
}
