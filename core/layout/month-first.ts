import { parseDateCell, parseDateText } from "../dates/parse-date";
import { formatVi, type IsoDate } from "../dates/local-date";
import type { Message } from "../model/records";
import { isBlank, type CellValue } from "../parse/cell";
import type { DetectedHeader } from "./detect-header";
import { cellKey, type SheetGrid } from "./grid";

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
  // In DATE_FIELDS order, a column the sheet lacks kept as undefined (RowOrder reads by position).
  const columns = DATE_FIELDS[header.kind === "tasks" ? "tasks" : "dossiers"].map(
    (f) => (header.fieldColumns as Record<string, number | undefined>)[f],
  );
  let dateCells = 0;
  let text: string | undefined;
  const order = new RowOrder();
  for (let r = header.dataStart; r < grid.rows.length; r++) {
    const row: (IsoDate | undefined)[] = [];
    let cells = 0;
    let texts = 0;
    for (const c of columns) {
      row.push(undefined);
      if (c === undefined) continue;
      const v: CellValue = grid.rows[r]?.[c] ?? null;
      if (isBlank(v)) continue;
      if (isDateCell(v)) {
        // A cell showing only its month ("6/2026" typed: the 1st) says nothing of an import's order.
        if (grid.periodCells?.has(cellKey(r, c))) continue;
        const reading = parseDateCell(v);
        if (!reading?.ok) continue;
        if (Number(reading.date.slice(8, 10)) > 12) return undefined;
        dateCells++;
        cells++;
        row[row.length - 1] = reading.date;
      } else if (typeof v === "string") {
        if (text === undefined && dayPastTwelve(v)) text = v.trim();
        const reading = parseDateText(v);
        if (reading.ok) {
          texts++;
          row[row.length - 1] = reading.date;
        }
      }
    }
    if (header.kind !== "tasks" && cells > 0 && texts > 0) order.add(row);
  }
  if (text === undefined || dateCells < MIN_DATE_CELLS) return undefined;
  // A register whose rows mix date cells and texts in order (received, then due and result) was
  // typed right, a few early days of a month aside: a swapped import puts some of them out of order.
  return order.mixed > 0 && !order.contradicted ? undefined : { text };
}

/** Rows of a register holding both a date cell and a date text: is any out of order as read? */
class RowOrder {
  mixed = 0;
  contradicted = false;

  /** `row`: received, due, result as read (DATE_FIELDS order), undefined where blank or absent. */
  add([received, due, result]: (IsoDate | undefined)[]): void {
    this.mixed++;
    if (received === undefined) return;
    if ((due !== undefined && due < received) || (result !== undefined && result < received))
      this.contradicted = true;
  }
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
