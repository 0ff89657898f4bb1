/// <reference types="office-js" />
/**
 * A fake of the subset of the Excel JavaScript API that the add-in's adapter uses, faithful where
 * the adapter could go wrong: proxies queue commands that apply only at `context.sync()`, a property
 * read before `load()` + `sync()` throws PropertyNotLoaded, an object used after its `Excel.run`
 * throws InvalidObjectPath, each sync's request (commands, object paths, values) and response are
 * measured and refused over 5 MB, a range over 5,000,000 cells is refused, `null` in a written array
 * leaves the cell alone, text written to a General cell is interpreted as an en-US Excel does (a
 * leading "=" makes a formula, "12" a number, "10:30" a time, "12/2" a date, "6/2026" the 1st of June
 * shown "mmm-yy": a typed date gives a General cell a date format), a cell holds 32,767
 * characters, whole-row insert/delete shift values, merges, notes and validations, more than 512
 * merged areas cannot be listed at once, cell-edit mode fails or delays a sync, Protect Sheet and
 * Protect Workbook refuse what Excel refuses, and API sets can be switched off (ApiNotFound at sync).
 * Each of these, and its source, is tested in test/addin/fake-excel.test.ts.
 * No Node imports: the browser test bundles it in place of office.js.
 */
import { columnLetter } from "../../../core/layout/grid";
import {
  type Box,
  type FakeCell,
  type FakeTable,
  type FakeValidation,
  type FakeSheet,
  FakeWorkbook,
  MAX_COLS,
  MAX_ROWS,
  type Raw,
  type Visibility,
} from "./model";
import { FakeCharts } from "./charts";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CELL_LIMIT = 5_000_000;
/** Characters a cell holds (support.microsoft.com, "Excel specifications and limits"). */
export const MAX_CELL_CHARS = 32_767;
/** Merged areas one Range.getMergedAreasOrNullObject call returns at most. */
export const MAX_MERGED_AREAS = 512;
/** Office.js sends each command as JSON (its action, ~100-150 bytes): counted per queued command. */
const OP_OVERHEAD = 150;
/**
 * …and each object a command reaches as an object path of its own (`getItem("Sổ")`,
 * `getRangeByIndexes(…)`, `format`…: ~100-140 bytes each, with the action that instantiates it):
 * counted for every proxy created, in the next sync's request.
 */
export const PATH_OVERHEAD = 120;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

export interface BatchStats {
  /** Bytes of the request (commands and the values written). */
  request: number;
  /** Bytes of the response (the values loaded). */
  response: number;
  calcSuspended: boolean;
  screenSuspended: boolean;
}

const encoder = new TextEncoder();
function size(x: unknown): number {
  return x === undefined ? 0 : encoder.encode(JSON.stringify(x)).length;
}

export class FakeExcel {
  syncs = 0;
  runs = 0;
  batches: BatchStats[] = [];
  /** Supported API sets (name → highest version). */
  apiSets = new Map<string, string>([["ExcelApi", "1.18"]]);
  /** Runs before each sync executes, with the sync's number (1-based): a user typing meanwhile. */
  beforeSync?: (sync: number, wb: FakeWorkbook) => void;

  constructor(readonly workbook: FakeWorkbook = new FakeWorkbook()) {}

  /**
   * The user is typing in a cell (cell-edit mode) from `startCellEdit()` until the function it
   * returns is called. A sync then fails with InvalidOperationInCellEditMode, or waits for the edit
   * to end if its `Excel.run` asked `{ delayForCellEdit: true }` (Excel.RunOptions, learn.microsoft.com
   * /javascript/api/excel/excel.runoptions; OfficeDev/office-js#625, #3388: a click on the task
   * pane does not end the edit).
   */
  private editing?: Promise<void> | undefined;

  startCellEdit(): () => void {
    let done!: () => void;
    this.editing = new Promise<void>((resolve) => (done = resolve));
    return () => {
      this.editing = undefined;
      done();
    };
  }

  /** false: an Excel that ignores `delayForCellEdit` (the option came in 2018). */
  delayForCellEditSupported = true;

  /** Cell-edit mode at a sync: throws, or waits for the user to leave it. */
  async waitForCellEdit(delay: boolean): Promise<void> {
    if (!this.editing) return;
    if (!delay || !this.delayForCellEditSupported)
      throw new FakeOfficeError(
        "InvalidOperationInCellEditMode",
        "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      );
    await this.editing;
  }

  /**
   * `Excel.run(batch)` or `Excel.run(options, batch)`: a fresh request context; what is still
   * queued when the batch ends is synced. The context's objects are released when the run ends:
   * using one afterwards throws InvalidObjectPath (@types/office-js, Range.track).
   */
  run: FakeRun = async <T>(first: Excel.RunOptions | Batch<T>, second?: Batch<T>): Promise<T> => {
    const batch = typeof first === "function" ? first : second!;
    const options = typeof first === "function" ? {} : first;
    this.runs++;
    const ctx = new FakeContext(this, options.delayForCellEdit === true);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.pending()) await ctx.sync();
      return result;
    } finally {
      ctx.closed = true;
    }
  };

  /** `Office.context.requirements.isSetSupported`. */
  isSetSupported = (name: string, version = "1.1"): boolean => {
    const have = this.apiSets.get(name);
    return have !== undefined && compareVersions(have, version) >= 0;
  };

  requireSet(version: string, what: string): void {
    if (!this.isSetSupported("ExcelApi", version))
      throw new FakeOfficeError("ApiNotFound", `${what} needs ExcelApi ${version}, which this Excel lacks.`);
  }

  maxRequest(): number {
    return Math.max(0, ...this.batches.map((b) => b.request));
  }
  maxResponse(): number {
    return Math.max(0, ...this.batches.map((b) => b.response));
  }
  resetCounters(): void {
    this.syncs = 0;
    this.runs = 0;
    this.batches = [];
  }
}

type Batch<T> = (ctx: Excel.RequestContext) => Promise<T>;
/** `Excel.run`'s overloads that the add-in uses. */
export interface FakeRun {
  <T>(batch: Batch<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
}

function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

interface Op {
  request: number;
  run: () => number;
}

export class FakeContext {
  private queue: Op[] = [];
  current: BatchStats | undefined;
  readonly workbook: FakeWorkbookProxy;
  readonly application: FakeApplication;

  /** The run ended: its objects are released. */
  closed = false;
  /** Bytes of the object paths created since the last sync. */
  private paths = 0;

  /** A proxy was created: its path goes with the next request. */
  newPath(): void {
    this.paths += PATH_OVERHEAD;
  }

  constructor(
    readonly excel: FakeExcel,
    private readonly delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = new FakeApplication(this);
  }

  get model(): FakeWorkbook {
    return this.excel.workbook;
  }

  pending(): boolean {
    return this.queue.length > 0;
  }

  /** Queues a command: `payload` is what it sends; `run` applies it at sync and returns the bytes it answers. */
  enqueue(payload: unknown, run: () => number | void): void {
    this.refuseIfClosed();
    this.queue.push({ request: OP_OVERHEAD + size(payload), run: () => run() ?? 0 });
  }

  refuseIfClosed(): void {
    if (this.closed)
      throw new FakeOfficeError(
        "InvalidObjectPath",
        "The object path isn't working for what you're trying to do: the object was used after its Excel.run ended.",
      );
  }

  async sync(): Promise<void> {
    this.refuseIfClosed();
    const ops = this.queue;
    const paths = this.paths;
    this.queue = [];
    this.paths = 0;
    this.excel.syncs++;
    this.excel.beforeSync?.(this.excel.syncs, this.model);
    await this.excel.waitForCellEdit(this.delayForCellEdit);
    const stats: BatchStats = {
      request: paths + ops.reduce((n, o) => n + o.request, 0),
      response: 0,
      calcSuspended: false,
      screenSuspended: false,
    };
    this.excel.batches.push(stats);
    if (stats.request > PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${stats.request} B) has exceeded the limit.`,
      );
    this.current = stats;
    for (const op of ops) stats.response += op.run();
    this.current = undefined;
    if (stats.response > PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${stats.response} B) has exceeded the limit.`,
      );
    await Promise.resolve();
  }
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function loadProps(spec?: string | string[] | { select?: string }): string[] {
  if (spec === undefined) return [];
  const text = Array.isArray(spec) ? spec.join(",") : typeof spec === "string" ? spec : (spec.select ?? "");
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A proxy: properties are readable only once loaded and synced; its target resolves at sync. */
abstract class ClientObject<T> {
  protected loaded = new Map<string, unknown>();
  private resolved?: { t: T | null };
  private nullState?: boolean;

  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T | null,
  ) {
    ctx.newPath();
  }

  /** The object in the model (null for a null object); evaluated once, at the first sync that uses it. */
  target(): T | null {
    if (!this.resolved) {
      this.resolved = { t: this.resolver() };
      this.nullState = this.resolved.t === null;
    }
    return this.resolved.t;
  }

  /** The target of a real (non-null) object. */
  protected live(): T {
    const t = this.target();
    if (t === null) throw new FakeOfficeError("InvalidArgument", "The object is a null object.");
    return t;
  }

  /** An object passed to another object's method must come from the same, open request context. */
  usedIn(ctx: FakeContext): this {
    if (this.ctx !== ctx)
      throw new FakeOfficeError(
        "InvalidRequestContext",
        "Cannot use the object across different request contexts.",
      );
    this.ctx.refuseIfClosed();
    return this;
  }

  /** Registers an *OrNullObject result, so isNullObject is known after the next sync. */
  trackNull(): this {
    this.ctx.enqueue(null, () => void this.target());
    return this;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject");
    return this.nullState;
  }

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected abstract compute(prop: string, t: T): unknown;

  load(spec?: string | string[] | { select?: string }): this {
    const props = loadProps(spec);
    this.ctx.enqueue({ load: props }, () => {
      const t = this.target();
      if (t === null) return 0;
      let bytes = 0;
      for (const p of props) {
        const v = this.compute(p, t);
        this.loaded.set(p, v);
        bytes += size(v);
      }
      return bytes;
    });
    return this;
  }

  /** Queues a property write or a method call that applies to the live target at sync. */
  protected command(payload: unknown, apply: (t: T) => void): void {
    this.ctx.enqueue(payload, () => {
      apply(this.live());
      return 0;
    });
  }
}

// ---------------------------------------------------------------- addresses

/** Column letters: core's, the one helper (0 → A). */
export const colLetter = columnLetter;

function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

function boxA1(b: Box): string {
  const tl = `${colLetter(b.left)}${b.top + 1}`;
  return b.top === b.bottom && b.left === b.right ? tl : `${tl}:${colLetter(b.right)}${b.bottom + 1}`;
}

/** "B3", "A1:C4", whole rows "1:300" or whole columns "A:C" (no sheet) → box. */
function parseA1(address: string): Box {
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address.trim());
  if (rows) return { top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: MAX_COLS - 1 };
  const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(address.trim());
  if (cols) {
    const n = (x: string) => [...x.toUpperCase()].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { top: 0, left: n(cols[1]!), bottom: MAX_ROWS - 1, right: n(cols[2]!) };
  }
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.trim());
  if (!m)
    throw new FakeOfficeError("InvalidArgument", `Bad address "${address}" (the fake knows A1 and A1:B2).`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? col(m[3]) : left };
}

/**
 * Excel's rules for a sheet name (support.microsoft.com, "Rename a worksheet"): not blank, at most
 * 31 characters, none of / \\ ? * : [ ], no apostrophe first or last, not "History" (reserved).
 */
export function validSheetName(name: string): boolean {
  return (
    name.trim() !== "" &&
    name.length <= 31 &&
    !/[\\/?*[\]:]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}

// ---------------------------------------------------------------- workbook, application

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(null, () => void (this.ctx.current!.calcSuspended = true));
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.enqueue(null, () => {
      this.ctx.excel.requireSet("1.9", "suspendScreenUpdatingUntilNextSync");
      this.ctx.current!.screenSuspended = true;
    });
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheets;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
  }
  get notes(): FakeNotes {
    return new FakeNotes(this.ctx, null);
  }
  /** `workbook.protection` (ExcelApi 1.7): whether the structure is protected (Review → Protect Workbook). */
  get protection(): FakeWorkbookProtection {
    return new FakeWorkbookProtection(this.ctx, () => this.ctx.model);
  }
  /** `workbook.getActiveCell()` (ExcelApi 1.7): the active cell, resolved at the sync that uses it. */
  getActiveCell(): FakeRange {
    return new FakeRange(this.ctx, () => {
      this.ctx.excel.requireSet("1.7", "Workbook.getActiveCell");
      const at = this.ctx.model.activeCell();
      return {
        sheet: this.ctx.model.get(at.sheet),
        box: { top: at.row, left: at.col, bottom: at.row, right: at.col },
      };
    });
  }
}

class FakeWorkbookProtection extends ClientObject<FakeWorkbook> {
  protected compute(prop: string, wb: FakeWorkbook): unknown {
    this.ctx.excel.requireSet("1.7", "WorkbookProtection");
    if (prop === "protected") return wb.protected;
    throw new FakeOfficeError("InvalidArgument", `The fake does not load WorkbookProtection.${prop}.`);
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

/**
 * A workbook whose structure is protected refuses to add, delete, move, hide or show sheets
 * (support.microsoft.com, "Protect a workbook"). Excel's error code for it is not documented; the
 * fake answers AccessDenied, as for a protected sheet.
 */
function refuseIfStructureLocked(wb: FakeWorkbook, what: string): void {
  if (wb.protected)
    throw new FakeOfficeError(
      "AccessDenied",
      `The workbook's structure is protected (Protect Workbook): ${what} is refused.`,
    );
}

type SheetTarget = FakeSheet;

class FakeWorksheets extends ClientObject<FakeWorkbook> {
  private itemList?: FakeWorksheet[];
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.model);
  }
  get items(): FakeWorksheet[] {
    if (!this.itemList) throw notLoaded("items");
    return this.itemList;
  }
  protected compute(): unknown {
    return undefined;
  }
  override load(spec?: string | string[] | { select?: string }): this {
    const props = loadProps(spec).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue({ load: props }, () => {
      let bytes = 0;
      this.itemList = this.ctx.model.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => s);
        bytes += ws.loadNow(props.length ? props : ["name"]);
        return ws;
      });
      return bytes;
    });
    return this;
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.model.sheet(key);
      if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource "${key}" doesn't exist.`);
      return s;
    });
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(key) ?? null).trackNull();
  }
  /** `worksheets.getActiveWorksheet()` (ExcelApi 1.1): the sheet Excel shows, resolved at sync. */
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.get(this.ctx.model.activeSheetName()));
  }
  add(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(name)!);
    this.ctx.enqueue({ add: name }, () => {
      if (this.ctx.model.sheet(name))
        throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
      if (!validSheetName(name))
        throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid sheet name.`);
      refuseIfStructureLocked(this.ctx.model, `adding the sheet "${name}"`);
      this.ctx.model.addSeed({ name });
    });
    return ws;
  }
}

class FakeWorksheet extends ClientObject<SheetTarget> {
  protected compute(prop: string, s: SheetTarget): unknown {
    switch (prop) {
      case "name":
        return s.name;
      case "visibility":
        return s.visibility;
      case "position":
        return this.ctx.model.sheets.indexOf(s);
      case "tabColor":
        return s.tabColor;
      default:
        throw new FakeOfficeError("InvalidArgument", `The fake does not load Worksheet.${prop}.`);
    }
  }
  /** Loads at sync time from inside another command (collections). */
  loadNow(props: string[]): number {
    const s = this.live();
    let bytes = 0;
    for (const p of props) {
      const v = this.compute(p, s);
      this.loaded.set(p, v);
      bytes += size(v);
    }
    return bytes;
  }
  get name(): string {
    return this.get("name");
  }
  get visibility(): Visibility {
    return this.get("visibility");
  }
  set visibility(v: Visibility) {
    this.command({ visibility: v }, (s) => {
      if (s.visibility !== v) refuseIfStructureLocked(this.ctx.model, `hiding or showing "${s.name}"`);
      s.visibility = v;
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(p: number) {
    this.command({ position: p }, (s) => {
      const list = this.ctx.model.sheets;
      if (list.indexOf(s) !== p) refuseIfStructureLocked(this.ctx.model, `moving "${s.name}"`);
      list.splice(list.indexOf(s), 1);
      list.splice(p, 0, s);
    });
  }
  get tabColor(): string {
    return this.get("tabColor");
  }
  set tabColor(c: string) {
    this.command({ tabColor: c }, (s) => (s.tabColor = c));
  }
  get notes(): FakeNotes {
    return new FakeNotes(this.ctx, () => this.live());
  }
  /** Charts (fake-excel/charts.ts): recorded per sheet. */
  get charts(): FakeCharts {
    return new FakeCharts(this.ctx, () => this.live());
  }
  set showGridlines(show: boolean) {
    this.command({ showGridlines: show }, (s) => void s.formatLog.push(`showGridlines=${show}`));
  }
  /** Page set-up (ExcelApi 1.9), logged as "pageLayout.orientation=Landscape", zoom as JSON. */
  get pageLayout(): Record<string, unknown> {
    return new Proxy({} as Record<string, unknown>, {
      set: (_o, key, value) => {
        this.command({ [`pageLayout.${String(key)}`]: value }, (s) => {
          this.ctx.excel.requireSet("1.9", "Worksheet.pageLayout");
          s.formatLog.push(`pageLayout.${String(key)}=${JSON.stringify(value)}`);
        });
        return true;
      },
      get: (_o, key) => {
        throw notLoaded(`pageLayout.${String(key)}`);
      },
    });
  }
  /** Manual page breaks (ExcelApi 1.9), logged as "pageBreakBefore=A24"; removed all at once as "pageBreaks removed". */
  get horizontalPageBreaks(): { add(at: string): void; removePageBreaks(): void } {
    return {
      add: (at: string) =>
        this.command({ pageBreak: at }, (s) => {
          this.ctx.excel.requireSet("1.9", "Worksheet.horizontalPageBreaks");
          s.formatLog.push(`pageBreakBefore=${at}`);
        }),
      removePageBreaks: () =>
        this.command({ removePageBreaks: true }, (s) => {
          this.ctx.excel.requireSet("1.9", "PageBreakCollection.removePageBreaks");
          s.formatLog = s.formatLog.filter((l) => !l.startsWith("pageBreakBefore="));
          s.formatLog.push("pageBreaks removed");
        }),
    };
  }
  get protection(): FakeProtection {
    return new FakeProtection(this.ctx, () => this.target());
  }
  /** The sheet's AutoFilter (ExcelApi 1.9). */
  get autoFilter(): FakeAutoFilter {
    return new FakeAutoFilter(this.ctx, () => this.live());
  }
  /** The sheet's Excel Tables (ExcelApi 1.1). */
  get tables(): FakeTables {
    return new FakeTables(this.ctx, () => this.live());
  }
  /** `freezePanes.freezeRows(n)` (ExcelApi 1.7): the top n rows stay in view. */
  get freezePanes(): { freezeRows(count?: number): void } {
    return {
      freezeRows: (count = 1) =>
        this.command({ freezeRows: count }, (s) => {
          this.ctx.excel.requireSet("1.7", "Worksheet.freezePanes");
          s.frozenRows = count;
        }),
    };
  }
  delete(): void {
    this.command({ delete: true }, (s) => {
      const list = this.ctx.model.sheets;
      refuseIfStructureLocked(this.ctx.model, `deleting "${s.name}"`);
      if (list.filter((x) => x.visibility === "Visible" && x !== s).length === 0)
        throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible sheet.");
      list.splice(list.indexOf(s), 1);
    });
  }
  activate(): void {
    this.command({ activate: true }, (s) => {
      if (s.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
      this.ctx.model.activeSheet = s.name;
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.live();
      const box =
        address === undefined
          ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }
          : parseA1(address);
      return { sheet: s, box };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0)
        throw new FakeOfficeError(
          "InvalidArgument",
          `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`,
        );
      return {
        sheet: this.live(),
        box: {
          top: startRow,
          left: startColumn,
          bottom: startRow + rowCount - 1,
          right: startColumn + columnCount - 1,
        },
      };
    });
  }
  /** Excel answers A1 for an empty sheet. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.live();
      return { sheet: s, box: s.usedBox(valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      const box = s?.usedBox(valuesOnly);
      return s && box ? { sheet: s, box } : null;
    }).trackNull();
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

function cellsOf(b: Box): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

function refuseIfProtected(sheet: FakeSheet): void {
  if (sheet.protected)
    throw new FakeOfficeError(
      "AccessDenied",
      `The sheet "${sheet.name}" is protected: the change is refused.`,
    );
}

function checkCells(t: RangeTarget, what: string): void {
  if (cellsOf(t.box) > CELL_LIMIT)
    throw new FakeOfficeError(
      "RangeExceedsLimit",
      `${what} of ${cellsOf(t.box)} cells exceeds the 5,000,000-cell limit.`,
    );
}

function grid<V>(t: RangeTarget, f: (cell: FakeCell | undefined, r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = t.box.top; r <= t.box.bottom; r++) {
    const row: V[] = [];
    for (let c = t.box.left; c <= t.box.right; c++) row.push(f(t.sheet.cell(r, c), r, c));
    out.push(row);
  }
  return out;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;
/** "6/2026", "06-2026": a month and a year, the 1st of that month. */
const MONTH_YEAR = /^(\d{1,2})[/-](\d{4})$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/**
 * Text typed into a General cell that an en-US Excel reads as a value (support.microsoft.com, "Stop
 * automatically changing numbers to dates": "12/2" becomes 2-Dec; "Format numbers as text": "001"
 * loses its zeros, long digit strings keep 15 significant digits). Returns the value, or undefined
 * for text that stays text.
 */
function typedValue(t: string): Raw | undefined {
  const long = /^([+-]?)0*(\d{16,})$/.exec(t);
  if (long) return Number(`${long[1]}${long[2]!.slice(0, 15)}${"0".repeat(long[2]!.length - 15)}`); // digits past the 15th become 0
  if (NUMERIC.test(t)) {
    const n = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
    return Number(n.toPrecision(15)); // Excel keeps 15 significant digits
  }
  let m: RegExpExecArray | null;
  if ((m = /^([+-]?)\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(t)) && (t.includes(",") || t.includes("$")))
    return Number(`${m[1]}${m[2]!.replace(/,/g, "")}${m[3] ?? ""}`); // 1,000 and $12.50
  if (/^\(\d+(\.\d+)?\)$/.test(t)) return -Number(t.slice(1, -1)); // "(1)" is -1, as in accounting
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if ((m = MONTH_YEAR.exec(t))) return date(+m[2]!, +m[1]!, 1);
  if ((m = new RegExp(`^${MONTH}[-\\s](\\d{4})$`, "i").exec(t))) return date(+m[2]!, monthOf(m[1]!), 1);
  if ((m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?$/.exec(t))) return date(+m[3]!, +m[1]!, +m[2]!);
  if ((m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(t))) return date(+m[1]!, +m[2]!, +m[3]!);
  if ((m = new RegExp(`^(\\d{1,2})[-\\s]${MONTH}(?:[-\\s,]+(\\d{2,4}))?$`, "i").exec(t)))
    return date(+m[3]!, monthOf(m[2]!), +m[1]!);
  if ((m = new RegExp(`^${MONTH}[-\\s](\\d{1,2})(?:[-\\s,]+(\\d{2,4}))?$`, "i").exec(t)))
    return date(+m[3]!, monthOf(m[1]!), +m[2]!);
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])m?)?$/i.exec(t))) {
    let h = +m[1]!;
    if (m[4]) h = (h % 12) + (m[4].toLowerCase() === "p" ? 12 : 0);
    if (h < 24 && +m[2]! < 60) return (h * 3600 + +m[2]! * 60 + +(m[3] ?? 0)) / 86_400;
  }
  if ((m = /^(\d+) (\d+)\/(\d+)$/.exec(t)) && +m[3]! > 0) return +m[1]! + +m[2]! / +m[3]!; // "1 1/2"
  return undefined;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Month first, as an en-US Excel reads dates; no year is this year; an impossible date stays text. */
function date(year: number, month: number, day: number): number | undefined {
  const y = Number.isNaN(year) ? new Date().getUTCFullYear() : year < 100 ? 2000 + year : year;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(y, month, 0)).getUTCDate())
    return undefined;
  return (Date.UTC(y, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A value typed into a cell (by `values`), as Excel interprets it unless the cell's format is Text ("@"). */
function enter(cell: FakeCell, input: Raw): void {
  delete cell.f;
  if (typeof input !== "string" || input === "" || cell.nf === "@") {
    cell.v = input;
    return;
  }
  const t = input.trim();
  if (/^[=+@-]/.test(t) && !NUMERIC.test(t)) {
    // Excel reads "=x", "+x", "-x", "@x" as a formula (@types/office-js, Range.values); the fake cannot compute it.
    cell.f = t.startsWith("=") ? t : `=${t}`;
    cell.v = "#NAME?";
    return;
  }
  if (t.startsWith("'")) {
    // A leading apostrophe is Excel's text prefix: not part of the value (OfficeDev/office-js#6687).
    cell.v = input.slice(input.indexOf("'") + 1);
    return;
  }
  const typed = typedValue(t);
  cell.v = typed ?? input;
  // Excel gives a General cell the format of the date typed: "6/2026" is 1/6/2026 shown "Jun-26".
  if (typed !== undefined && cell.nf === undefined) {
    const format = typedDateFormat(t);
    if (format) cell.nf = format;
  }
}

/**
 * The number format an en-US Excel gives a General cell a date is typed into: a month and a year
 * "mmm-yy", a date without a year "d-mmm", a full date "m/d/yyyy" (support.microsoft.com, "Format a
 * date the way you want"; "Jun-26" is what Excel shows for "6/2026").
 */
function typedDateFormat(t: string): string | undefined {
  if (MONTH_YEAR.test(t) || new RegExp(`^${MONTH}[-\\s]\\d{4}$`, "i").test(t)) return "mmm-yy";
  if (/^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$/.test(t) || /^\d{4}[/-]\d{1,2}[/-]\d{1,2}$/.test(t)) return "m/d/yyyy";
  if (/^\d{1,2}[/-]\d{1,2}$/.test(t)) return "d-mmm";
  if (new RegExp(`^(\\d{1,2}[-\\s]${MONTH}|${MONTH}[-\\s]\\d{1,2})$`, "i").test(t)) return "d-mmm";
  if (new RegExp(`^(\\d{1,2}[-\\s]${MONTH}|${MONTH}[-\\s]\\d{1,2})[-\\s,]+\\d{2,4}$`, "i").test(t))
    return "m/d/yyyy";
  return undefined;
}

/**
 * A1 references of a formula in R1C1 notation, relative to the cell at (row, col) (0-based): "=B3-A3"
 * in C3 is "=RC[-1]-RC[-2]". The fake converts plain cell references (A1, $A$1, ranges of them);
 * structured references ("[@Hẹn trả]") are the same in both notations.
 */
export function toR1C1(formula: string, row: number, col: number): string {
  return formula.replace(
    /(?<![A-Za-z0-9_.[@])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (_, ca, letters, ra, digits) => {
      const c = [...(letters as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const r = Number(digits) - 1;
      const part = (abs: string, at: number, here: number, tag: string) =>
        abs ? `${tag}${at + 1}` : at === here ? tag : `${tag}[${at - here}]`;
      return part(ra as string, r, row, "R") + part(ca as string, c, col, "C");
    },
  );
}

/** The reverse of toR1C1. */
export function fromR1C1(formula: string, row: number, col: number): string {
  return formula.replace(
    /(?<![A-Za-z0-9_.[@])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g,
    (_, rp, cp) => {
      const at = (p: string | undefined, here: number) =>
        p === undefined
          ? { n: here, abs: "" }
          : p.startsWith("[")
            ? { n: here + Number(p.slice(1, -1)), abs: "" }
            : { n: Number(p) - 1, abs: "$" };
      const r = at(rp as string | undefined, row);
      const c = at(cp as string | undefined, col);
      return `${c.abs}${colLetter(c.n)}${r.abs}${r.n + 1}`;
    },
  );
}

function shaped<V>(
  t: RangeTarget,
  input: V | (V | null)[][],
  what: string,
): (r: number, c: number) => V | null {
  const rows = t.box.bottom - t.box.top + 1;
  const cols = t.box.right - t.box.left + 1;
  // null leaves a cell alone inside an array, but is no value for the whole property
  // (learn.microsoft.com, "Blank and null values in Excel add-ins").
  if (input === null || input === undefined)
    throw new FakeOfficeError("InvalidArgument", `${what} cannot be set to null.`);
  if (!Array.isArray(input)) return () => input as V;
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols))
    throw new FakeOfficeError(
      "InvalidArgument",
      `${what}: the number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  return (r, c) => input[r]![c]!;
}

/** Writes an array property; `null` leaves a cell as it is, as in Office.js. */
function writeCells<V>(
  t: RangeTarget,
  input: V | (V | null)[][],
  what: string,
  apply: (cell: FakeCell, v: V, row: number, col: number) => void,
): void {
  refuseIfProtected(t.sheet);
  checkCells(t, what);
  const at = shaped(t, input, what);
  const merged = t.sheet.merges;
  for (let r = t.box.top; r <= t.box.bottom; r++)
    for (let c = t.box.left; c <= t.box.right; c++) {
      const v = at(r - t.box.top, c - t.box.left);
      if (v === null || v === undefined) continue;
      if (typeof v === "string" && v.length > MAX_CELL_CHARS)
        throw new FakeOfficeError(
          "InvalidArgument",
          `${colLetter(c)}${r + 1}: ${v.length} characters, over the 32,767 a cell holds.`,
        );
      if (
        what !== "numberFormat" &&
        merged.some(
          (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left),
        ) &&
        v !== ""
      )
        throw new FakeOfficeError(
          "InvalidOperation",
          `Cannot write inside a merged area (${colLetter(c)}${r + 1}).`,
        );
      apply(t.sheet.at(r, c), v, r, c);
    }
}

export class FakeRange extends ClientObject<RangeTarget> {
  protected compute(prop: string, t: RangeTarget): unknown {
    switch (prop) {
      case "address":
        return sheetPrefix(t.sheet.name) + boxA1(t.box);
      case "rowIndex":
        return t.box.top;
      case "columnIndex":
        return t.box.left;
      case "rowCount":
        return t.box.bottom - t.box.top + 1;
      case "columnCount":
        return t.box.right - t.box.left + 1;
      case "values":
        checkCells(t, "values");
        return grid(t, (c) => c?.v ?? "");
      case "formulas":
        checkCells(t, "formulas");
        return grid(t, (c) => c?.f ?? c?.v ?? "");
      case "formulasR1C1":
        checkCells(t, "formulasR1C1");
        return grid(t, (c, r, col) => (c?.f !== undefined ? toR1C1(c.f, r, col) : (c?.v ?? "")));
      case "numberFormat":
        checkCells(t, "numberFormat");
        return grid(t, (c) => c?.nf ?? "General");
      case "columnHidden": {
        const all = [];
        for (let c = t.box.left; c <= t.box.right; c++) all.push(t.sheet.hiddenColumns.has(c));
        return all.every(Boolean) ? true : all.some(Boolean) ? null : false;
      }
      default:
        throw new FakeOfficeError("InvalidArgument", `The fake does not load Range.${prop}.`);
    }
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): Raw[][] {
    return this.get("values");
  }
  set values(v: Raw[][]) {
    this.command({ values: v }, (t) => writeCells(t, v as (Raw | null)[][], "values", enter));
  }
  get formulas(): Raw[][] {
    return this.get("formulas");
  }
  set formulas(v: Raw[][]) {
    this.command({ formulas: v }, (t) =>
      writeCells(t, v as (Raw | null)[][], "formulas", (cell, x) => {
        if (typeof x === "string" && x.startsWith("=")) {
          cell.f = x;
          cell.v = "#NAME?";
        } else enter(cell, x);
      }),
    );
  }
  /** Formulas in R1C1 notation (ExcelApi 1.2): what a calculated column's cells share. */
  get formulasR1C1(): Raw[][] {
    return this.get("formulasR1C1");
  }
  set formulasR1C1(v: Raw[][]) {
    this.command({ formulasR1C1: v }, (t) =>
      writeCells(t, v as (Raw | null)[][], "formulasR1C1", (cell, x, row, col) => {
        if (typeof x === "string" && x.startsWith("=")) {
          cell.f = fromR1C1(x, row, col);
          cell.v = "#NAME?";
        } else enter(cell, x);
      }),
    );
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: string[][]) {
    this.command({ numberFormat: v }, (t) =>
      writeCells(t, v as (string | null)[][], "numberFormat", (cell, x) => {
        if (x === "" || x === "General") delete cell.nf;
        else cell.nf = x;
      }),
    );
  }
  get columnHidden(): boolean {
    return this.get("columnHidden");
  }
  set columnHidden(h: boolean) {
    this.command({ columnHidden: h }, (t) => {
      refuseIfProtected(t.sheet);
      for (let c = t.box.left; c <= t.box.right; c++)
        if (h) t.sheet.hiddenColumns.add(c);
        else t.sheet.hiddenColumns.delete(c);
    });
  }
  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.ctx, this);
  }
  /** `dataValidation` (ExcelApi 1.8): rule, errorAlert and ignoreBlanks can be set; reading them needs a load. */
  get dataValidation(): {
    rule: FakeValidation["rule"] | { list: { inCellDropDown: boolean; source: string | FakeRange } };
    errorAlert: FakeValidation["errorAlert"];
    ignoreBlanks: boolean;
  } {
    const set = (apply: (v: FakeValidation, t: RangeTarget) => void, payload: unknown) =>
      this.command(payload, (t) => {
        this.ctx.excel.requireSet("1.8", "Range.dataValidation");
        refuseIfProtected(t.sheet);
        const same = (b: Box) =>
          b.top === t.box.top &&
          b.left === t.box.left &&
          b.bottom === t.box.bottom &&
          b.right === t.box.right;
        let v = t.sheet.validations.find((x) => same(x.box));
        if (!v) t.sheet.validations.push((v = { box: { ...t.box } }));
        apply(v, t);
      });
    return new Proxy({} as ReturnType<() => FakeRange["dataValidation"]>, {
      set: (_o, key, value: unknown) => {
        if (key === "rule") {
          const list = (value as { list?: { inCellDropDown: boolean; source: string | FakeRange } }).list;
          if (!list) throw new FakeOfficeError("NotImplemented", "The fake knows list validations only.");
          const src = list.source;
          if (typeof src !== "string") src.usedIn(this.ctx);
          set(
            (v) => {
              const source = typeof src === "string" ? src : src.absoluteAddress();
              v.rule = { list: { inCellDropDown: list.inCellDropDown, source } };
            },
            { rule: typeof src === "string" ? value : { list: { ...list, source: "(range)" } } },
          );
        } else if (key === "errorAlert")
          set((v) => (v.errorAlert = value as FakeValidation["errorAlert"]), { errorAlert: value });
        else if (key === "ignoreBlanks")
          set((v) => (v.ignoreBlanks = value as boolean), { ignoreBlanks: value });
        else
          throw new FakeOfficeError("NotImplemented", `The fake does not set DataValidation.${String(key)}.`);
        return true;
      },
      get: (_o, key) => {
        throw notLoaded(`dataValidation.${String(key)}`);
      },
    });
  }
  /** At sync: the range as an absolute reference with its sheet ('Danh mục'!$C$2:$C$4). */
  absoluteAddress(): string {
    const t = this.live();
    const abs = (r: number, c: number) => `$${colLetter(c)}$${r + 1}`;
    return `${sheetPrefix(t.sheet.name)}${abs(t.box.top, t.box.left)}:${abs(t.box.bottom, t.box.right)}`;
  }
  /** Logs formatting for inspection (the fake keeps no styles). */
  logFormat(what: string, value: unknown): void {
    this.command({ [what]: value }, (t) => {
      refuseIfProtected(t.sheet); // Protect Sheet refuses formatting too (Format Cells is off by default)
      t.sheet.formatLog.push(`${boxA1(t.box)} ${what}=${String(value)}`);
    });
  }
  private derived(f: (t: RangeTarget) => RangeTarget | null): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return t && f(t);
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived((t) => ({
      sheet: t.sheet,
      box: {
        top: t.box.top + row,
        left: t.box.left + column,
        bottom: t.box.top + row,
        right: t.box.left + column,
      },
    }));
  }
  /** The overlap with another range of the same sheet, or a null object. */
  getIntersectionOrNullObject(another: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (!t) return null;
      const o =
        typeof another === "string"
          ? { sheet: t.sheet, box: parseA1(another) }
          : another.usedIn(this.ctx).target();
      if (!o || o.sheet !== t.sheet) return null;
      const box = {
        top: Math.max(t.box.top, o.box.top),
        left: Math.max(t.box.left, o.box.left),
        bottom: Math.min(t.box.bottom, o.box.bottom),
        right: Math.min(t.box.right, o.box.right),
      };
      return box.top <= box.bottom && box.left <= box.right ? { sheet: t.sheet, box } : null;
    }).trackNull();
  }
  /** Row `index` of the range (ExcelApi 1.1). */
  getRow(index: number): FakeRange {
    return this.derived((t) => ({
      sheet: t.sheet,
      box: { ...t.box, top: t.box.top + index, bottom: t.box.top + index },
    }));
  }
  /** The range's last row (ExcelApi 1.1). */
  getLastRow(): FakeRange {
    return this.derived((t) => ({ sheet: t.sheet, box: { ...t.box, top: t.box.bottom } }));
  }
  getEntireRow(): FakeRange {
    return this.derived((t) => ({ sheet: t.sheet, box: { ...t.box, left: 0, right: MAX_COLS - 1 } }));
  }
  getEntireColumn(): FakeRange {
    return this.derived((t) => ({ sheet: t.sheet, box: { ...t.box, top: 0, bottom: MAX_ROWS - 1 } }));
  }
  insert(shift: "Down" | "Right"): FakeRange {
    this.command({ insert: shift }, (t) => {
      if (shift !== "Down" || t.box.left !== 0 || t.box.right !== MAX_COLS - 1)
        throw new FakeOfficeError(
          "NotImplemented",
          'The fake inserts whole rows only (getEntireRow().insert("Down")).',
        );
      refuseIfProtected(t.sheet);
      t.sheet.insertRows(t.box.top, t.box.bottom - t.box.top + 1);
    });
    return this;
  }
  delete(shift: "Up" | "Left"): void {
    this.command({ delete: shift }, (t) => {
      if (shift !== "Up" || t.box.left !== 0 || t.box.right !== MAX_COLS - 1)
        throw new FakeOfficeError(
          "NotImplemented",
          'The fake deletes whole rows only (getEntireRow().delete("Up")).',
        );
      refuseIfProtected(t.sheet);
      t.sheet.deleteRows(t.box.top, t.box.bottom - t.box.top + 1);
    });
  }
  select(): void {
    this.command({ select: true }, (t) => {
      if (t.sheet.visibility !== "Visible")
        throw new FakeOfficeError("InvalidSelection", "A hidden sheet's cell cannot be selected.");
      this.ctx.model.activeSheet = t.sheet.name;
      this.ctx.model.selection = { sheet: t.sheet.name, row: t.box.top, col: t.box.left };
    });
  }
  /** Keeps the top-left value, as Excel does. */
  merge(across = false): void {
    this.command({ merge: across }, (t) => {
      refuseIfProtected(t.sheet);
      const rows = across
        ? Array.from({ length: t.box.bottom - t.box.top + 1 }, (_, i) => t.box.top + i)
        : [t.box.top];
      for (const top of rows) {
        const box = across ? { ...t.box, top, bottom: top } : t.box;
        if (
          t.sheet.merges.some(
            (m) => m.top <= box.bottom && m.bottom >= box.top && m.left <= box.right && m.right >= box.left,
          )
        )
          throw new FakeOfficeError("MergedRangeConflict", `${boxA1(box)} overlaps a merged area.`);
        for (let r = box.top; r <= box.bottom; r++)
          for (let c = box.left; c <= box.right; c++)
            if (r !== box.top || c !== box.left) t.sheet.rows[r]?.[c] && (t.sheet.rows[r]![c] = undefined);
        t.sheet.merges.push(box);
      }
    });
  }
  /**
   * `Range.clear(applyTo)` (ExcelApi 1.1; learn.microsoft.com/javascript/api/excel/excel.range#clear):
   * "Contents" removes values and formulas, "Formats" number formats (the fake keeps no other
   * formats: the clear is logged), "All" (the default) both. Merged areas stay: the adapter unmerges
   * them itself (whether Excel's clear unmerges is not documented).
   */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.command({ clear: applyTo }, (t) => {
      refuseIfProtected(t.sheet);
      const b = t.box;
      for (let r = b.top; r <= Math.min(b.bottom, t.sheet.rows.length - 1); r++) {
        const row = t.sheet.rows[r];
        if (!row) continue;
        for (let c = b.left; c <= Math.min(b.right, row.length - 1); c++) {
          const cell = row[c];
          if (!cell) continue;
          if (applyTo !== "Formats") {
            cell.v = "";
            delete cell.f;
          }
          if (applyTo !== "Contents") delete cell.nf;
        }
      }
      t.sheet.formatLog.push(`${boxA1(b)} clear=${applyTo}`);
    });
  }
  /** Splits every merged area the range touches into its cells (ExcelApi 1.2); covered cells stay empty, as in Excel. */
  unmerge(): void {
    this.command({ unmerge: true }, (t) => {
      refuseIfProtected(t.sheet);
      const b = t.box;
      t.sheet.merges = t.sheet.merges.filter(
        (m) => !(m.top <= b.bottom && m.bottom >= b.top && m.left <= b.right && m.right >= b.left),
      );
    });
  }
  /**
   * The merged areas whose top-left cell is in the range (OfficeDev/office-js#3611: an area that
   * only overlaps the range is not reported). More than 512 of them and the call fails
   * (@types/office-js, Range.getMergedAreasOrNullObject: "if the merged areas count in this range
   * is more than 512, then this method will fail"; the error code is not documented).
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.target();
      if (!t) return null;
      this.ctx.excel.requireSet("1.13", "Range.getMergedAreasOrNullObject");
      const b = t.box;
      const inside = t.sheet.merges.filter(
        (m) => m.top >= b.top && m.top <= b.bottom && m.left >= b.left && m.left <= b.right,
      );
      if (inside.length > MAX_MERGED_AREAS)
        throw new FakeOfficeError(
          "GeneralException",
          `${inside.length} merged areas in ${boxA1(b)}: more than the ${MAX_MERGED_AREAS} getMergedAreas returns.`,
        );
      return inside.length ? { sheet: t.sheet, boxes: inside } : null;
    }).trackNull();
  }
  /** Formula cells as column runs (Excel answers a compact list of areas). */
  /**
   * Formula cells, or constants (every value not a formula; "Numbers": only numbers, dates among
   * them), as runs down each column (Excel may cut the areas otherwise: the adapter reads them as sets).
   */
  getSpecialCellsOrNullObject(
    cellType: "Formulas" | "Constants",
    valueType?: "All" | "Numbers",
  ): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const t = this.target();
      if (!t) return null;
      if (cellType !== "Formulas" && cellType !== "Constants")
        throw new FakeOfficeError(
          "NotImplemented",
          "The fake knows SpecialCellType Formulas and Constants only.",
        );
      if (valueType !== undefined && valueType !== "All" && valueType !== "Numbers")
        throw new FakeOfficeError(
          "NotImplemented",
          "The fake knows SpecialCellValueType All and Numbers only.",
        );
      const picked = (cell: FakeCell | undefined): boolean =>
        cellType === "Formulas"
          ? cell?.f !== undefined
          : cell !== undefined &&
            cell.f === undefined &&
            cell.v !== "" &&
            (valueType !== "Numbers" || typeof cell.v === "number");
      const boxes: Box[] = [];
      for (let c = t.box.left; c <= Math.min(t.box.right, MAX_COLS - 1); c++) {
        let run: Box | undefined;
        const last = Math.min(t.box.bottom, t.sheet.rows.length - 1);
        for (let r = t.box.top; r <= last + 1; r++) {
          const isF = r <= last && picked(t.sheet.cell(r, c));
          if (isF && run && run.bottom === r - 1) run.bottom = r;
          else if (isF) run = { top: r, left: c, bottom: r, right: c };
          if ((!isF || r === last + 1) && run) {
            boxes.push(run);
            run = undefined;
          }
        }
      }
      return boxes.length ? { sheet: t.sheet, boxes } : null;
    }).trackNull();
  }
}

class FakeRangeFormat {
  readonly font: { bold: boolean; italic: boolean; color: string; size: number };
  readonly fill: { color: string };
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    ctx.newPath();
    const log = (prefix: string) =>
      new Proxy({} as Record<string, unknown>, {
        set: (_o, key, value) => {
          range.logFormat(`${prefix}${String(key)}`, value);
          return true;
        },
        get: (_o, key) => {
          throw notLoaded(`${prefix}${String(key)}`);
        },
      });
    this.font = log("font.") as unknown as FakeRangeFormat["font"];
    this.fill = log("fill.") as unknown as FakeRangeFormat["fill"];
  }
  set columnWidth(w: number) {
    this.range.logFormat("columnWidth", w);
  }
  set rowHeight(h: number) {
    this.range.logFormat("rowHeight", h);
  }
  set horizontalAlignment(a: string) {
    this.range.logFormat("horizontalAlignment", a);
  }
  set verticalAlignment(a: string) {
    this.range.logFormat("verticalAlignment", a);
  }
  set wrapText(w: boolean) {
    this.range.logFormat("wrapText", w);
  }
  /** Rows back to the standard height (ExcelApi 1.2). */
  set useStandardHeight(u: boolean) {
    this.range.logFormat("useStandardHeight", u);
  }
  autofitColumns(): void {
    this.range.logFormat("autofitColumns", true);
  }
  /** `borders.getItem("EdgeTop").style = …`, logged as "border.EdgeTop.style". */
  get borders(): { getItem(index: string): Record<string, unknown> } {
    const range = this.range;
    return {
      getItem: (index: string) =>
        new Proxy({} as Record<string, unknown>, {
          set: (_o, key, value) => {
            range.logFormat(`border.${index}.${String(key)}`, value);
            return true;
          },
          get: (_o, key) => {
            throw notLoaded(`border.${index}.${String(key)}`);
          },
        }),
    };
  }
}

class FakeRangeAreas extends ClientObject<{ sheet: FakeSheet; boxes: Box[] }> {
  protected compute(prop: string, t: { sheet: FakeSheet; boxes: Box[] }): unknown {
    if (prop === "address") return t.boxes.map((b) => sheetPrefix(t.sheet.name) + boxA1(b)).join(",");
    if (prop === "areaCount") return t.boxes.length;
    throw new FakeOfficeError("InvalidArgument", `The fake does not load RangeAreas.${prop}.`);
  }
  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
}

class FakeProtection extends ClientObject<FakeSheet> {
  protected compute(prop: string, s: FakeSheet): unknown {
    if (prop === "protected") return s.protected;
    throw new FakeOfficeError("InvalidArgument", `The fake does not load WorksheetProtection.${prop}.`);
  }
  get protected(): boolean {
    return this.get("protected");
  }
}

// ---------------------------------------------------------------- AutoFilter and tables

/** A range argument (a range of the same run, or an A1 address on `sheet`) at sync. */
function rangeArg(ctx: FakeContext, sheet: FakeSheet, range: FakeRange | string): Box {
  if (typeof range === "string") return parseA1(range.slice(range.lastIndexOf("!") + 1));
  const t = range.usedIn(ctx).target();
  if (!t || t.sheet !== sheet)
    throw new FakeOfficeError("InvalidArgument", "The range is a null object or on another sheet.");
  return t.box;
}

const sameBox = (a: Box, b: Box) =>
  a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

/**
 * `worksheet.autoFilter` (ExcelApi 1.9; learn.microsoft.com/javascript/api/excel/excel.autofilter):
 * `apply(range, columnIndex?, criteria?)`, `getRange[OrNullObject]()`, `enabled`, `isDataFiltered`,
 * `criteria`. What `apply` does with the criteria already set when it is given another range is not
 * documented, and criteria read back do not re-apply reliably (OfficeDev/office-js#1226): the fake
 * assumes the worst, that applying to another range drops them.
 */
class FakeAutoFilter extends ClientObject<FakeSheet> {
  protected compute(prop: string, s: FakeSheet): unknown {
    this.ctx.excel.requireSet("1.9", "AutoFilter");
    const f = s.autoFilter;
    if (prop === "enabled") return f !== undefined;
    if (prop === "isDataFiltered") return f !== undefined && f.criteria.size > 0;
    if (prop === "criteria")
      return f ? Array.from({ length: f.box.right - f.box.left + 1 }, (_, c) => f.criteria.get(c) ?? {}) : [];
    throw new FakeOfficeError("InvalidArgument", `The fake does not load AutoFilter.${prop}.`);
  }
  get enabled(): boolean {
    return this.get("enabled");
  }
  get isDataFiltered(): boolean {
    return this.get("isDataFiltered");
  }
  get criteria(): Record<string, unknown>[] {
    return this.get("criteria");
  }
  apply(range: FakeRange | string, columnIndex?: number, criteria?: Record<string, unknown>): void {
    this.command({ apply: typeof range === "string" ? range : "range", columnIndex, criteria }, (s) => {
      this.ctx.excel.requireSet("1.9", "AutoFilter.apply");
      refuseIfProtected(s);
      const box = rangeArg(this.ctx, s, range);
      const kept = s.autoFilter && sameBox(s.autoFilter.box, box) ? s.autoFilter.criteria : new Map();
      s.autoFilter = { box, criteria: kept };
      if (columnIndex !== undefined && criteria) s.autoFilter.criteria.set(columnIndex, criteria);
    });
  }
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      this.ctx.excel.requireSet("1.9", "AutoFilter.getRangeOrNullObject");
      return s?.autoFilter ? { sheet: s, box: { ...s.autoFilter.box } } : null;
    }).trackNull();
  }
}

interface TableTarget {
  sheet: FakeSheet;
  table: FakeTable;
}

/** `worksheet.tables` (ExcelApi 1.1): the sheet's tables, loaded as items or got by name. */
class FakeTables extends ClientObject<FakeSheet> {
  private itemList?: FakeTableProxy[];
  get items(): FakeTableProxy[] {
    if (!this.itemList) throw notLoaded("items");
    return this.itemList;
  }
  protected compute(): unknown {
    return undefined;
  }
  override load(spec?: string | string[] | { select?: string }): this {
    const props = loadProps(spec).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue({ load: props }, () => {
      const s = this.live();
      let bytes = 0;
      this.itemList = s.tables.map((table) => {
        const t = new FakeTableProxy(this.ctx, () => ({ sheet: s, table }));
        bytes += t.loadNow(props.length ? props : ["name"]);
        return t;
      });
      return bytes;
    });
    return this;
  }
  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.ctx, () => {
      const s = this.live();
      const table = s.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (!table) throw new FakeOfficeError("ItemNotFound", `No table named "${name}".`);
      return { sheet: s, table };
    });
  }
}

/**
 * An Excel Table (learn.microsoft.com/javascript/api/excel/excel.table): its name, totals row, range
 * and header row; `columns.add` (a column at the table's right, named; index null needs ExcelApi
 * 1.4) and `resize` (ExcelApi 1.13: the header row stays on its row, the new range overlaps the old).
 */
class FakeTableProxy extends ClientObject<TableTarget> {
  protected compute(prop: string, t: TableTarget): unknown {
    if (prop === "name") return t.table.name;
    if (prop === "showTotals") return t.table.showTotals;
    if (prop === "showHeaders") return true;
    throw new FakeOfficeError("InvalidArgument", `The fake does not load Table.${prop}.`);
  }
  loadNow(props: string[]): number {
    const t = this.live();
    let bytes = 0;
    for (const p of props) {
      const v = this.compute(p, t);
      this.loaded.set(p, v);
      bytes += size(v);
    }
    return bytes;
  }
  get name(): string {
    return this.get("name");
  }
  get showTotals(): boolean {
    return this.get("showTotals");
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, table } = this.live();
      return { sheet, box: { ...table.box } };
    });
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, table } = this.live();
      return { sheet, box: { ...table.box, bottom: table.box.top } };
    });
  }
  /** The rows below the header, without the totals row (ExcelApi 1.1). */
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, table } = this.live();
      const bottom = table.box.bottom - (table.showTotals ? 1 : 0);
      return {
        sheet,
        box: { ...table.box, top: table.box.top + 1, bottom: Math.max(bottom, table.box.top + 1) },
      };
    });
  }
  get columns(): { add(index?: number | null, values?: Raw[][], name?: string): void } {
    return {
      add: (index, values, name) =>
        this.command({ addColumn: index ?? null, values, name }, ({ sheet, table }) => {
          if (index === null || index === undefined || index === -1 || name !== undefined)
            this.ctx.excel.requireSet("1.4", "TableColumnCollection.add without an index, or with a name");
          if (index !== null && index !== undefined && index !== -1)
            throw new FakeOfficeError("NotImplemented", "The fake adds a column at the table's end only.");
          refuseIfProtected(sheet);
          const col = table.box.right + 1;
          for (let r = table.box.top; r <= table.box.bottom; r++)
            if (sheet.value(r, col) !== "" || sheet.cell(r, col)?.f !== undefined)
              throw new FakeOfficeError(
                "NotImplemented",
                "The fake adds a table column over empty cells only (Excel would shift the cells right).",
              );
          const rows = table.box.bottom - table.box.top + 1;
          if (values && (values.length !== rows || values.some((v) => v.length !== 1)))
            throw new FakeOfficeError("InvalidArgument", `A column of this table takes ${rows} values.`);
          const header = name ?? (values ? String(values[0]![0]) : `Column${table.columns.length + 1}`);
          if (table.columns.some((c) => c.toLowerCase() === header.toLowerCase()))
            throw new FakeOfficeError("InvalidArgument", `The table already has a column "${header}".`);
          values?.forEach((v, i) => i > 0 && v[0] !== "" && enter(sheet.at(table.box.top + i, col), v[0]!));
          sheet.at(table.box.top, col).v = header;
          table.box = { ...table.box, right: col };
          table.columns.push(header);
        }),
    };
  }
  resize(newRange: FakeRange | string): void {
    this.command({ resize: typeof newRange === "string" ? newRange : "range" }, ({ sheet, table }) => {
      this.ctx.excel.requireSet("1.13", "Table.resize");
      refuseIfProtected(sheet);
      const box = rangeArg(this.ctx, sheet, newRange);
      const old = table.box;
      const overlaps =
        box.top <= old.bottom && box.bottom >= old.top && box.left <= old.right && box.right >= old.left;
      if (box.top !== old.top || !overlaps)
        throw new FakeOfficeError(
          "InvalidArgument",
          "The new range must overlap the table and keep its header row on the same row.",
        );
      if (
        sheet.tables.some(
          (t) =>
            t !== table &&
            box.top <= t.box.bottom &&
            box.bottom >= t.box.top &&
            box.left <= t.box.right &&
            box.right >= t.box.left,
        )
      )
        throw new FakeOfficeError("InvalidArgument", "A table cannot overlap another table.");
      const columns: string[] = [];
      for (let c = box.left; c <= box.right; c++) {
        const old =
          c >= table.box.left && c <= table.box.right ? table.columns[c - table.box.left] : undefined;
        const header = old ?? (String(sheet.value(box.top, c)) || `Column${columns.length + 1}`);
        if (old === undefined) sheet.at(box.top, c).v = header; // Excel names an empty header cell
        columns.push(header);
      }
      table.box = box;
      table.columns = columns;
    });
  }
}

// ---------------------------------------------------------------- notes (ExcelApi 1.18)

interface NoteTarget {
  sheet: FakeSheet;
  key: string;
}

class FakeNotes {
  private itemList?: FakeNote[];
  /** `sheet` null: the workbook's notes (every sheet). */
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {}
  private sheets(): FakeSheet[] {
    this.ctx.excel.requireSet("1.18", "Notes");
    return this.sheet ? [this.sheet()] : this.ctx.model.sheets;
  }
  get items(): FakeNote[] {
    if (!this.itemList) throw notLoaded("items");
    return this.itemList;
  }
  load(spec?: string | string[] | { select?: string }): this {
    const props = loadProps(spec).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue({ load: props }, () => {
      let bytes = 0;
      this.itemList = [];
      for (const s of this.sheets())
        for (const key of s.notes.keys()) {
          const note = new FakeNote(this.ctx, () => ({ sheet: s, key }));
          bytes += note.loadNow(props);
          this.itemList.push(note);
        }
      return bytes;
    });
    return this;
  }
  /** A note by its cell address ("B3", or "'Sheet'!B3" on the workbook's collection). */
  private locate(address: string): NoteTarget | null {
    const [first] = this.sheets();
    const bang = address.lastIndexOf("!");
    const name =
      bang < 0
        ? undefined
        : address
            .slice(0, bang)
            .replace(/^'(.*)'$/, "$1")
            .replace(/''/g, "'");
    const sheet = name ? this.ctx.model.get(name) : first!;
    const box = parseA1(address.slice(bang + 1));
    const key = `${box.top}:${box.left}`;
    return sheet.notes.has(key) ? { sheet, key } : null;
  }
  getItem(key: string): FakeNote {
    return new FakeNote(this.ctx, () => {
      const t = this.locate(key);
      if (!t) throw new FakeOfficeError("ItemNotFound", `No note at ${key}.`);
      return t;
    });
  }
  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.ctx, () => this.locate(key)).trackNull();
  }
  add(cellAddress: FakeRange | string, content: string): FakeNote {
    let made: NoteTarget | undefined;
    this.ctx.enqueue({ add: typeof cellAddress === "string" ? cellAddress : "range", content }, () => {
      const [s] = this.sheets();
      let sheet: FakeSheet;
      let box: Box;
      if (typeof cellAddress === "string") {
        const bang = cellAddress.lastIndexOf("!");
        const name =
          bang < 0
            ? undefined
            : cellAddress
                .slice(0, bang)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'");
        sheet = name ? this.ctx.model.get(name) : s!;
        box = parseA1(cellAddress.slice(bang + 1));
      } else {
        const t = cellAddress.usedIn(this.ctx).target();
        if (!t) throw new FakeOfficeError("InvalidArgument", "null range");
        ({ sheet, box } = t);
      }
      if (box.top !== box.bottom || box.left !== box.right)
        throw new FakeOfficeError("InvalidCellAddress", "A note goes on a single cell.");
      const key = `${box.top}:${box.left}`;
      refuseIfProtected(sheet);
      if (sheet.notes.has(key))
        throw new FakeOfficeError("InvalidArgument", `The cell ${boxA1(box)} already has a note.`);
      sheet.notes.set(key, content);
      made = { sheet, key };
    });
    return new FakeNote(this.ctx, () => made ?? null);
  }
}

class FakeNote extends ClientObject<NoteTarget> {
  protected compute(prop: string, t: NoteTarget): unknown {
    if (prop === "content") return t.sheet.notes.get(t.key) ?? "";
    if (prop === "authorName") return "Fake";
    throw new FakeOfficeError("InvalidArgument", `The fake does not load Note.${prop}.`);
  }
  loadNow(props: string[]): number {
    const t = this.live();
    let bytes = 0;
    for (const p of props) {
      const v = this.compute(p, t);
      this.loaded.set(p, v);
      bytes += size(v);
    }
    return bytes;
  }
  get content(): string {
    return this.get("content");
  }
  set content(text: string) {
    this.command({ content: text }, (t) => void t.sheet.notes.set(t.key, text));
  }
  delete(): void {
    this.command({ delete: true }, (t) => void t.sheet.notes.delete(t.key));
  }
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      if (!t) return null;
      const [r, c] = t.key.split(":").map(Number) as [number, number];
      return { sheet: t.sheet, box: { top: r, left: c, bottom: r, right: c } };
    });
  }
}
