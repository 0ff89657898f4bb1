import type { CellRange } from "../../core/layout/grid";
import type { CellValue } from "../../core/parse/cell";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { buildStatsReport, type StatsReport } from "../../core/stats/report";
import type { StoredRecord, SyncRequest, SyncResponse } from "../../core/sync/protocol";
import { applyRowOps } from "../../core/sync/row-plan";
import type { SyncTransport } from "../../core/sync/transport";
import {
  formulaKey,
  type PortSheet,
  type WorkbookEdit,
  type WorkbookPort,
  type WorkbookSnapshot,
} from "../../core/sync/workbook-port";

/**
 * The engine's two edges in memory, for unit tests without Azurite: a workbook port over plain
 * rows, and a server that keeps records per (unit, kind, id) with versions and a sequence per
 * partition, answering a stale base version with its copy (the protocol of DESIGN.md).
 */
export class MemoryPort implements WorkbookPort {
  writes: WorkbookEdit[] = [];
  constructor(
    public sheets: {
      name: string;
      rows: CellValue[][];
      merges?: CellRange[];
      formulas?: [number, number][];
    }[],
    public stateCells?: string[],
  ) {}

  read(): Promise<WorkbookSnapshot> {
    const sheets: PortSheet[] = this.sheets.map((s) => ({
      name: s.name,
      rows: s.rows.map((r) => r.slice()),
      merges: s.merges?.map((m) => ({ ...m })) ?? [],
      // Cells holding a formula (0-based row, column): the engine never writes into them.
      formulaCells: new Set<number>((s.formulas ?? []).map(([r, c]) => formulaKey(r, c))),
    }));
    return Promise.resolve(this.stateCells ? { sheets, stateCells: this.stateCells.slice() } : { sheets });
  }

  write(edit: WorkbookEdit): Promise<void> {
    this.writes.push(edit);
    const sheet = (name: string) => this.sheets.find((s) => s.name === name)!;
    const set = (name: string, row: number, col: number, value: CellValue) => {
      const rows = sheet(name).rows;
      while (rows.length <= row) rows.push([]);
      const r = rows[row]!;
      while (r.length < col) r.push(null);
      r[col] = value;
    };
    for (const c of edit.idColumns) set(c.sheet, c.headerRow, c.col, "cchc_id");
    for (const c of edit.cells) set(c.sheet, c.row, c.col, c.value);
    for (const s of this.sheets)
      s.rows = applyRowOps(
        s.rows,
        edit.rowOps.filter((op) => op.sheet === s.name),
        (values) => values.slice(),
      );
    this.stateCells = edit.stateCells.length > 0 ? edit.stateCells.slice() : undefined;
    return Promise.resolve();
  }

  /** A copy of the workbook file (another computer's copy). */
  copy(): MemoryPort {
    return new MemoryPort(
      this.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.slice()) })),
      this.stateCells?.slice(),
    );
  }

  rows(name: string): CellValue[][] {
    return this.sheets.find((s) => s.name === name)!.rows;
  }
}

export class MemoryServer {
  readonly records = new Map<string, StoredRecord>();
  private readonly seqs = new Map<string, number>();
  requests: SyncRequest[] = [];

  sync(request: SyncRequest, who: string): SyncResponse {
    this.requests.push(request);
    const write = (p: SyncRequest["push"][number], unit: string, deleted: boolean): StoredRecord => {
      const key = `${unit}|${p.kind}|${p.id}`;
      const partition = `${request.year}|${unit}`;
      const seq = (this.seqs.get(partition) ?? 0) + 1;
      this.seqs.set(partition, seq);
      const stored: StoredRecord = {
        kind: p.kind,
        id: p.id,
        unit,
        year: request.year,
        version: (this.records.get(key)?.version ?? 0) + 1,
        seq,
        deleted,
        data: p.data,
        updatedBy: who,
        updatedAt: "2021-03-01T00:00:00.000Z",
      };
      this.records.set(key, stored);
      return stored;
    };
    const results: SyncResponse["results"] = request.push.map((p) => {
      // A move (fromUnit) is based on the copy in the old unit: a tombstone there, the record here.
      const baseKey = `${p.fromUnit ?? p.unit}|${p.kind}|${p.id}`;
      const cur = this.records.get(baseKey);
      if ((cur?.version ?? null) !== p.baseVersion)
        return { kind: p.kind, id: p.id, status: "conflict", server: cur ?? null };
      if (p.fromUnit) write(p, p.fromUnit, true);
      const stored = write(p, p.unit, p.deleted === true);
      return { kind: p.kind, id: p.id, status: "applied", version: stored.version };
    });
    const changes = [...this.records.values()].filter(
      (r) => r.seq > Number(request.cursor[`${r.year}|${r.unit}`] ?? 0),
    );
    const cursor = { ...request.cursor };
    for (const [partition, seq] of this.seqs) cursor[partition] = seq;
    return {
      operationId: request.operationId,
      member: { id: "memory", role: "coordinator", unit: null },
      results,
      changes,
      cursor,
    };
  }

  /** Live records (not tombstones). */
  live(): StoredRecord[] {
    return [...this.records.values()].filter((r) => !r.deleted);
  }
}

export class MemoryTransport implements SyncTransport {
  bytesSent = 0;
  bytesReceived = 0;
  constructor(
    private readonly server: MemoryServer,
    private readonly who = "tester",
  ) {}

  sync(request: SyncRequest): Promise<SyncResponse> {
    const copy = JSON.parse(JSON.stringify(request)) as SyncRequest;
    return Promise.resolve(JSON.parse(JSON.stringify(this.server.sync(copy, this.who))) as SyncResponse);
  }

  stats(query: { year: number; asOf: string }): Promise<StatsReport> {
    return Promise.resolve(
      buildStatsReport({
        year: query.year,
        asOf: query.asOf,
        from: `${query.year}-01-01`,
        to: query.asOf,
        tasks: [],
        dossiers: [],
        fields: DEFAULT_FIELDS,
      }),
    );
  }
}
