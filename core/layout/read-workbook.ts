import { LEGACY_MESSAGES, legacySheet, type LegacyEncoding } from "./legacy-sheets";
import { getDefaultCalendar, type Calendar } from "../calendar/working-days";
import { msg } from "../model/messages";
import type { DossierRecord, Message, RowError, SheetMapping, TaskRecord } from "../model/records";
import { cellText } from "../parse/cell";
import type { Field } from "../reference/fields";
import type { Unit } from "../reference/units";
import { fold } from "../text/normalize";
import { detectHeader, type DetectedHeader } from "./detect-header";
import { columnLetter, parseColumnLetters, type SheetGrid } from "./grid";
import type { DossierField, TaskField } from "./header-vocabulary";
import { ReadContext } from "./read-context";
import {
  applyColumnOverrides,
  sheetOverridesOf,
  unmatchedSheetMessage,
  type MappingOverrides,
} from "./mapping-overrides";
import { readDossiers } from "./read-dossiers";
import { readTasks } from "./read-tasks";
import { yearNotes } from "./year-notes";
import { SYSTEM_SHEETS } from "../sync/system-sheets";

export { SYSTEM_SHEETS } from "../sync/system-sheets";

export interface ReadOptions {
  /** The plan year given by the user (`--year`): it wins over the titles. */
  year?: number | undefined;
  /**
   * The plan year the workbook's sync state remembers: used only when no title names a year. A
   * title naming another year is a new plan year (the department copied last year's workbook and
   * changed the year in its title), never last year's records read again.
   */
  rememberedYear?: number | undefined;
  calendar?: Calendar | undefined;
  fields?: readonly Field[] | undefined;
  units?: readonly Unit[] | undefined;
  /** The user's corrections (saved in the sync state): column meanings, sheets not synced, the year. */
  overrides?: MappingOverrides | undefined;
}

export interface WorkbookRead {
  year?: number;
  tasks: TaskRecord[];
  dossiers: DossierRecord[];
  /** The plan's fields: the reference list plus any section that matched none. */
  fields: Field[];
  mapping: SheetMapping[];
  errors: RowError[];
  /** Record ids of rows left out for errors (they are still in the workbook). */
  idsInErrorRows: string[];
  context: ReadContext;
}

type Detected = {
  grid: SheetGrid;
  header: DetectedHeader<TaskField> | DetectedHeader<DossierField> | undefined;
  /** The sheet's text is not Unicode (legacy-sheets.ts): TCVN3 is read decoded, the other refused. */
  legacy?: LegacyEncoding;
};

/** The sheet's header as it is, or once decoded from TCVN3 or VNI; a garbled CSV is named, not read. */
function detectSheet(grid: SheetGrid): Detected {
  const found = detectHeader(grid);
  if (found) return { grid, header: found };
  const legacy = legacySheet(grid);
  // A garbled CSV is named, not read: its user sees the damage and opens the file again.
  if (legacy === undefined || legacy.encoding === "utf8-as-cp1252")
    return { grid, header: undefined, ...(legacy && { legacy: legacy.encoding }) };
  return { grid: legacy.grid, header: detectHeader(legacy.grid), legacy: legacy.encoding };
}

/**
 * Reads every sheet of a workbook: finds the tasks sheets and dossier registers by their headers
 * (whatever the sheet names), works out the plan year, and returns the records, the mapping that
 * was used and the row errors. Rows with errors are left out; the rest is read.
 */
export function readWorkbook(sheets: SheetGrid[], options: ReadOptions = {}): WorkbookRead {
  const dataSheets = sheets.filter((s) => !SYSTEM_SHEETS.includes(s.name));
  const { bySheet: sheetOverrides, unmatched } = sheetOverridesOf(
    options.overrides?.sheets ?? {},
    sheets.map((s) => s.name),
  );
  const overrideErrors: RowError[] = [];
  const byHand = new Map<string, { columns: Set<number>; replaced: Map<number, string> }>();
  const detected: Detected[] = dataSheets.map((grid) => {
    if (sheetOverrides.get(grid.name)?.ignore) return { grid, header: undefined };
    const sheet = detectSheet(grid);
    const found = sheet.header;
    if (!found) return sheet;
    const fixed = applyColumnOverrides(
      grid.name,
      found,
      sheetOverrides.get(grid.name)?.columns,
      overrideErrors,
    );
    byHand.set(grid.name, { columns: fixed.byHand, replaced: fixed.replaced });
    return { ...sheet, header: fixed.header as Detected["header"] };
  });
  const givenYear = options.year ?? options.overrides?.year;
  const yearFound = givenYear === undefined ? planYearFromTitles(detected) : undefined;
  const year = givenYear ?? yearFound?.year ?? options.rememberedYear;
  const ctx = new ReadContext(year, options.calendar ?? getDefaultCalendar(), options.fields, options.units);
  const result: WorkbookRead = {
    tasks: [],
    dossiers: [],
    fields: ctx.fields,
    mapping: [],
    errors: [],
    idsInErrorRows: [],
    context: ctx,
  };
  if (year !== undefined) result.year = year;

  const byHandYear = options.year === undefined ? options.overrides?.year : undefined;
  const note =
    byHandYear === undefined
      ? yearNote(givenYear, yearFound, options.rememberedYear)
      : {
          vi: `Năm kế hoạch: ${byHandYear} (do người dùng sửa).`,
          en: `Plan year: ${byHandYear} (set by hand).`,
        };
  result.mapping.push({ sheet: "", kind: "workbook", notes: [note] });
  const titled = givenYear === undefined ? undefined : planYearFromTitles(detected);
  if (titled && titled.year !== givenYear)
    // A year given (or set by hand last year) over a title that names another: a copied workbook?
    result.mapping[0]!.notes.push({
      vi: `Tiêu đề "${titled.text}" (trang ${titled.sheet}) ghi năm ${titled.year}, khác năm kế hoạch ${givenYear}: nếu đây là kế hoạch năm mới, sửa năm kế hoạch (--map year=${titled.year}).`,
      en: `The title "${titled.text}" (sheet ${titled.sheet}) names ${titled.year}, not plan year ${givenYear}: if this is a new year's plan, correct the plan year (--map year=${titled.year}).`,
    });
  append(result.errors, overrideErrors);
  for (const given of unmatched) {
    const o = options.overrides!.sheets![given]!;
    const column = Object.keys(o.columns ?? {})[0];
    const example = column === undefined ? `--map "${given}=sync"` : `--map "${given}!${column}=auto"`;
    result.errors.push({
      sheet: given,
      row: null,
      column: null,
      message: unmatchedSheetMessage(
        given,
        dataSheets.map((s) => s.name),
        example,
      ),
    });
  }
  if (dataSheets.every((s) => s.rows.every((row) => row.every((v) => cellText(v) === "")))) {
    result.errors.push({ sheet: "", row: null, column: null, message: msg.emptyWorkbook() });
    return result;
  }
  for (const { grid, header, legacy } of detected) {
    if (!header) {
      const garbled = legacy === undefined ? undefined : LEGACY_MESSAGES[legacy](grid.name);
      if (garbled) result.errors.push({ sheet: grid.name, row: null, column: null, message: garbled });
      result.mapping.push({
        sheet: grid.name,
        kind: "ignored",
        notes: [
          sheetOverrides.get(grid.name)?.ignore
            ? { vi: "Không đồng bộ (do người dùng chọn).", en: "Not synced (set by hand)." }
            : (garbled ?? { vi: "Không nhận ra dòng tiêu đề cột.", en: "No header row recognised." }),
        ],
      });
      continue;
    }
    const read =
      header.kind === "tasks"
        ? readTasks(grid, header as DetectedHeader<TaskField>, ctx)
        : readDossiers(grid, header as DetectedHeader<DossierField>, ctx);
    if ("tasks" in read) append(result.tasks, read.tasks);
    else append(result.dossiers, read.dossiers);
    append(result.errors, read.errors);
    append(result.idsInErrorRows, read.idsInErrorRows);
    if (legacy !== undefined) read.notes.unshift(LEGACY_MESSAGES[legacy](grid.name));
    if (grid.hidden)
      // Staff hide last year's register or an old plan: its records count, so the user must see it.
      read.notes.unshift({
        vi: `Trang "${grid.name}" đang ẩn; các dòng của nó vẫn được đọc, tính và đồng bộ. Nếu là dữ liệu cũ, dùng --map "${grid.name}=ignore".`,
        en: `Sheet "${grid.name}" is hidden; its rows are read, counted and synced all the same. If it holds old data, use --map "${grid.name}=ignore".`,
      });
    const mapping = sheetMapping(grid, header, read.notes, read.lastDataRow);
    const fixed = byHand.get(grid.name);
    for (const c of mapping.columns ?? []) {
      const index = parseColumnLettersOf(c.column);
      if (!fixed?.columns.has(index)) continue;
      c.byHand = true;
      const instead = fixed.replaced.get(index);
      if (instead !== undefined) c.insteadOf = instead;
    }
    if ("sections" in read && read.sections.length > 0) mapping.sections = read.sections;
    result.mapping.push(mapping);
  }
  if (!detected.some((d) => d.header || d.legacy))
    result.errors.push({ sheet: "", row: null, column: null, message: msg.noRecognisedSheet() });
  append(result.mapping[0]!.notes, yearNotes(result, ctx.calendar));
  if (ctx.otherYearUnits.size > 0) {
    const list = [...ctx.otherYearUnits.values()].slice(0, 20).map((u) => {
      const years = u.toYear === undefined ? `${u.fromYear}–` : `${u.fromYear}–${u.toYear}`;
      return { vi: `${u.name} (năm ${years})`, en: `${u.name} (${years})` };
    });
    result.mapping[0]!.notes.push({
      vi: `${ctx.otherYearUnits.size} đơn vị không còn (hoặc chưa có) trong danh mục năm ${year ?? "?"}, tính theo tên của đơn vị: ${list.map((l) => l.vi).join("; ")}. Nếu đơn vị đã sáp nhập, thêm tên cũ vào tên khác (aliases) của đơn vị mới.`,
      en: `${ctx.otherYearUnits.size} units are not in the ${year ?? "?"} list (they are in another year's), counted under their names: ${list.map((l) => l.en).join("; ")}. If a unit was merged, add its old name to the new unit's aliases.`,
    });
  }
  if (ctx.unknownUnits.size > 0) {
    // Quoted: a unit written "Phòng A; Phòng B" must not read as two units of the list.
    const list = [...ctx.unknownUnits]
      .slice(0, 20)
      .map((u) => `"${u}"`)
      .join(", ");
    result.mapping[0]!.notes.push({
      vi: `${ctx.unknownUnits.size} đơn vị không có trong danh mục, giữ nguyên như đã ghi: ${list}.`,
      en: `${ctx.unknownUnits.size} units are not in the reference list and were kept as written: ${list}.`,
    });
  }
  return result;
}

const parseColumnLettersOf = (letter: string) => parseColumnLetters(letter) ?? -1;

function sheetMapping(
  grid: SheetGrid,
  header: Detected["header"] & object,
  notes: Message[],
  lastDataRow: number | undefined,
): SheetMapping {
  const mapping: SheetMapping = {
    sheet: grid.name,
    kind: header.kind,
    headerRows: header.headerRows.map((r) => r + 1),
    firstDataRow: header.dataStart + 1,
    columns: header.columns
      .filter((c) => c.label !== "" || c.field)
      .map((c) => ({ column: columnLetter(c.index), header: c.label, field: c.field ?? "unknown" })),
    notes,
  };
  if (lastDataRow !== undefined) mapping.lastDataRow = lastDataRow;
  return mapping;
}

interface YearFound {
  year: number;
  sheet: string;
  text: string;
}

const PERIOD_TITLE = /\btu (?:ngay )?\d{1,2}\/\d{1,2}\/(20\d\d) den (?:ngay )?\d{1,2}\/\d{1,2}\/(20\d\d)\b/;

/**
 * "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021" in the rows above a header, else a period within one year
 * ("Từ ngày 01/01/2026 đến ngày 31/03/2026"), else a year in a sheet name.
 */
function planYearFromTitles(detected: Detected[]): YearFound | undefined {
  const ordered = [
    ...detected.filter((d) => d.header?.kind === "tasks"),
    ...detected.filter((d) => d.header?.kind !== "tasks"),
  ];
  for (const { grid, header } of ordered) {
    const above = header ? header.headerRows[0]! : Math.min(grid.rows.length, 10);
    for (let r = 0; r < above; r++) {
      for (const v of grid.rows[r] ?? []) {
        const text = cellText(v ?? null);
        const m = /\bnam (20\d\d)\b/.exec(fold(text)) ?? /\b(?:year|for) (20\d\d)\b/i.exec(text);
        if (m) return { year: Number(m[1]), sheet: grid.name, text };
      }
    }
  }
  // A report exported from the one-stop portal: "Từ ngày 01/01/2026 đến ngày 31/03/2026", one year.
  for (const { grid, header } of ordered) {
    const above = header ? header.headerRows[0]! : Math.min(grid.rows.length, 10);
    for (let r = 0; r < above; r++) {
      for (const v of grid.rows[r] ?? []) {
        const text = cellText(v ?? null);
        const m = PERIOD_TITLE.exec(fold(text));
        if (m && m[1] === m[2]) return { year: Number(m[1]), sheet: grid.name, text };
      }
    }
  }
  for (const { grid } of ordered) {
    const m = /\b(20\d\d)\b/.exec(grid.name);
    if (m) return { year: Number(m[1]), sheet: grid.name, text: grid.name };
  }
  return undefined;
}

function yearNote(
  given: number | undefined,
  found: YearFound | undefined,
  remembered: number | undefined,
): Message {
  if (given !== undefined)
    return { vi: `Năm kế hoạch: ${given} (theo tham số --year).`, en: `Plan year: ${given} (from --year).` };
  if (found && remembered !== undefined && remembered !== found.year)
    return {
      vi: `Năm kế hoạch: ${found.year}, đọc từ "${found.text}" (trang ${found.sheet}); sổ tính trước đây đồng bộ cho năm ${remembered}.`,
      en: `Plan year: ${found.year}, read from "${found.text}" (sheet ${found.sheet}); the workbook was synced for ${remembered} before.`,
    };
  if (found)
    return {
      vi: `Năm kế hoạch: ${found.year}, đọc từ "${found.text}" (trang ${found.sheet}).`,
      en: `Plan year: ${found.year}, read from "${found.text}" (sheet ${found.sheet}).`,
    };
  if (remembered !== undefined)
    return {
      vi: `Năm kế hoạch: ${remembered} (năm đã đồng bộ lần trước; tiêu đề không ghi năm).`,
      en: `Plan year: ${remembered} (the year of the last sync; no title names one).`,
    };
  return {
    vi: "Không tìm thấy năm kế hoạch trong tiêu đề; dùng --year để chỉ rõ.",
    en: "No plan year found in the titles; pass --year to give it.",
  };
}

/**
 * Appends one by one: `push(...items)` passes every item as an argument and overflows the call
 * stack past about 120,000 (a 300,000-row sheet, within the command line's limits, crashed).
 */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}
