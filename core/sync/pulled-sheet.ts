import type { SheetMapping } from "../model/records";
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
 * (one per unit, one per quarter): to a sheet that already holds records of their unit, then — for
 * a dossier — one whose received dates span its own, then the one holding most of its unit. Ties,
 * and a workbook with no such sheet, keep the first sheet of the kind (the choice before several
 * sheets were told apart). The chooser answers undefined when the workbook has no sheet of the kind.
 * The workbook's records are profiled once, as they were read.
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
  const score = (m: SheetMapping): number[] => {
    const p = profiles.get(m.sheet);
    const same = p?.units.get(record.unit) ?? 0;
    const within =
      typeof received === "string" && p?.from !== undefined && p.from <= received && received <= p.to!;
    return [same > 0 ? 1 : 0, within ? 1 : 0, same];
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

/** Lexicographic comparison of two scores of the same length. */
function greater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}
