import type { Calendar } from "../calendar/working-days";
import { DEFAULT_FIELDS, type Field } from "../reference/fields";
import { matchUnit } from "../reference/match";
import { DEFAULT_UNITS, unitsForYear, type Unit } from "../reference/units";

const LABELLED_UNITS =
  /^\s*(?:đơn vị\s+|cơ quan\s+)?chủ\s*trì\s*:\s*(.*?)\s*(?:(?:[;,.]|\r?\n)\s*(?:đơn vị\s+|cơ quan\s+)?phối\s*hợp\s*:\s*(.*))?$/isu;

/** A list mark before a line: "- ", "+ ", "• ", "1. ", "a) ". */
const LIST_MARK = /^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-đ]\))\s*/u;
/** A line that begins as a unit's name does, or with a list mark. */
const UNIT_LINE = new RegExp(
  String.raw`^\s*(?:[-+•*–]|\d{1,2}[.)]|[a-đ]\))\s*\S|^(?:các\s+)?(?:phòng|văn phòng|sở|ubnd|ủy ban|uỷ ban|ban|chi cục|cục|vụ|thanh tra|trung tâm|cơ sở|cơ quan|đơn vị|hội|trường|bệnh viện|viện|công an|kho bạc|bảo hiểm|bộ|tổng cục|quỹ|tổ|nhóm|bộ phận)(?:\s|$)`,
  "iu",
);

/**
 * What reading a workbook needs to know beside its cells: the plan year, the plan's fields (a
 * copy: sections that match no field are added to it), the year's units and the calendar.
 */
export class ReadContext {
  readonly fields: Field[];
  readonly units: Unit[];
  /** Unit texts that matched no unit of the reference list, kept as written. */
  readonly unknownUnits = new Set<string>();
  /**
   * Units of another plan year that the workbook names (a division merged away in 2025 named in a
   * 2026 register): counted under that unit's own name, however it is written.
   */
  readonly otherYearUnits = new Map<string, Unit>();
  private readonly allUnits: readonly Unit[];

  constructor(
    readonly planYear: number | undefined,
    readonly calendar: Calendar,
    fields: readonly Field[] = DEFAULT_FIELDS,
    units: readonly Unit[] = DEFAULT_UNITS,
  ) {
    this.fields = fields.map((f) => ({ ...f, aliases: [...f.aliases] }));
    this.units = planYear === undefined ? [...units] : unitsForYear(planYear, units);
    this.allUnits = units;
  }

  /**
   * A unit's code when the text names a unit of the plan year; the unit's name when it names a unit
   * of another year (its code may mean another unit this year, its spellings must not split it
   * into several rows); else the text as written.
   */
  unitKey(text: string): string {
    // A register names a few units on thousands of rows: each text is matched once.
    let key = this.unitKeys.get(text);
    if (key === undefined) this.unitKeys.set(text, (key = this.matchUnitKey(text)));
    return key;
  }

  private readonly unitKeys = new Map<string, string>();

  private matchUnitKey(text: string): string {
    const unit = matchUnit(text, this.units);
    if (unit) return unit.code;
    const other = matchUnit(text, this.allUnits);
    if (other) {
      this.otherYearUnits.set(other.name, other);
      return other.name;
    }
    // A long name wrapped with Alt+Enter is one line of text: a unit key holds no control character
    // (such a row could never be pushed), so its line breaks read as spaces.
    const kept = /[\r\n\t]/.test(text) ? text.replace(/\s*[\r\n\t]+\s*/g, " ").trim() : text;
    this.unknownUnits.add(kept);
    return kept;
  }

  /**
   * The units a lead-unit cell lists ("Sở Nội vụ; Sở Tư pháp", one a line), or undefined when it
   * names one. A semicolon or a line break always separates; a comma only units of the list (a
   * unit's own name may hold one).
   */
  listedUnits(text: string): string[] | undefined {
    if (matchUnit(text, this.allUnits)) return undefined;
    // "Chủ trì: Văn phòng Sở; phối hợp: các phòng" in the one column.
    const labelled = LABELLED_UNITS.exec(text);
    if (labelled) {
      const lead = this.listedUnits(labelled[1]!) ?? [labelled[1]!.trim()];
      return [...lead, ...(labelled[2]?.trim() ? [labelled[2].trim()] : [])].filter((u) => u !== "");
    }
    const split = (re: RegExp) =>
      text
        .split(re)
        .map((p) => p.trim().replace(/[.,;]+$/, ""))
        .filter((p) => p !== "");
    const listed = split(/\s*;\s*/).flatMap((part) => this.unitLines(part));
    if (listed.length > 1) return listed;
    const byComma = split(/\s*,\s*/);
    if (byComma.length > 1 && byComma.every((p) => matchUnit(p, this.allUnits))) return byComma;
    return undefined;
  }

  /**
   * The units of a part written one a line, or the part whole: a long name wrapped with Alt+Enter
   * ("Trung tâm Phục vụ\nhành chính công") is one unit, so a line break separates only lines that
   * each name a unit ("Phòng …", "Sở …", one of the list) or begin with a list mark ("- …").
   */
  private unitLines(part: string): string[] {
    const lines = part
      .split(/\s*\r?\n\s*/)
      .map((p) => p.trim().replace(/[.,;]+$/, ""))
      .filter((p) => p !== "");
    const named = (line: string) => UNIT_LINE.test(line) || matchUnit(line, this.allUnits) !== undefined;
    return lines.length > 1 && lines.every(named) ? lines.map((l) => l.replace(LIST_MARK, "")) : [part];
  }

  unitName(key: string): string {
    return this.units.find((u) => u.code === key)?.name ?? key;
  }
}
