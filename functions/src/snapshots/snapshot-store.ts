import { odata, type TableClient } from "@azure/data-tables";
import * as v from "valibot";
import type { IsoDate } from "../../../core/dates";
import type { Message } from "../../../core/model";
import { DossierCountsSchema, TaskCountsSchema } from "../../../core/schemas";
import type { DossierCounts, TaskCounts } from "../../../core/stats";
import { TABLES, type Tables } from "../storage/tables";
import { DamagedStoreError, parseStored } from "../storage/stored-text";

/** One unit's figures on a day: its tasks (as lead unit) and its dossiers, whichever it has. */
export interface UnitSnapshot {
  unit: string;
  name: string;
  tasks?: TaskCounts;
  dossiers?: DossierCounts;
}

/** The statistics of one plan year as they stood on one day (Vietnam's date). */
export interface Snapshot {
  year: number;
  /** The Vietnam date it was taken on (the row key): the day it stands for. */
  date: IsoDate;
  /** When it was taken (ISO instant): a later run the same day replaces it. */
  takenAt: string;
  /** The statistics' cut-off and dossier period (the server's defaults on that day). */
  asOf: IsoDate;
  from: IsoDate;
  to: IsoDate;
  tasks: TaskCounts;
  dossiers: DossierCounts;
  byUnit: UnitSnapshot[];
  /** Units left out to keep the entity small (the smallest first); 0 almost always. */
  unitsOmitted: number;
}

/** A stored snapshot that no longer reads: named by its date, never a 500 nor silently skipped. */
export interface DamagedSnapshot {
  date: string;
  damaged: Message;
}

/**
 * Table Storage: a string property holds at most 32K UTF-16 code units, an entity at most 1 MiB.
 * The units' JSON is split over u0…u(n-1) of 30,000 code units, at most 8 of them (≈ 480 KB): a
 * department has tens of units (≈ 450 characters each: about 550 fit), so the cap only guards the
 * entity.
 */
const PART_CHARS = 30_000;
const MAX_UNIT_PARTS = 8;
export const MAX_UNIT_CHARS = PART_CHARS * MAX_UNIT_PARTS;

const UnitSnapshotSchema = v.object({
  unit: v.string(),
  name: v.string(),
  tasks: v.optional(TaskCountsSchema),
  dossiers: v.optional(DossierCountsSchema),
});

/** The properties read when units are not asked for: the u0… parts stay in storage. */
const TOTALS = ["RowKey", "takenAt", "asOf", "from", "to", "tasks", "dossiers", "unitParts", "unitsOmitted"];

interface SnapshotEntity {
  partitionKey: string;
  rowKey: string;
  takenAt: string;
  asOf: string;
  from: string;
  to: string;
  tasks: string;
  dossiers: string;
  unitParts: number;
  unitsOmitted: number;
  [part: `u${number}`]: string;
}

/** The units' JSON within MAX_UNIT_CHARS: the units with the fewest records are left out first. */
export function fitUnits(byUnit: UnitSnapshot[]): { json: string; omitted: number } {
  const size = (u: UnitSnapshot) => (u.tasks?.total ?? 0) + (u.dossiers?.received.total ?? 0);
  const kept = [...byUnit];
  let json = JSON.stringify(kept);
  if (json.length <= MAX_UNIT_CHARS) return { json, omitted: 0 };
  const bySize = [...byUnit].sort((a, b) => size(a) - size(b));
  let omitted = 0;
  let length = json.length;
  for (const u of bySize) {
    if (length <= MAX_UNIT_CHARS) break;
    length -= JSON.stringify(u).length + 1;
    kept.splice(kept.indexOf(u), 1);
    omitted++;
  }
  json = JSON.stringify(kept);
  return { json, omitted };
}

function toEntity(s: Snapshot): SnapshotEntity {
  const { json, omitted } = fitUnits(s.byUnit);
  const entity: SnapshotEntity = {
    partitionKey: String(s.year),
    rowKey: s.date,
    takenAt: s.takenAt,
    asOf: s.asOf,
    from: s.from,
    to: s.to,
    tasks: JSON.stringify(s.tasks),
    dossiers: JSON.stringify(s.dossiers),
    unitParts: 0,
    unitsOmitted: omitted,
  };
  for (let i = 0; i * PART_CHARS < json.length; i++) {
    entity[`u${i}`] = json.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
    entity.unitParts = i + 1;
  }
  return entity;
}

function fromEntity(e: Record<string, unknown>, year: number, withUnits: boolean): Snapshot {
  const date = String(e.rowKey);
  const place = (property: string) => ({ partition: String(year), row: date, property });
  const text = (property: string) => {
    if (typeof e[property] !== "string") throw new DamagedStoreError(place(property), "not a text");
    return e[property];
  };
  const parts = typeof e.unitParts === "number" ? e.unitParts : 0;
  let units = "";
  if (withUnits) for (let i = 0; i < parts; i++) units += text(`u${i}`);
  return {
    year,
    date,
    takenAt: text("takenAt"),
    asOf: text("asOf"),
    from: text("from"),
    to: text("to"),
    tasks: parseStored(TaskCountsSchema, e.tasks, place("tasks")) as TaskCounts,
    dossiers: parseStored(DossierCountsSchema, e.dossiers, place("dossiers")) as DossierCounts,
    byUnit:
      withUnits && parts > 0
        ? (parseStored(v.array(UnitSnapshotSchema), units, place("u0")) as UnitSnapshot[])
        : [],
    unitsOmitted: typeof e.unitsOmitted === "number" ? e.unitsOmitted : 0,
  };
}

/** Daily snapshots of the statistics: table `snapshots`, partition = plan year, row = Vietnam date. */
export class SnapshotStore {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.snapshots);
  }

  /** Stores a day's snapshot, replacing one taken earlier that day: running twice is harmless. */
  async put(snapshot: Snapshot): Promise<void> {
    await (await this.table()).upsertEntity(toEntity(snapshot), "Replace");
  }

  /** Whether the year has a snapshot of that day. */
  async has(year: number, date: IsoDate): Promise<boolean> {
    try {
      await (await this.table()).getEntity(String(year), date, { queryOptions: { select: ["RowKey"] } });
      return true;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return false;
      throw e;
    }
  }

  /**
   * The year's snapshots from `from` to `to` (dates, both included), oldest first; the units'
   * figures only when asked. A damaged one is listed by its date with what is wrong.
   */
  async list(
    year: number,
    range: { from?: IsoDate | undefined; to?: IsoDate | undefined },
    withUnits: boolean,
  ): Promise<(Snapshot | DamagedSnapshot)[]> {
    const filter = [odata`PartitionKey eq ${String(year)}`];
    if (range.from) filter.push(odata`RowKey ge ${range.from}`);
    if (range.to) filter.push(odata`RowKey le ${range.to}`);
    const out: (Snapshot | DamagedSnapshot)[] = [];
    const entities = (await this.table()).listEntities<Record<string, unknown>>({
      queryOptions: { filter: filter.join(" and "), ...(withUnits ? {} : { select: TOTALS }) },
    });
    for await (const e of entities) {
      try {
        out.push(fromEntity(e, year, withUnits));
      } catch (err) {
        if (!(err instanceof DamagedStoreError)) throw err;
        out.push({ date: String(e.rowKey), damaged: err.detail });
      }
    }
    return out;
  }
}
