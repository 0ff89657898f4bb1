/**
 * The fake's worksheet charts (`worksheet.charts`, ExcelApi 1.1; `getItemOrNullObject` 1.4): every
 * chart a test's adapter adds is recorded with its type, source range address, series direction,
 * name, title, legend and position, and lives with its sheet (deleting the sheet deletes them).
 * Commands apply at `context.sync()`, and a property read before load + sync throws, as elsewhere
 * in the fake. No Node imports (the browser test bundles the fake).
 */
import type { FakeContext, FakeRange } from "./fake-excel";
import * as fake from "./fake-excel";
import type { FakeSheet } from "./model";

/** What Excel holds for one chart. */
export interface ChartRecord {
  name: string;
  type: string;
  /** The source data's address, with its sheet ("'Tổng hợp'!A25:E33"). */
  source: string;
  seriesBy: string;
  title: string;
  legend: string;
  /** The category axis runs top to bottom (`axes.categoryAxis.reversePlotOrder`, ExcelApi 1.7). */
  reversed: boolean;
  /** setPosition's cells ("G24", "O39"); undefined until placed. */
  from?: string;
  to?: string | undefined;
}

const SHEET_CHARTS = new WeakMap<FakeSheet, ChartRecord[]>();

/** The charts on a sheet of the fake's model, in the order they were added. */
export function chartsOf(sheet: FakeSheet): ChartRecord[] {
  let list = SHEET_CHARTS.get(sheet);
  if (!list) SHEET_CHARTS.set(sheet, (list = []));
  return list;
}

// The fake's error class, read when a command runs (the two modules import each other).
const error = (code: string, message: string) => new fake.FakeOfficeError(code, message);

const notLoaded = (prop: string) =>
  error("PropertyNotLoaded", `The property '${prop}' is not available. Call load and context.sync first.`);

/** "A1" or a range of the same sheet → its A1 address without the sheet. */
function cellAddress(ctx: FakeContext, at: FakeRange | string, sheet: FakeSheet): string {
  if (typeof at === "string") return at.replace(/\$/g, "").toUpperCase();
  const t = at.target();
  if (!t || t.sheet !== sheet)
    throw error("InvalidArgument", "A chart's position is a cell of the chart's own sheet.");
  void ctx;
  return `${fake.colLetter(t.box.left)}${t.box.top + 1}`;
}

export class FakeChart {
  private record?: { r: ChartRecord | null };
  private loaded = new Map<string, unknown>();
  private nullState?: boolean;

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly resolver: () => ChartRecord | null,
  ) {}

  private target(): ChartRecord | null {
    if (!this.record) {
      this.record = { r: this.resolver() };
      this.nullState = this.record.r === null;
    }
    return this.record.r;
  }

  private live(): ChartRecord {
    const r = this.target();
    if (!r) throw error("ItemNotFound", "The chart does not exist (a null object).");
    return r;
  }

  private command(payload: unknown, apply: (c: ChartRecord) => void): void {
    this.ctx.enqueue(payload, () => void apply(this.live()));
  }

  trackNull(): this {
    this.ctx.enqueue(null, () => void this.target());
    return this;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded("isNullObject");
    return this.nullState;
  }

  load(spec?: string | string[]): this {
    const props = (Array.isArray(spec) ? spec : (spec ?? "").split(",")).map((s) => s.trim()).filter(Boolean);
    this.ctx.enqueue({ load: props }, () => this.loadNow(props));
    return this;
  }

  /** Loads at sync time (from the collection's load). */
  loadNow(props: string[]): number {
    const r = this.target();
    if (!r) return 0;
    for (const p of props) {
      if (!["name", "type", "top", "left"].includes(p))
        throw error("InvalidArgument", `The fake does not load Chart.${p}.`);
      this.loaded.set(p, r[p as keyof ChartRecord]);
    }
    return JSON.stringify(props.map((p) => this.loaded.get(p))).length;
  }

  get name(): string {
    if (!this.loaded.has("name")) throw notLoaded("name");
    return this.loaded.get("name") as string;
  }
  set name(n: string) {
    this.command({ name: n }, (c) => (c.name = n));
  }

  get title(): { text: string } {
    const set = (text: string) => this.command({ title: text }, (c) => (c.title = text));
    return {
      get text(): string {
        throw notLoaded("title/text");
      },
      set text(t: string) {
        set(t);
      },
    };
  }

  get legend(): { position: string; visible: boolean } {
    const set = (position: string) => this.command({ legend: position }, (c) => (c.legend = position));
    return {
      get position(): string {
        throw notLoaded("legend/position");
      },
      set position(p: string) {
        set(p);
      },
      get visible(): boolean {
        throw notLoaded("legend/visible");
      },
      set visible(v: boolean) {
        if (!v) set("Hidden");
      },
    };
  }

  get axes(): { categoryAxis: { reversePlotOrder: boolean } } {
    const set = (v: boolean) => this.command({ reversePlotOrder: v }, (c) => (c.reversed = v));
    return {
      categoryAxis: {
        get reversePlotOrder(): boolean {
          throw notLoaded("axes/categoryAxis/reversePlotOrder");
        },
        set reversePlotOrder(v: boolean) {
          set(v);
        },
      },
    };
  }

  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    this.command({ setPosition: [String(startCell), String(endCell)] }, (c) => {
      const sheet = this.sheet();
      c.from = cellAddress(this.ctx, startCell, sheet);
      c.to = endCell === undefined ? undefined : cellAddress(this.ctx, endCell, sheet);
    });
  }

  delete(): void {
    this.command({ delete: true }, (c) => {
      const list = chartsOf(this.sheet());
      list.splice(list.indexOf(c), 1);
    });
  }
}

export class FakeCharts {
  private itemList?: FakeChart[];

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}

  get items(): FakeChart[] {
    if (!this.itemList) throw notLoaded("items");
    return this.itemList;
  }

  load(spec?: string | string[] | { select?: string }): this {
    const text = Array.isArray(spec)
      ? spec.join(",")
      : typeof spec === "string"
        ? spec
        : (spec?.select ?? "");
    const props = text
      .split(",")
      .map((p) => p.trim().replace(/^items\//, ""))
      .filter(Boolean);
    this.ctx.enqueue({ load: props }, () => {
      let bytes = 0;
      this.itemList = chartsOf(this.sheet()).map((r) => {
        const chart = new FakeChart(this.ctx, this.sheet, () => r);
        bytes += chart.loadNow(props.length ? props : ["name"]);
        return chart;
      });
      return bytes;
    });
    return this;
  }

  /** Excel.ChartCollection.add: the source is a range of any sheet; Excel names the chart "Chart n". */
  add(type: string, sourceData: FakeRange, seriesBy = "Auto"): FakeChart {
    let made: ChartRecord | undefined;
    this.ctx.enqueue({ add: type, seriesBy }, () => {
      const sheet = this.sheet();
      const src = sourceData.target();
      if (!src) throw error("InvalidArgument", "A chart's source is a null range.");
      if (src.box.bottom - src.box.top < 1)
        throw error("InvalidArgument", "A chart's source needs a header row and at least one row of data.");
      const list = chartsOf(sheet);
      const prefix = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(src.sheet.name)
        ? `${src.sheet.name}!`
        : `'${src.sheet.name.replace(/'/g, "''")}'!`;
      const box = src.box;
      made = {
        name: `Chart ${list.length + 1}`,
        type,
        source: `${prefix}${fake.colLetter(box.left)}${box.top + 1}:${fake.colLetter(box.right)}${box.bottom + 1}`,
        seriesBy,
        title: "",
        legend: "Right",
        reversed: false,
      };
      list.push(made);
    });
    return new FakeChart(this.ctx, this.sheet, () => made ?? null);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, this.sheet, () => {
      const found = chartsOf(this.sheet()).find((c) => c.name === name);
      if (!found) throw error("ItemNotFound", `No chart named "${name}".`);
      return found;
    });
  }

  /** ExcelApi 1.4: a null object when no chart has this name. */
  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.ctx, this.sheet, () => {
      this.ctx.excel.requireSet("1.4", "ChartCollection.getItemOrNullObject");
      return chartsOf(this.sheet()).find((c) => c.name === name) ?? null;
    }).trackNull();
  }
}
