/// <reference types="office-js" />
import {
  type Box,
  type TemplateSheet,
  type TemplateStyle,
  type TemplateValue,
  type TemplateWorkbook,
} from "../../core/template";
import { Batch } from "./batch";
import { dateToSerial, needsTextFormat, type Raw } from "./cell-values";
import { ExcelPortError, protectedWorkbook } from "./errors";
import { COMMAND_BYTES, jsonBytes, type ExcelRun } from "./office";
import { POINTS_PER_CHAR } from "./system-sheets";

/** What drawing a template did (for the pane and the tests). */
export interface TemplateReport {
  sheets: string[];
  /** context.sync calls, the check of existing names included. */
  syncs: number;
}

/**
 * A sheet of the model's name is there already: nothing is drawn. We refuse rather than add
 * "Danh mục (2)": the drop-down lists point at their sheet by name, and a second plan sheet of the same
 * year beside the first would be read (and synced) as a second copy of the plan.
 */
export function templateSheetsExist(names: string[]): ExcelPortError {
  const list = names.map((n) => `"${n}"`).join(", ");
  return new ExcelPortError({
    vi: `Sổ tính đã có trang ${list}: sổ mẫu chưa được tạo và sổ tính chưa bị thay đổi. Hãy đổi tên hoặc xóa trang đó, hoặc tạo sổ mẫu trong một sổ tính mới.`,
    en: `The workbook already has the sheet ${list}: the template was not created and the workbook was not changed. Rename or delete that sheet, or create the template in a new workbook.`,
  });
}

function raw(v: TemplateValue | null): Raw {
  if (v === null) return "";
  return typeof v === "object" ? dateToSerial(new Date(`${v.date}T00:00:00Z`)) : v;
}

/**
 * The sheet's cells as two grids: values, and number formats (the model's, "@" for text Excel would
 * read as something else — "(1)" as -1, "=x" as a formula — and General elsewhere).
 */
export function templateGrids(sheet: TemplateSheet): { values: Raw[][]; formats: string[][] } {
  const width = Math.max(1, sheet.columnWidths.length, ...sheet.rows.map((r) => r.length));
  const formats = sheet.rows.map(() => Array.from({ length: width }, () => "General"));
  for (const s of sheet.styles)
    if (s.numberFormat)
      for (let r = s.box.top; r <= Math.min(s.box.bottom, sheet.rows.length); r++)
        for (let c = s.box.left; c <= s.box.right; c++) formats[r - 1]![c - 1] = s.numberFormat;
  const values = sheet.rows.map((cells, r) =>
    Array.from({ length: width }, (_, c) => {
      const v = cells[c] ?? null;
      if (typeof v === "string" && needsTextFormat(v)) formats[r]![c] = "@";
      return raw(v);
    }),
  );
  return { values, formats };
}

const range = (ws: Excel.Worksheet, b: Box) =>
  ws.getRangeByIndexes(b.top - 1, b.left - 1, b.bottom - b.top + 1, b.right - b.left + 1);

type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";
function gridEdges(b: Box): Edge[] {
  const edges: Edge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  if (b.right > b.left) edges.push("InsideVertical");
  if (b.bottom > b.top) edges.push("InsideHorizontal");
  return edges;
}

/** Queues one style block's formatting (number formats travel with the values); returns its command count. */
function applyStyle(ws: Excel.Worksheet, s: TemplateStyle): number {
  const f = range(ws, s.box).format;
  let n = 0;
  const set = (apply: () => void) => (apply(), n++);
  if (s.bold !== undefined) set(() => (f.font.bold = s.bold!));
  if (s.italic !== undefined) set(() => (f.font.italic = s.italic!));
  if (s.size !== undefined) set(() => (f.font.size = s.size!));
  if (s.horizontal) set(() => (f.horizontalAlignment = "Center"));
  if (s.vertical) set(() => (f.verticalAlignment = s.vertical === "top" ? "Top" : "Center"));
  if (s.wrap !== undefined) set(() => (f.wrapText = s.wrap!));
  if (s.fill) set(() => (f.fill.color = s.fill!));
  if (s.grid)
    for (const edge of gridEdges(s.box)) {
      const border = f.borders.getItem(edge);
      set(() => (border.style = "Continuous"));
      set(() => (border.weight = "Thin"));
    }
  return n;
}

/** Values, formats, merges, styles, widths, heights and frozen rows of one sheet (already added). */
async function drawSheet(batch: Batch, sheet: TemplateSheet): Promise<void> {
  const ws = batch.ctx.workbook.worksheets.getItem(sheet.name);
  const { values, formats } = templateGrids(sheet);
  const width = values[0]?.length ?? 1;
  await batch.room(jsonBytes(values) + jsonBytes(formats) + 4 * COMMAND_BYTES, 0, values.length * width);
  if (values.length) {
    const cells = ws.getRangeByIndexes(0, 0, values.length, width);
    // Formats first: a text cell is Text before its value arrives, so "(1)" stays "(1)".
    cells.numberFormat = formats;
    cells.values = values;
  }
  const styleCommands = sheet.styles.length * 16;
  await batch.room(
    COMMAND_BYTES *
      (sheet.merges.length + styleCommands + sheet.columnWidths.length + sheet.rowHeights.length + 2),
    0,
  );
  for (const m of sheet.merges) range(ws, m).merge(false);
  for (const s of sheet.styles) applyStyle(ws, s);
  sheet.columnWidths.forEach(
    (w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR),
  );
  for (const { row, height } of sheet.rowHeights)
    ws.getRangeByIndexes(row - 1, 0, 1, 1).format.rowHeight = height;
  if (sheet.frozenRows > 0) ws.freezePanes.freezeRows(sheet.frozenRows); // ExcelApi 1.7
}

/** Drop-down lists (ExcelApi 1.8), each fed by its range of the lists sheet. */
async function drawValidations(batch: Batch, sheet: TemplateSheet): Promise<void> {
  const ws = batch.ctx.workbook.worksheets.getItem(sheet.name);
  for (const v of sheet.validations) {
    await batch.room(4 * COMMAND_BYTES + jsonBytes(v), 0);
    const source = range(batch.ctx.workbook.worksheets.getItem(v.source.sheet), {
      top: v.source.firstRow,
      left: v.source.column,
      bottom: v.source.firstRow + v.words.length - 1,
      right: v.source.column,
    });
    const cells = range(ws, v.box);
    cells.dataValidation.ignoreBlanks = true;
    cells.dataValidation.rule = { list: { inCellDropDown: true, source } };
    cells.dataValidation.errorAlert = {
      showAlert: true,
      style: "Stop",
      title: v.errorTitle,
      message: v.error,
    };
  }
}

/**
 * A failed drawing takes back the sheets it added (a sync applies what came before its failing
 * command). They are found by name: none had these names at the check, one sync earlier.
 */
async function removeSheets(ctx: Excel.RequestContext, names: string[]): Promise<void> {
  const found = names.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
  await ctx.sync();
  for (const ws of found) if (!ws.isNullObject) ws.delete();
  await ctx.sync();
}

/**
 * Adds the model's sheets to the open workbook, after the sheets it has, in one batch: the first sync
 * reads the sheet names (refusing, with nothing changed, if one is taken — Excel compares names
 * without case — or if the workbook's structure is protected), the next draws everything (more syncs only past the payload budget); the plan sheet
 * is then shown. If drawing fails, the sheets added are deleted again.
 */
export async function drawTemplate(run: ExcelRun, model: TemplateWorkbook): Promise<TemplateReport> {
  return run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    const structure = ctx.workbook.protection.load("protected"); // ExcelApi 1.7
    await ctx.sync();
    const have = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const taken = model.sheets.map((s) => s.name).filter((n) => have.has(n.toLowerCase()));
    if (taken.length) throw templateSheetsExist(taken);
    if (structure.protected) throw protectedWorkbook(model.sheets.map((s) => s.name));
    // Not a bulk batch: new sheets hold no formulas to recalculate, and Excel repaints once per sync anyway.
    const batch = new Batch(ctx, { bulk: false });
    try {
      await batch.room(model.sheets.length * COMMAND_BYTES, 0);
      for (const s of model.sheets) sheets.add(s.name);
      for (const s of model.sheets) await drawSheet(batch, s);
      for (const s of model.sheets) await drawValidations(batch, s);
      await batch.room(COMMAND_BYTES, 0);
      sheets.getItem(model.sheets[0]!.name).activate();
      await batch.sync();
    } catch (e) {
      await removeSheets(
        ctx,
        model.sheets.map((s) => s.name),
      ).catch(() => undefined);
      throw e;
    }
    return { sheets: model.sheets.map((s) => s.name), syncs: 1 + batch.syncs };
  });
}
