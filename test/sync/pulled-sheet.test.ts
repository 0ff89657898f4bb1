import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { pulledSheetChooser, type PlacedRecord } from "../../core/sync/pulled-sheet";
import type { SheetMapping } from "../../core/model/records";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { REGISTER_HEADER } from "../helpers/register";

const HEADER: CellValue[] = [...REGISTER_HEADER];
const day = (m: number, d: number) => new Date(Date.UTC(2021, m - 1, d));
const dossier = (n: number, code: string, unit: string, received: Date, due: Date): CellValue[] => [
  n,
  code,
  "Cấp giấy phép",
  "Việc làm",
  unit,
  received,
  due,
];
const sheet = (name: string, ...rows: CellValue[][]) => ({
  name,
  rows: [[`SỔ THEO DÕI HỒ SƠ - NĂM 2021`], HEADER, ...rows],
});
const codes = (port: MemoryPort, name: string) =>
  port
    .rows(name)
    .slice(2)
    .map((r) => r[1]);

/**
 * A department keeps one register sheet per unit (or per quarter). A dossier another member
 * entered used to land on the first register sheet, whatever its unit: the unit's own sheet then
 * missed it, and its count by sheet was wrong.
 */
describe("a pulled record goes to the sheet of its kind that holds its unit", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("one sheet per unit: a colleague's new dossier of the second unit lands on that unit's sheet", async () => {
    const department = new MemoryPort([
      sheet("Văn phòng", dossier(1, "VP-1", "VP", day(3, 1), day(3, 8))),
      sheet("Việc làm", dossier(1, "LDVL-1", "LDVL", day(3, 2), day(3, 9))),
    ]);
    await sync(department);
    const colleague = new MemoryPort([
      sheet(
        "Sổ",
        dossier(1, "LDVL-2", "LDVL", day(3, 3), day(3, 10)),
        dossier(2, "VP-2", "VP", day(3, 4), day(3, 11)),
      ),
    ]);
    await sync(colleague);
    const report = await sync(department);
    assert.equal(report.inserted, 2);
    assert.deepEqual(codes(department, "Văn phòng"), ["VP-1", "VP-2"]);
    assert.deepEqual(codes(department, "Việc làm"), ["LDVL-1", "LDVL-2"]);
  });
});

describe("a pulled dossier goes to the quarter sheet whose received dates span its own", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("one sheet per quarter: a dossier goes to the sheet whose received dates span its own", async () => {
    const department = new MemoryPort([
      sheet(
        "Quý I",
        dossier(1, "Q1-1", "VP", day(1, 5), day(1, 12)),
        dossier(2, "Q1-2", "VP", day(3, 20), day(3, 27)),
      ),
      sheet(
        "Quý II",
        dossier(1, "Q2-1", "VP", day(4, 2), day(4, 9)),
        dossier(2, "Q2-2", "VP", day(6, 20), day(6, 27)),
      ),
    ]);
    await sync(department);
    const colleague = new MemoryPort([sheet("Sổ", dossier(1, "Q2-3", "VP", day(5, 10), day(5, 17)))]);
    await sync(colleague);
    await sync(department);
    assert.deepEqual(codes(department, "Quý I"), ["Q1-1", "Q1-2"]);
    assert.deepEqual(codes(department, "Quý II"), ["Q2-1", "Q2-2", "Q2-3"]);
  });
});

describe("pulledSheetChooser", () => {
  const mappings = (n: number): SheetMapping[] =>
    Array.from({ length: n }, (_, i) => ({ sheet: `S${i}`, kind: "dossiers", notes: [] }));

  it("picks a sheet holding the record's unit whenever one exists; else the first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ sheet: fc.nat(3), unit: fc.constantFrom("A", "B", "C") }), { maxLength: 30 }),
        fc.constantFrom("A", "B", "C"),
        (n, rows, unit) => {
          const placed: PlacedRecord[] = rows
            .filter((r) => r.sheet < n)
            .map((r) => ({ kind: "dossier", unit: r.unit, sheet: `S${r.sheet}`, data: {} }));
          const chosen = pulledSheetChooser(mappings(n), placed)({ kind: "dossier", unit, data: {} })!;
          const holding = new Set(placed.filter((p) => p.unit === unit).map((p) => p.sheet));
          if (holding.size === 0) assert.equal(chosen.sheet, "S0");
          else assert.ok(holding.has(chosen.sheet), `${chosen.sheet} does not hold unit ${unit}`);
        },
      ),
    );
  });

  it("has nothing to choose for a kind the workbook has no sheet of", () => {
    assert.equal(pulledSheetChooser(mappings(2), [])({ kind: "task", unit: "A", data: {} }), undefined);
  });
});

/**
 * Quarter sheets hold every unit: a unit whose first dossier of the new quarter arrived from a
 * colleague had it placed on the old quarter's sheet (the only one "holding its unit"), and a quarter
 * sheet with no dossier yet never received any (T10).
 */
describe("quarter sheets: the received date outweighs the unit", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("a quarter sheet with no dossier yet, named for its quarter, takes a pulled dossier of that quarter", async () => {
    const department = new MemoryPort([
      sheet(
        "Quý I",
        dossier(1, "E1-1", "VP", day(1, 5), day(1, 12)),
        dossier(2, "E1-2", "VP", day(3, 2), day(3, 9)),
      ),
      sheet("Quý II"),
    ]);
    await sync(department);
    const colleague = new MemoryPort([sheet("Sổ", dossier(1, "E2-1", "VP", day(5, 10), day(5, 17)))]);
    await sync(colleague);
    await sync(department);
    assert.deepEqual(codes(department, "Quý I"), ["E1-1", "E1-2"]);
    assert.deepEqual(codes(department, "Quý II"), ["E2-1"]);
  });
});

describe("pulledSheetChooser over quarter sheets", () => {
  const mappings = (...names: string[]): SheetMapping[] =>
    names.map((sheet) => ({ sheet, kind: "dossiers", notes: [] }));
  const placed = (sheet: string, unit: string, receivedOn: string): PlacedRecord => ({
    kind: "dossier",
    unit,
    sheet,
    data: { receivedOn },
  });
  const pull = (unit: string, receivedOn: string) => ({
    kind: "dossier" as const,
    unit,
    data: { receivedOn },
  });

  it("a unit's first dossier of the new quarter goes to that quarter's sheet, not the old one holding its unit", () => {
    const choose = pulledSheetChooser(mappings("Sheet1", "Sheet2"), [
      placed("Sheet1", "VP", "2021-01-05"),
      placed("Sheet1", "LDVL", "2021-03-20"),
      placed("Sheet2", "VP", "2021-04-02"),
      placed("Sheet2", "VP", "2021-06-20"),
    ]);
    assert.equal(choose(pull("LDVL", "2021-05-10"))!.sheet, "Sheet2");
    assert.equal(choose(pull("LDVL", "2021-02-10"))!.sheet, "Sheet1");
  });

  it("between two quarters' dates, the nearer sheet", () => {
    const choose = pulledSheetChooser(mappings("A", "B"), [
      placed("A", "VP", "2021-01-05"),
      placed("A", "LDVL", "2021-03-20"),
      placed("B", "VP", "2021-04-10"),
      placed("B", "LDVL", "2021-06-20"),
      placed("B", "LDVL", "2021-06-21"),
    ]);
    assert.equal(choose(pull("LDVL", "2021-03-25"))!.sheet, "A");
    assert.equal(choose(pull("LDVL", "2021-04-06"))!.sheet, "B");
  });

  it("one sheet per unit: a unit's newest dossier stays on its own sheet, whatever the others' dates", () => {
    const choose = pulledSheetChooser(mappings("VP", "LDVL"), [
      placed("VP", "VP", "2021-01-05"),
      placed("VP", "VP", "2021-02-05"),
      placed("LDVL", "LDVL", "2021-01-10"),
      placed("LDVL", "LDVL", "2021-06-10"),
    ]);
    assert.equal(choose(pull("VP", "2021-05-10"))!.sheet, "VP");
  });
});

describe("pulledSheetChooser and sheets named for district offices", () => {
  it("one sheet per district office ('Q1', 'Q.3'): a dossier goes to its unit's sheet, whatever its date", () => {
    const mappings: SheetMapping[] = ["Q1", "Q.3"].map((sheet) => ({ sheet, kind: "dossiers", notes: [] }));
    const choose = pulledSheetChooser(mappings, [
      { kind: "dossier", unit: "Quận 1", sheet: "Q1", data: { receivedOn: "2021-04-05" } },
      { kind: "dossier", unit: "Quận 3", sheet: "Q.3", data: { receivedOn: "2021-01-05" } },
      { kind: "dossier", unit: "Quận 3", sheet: "Q.3", data: { receivedOn: "2021-01-20" } },
    ]);
    assert.equal(
      choose({ kind: "dossier", unit: "Quận 3", data: { receivedOn: "2021-02-10" } })!.sheet,
      "Q.3",
    );
  });
});
