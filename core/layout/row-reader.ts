import { parseDateCell } from "../dates/parse-date";
import type { IsoDate } from "../dates/local-date";
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
import { columnLetter, type SheetGrid } from "./grid";
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

  constructor(
    readonly grid: SheetGrid,
    private readonly header: DetectedHeader<F>,
  ) {}

  at(rowIndex: number): this {
    this.rowIndex = rowIndex;
    this.row = this.grid.rows[rowIndex] ?? [];
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

  text(field: F): string | undefined {
    const v = this.value(field);
    return v === undefined ? undefined : cellText(v) || undefined;
  }

  date(field: F): IsoDate | undefined {
    const v = this.value(field);
    if (v === undefined) return undefined;
    const reading = parseDateCell(v);
    if (!reading) return undefined;
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

  /** True when the row has nothing in any mapped column except the STT and ignored ones. */
  isBlank(except: readonly string[] = ["stt", "recordId"]): boolean {
    for (const col of this.header.columns) {
      if (!col.field || col.field === "ignored" || except.includes(col.field)) continue;
      if (!isBlank(this.row[col.index] ?? null)) return false;
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
