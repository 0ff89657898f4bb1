import type { TableClient } from "@azure/data-tables";
import { CALENDAR_YEARS, type CalendarYear } from "../../../core/calendar/calendar-data";
import { DEFAULT_FIELDS, type Field } from "../../../core/reference/fields";
import { unitsForYear, type Unit } from "../../../core/reference/units";
import { TABLES, type Tables } from "../storage/tables";
import { DEFAULT_WARNING_SETTINGS, type WarningSettings } from "../../../core/stats/warnings";

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
    try {
      const e = await (await this.table()).getEntity<{ value: string }>(String(year), kind);
      return { value: JSON.parse(e.value) as ReferenceValue[K], etag: e.etag };
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return undefined;
      throw e;
    }
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
    await (
      await this.table()
    ).upsertEntity(
      {
        partitionKey: String(year),
        rowKey: kind,
        value: JSON.stringify(value),
        updatedBy: who,
        updatedAt: new Date().toISOString(),
      },
      "Replace",
    );
  }
}
