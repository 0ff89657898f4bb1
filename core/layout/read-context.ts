import type { Calendar } from "../calendar/working-days";
import { DEFAULT_FIELDS, type Field } from "../reference/fields";
import { matchUnit } from "../reference/match";
import { DEFAULT_UNITS, unitsForYear, type Unit } from "../reference/units";

/**
 * What reading a workbook needs to know beside its cells: the plan year, the plan's fields (a
 * copy: sections that match no field are added to it), the year's units and the calendar.
 */
export class ReadContext {
  readonly fields: Field[];
  readonly units: Unit[];
  /** Unit texts that matched no unit of the reference list, kept as written. */
  readonly unknownUnits = new Set<string>();

  constructor(
    readonly planYear: number | undefined,
    readonly calendar: Calendar,
    fields: readonly Field[] = DEFAULT_FIELDS,
    units: readonly Unit[] = DEFAULT_UNITS,
  ) {
    this.fields = fields.map((f) => ({ ...f, aliases: [...f.aliases] }));
    this.units = planYear === undefined ? [...units] : unitsForYear(planYear, units);
  }

  /** A unit's code when the text names a known unit, else the text as written. */
  unitKey(text: string): string {
    // A register names a few units on thousands of rows: each text is matched once.
    let unit = this.unitMatches.get(text);
    if (unit === undefined) this.unitMatches.set(text, (unit = matchUnit(text, this.units) ?? null));
    if (unit) return unit.code;
    this.unknownUnits.add(text);
    return text;
  }

  private readonly unitMatches = new Map<string, Unit | null>();

  unitName(key: string): string {
    return this.units.find((u) => u.code === key)?.name ?? key;
  }
}
