import { endOfMonth, endOfQuarter, isoDate } from "../dates/local-date";
import type { SheetMapping } from "../model/records";
import { fold, romanValue } from "../text/normalize";
import type { RecordKind } from "./protocol";
import type { RecordData } from "./record-data";

/** What the choice needs of a record already in the workbook. */
export interface PlacedRecord {
  kind: RecordKind;
  unit: string;
  sheet: string;
  data: RecordData;
}

/** What the choice needs of the record to place. */
export interface RecordToPlace {
  kind: RecordKind;
  unit: string;
  data: RecordData;
}

interface SheetProfile {
  /** Records of each unit on the sheet. */
  units: Map<string, number>;
  /** The earliest and latest received date of its dossiers (ISO, so they compare as text). */
  from?: string;
  to?: string;
}

/**
 * Where records pulled from other members go, when the workbook has several sheets of their kind
 * (one per unit, one per quarter). Sheets split by unit (each holds one unit, no unit on two) send a
 * record to the sheet of its unit, then — for a dossier — one whose received dates span its own.
 * Otherwise, or when a sheet's name is a period (sheets per quarter hold every unit; a sheet named
 * "Quý II" or "Tháng 5" may hold no dossier yet), a dossier goes by its received date first: the
 * sheet whose dates (or whose name's
 * period) span it, then one holding its unit, then the nearest dates. Last, the sheet holding most
 * of its unit. Ties, and a workbook with no such sheet, keep the first sheet of the kind (the choice
 * before several sheets were told apart). The chooser answers undefined when the workbook has no
 * sheet of the kind. The workbook's records are profiled once, as they were read.
 */
export function pulledSheetChooser(
  mappings: readonly SheetMapping[],
  placed: Iterable<PlacedRecord>,
): (record: RecordToPlace) => SheetMapping | undefined {
  const records = [...placed];
  const profiles = new Map<RecordKind, Map<string, SheetProfile>>();
  return (record) => {
    const kind = record.kind === "task" ? "tasks" : "dossiers";
    const sheets = mappings.filter((m) => m.kind === kind);
    if (sheets.length <= 1) return sheets[0];
    let bySheet = profiles.get(record.kind);
    if (!bySheet) profiles.set(record.kind, (bySheet = profilesOf(record.kind, records)));
    return bestSheet(record, sheets, bySheet);
  };
}

function bestSheet(
  record: RecordToPlace,
  sheets: SheetMapping[],
  profiles: Map<string, SheetProfile>,
): SheetMapping {
  const received = record.kind === "dossier" ? record.data.receivedOn : undefined;
  // A sheet named for a period says the sheets are split by date, even while it holds no record.
  const byUnit = splitByUnit(profiles) && !sheets.some((m) => namedPeriod(m.sheet, "2000"));
  const score = (m: SheetMapping): number[] => {
    const p = profiles.get(m.sheet);
    const same = p?.units.get(record.unit) ?? 0;
    if (typeof received !== "string") return [same > 0 ? 1 : 0, same];
    const named = namedPeriod(m.sheet, received.slice(0, 4));
    const spans = (from?: string, to?: string) => from !== undefined && from <= received && received <= to!;
    const within = spans(p?.from, p?.to) || spans(named?.from, named?.to) ? 1 : 0;
    if (byUnit) return [same > 0 ? 1 : 0, within, same];
    return [within, same > 0 ? 1 : 0, -distance(received, p), same];
  };
  let best = sheets[0]!;
  let bestScore = score(best);
  for (const m of sheets.slice(1)) {
    const s = score(m);
    if (greater(s, bestScore)) [best, bestScore] = [m, s];
  }
  return best;
}

function profilesOf(kind: RecordKind, placed: readonly PlacedRecord[]): Map<string, SheetProfile> {
  const profiles = new Map<string, SheetProfile>();
  for (const r of placed) {
    if (r.kind !== kind) continue;
    let p = profiles.get(r.sheet);
    if (!p) profiles.set(r.sheet, (p = { units: new Map() }));
    p.units.set(r.unit, (p.units.get(r.unit) ?? 0) + 1);
    const received = r.kind === "dossier" ? r.data.receivedOn : undefined;
    if (typeof received !== "string") continue;
    if (p.from === undefined || received < p.from) p.from = received;
    if (p.to === undefined || received > p.to) p.to = received;
  }
  return profiles;
}

/** Whether the sheets are one per unit: each holding records of one unit, no unit on two sheets. */
function splitByUnit(profiles: Map<string, SheetProfile>): boolean {
  const seen = new Set<string>();
  for (const p of profiles.values()) {
    if (p.units.size !== 1) return false;
    const [unit] = p.units.keys();
    if (seen.has(unit!)) return false;
    seen.add(unit!);
  }
  return true;
}

/** Days from a date to a sheet's received dates (0 within them; a sheet without dates is farthest). */
function distance(date: string, p: SheetProfile | undefined): number {
  if (p?.from === undefined) return Number.MAX_SAFE_INTEGER;
  const day = (iso: string) => Date.parse(iso) / 86_400_000;
  return Math.max(0, day(p.from) - day(date), day(date) - day(p.to!));
}

/** The period a sheet's name gives ("Quý II", "Quý 2/2021", "Tháng 5"), in the year given. */
function namedPeriod(name: string, year: string): { from: string; to: string } | undefined {
  const s = fold(name);
  const y = Number(year);
  // Whole words only: "Q1" or "T5" as often name a district office (Quận 1) or a team (Tổ 5).
  const quarter = /(?:^|[^a-z])quy\s*([ivx]+|[1-4])(?![a-z0-9])/.exec(s);
  const q = quarter ? (/^\d$/.test(quarter[1]!) ? Number(quarter[1]) : romanValue(quarter[1]!)) : undefined;
  if (q !== undefined && q >= 1 && q <= 4) return { from: isoDate(y, q * 3 - 2, 1), to: endOfQuarter(y, q) };
  const month = /(?:^|[^a-z])thang\s*(\d{1,2})(?![0-9])/.exec(s);
  const mo = month ? Number(month[1]) : 0;
  return mo >= 1 && mo <= 12 ? { from: isoDate(y, mo, 1), to: endOfMonth(y, mo) } : undefined;
}

/** Lexicographic comparison of two scores of the same length. */
function greater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}
