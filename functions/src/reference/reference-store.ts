import type { TableClient } from "@azure/data-tables";
import { CALENDAR_YEARS, type CalendarYear } from "../../../core/calendar";
import { DEFAULT_FIELDS, type Field } from "../../../core/reference";
import { unitsForYear, type Unit } from "../../../core/reference";
import { parseJsonText } from "../../../core/schemas";
import { Problem } from "../http/problem";
import { TABLES, type Tables } from "../storage/tables";
import { validateReference } from "./validate-reference";
import { DEFAULT_WARNING_SETTINGS, type WarningSettings } from "../../../core/stats";

export type ReferenceKind = "fields" | "units" | "calendar" | "settings";
export const REFERENCE_KINDS: ReferenceKind[] = ["fields", "units", "calendar", "settings"];

export interface ReferenceValue {
  fields: Field[];
  units: Unit[];
  calendar: CalendarYear;
  /** The year's settings: deadline-warning windows. */
  settings: WarningSettings;
}

/** The shipped default of each kind for a plan year (core's reference data). */
export function defaultReference<K extends ReferenceKind>(
  year: number,
  kind: K,
): ReferenceValue[K] | undefined {
  const defaults: { [P in ReferenceKind]: () => ReferenceValue[P] | undefined } = {
    fields: () => DEFAULT_FIELDS,
    units: () => unitsForYear(year),
    calendar: () => CALENDAR_YEARS.find((c) => c.year === year),
    settings: () => DEFAULT_WARNING_SETTINGS,
  };
  return defaults[kind]() as ReferenceValue[K] | undefined;
}

/**
 * Table Storage limits: a string property holds at most 64 KiB (32K UTF-16 code units) and an
 * entity at most 1 MiB. A list's JSON is split over properties `v0`, `v1`, … of 30,000 code units
 * (60 KB each); 15 of them (≈ 900 KB) is the most one entity takes with room for the rest.
 */
const PART_CHARS = 30_000;
const MAX_PARTS = 15;
export const MAX_REFERENCE_CHARS = PART_CHARS * MAX_PARTS;

type ReferenceEntity = { value?: string; parts?: number } & Record<string, unknown>;

/** The JSON of a stored list: split over v0…v(n-1), or one `value` property as stored before the split. */
function joinParts(e: ReferenceEntity): string {
  if (typeof e.parts !== "number") return String(e.value);
  let json = "";
  for (let i = 0; i < e.parts; i++) json += String(e[`v${i}`]);
  return json;
}

/** A stored list that no longer reads as its kind: what is wrong and how an admin puts it right. */
function damagedList(kind: ReferenceKind, year: number, where: string): Problem {
  return new Problem(500, "Internal Server Error", {
    vi: `Danh mục ${kind} năm ${year} lưu trên máy chủ bị hỏng (tại ${where}); quản trị viên hãy gửi lại danh mục (PUT /api/reference/${kind}?year=${year}).`,
    en: `The stored ${kind} list of ${year} is damaged (at ${where}); an admin should store it again (PUT /api/reference/${kind}?year=${year}).`,
  });
}

/** The JSON a list is stored as; callers refuse it (413) when longer than MAX_REFERENCE_CHARS. */
export const referenceJson = (value: unknown): string => JSON.stringify(value);

/**
 * Reference data per plan year (fields, units, calendar): core's defaults until an admin stores
 * the year's own list. Stored as JSON in table `reference`, partition = year, row = kind.
 */
export class ReferenceStore {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.ready(TABLES.reference);
  }

  /** The stored value and its ETag, or undefined when the year uses the defaults. */
  async stored<K extends ReferenceKind>(
    year: number,
    kind: K,
  ): Promise<{ value: ReferenceValue[K]; etag: string } | undefined> {
    let e: ReferenceEntity & { etag: string };
    try {
      e = await (await this.table()).getEntity<ReferenceEntity>(String(year), kind);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
    // Checked as a PUT is: a damaged list is named, never used as if it were one.
    const json = parseJsonText(joinParts(e));
    const checked = json.ok ? validateReference(kind, year, json.value) : undefined;
    if (!checked?.ok) throw damagedList(kind, year, checked ? `"${checked.pointer || "/"}"` : "JSON");
    return { value: checked.value, etag: e.etag };
  }

  async get<K extends ReferenceKind>(year: number, kind: K): Promise<ReferenceValue[K] | undefined> {
    return (await this.stored(year, kind))?.value ?? defaultReference(year, kind);
  }

  async put<K extends ReferenceKind>(
    year: number,
    kind: K,
    value: ReferenceValue[K],
    who: string,
  ): Promise<void> {
    const json = referenceJson(value);
    if (json.length > MAX_REFERENCE_CHARS) throw new RangeError("reference list too large");
    const entity: Record<string, unknown> = {
      partitionKey: String(year),
      rowKey: kind,
      parts: 0,
      updatedBy: who,
      updatedAt: new Date().toISOString(),
    };
    for (let i = 0; i * PART_CHARS < json.length; i++) {
      entity[`v${i}`] = json.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
      entity.parts = i + 1;
    }
    await (await this.table()).upsertEntity(entity as { partitionKey: string; rowKey: string }, "Replace");
  }
}
