/// <reference types="office-js" />
import { columnLetter } from "../../core/layout";
import type { Message } from "../../core/model";
import type { PortSheet, RowOp } from "../../core/sync";
import type { Batch } from "./batch";
import { COMMAND_BYTES, jsonBytes, type SetSupport } from "./office";
import { GUARDED } from "./requirements";

/**
 * A sheet's AutoFilter and its Excel Tables, kept over the records as `cchc sync` keeps them
 * (cli/xlsx/row-ranges.ts widenAutoFilterOver, moveAutoFilter; cli/xlsx/table-parts.ts moveTables):
 * - the hidden id column the sync adds right of the records joins the filter or the table, so that a
 *   sort with the filter buttons moves each row's id with it instead of leaving the ids behind;
 * - rows the sync inserts right under a table (no totals row) or a filter join it, as rows a user
 *   types under a table do. Whole-row inserts inside them grow them by themselves.
 * Excel grows nothing over a column or rows written next to it through the API, so the adapter
 * resizes the table (`Table.resize`, ExcelApi 1.13, learn.microsoft.com/javascript/api/excel/excel.table)
 * or applies the filter to the wider range (`AutoFilter.apply`, ExcelApi 1.9, …/excel.autofilter)
 * at the end of the write. A filter that has criteria is left as it is, with a notice: what `apply`
 * does with criteria set on another range is not documented, and criteria read back do not
 * re-apply reliably (OfficeDev/office-js#1226), so re-applying could lose what the user filtered.
 */

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One filter or table: where Excel has it after the ops so far (`box`) and where it should be (`want`). */
export interface TrackedRange {
  sheet: string;
  /** The table's name; undefined for the sheet's AutoFilter. */
  table?: string;
  /** A table without a totals row, or a filter: rows inserted right under it join it. */
  joinsBelow: boolean;
  /** The filter has criteria (rows hidden by the user's choice). */
  filtered: boolean;
  box: Box;
  want: Box;
  /** A table's calculated columns: absolute column → the formula its data rows share (R1C1). */
  calculated?: Map<number, string>;
  /** Rows the sync inserted (as addressed now), with the columns their values filled. */
  inserted: { row: number; filled: Set<number> }[];
}

export interface RangeTracker {
  ranges: TrackedRange[];
  notices: Message[];
  /** Excel lacks ExcelApi 1.9: a sheet's AutoFilter cannot be seen or widened. */
  filtersUnknown?: boolean;
}

const boxOf = (r: Excel.Range): Box => ({
  top: r.rowIndex,
  left: r.columnIndex,
  bottom: r.rowIndex + r.rowCount - 1,
  right: r.columnIndex + r.columnCount - 1,
});

/**
 * Loads the AutoFilter and tables of `sheets` (existing sheets the write adds an id column to or
 * inserts rows into): one sync, and one more for the tables' ranges when there are tables.
 */
export async function loadRanges(
  batch: Batch,
  sheets: string[],
  supports: SetSupport,
): Promise<RangeTracker> {
  const tracker: RangeTracker = { ranges: [], notices: [] };
  if (sheets.length === 0) return tracker;
  const filters = supports("ExcelApi", GUARDED.autoFilter);
  if (!filters) tracker.filtersUnknown = true;
  await batch.room(6 * COMMAND_BYTES * sheets.length, 500 * sheets.length);
  const queued = sheets.map((name) => {
    const ws = batch.ctx.workbook.worksheets.getItem(name);
    const filter = filters
      ? {
          state: ws.autoFilter.load("enabled,isDataFiltered"),
          range: ws.autoFilter.getRangeOrNullObject().load("rowIndex,columnIndex,rowCount,columnCount"),
        }
      : undefined;
    return { name, filter, tables: ws.tables.load("items/name,items/showTotals") };
  });
  await batch.sync();
  const tables = queued.flatMap((q) => q.tables.items.map((t) => ({ sheet: q.name, t })));
  if (tables.length > 0) {
    await batch.room(8 * COMMAND_BYTES * tables.length, 4000 * tables.length);
    const loaded = tables.map(({ t }) => {
      // A calculated column: its first and last data rows hold the same formula (Office.js does not
      // expose the column's own formula; both rows are read, not the whole column).
      const body = t.getDataBodyRange();
      return {
        range: t.getRange().load("rowIndex,columnIndex,rowCount,columnCount"),
        first: body.getRow(0).load("formulasR1C1"),
        last: body.getLastRow().load("formulasR1C1"),
      };
    });
    await batch.sync();
    tables.forEach(({ sheet, t }, i) => {
      const { range, first, last } = loaded[i]!;
      const box = boxOf(range);
      const calculated = new Map<number, string>();
      (first.formulasR1C1[0] ?? []).forEach((f, c) => {
        if (typeof f === "string" && f.startsWith("=") && last.formulasR1C1[0]?.[c] === f)
          calculated.set(box.left + c, f);
      });
      tracker.ranges.push({
        sheet,
        table: t.name,
        joinsBelow: !t.showTotals,
        filtered: false,
        box,
        want: box,
        calculated,
        inserted: [],
      });
    });
  }
  for (const q of queued)
    if (q.filter && !q.filter.range.isNullObject) {
      const box = boxOf(q.filter.range);
      tracker.ranges.push({
        sheet: q.name,
        joinsBelow: true,
        filtered: q.filter.state.isDataFiltered,
        box,
        want: box,
        inserted: [],
      });
    }
  return tracker;
}

/**
 * The id column added at `col` (header on `headerRow`) joins the table or filter whose header row
 * is that row and that ends left of it, with only empty cells between in its rows (a title merged
 * wider than the records puts the id column further right). A table takes it only when it is the
 * very next column: the empty columns between would become table columns named "Column1"… on the
 * user's header row. Otherwise the id column stays outside, with a notice.
 */
export function takeIdColumn(
  tracker: RangeTracker,
  id: { sheet: string; col: number; headerRow: number },
  sheet: PortSheet | undefined,
): void {
  if (tracker.filtersUnknown) tracker.notices.push(filterUnknown(id.sheet));
  for (const r of tracker.ranges) {
    if (r.sheet !== id.sheet || r.want.top !== id.headerRow || r.want.right >= id.col) continue;
    const between = (c: number) => {
      for (let row = r.want.top; row <= r.want.bottom; row++) {
        const v = sheet?.rows[row]?.[c];
        if (v !== null && v !== undefined && v !== "") return false;
      }
      return true;
    };
    let empty = true;
    for (let c = r.want.right + 1; c < id.col && empty; c++) empty = between(c);
    if (r.table !== undefined && r.want.right + 1 === id.col) r.want = { ...r.want, right: id.col };
    else if (r.table === undefined && empty) r.want = { ...r.want, right: id.col };
    else if (r.table !== undefined) tracker.notices.push(outsideTable(id.sheet, r.table, id.col));
  }
}

function grow(b: Box, row: number, count: number): Box {
  return b.top >= row
    ? { ...b, top: b.top + count, bottom: b.bottom + count }
    : b.bottom >= row
      ? { ...b, bottom: b.bottom + count }
      : b;
}

function shrink(b: Box, row: number, count: number): Box | undefined {
  const end = row + count - 1;
  if (b.top >= row && b.bottom <= end) return undefined;
  const top = b.top > end ? b.top - count : b.top >= row ? row : b.top;
  const bottom = b.bottom > end ? b.bottom - count : b.bottom >= row ? row - 1 : b.bottom;
  return bottom < top ? undefined : { ...b, top, bottom };
}

/**
 * One row op, as Excel moves the filters and tables (whole rows inserted inside grow them, under
 * them do not) and as they should move (rows inserted right under one that takes rows join it).
 */
export function trackRowOp(tracker: RangeTracker, op: RowOp): void {
  tracker.ranges = tracker.ranges.flatMap((r) => {
    if (r.sheet !== op.sheet) return [r];
    if (op.op === "insert") {
      const n = op.values.length;
      if (n === 0) return [r];
      const joins = r.joinsBelow && op.row === r.want.bottom + 1;
      const inserted = [
        ...r.inserted.map((x) => (x.row >= op.row ? { ...x, row: x.row + n } : x)),
        ...op.values.map((values, i) => ({
          row: op.row + i,
          filled: new Set(values.flatMap((v, c) => (v === null || v === "" ? [] : [c]))),
        })),
      ];
      return [
        {
          ...r,
          box: grow(r.box, op.row, n),
          want: joins ? { ...r.want, bottom: r.want.bottom + n } : grow(r.want, op.row, n),
          inserted,
        },
      ];
    }
    if (op.count < 1) return [r];
    const box = shrink(r.box, op.row, op.count);
    const want = shrink(r.want, op.row, op.count);
    const end = op.row + op.count;
    const inserted = r.inserted.flatMap((x) =>
      x.row < op.row ? [x] : x.row >= end ? [{ ...x, row: x.row - op.count }] : [],
    );
    return box && want ? [{ ...r, box, want, inserted }] : [];
  });
}

const a1 = (b: Box) => `${columnLetter(b.left)}${b.top + 1}:${columnLetter(b.right)}${b.bottom + 1}`;
const same = (a: Box, b: Box) =>
  a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

/**
 * Resizes each table and re-applies each unfiltered AutoFilter where they should now reach; a
 * filtered AutoFilter, or a table on an Excel without ExcelApi 1.13, is left with a notice.
 */
export async function fixRanges(batch: Batch, tracker: RangeTracker, supports: SetSupport): Promise<void> {
  for (const r of tracker.ranges) {
    await fillCalculated(batch, r);
    if (same(r.box, r.want)) continue;
    const ws = batch.ctx.workbook.worksheets.getItem(r.sheet);
    if (r.table !== undefined && supports("ExcelApi", GUARDED.tableResize)) {
      await batch.room(4 * COMMAND_BYTES, 0);
      ws.tables.getItem(r.table).resize(a1(r.want));
    } else if (r.table !== undefined)
      tracker.notices.push(notWidened(r.sheet, a1(r.box), a1(r.want), r.table));
    else if (r.filtered) tracker.notices.push(notWidened(r.sheet, a1(r.box), a1(r.want)));
    else {
      await batch.room(4 * COMMAND_BYTES, 0);
      ws.autoFilter.apply(a1(r.want));
    }
  }
}

/**
 * The table's calculated columns in the rows the sync inserted into it, where the pulled values
 * left the cell empty: Excel fills a calculated column in rows added through the table, and may in
 * rows inserted into it, but not documented for rows a resize takes in: the formula is written in
 * all of them (writing the formula Excel already put there changes nothing).
 */
async function fillCalculated(batch: Batch, r: TrackedRange): Promise<void> {
  if (!r.calculated?.size) return;
  const last = r.want.bottom - (r.joinsBelow ? 0 : 1); // a totals row is not a data row
  const rows = r.inserted.filter((x) => x.row > r.want.top && x.row <= last).sort((a, b) => a.row - b.row);
  const ws = batch.ctx.workbook.worksheets.getItem(r.sheet);
  for (const [col, formula] of r.calculated)
    for (let i = 0; i < rows.length;) {
      let j = i + 1;
      while (j < rows.length && rows[j]!.row === rows[j - 1]!.row + 1) j++;
      const run = rows.slice(i, j).map((x) => [x.filled.has(col) ? null : formula]);
      if (run.some((x) => x[0] !== null)) {
        await batch.room(jsonBytes(run) + 4 * COMMAND_BYTES, 0, run.length);
        ws.getRangeByIndexes(rows[i]!.row, col, run.length, 1).formulasR1C1 = run as string[][];
      }
      i = j;
    }
}

function notWidened(sheet: string, from: string, to: string, table?: string): Message {
  return table === undefined
    ? {
        vi: `Trang "${sheet}": bộ lọc (Filter) ${from} đang lọc dữ liệu nên không được mở rộng đến ${to} (cột mã ẩn và các dòng mới); bỏ lọc (Data → Clear) rồi đồng bộ lại, hoặc chọn ${to} và bật lại Filter, để khi sắp xếp mã đi cùng dòng.`,
        en: `Sheet "${sheet}": the filter ${from} has criteria, so it was not widened to ${to} (the hidden id column and new rows); clear it (Data → Clear) and sync again, or select ${to} and turn Filter on again, so that a sort moves the ids with their rows.`,
      }
    : {
        vi: `Trang "${sheet}": bảng "${table}" (${from}) chưa được mở rộng đến ${to} vì Excel này không có ExcelApi 1.13; hãy dùng Table Design → Resize Table.`,
        en: `Sheet "${sheet}": the table "${table}" (${from}) was not resized to ${to}: this Excel lacks ExcelApi 1.13; use Table Design → Resize Table.`,
      };
}

function filterUnknown(sheet: string): Message {
  return {
    vi: `Trang "${sheet}": Excel này không có ExcelApi 1.9 nên không mở rộng được bộ lọc (Filter) sang cột mã ẩn vừa thêm; nếu trang có bộ lọc, hãy chọn cả vùng gồm cột mã rồi bật lại Filter, để khi sắp xếp mã đi cùng dòng.`,
    en: `Sheet "${sheet}": this Excel lacks ExcelApi 1.9, so a filter on the sheet could not be widened over the hidden id column just added; if the sheet has one, select the range with the id column and turn Filter on again, so that a sort moves the ids with their rows.`,
  };
}

function outsideTable(sheet: string, table: string, col: number): Message {
  const letter = columnLetter(col);
  return {
    vi: `Trang "${sheet}": cột mã ẩn (${letter}) không nằm sát bảng "${table}" nên không được đưa vào bảng; khi sắp xếp bảng, mã không đi cùng dòng (lần đồng bộ sau sẽ nhận ra và nối lại theo giá trị).`,
    en: `Sheet "${sheet}": the hidden id column (${letter}) is not next to the table "${table}", so it was not made a column of it; a sort of the table leaves the ids behind (the next sync notices and re-links rows by their values).`,
  };
}
