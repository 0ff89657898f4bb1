/// <reference types="office-js" />
import { periodShownBy, type CellValue, type ShownPeriod } from "../../core/parse";
import { STATE_SHEET } from "../../core/sync";
import type { PortSheet, WorkbookSnapshot } from "../../core/sync";
import { cellKey, type CellRange } from "../../core/layout";
import { parseAreas } from "./addresses";
import { type Raw, toCellValue } from "./cell-values";
import {
  CELL_BUDGET,
  type ExcelRun,
  isPayloadError,
  jsonBytes,
  PAYLOAD_BUDGET,
  type SetSupport,
} from "./office";
import { GUARDED } from "./requirements";

/** A block of rows to load: `rows` may be split across syncs. */
interface Job {
  sheet: string;
  top: number;
  rows: number;
  left: number;
  cols: number;
  /** Estimated response bytes per cell: the first guess, then the largest measured (never lowered after). */
  bytesPerCell: number;
  measured: boolean;
  /** Where the loaded rows go (row index = absolute sheet row). */
  into: CellValue[][];
  /** Where date cells showing only a month or a year are marked; the state sheet has none. */
  periods?: Map<number, ShownPeriod>;
  /** The columns (absolute, first and last) whose number formats are loaded: those holding numbers. */
  formatRuns: [number, number][];
}

/** A first guess per cell (about 40 Vietnamese characters and a format), corrected by the first block. */
const FIRST_GUESS = 100;
/** A state cell holds up to 32,767 characters, 3 bytes each in UTF-8 at worst, plus JSON escapes. */
const STATE_CELL_BYTES = 110_000;
/** Rows read with the used ranges (a data sheet's first rows; the state sheet's first cells). */
const PROBE_ROWS = 300;
const STATE_PROBE_ROWS = 2;

/**
 * Reads every sheet's used range (values and number formats in row blocks that stay under the
 * payload and cell budgets; merged areas and formula cells as address lists, one sync for all
 * sheets) and column A of the state sheet. A date cell whose format shows only its month or year
 * ("6/2026" typed: 1/6/2026 shown "mmm-yy") is marked for core, as the file adapter marks it; the
 * formats come with the values, in the same syncs: the first rows' for every column, then only the
 * columns holding a number or a formula (a date is a number; Range.getSpecialCells answers which,
 * with the used range). Syncs: 1 (sheet list) + 1 (used ranges, merges, formulas, number cells, the
 * first rows) + one per block. Excel returns at most 512 merged areas per call and fails past that:
 * if that sync fails, it is made again without the merged areas (nor the number cells: formats are
 * then loaded for every column), and the merged areas are read by bands of rows.
 */
export async function readWorkbook(
  run: ExcelRun,
  supports: SetSupport,
): Promise<WorkbookSnapshot & { syncs: number }> {
  return run(async (ctx) => {
    let syncs = 0;
    const list = ctx.workbook.worksheets.load("items/name");
    await ctx.sync();
    syncs++;
    const merges = supports("ExcelApi", GUARDED.mergedAreas);
    const queue = (withMerges: boolean, withNumbers: boolean) =>
      list.items.map((ws) => {
        const used = ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
        const isState = ws.name === STATE_SHEET;
        // The first rows come with the used range: their size sets the blocks of the rest.
        const probe = used
          .getIntersectionOrNullObject(isState ? `1:${STATE_PROBE_ROWS}` : `1:${PROBE_ROWS}`)
          .load(isState ? "rowIndex,columnIndex,values" : "rowIndex,columnIndex,values,numberFormat");
        return {
          name: ws.name,
          isState,
          used,
          probe,
          formulas: isState ? undefined : used.getSpecialCellsOrNullObject("Formulas").load("address"),
          numbers:
            isState || !withNumbers
              ? undefined
              : used.getSpecialCellsOrNullObject("Constants", "Numbers").load("address"),
          merged:
            isState || !withMerges ? undefined : ws.getRange().getMergedAreasOrNullObject().load("address"),
        };
      });
    let infos = queue(merges, true);
    let banded = false;
    try {
      syncs++;
      await ctx.sync();
    } catch (e) {
      if (!isExcelError(e)) throw e;
      infos = queue(false, false);
      syncs++;
      await ctx.sync();
      banded = merges;
    }
    const sheets: PortSheet[] = [];
    const jobs: Job[] = [];
    let stateRows: CellValue[][] | undefined;
    for (const info of infos) {
      const rows: CellValue[][] = [];
      const periods = new Map<number, ShownPeriod>();
      const formulaAreas =
        info.formulas && !info.formulas.isNullObject ? parseAreas(info.formulas.address) : [];
      if (!info.used.isNullObject) {
        const job: Job = {
          sheet: info.name,
          top: info.isState ? 0 : info.used.rowIndex,
          rows: 0,
          left: info.isState ? 0 : info.used.columnIndex,
          cols: info.isState ? 1 : info.used.columnCount,
          bytesPerCell: info.isState ? STATE_CELL_BYTES : FIRST_GUESS,
          measured: false,
          into: rows,
          formatRuns: [],
        };
        if (!info.isState) {
          job.periods = periods;
          // Formats are loaded for the columns holding numbers (dates) or formulas; for every
          // column when Excel could not say which.
          const numberAreas = !info.numbers
            ? undefined
            : info.numbers.isNullObject
              ? []
              : parseAreas(info.numbers.address);
          job.formatRuns = numberAreas
            ? columnRuns([...numberAreas, ...formulaAreas])
            : [[job.left, job.left + job.cols - 1]];
        }
        const end = info.used.rowIndex + info.used.rowCount;
        if (!info.probe.isNullObject) {
          // Rows above the probe (state sheet: A1 down) are empty; the probe's rows are read.
          const values = info.probe.values as Raw[][];
          const formats = info.isState ? undefined : (info.probe.numberFormat as string[][]);
          const n = values.length;
          const cols = values[0]?.length ?? 0;
          values.forEach((row, i) => {
            const out: CellValue[] = (rows[info.probe.rowIndex + i] = []);
            row.forEach((v, c) => (out[info.probe.columnIndex + c] = toCellValue(v)));
          });
          if (formats)
            markPeriods(
              values,
              info.probe.columnIndex,
              formats,
              info.probe.columnIndex,
              info.probe.rowIndex,
              periods,
            );
          job.top = info.probe.rowIndex + n;
          if (n * cols > 0) {
            // The blocks load the formats of the number columns only: so does the estimate.
            const left = info.probe.columnIndex;
            const formatBytes = formats
              ? job.formatRuns.reduce(
                  (sum, [l, r]) => sum + jsonBytes(formats.map((row) => row.slice(l - left, r - left + 1))),
                  0,
                )
              : 0;
            job.bytesPerCell = Math.max(4, ((jsonBytes(values) + formatBytes) / (n * cols)) * 1.25);
            job.measured = true;
          }
        }
        job.rows = end - job.top;
        if (info.isState) job.left = 0;
        jobs.push(job);
      }
      if (info.isState) {
        stateRows = rows;
        continue;
      }
      const formulaCells = new Set<number>();
      for (const a of formulaAreas)
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) formulaCells.add(r * 16384 + c);
      let mergedAreas = info.merged && !info.merged.isNullObject ? parseAreas(info.merged.address) : [];
      if (banded && !info.used.isNullObject) {
        const read = await mergesInBands(ctx, info.name, info.used.rowIndex + info.used.rowCount);
        mergedAreas = read.areas;
        syncs += read.syncs;
      }
      const sheet: PortSheet = { name: info.name, rows, merges: mergedAreas, formulaCells };
      // Filled as the blocks load, below: an empty map is dropped then.
      sheet.periodCells = periods;
      sheets.push(sheet);
    }
    syncs += await loadBlocks(ctx, jobs);
    for (const s of sheets) {
      finishRows(s.rows);
      if (s.periodCells?.size === 0) delete s.periodCells;
    }
    const snapshot: WorkbookSnapshot & { syncs: number } = { sheets, syncs };
    if (stateRows) {
      const cells = stateRows.map((r) => (r[0] === null || r[0] === undefined ? "" : String(r[0])));
      while (cells.length && cells[cells.length - 1] === "") cells.pop();
      if (cells.length) snapshot.stateCells = cells;
    }
    return snapshot;
  });
}

/** An error Excel answered (Office.js errors carry a code), not one of the add-in or its connection. */
function isExcelError(e: unknown): boolean {
  return typeof (e as { code?: unknown } | null)?.code === "string";
}

/** Bands a sheet's rows are first cut into when its merged areas cannot be read in one call. */
const FIRST_BANDS = 8;

/**
 * The merged areas whose top-left cell is in rows [0, end) (below the last value none matters), one
 * band of rows per sync; a band Excel refuses (over 512 areas) is read again as two halves. Excel
 * reports an area in the band of its top-left cell (OfficeDev/office-js#3611); one reported twice
 * is kept once.
 */
async function mergesInBands(
  ctx: Excel.RequestContext,
  sheet: string,
  end: number,
): Promise<{ areas: CellRange[]; syncs: number }> {
  const size = Math.max(1, Math.ceil(end / FIRST_BANDS));
  const bands: [number, number][] = [];
  for (let top = 0; top < end; top += size) bands.push([top, Math.min(end, top + size)]);
  const areas = new Map<string, CellRange>();
  let syncs = 0;
  while (bands.length) {
    const [top, bottom] = bands.shift()!;
    const found = ctx.workbook.worksheets
      .getItem(sheet)
      .getRange(`${top + 1}:${bottom}`)
      .getMergedAreasOrNullObject()
      .load("address");
    syncs++;
    try {
      await ctx.sync();
    } catch (e) {
      if (bottom - top <= 1 || !isExcelError(e)) throw e;
      const mid = top + Math.floor((bottom - top) / 2);
      bands.unshift([top, mid], [mid, bottom]);
      continue;
    }
    if (!found.isNullObject) for (const a of parseAreas(found.address)) areas.set(`${a.top}:${a.left}`, a);
  }
  return { areas: [...areas.values()], syncs };
}

/**
 * Marks the number cells (dates, as Office.js gives them) whose format shows only a month or a year.
 * `formats` covers the columns from `formatsLeft`, `values` those from `valuesLeft`, rows from `top`.
 */
function markPeriods(
  values: Raw[][],
  valuesLeft: number,
  formats: string[][],
  formatsLeft: number,
  top: number,
  into: Map<number, ShownPeriod>,
): void {
  formats.forEach((row, i) =>
    row.forEach((format, k) => {
      const v = values[i]?.[formatsLeft + k - valuesLeft];
      if (typeof v !== "number") return;
      const period = periodShownBy(format);
      if (period) into.set(cellKey(top + i, formatsLeft + k), period);
    }),
  );
}

/** The columns the areas cover, as runs of adjacent columns (first, last), left to right. */
function columnRuns(areas: CellRange[]): [number, number][] {
  const columns = new Set<number>();
  for (const a of areas) for (let c = a.left; c <= a.right; c++) columns.add(c);
  const runs: [number, number][] = [];
  for (const c of [...columns].sort((x, y) => x - y)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** Rows above the used range are empty; trailing empty cells are trimmed (as the file adapter reads them). */
function finishRows(rows: CellValue[][]): void {
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    while (row.length && row[row.length - 1] === null) row.pop();
  }
}

/**
 * Loads the jobs' values, as many rows per sync as the budget allows by the current estimate; the
 * first block's measured size replaces the first guess, larger blocks raise it; a sync refused for its
 * size is retried with the estimate eight times larger. Returns the number of syncs.
 */
async function loadBlocks(ctx: Excel.RequestContext, jobs: Job[]): Promise<number> {
  let syncs = 0;
  const queue = jobs.filter((j) => j.rows > 0);
  while (queue.length) {
    let bytes = 0;
    let cells = 0;
    const batch: {
      job: Job;
      top: number;
      rows: number;
      range: Excel.Range;
      formats: { left: number; range: Excel.Range }[];
    }[] = [];
    while (queue.length) {
      const job = queue[0]!;
      const perRow = job.cols * job.bytesPerCell;
      const fit = Math.min(
        job.rows,
        Math.floor((PAYLOAD_BUDGET - bytes) / perRow),
        Math.floor((CELL_BUDGET - cells) / job.cols),
      );
      if (fit < 1 && batch.length) break;
      const rows = Math.max(1, fit);
      const sheet = ctx.workbook.worksheets.getItem(job.sheet);
      const range = sheet.getRangeByIndexes(job.top, job.left, rows, job.cols).load("values");
      const formats = job.periods
        ? job.formatRuns.map(([left, right]) => ({
            left,
            range: sheet.getRangeByIndexes(job.top, left, rows, right - left + 1).load("numberFormat"),
          }))
        : [];
      batch.push({ job, top: job.top, rows, range, formats });
      bytes += rows * perRow;
      cells += rows * job.cols;
      if (rows < job.rows) break;
      queue.shift();
    }
    try {
      syncs++;
      await ctx.sync();
    } catch (e) {
      if (!isPayloadError(e) || batch.every((b) => b.rows === 1)) throw e;
      for (const b of batch) {
        b.job.bytesPerCell *= 8;
        b.job.measured = true;
      }
      // The whole batch is retried: put back what was taken off the queue.
      for (const b of [...batch].reverse()) if (queue[0] !== b.job) queue.unshift(b.job);
      continue;
    }
    for (const b of batch) {
      const values = b.range.values as Raw[][];
      values.forEach((row, i) => {
        const out: CellValue[] = (b.job.into[b.top + i] = []);
        row.forEach((v, c) => (out[b.job.left + c] = toCellValue(v)));
      });
      let formatBytes = 0;
      for (const f of b.formats) {
        const formats = f.range.numberFormat as string[][];
        markPeriods(values, b.job.left, formats, f.left, b.top, b.job.periods!);
        formatBytes += jsonBytes(formats);
      }
      // The estimate follows the largest rows seen, so that a long stretch of short rows does not
      // lead into a block Excel refuses.
      const measured = Math.max(4, ((jsonBytes(values) + formatBytes) / (b.rows * b.job.cols)) * 1.25);
      b.job.bytesPerCell = b.job.measured ? Math.max(b.job.bytesPerCell, measured) : measured;
      b.job.measured = true;
      b.job.top += b.rows;
      b.job.rows -= b.rows;
    }
  }
  return syncs;
}
