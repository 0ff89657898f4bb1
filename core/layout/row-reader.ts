import { parseDateCell } from "../dates/parse-date";
import { formatVi, type IsoDate } from "../dates/local-date";
import { msg } from "../model/messages";
import type { Message, RowError } from "../model/records";
import {
  cellErrorText,
  cellText,
  isBlank,
  isUncomputedFormula,
  MAX_CELL_CHARS,
  type CellValue,
} from "../parse/cell";
import { shownPeriodEnd } from "../parse/deadline";
import type { ShownPeriod } from "../parse/number-format";
import { cellKey, columnLetter, type SheetGrid } from "./grid";
import { isDateCell, monthFirstEvidence, monthFirstMessage, type MonthFirstEvidence } from "./month-first";
import type { DetectedHeader } from "./detect-header";

/**
 * One data row seen through its sheet's header: values by field name, each checked for formula
 * errors and Excel's length limit, with every problem recorded against sheet, row and column.
 */
export class RowReader<F extends string> {
  readonly errors: RowError[] = [];
  /** Dates written with a two-digit year, read as 20yy: the user is told in `mapping`. */
  twoDigitYears = 0;
  private row: CellValue[] = [];
  private rowIndex = 0;
  /** Per data row, the cells covered by a cell merged down one column, the value they show and its row. */
  private readonly mergedDown = new Map<number, [col: number, value: CellValue, top: number][]>();
  /** The current row's cells covered by a merge down: the row whose cell they show. */
  private coveredFrom: Map<number, number> | undefined;

  /** Set when the sheet bears the mark of a month-first import: its date cells are not trusted. */
  private readonly monthFirst: MonthFirstEvidence | undefined;

  constructor(
    readonly grid: SheetGrid,
    private readonly header: DetectedHeader<F>,
  ) {
    this.monthFirst = monthFirstEvidence(grid, header);
    // A group's value merged down a column ("Việc làm" beside three dossiers) belongs to each row of
    // the group. Merges across columns (a section title) are not spread: each cell means its column.
    for (const m of grid.merges) {
      if (m.left !== m.right || m.bottom === m.top || m.top < header.dataStart) continue;
      const value = grid.rows[m.top]?.[m.left] ?? null;
      for (let r = m.top + 1; r <= m.bottom; r++) {
        const cells = this.mergedDown.get(r) ?? [];
        cells.push([m.left, value, m.top]);
        this.mergedDown.set(r, cells);
      }
    }
  }

  at(rowIndex: number): this {
    this.rowIndex = rowIndex;
    this.row = this.grid.rows[rowIndex] ?? [];
    const covered = this.mergedDown.get(rowIndex);
    this.coveredFrom = undefined;
    if (covered) {
      this.row = this.row.slice();
      this.coveredFrom = new Map();
      for (const [col, value, top] of covered) {
        this.row[col] = value;
        this.coveredFrom.set(col, top);
      }
    }
    this.errors.length = 0;
    return this;
  }

  get excelRow(): number {
    return this.rowIndex + 1;
  }

  has(field: F): boolean {
    return this.header.fieldColumns[field] !== undefined;
  }

  headerOf(field: F): string {
    const index = this.header.fieldColumns[field];
    return index === undefined ? field : this.header.columns[index]?.label || columnLetter(index);
  }

  raw(field: F): CellValue {
    const index = this.header.fieldColumns[field];
    return index === undefined ? null : (this.row[index] ?? null);
  }

  fail(field: F | null, message: Message): void {
    const index = field === null ? undefined : this.header.fieldColumns[field];
    this.errors.push({
      sheet: this.grid.name,
      row: this.excelRow,
      column: index === undefined ? null : columnLetter(index),
      message,
    });
  }
  /**
   * A row that reads as a total or a note but holds a record id (the sync took it for a record
   * before): reported in `field`'s column with `message`, its id kept so its record is not deleted.
   */
  keepSyncedRow(field: F, message: Message, out: { errors: RowError[]; idsInErrorRows: string[] }): void {
    const id = this.text("recordId" as F);
    if (id === undefined) return;
    this.fail(this.has(field) ? field : null, message);
    for (const e of this.errors) out.errors.push(e);
    out.idsInErrorRows.push(id);
  }

  /** The cell's value when usable, or undefined (blank, or an error already recorded). */
  value(field: F): CellValue | undefined {
    const v = this.raw(field);
    if (isBlank(v)) return undefined;
    if (isUncomputedFormula(v)) {
      // A value the file does not hold cannot be trusted: the row is held back. The STT only numbers
      // the row (no record holds it), so a script's uncomputed =ROW()-2 there holds nothing back.
      if (field !== "stt") this.fail(field, msg.uncomputedFormula(this.headerOf(field)));
      return undefined;
    }
    const error = cellErrorText(v);
    if (error) {
      this.fail(field, msg.excelError(this.headerOf(field), error));
      return undefined;
    }
    if (typeof v === "string" && v.length > MAX_CELL_CHARS) {
      this.fail(field, msg.tooLong(this.headerOf(field), v.length));
      return undefined;
    }
    return v;
  }

  /** The period the field's date cell shows when its format shows no day ("mm/yyyy": "month"). */
  shownPeriod(field: F): ShownPeriod | undefined {
    const marks = this.grid.periodCells;
    const index = this.header.fieldColumns[field];
    if (!marks || index === undefined) return undefined;
    return marks.get(cellKey(this.coveredFrom?.get(index) ?? this.rowIndex, index));
  }

  text(field: F): string | undefined {
    const v = this.value(field);
    return v === undefined ? undefined : cellText(v) || undefined;
  }

  date(field: F): IsoDate | undefined {
    const v = this.value(field);
    if (v === undefined) return undefined;
    const reading = parseDateCell(v);
    if (!reading) return undefined;
    if (reading.ok && this.swappedByImport(field, v, reading.date)) return undefined;
    if (reading.ok && v instanceof Date && reading.date < EARLIEST_DATE_CELL) {
      this.fail(field, dateCellTooEarly(this.headerOf(field), formatVi(reading.date)));
      return undefined;
    }
    if (reading.ok && shownPeriodEnd(reading.date, this.shownPeriod(field)) !== undefined) {
      // "06/2026" typed where a day is needed (a dossier's dates, a completion date): which day is
      // unknown, and the 1st would be a guess that moves the dossier's timeliness.
      this.fail(field, periodInDayCell(this.headerOf(field), reading.date, this.shownPeriod(field)!));
      return undefined;
    }
    if (reading.ok) {
      if (reading.note === "two-digit-year") this.twoDigitYears++;
      return reading.date;
    }
    const shown = cellText(v);
    this.fail(
      field,
      reading.reason === "impossible"
        ? msg.impossibleDate(this.headerOf(field), shown)
        : msg.badDate(this.headerOf(field), shown),
    );
    return undefined;
  }

  /**
   * True (and the cell reported) when a date cell of a sheet with the mark of a month-first import
   * may hold its day and month swapped (month-first.ts).
   */
  swappedByImport(field: F, v: CellValue, date: IsoDate): boolean {
    if (!this.monthFirst || !isDateCell(v)) return false;
    this.fail(field, monthFirstMessage(this.headerOf(field), date, this.monthFirst));
    return true;
  }

  /**
   * True when the row has nothing in any mapped column except the STT and ignored ones. A group's
   * value merged down beside it is not the row's own: a row emptied inside a group is still empty.
   */
  isBlank(except: readonly string[] = ["stt", "recordId"]): boolean {
    const own = this.grid.rows[this.rowIndex] ?? [];
    for (const col of this.header.columns) {
      if (!col.field || col.field === "ignored" || except.includes(col.field)) continue;
      if (!isBlank(own[col.index] ?? null)) return false;
    }
    return true;
  }

  /** The note for `mapping` when some dates had two-digit years. */
  twoDigitYearNote(): Message | undefined {
    if (this.twoDigitYears === 0) return undefined;
    return {
      vi: `${this.twoDigitYears} ngày ghi năm 2 chữ số được hiểu là 20xx.`,
      en: `${this.twoDigitYears} dates with a two-digit year were read as 20xx.`,
    };
  }

  /**
   * The index of the last row that holds a record id (-1 when none does). A table does not end
   * above it: a row the sync gave an id is a record the server holds, and rows left unread are
   * deleted at the next sync.
   */
  lastRowWithId(): number {
    const column = this.header.columns.find((c) => c.field === "recordId")?.index;
    if (column === undefined) return -1;
    for (let r = this.grid.rows.length - 1; r >= this.header.dataStart; r--)
      if (!isBlank(this.grid.rows[r]?.[column] ?? null)) return r;
    return -1;
  }

  /**
   * True when the row repeats the header's own labels: the header of a second table under the first
   * (a plan of several tables on one sheet), or a header copied down for printing.
   */
  repeatsHeader(): boolean {
    // A row the sync gave an id holds a record, whatever it says: skipping it would delete it.
    if (!isBlank(this.raw("recordId" as F))) return false;
    // A numbered row is data (a repeated header says "STT" there, or nothing).
    if (typeof this.raw("stt" as F) === "number") return false;
    this.labels ??= headerLabels(this.header.columns);
    let same = 0;
    // Once per data row of every sheet (100,000 on a large register): only short texts are compared,
    // without folding diacritics (a repeated header is a copy: case and spacing aside).
    for (const [index, labels] of this.labels) {
      const v = this.row[index];
      if (typeof v !== "string" || v.length > MAX_LABEL) continue;
      if (labels.has(plainKey(v))) same++;
    }
    return same >= 2;
  }

  private labels: Map<number, Set<string>> | undefined;

  /**
   * Tick columns: several columns of one field headed by its values ("Kết quả" over "Đã hoàn thành |
   * Chưa hoàn thành"), an "x" under the one that holds. Answers the label of the ticked column,
   * "several" when more than one is ticked, undefined when none is or the field has no such columns.
   */
  tickedLabel(field: F, isValue: (label: string) => boolean): string | "several" | undefined {
    const columns = this.header.columns.filter((c) => c.field === field);
    if (columns.length < 2) return undefined;
    const labels = columns.map((c) => c.label.split(" / ").pop()!.trim());
    if (!labels.every(isValue)) return undefined;
    const ticked = columns.flatMap((c, i) => (isTick(this.row[c.index] ?? null) ? [labels[i]!] : []));
    return ticked.length > 1 ? "several" : ticked[0];
  }

  /** The first column of the row holding a value. */
  firstTextColumn(): number | undefined {
    for (let c = 0; c < this.row.length; c++) if (!isBlank(this.row[c] ?? null)) return c;
    return undefined;
  }

  /** The non-empty texts of the whole row, for recognising section, total and footer rows. */
  rowTexts(): string[] {
    return this.row.map((v) => cellText(v ?? null)).filter((t) => t !== "");
  }
}

/**
 * A date cell before 1990 is no date a record holds, and Office.js hands such a cell as a number the
 * add-in never reads as a date (parse-date.ts): the command line reports it too. Typically an ISO
 * date cell (openpyxl's iso_dates) that exceljs read as a serial (2026 → 18/07/1905) and a sync
 * before 2026-11-28 wrote back so: the real date is no longer in the file.
 */
const EARLIEST_DATE_CELL = "1990-01-01";

function dateCellTooEarly(header: string, shown: string): Message {
  return {
    vi: `Ngày ${shown} ở cột "${header}" trước năm 1990, không thể là ngày của bản ghi này. Nếu sổ tính được tạo bằng chương trình khác (ngày ghi dạng ISO) và đã đồng bộ bằng phiên bản cchc trước 28/11/2026, ngày thật đã bị ghi đè: hãy nhập lại ngày dạng ngày/tháng/năm.`,
    en: `The date ${shown} in column "${header}" is before 1990 and cannot be this record's. If the workbook was made by another program (ISO date cells) and synced by a cchc before 2026-11-28, the real date was overwritten: retype it as day/month/year.`,
  };
}

function periodInDayCell(header: string, date: IsoDate, period: ShownPeriod): Message {
  const [year, month] = date.split("-");
  const shown = period === "month" ? `${month}/${year}` : year!;
  const what = period === "month" ? { vi: "tháng", en: "month" } : { vi: "năm", en: "year" };
  return {
    vi: `Ô ở cột "${header}" chỉ ghi ${what.vi} (${shown}), không có ngày: hãy nhập đủ ngày/tháng/năm (ô đang định dạng chỉ hiện ${what.vi}, hãy đổi sang định dạng ngày dd/mm/yyyy).`,
    en: `The cell in column "${header}" gives only a ${what.en} (${shown}), no day: type the full day/month/year (the cell's format shows only the ${what.en}: change it to a date format, dd/mm/yyyy).`,
  };
}

/** What people tick a column with: "x", "✓", "√", "v", "+", "*", 1, TRUE (a checkbox). */
export function isTick(v: CellValue): boolean {
  if (v === true || v === 1) return true;
  return typeof v === "string" && /^(x|✓|✔|√|☑|v|\+|\*|•|có)$/iu.test(v.trim());
}

const MAX_LABEL = 80;
const plainKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** Each mapped column's label, and for a two-row header each part ("Thời gian / Hoàn thành"). */
function headerLabels(columns: readonly { index: number; label: string; field?: string | undefined }[]) {
  const out = new Map<number, Set<string>>();
  for (const c of columns) {
    if (!c.field || c.field === "ignored" || c.label === "") continue;
    out.set(c.index, new Set([c.label, ...c.label.split(" / ")].map(plainKey)));
  }
  return out;
}
