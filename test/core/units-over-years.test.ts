import { strict as assert } from "node:assert";
import type { SheetGrid } from "../../core/layout/grid";
import { readWorkbook } from "../../core/layout/read-workbook";
import { DEFAULT_UNITS, type Unit } from "../../core/reference/units";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";

const register = (year: number): SheetGrid => ({
  name: "Sổ theo dõi hồ sơ",
  merges: [],
  rows: [
    [`SỔ THEO DÕI HỒ SƠ NĂM ${year}`],
    [
      "Mã hồ sơ",
      "Lĩnh vực",
      "Cơ quan chủ trì giải quyết",
      "Ngày nhận",
      "Hẹn trả kết quả",
      "Ngày trả kết quả",
    ],
    ["H1", "Người có công", "Phòng Người có công", "20/12/2025", "30/12/2025", "05/01/2026"],
    ["H2", "Người có công", "Phòng NCC", "05/01/2026", "09/01/2026", null],
    ["H3", "Người có công", "NCC", "06/01/2026", "09/01/2026", null],
    ["H4", "Việc làm", "Văn phòng Sở", "06/01/2026", "09/01/2026", null],
  ],
});
const byUnit = (year: number, units?: readonly Unit[]) => {
  const read = readWorkbook([register(year)], units ? { units } : {});
  const r = statsFromWorkbook(read, { asOf: "2026-01-07", from: "2025-12-15", to: "2026-01-07" });
  return {
    rows: r.dossiers.byUnit.map((u) => `${u.name}: ${u.received.total}`),
    notes: read.mapping[0]!.notes.map((n) => n.vi),
  };
};

/**
 * DOMAIN.md "Units": units are dated reference data per plan year (the division "Phòng Người có
 * công" ends with 2025). A 2026 register that still names it — a dossier carried over from
 * December, old habits — split one unit into one row per spelling, one of them named by its bare
 * code "NCC" (t8-findings 5); in 2025 the same rows made one unit.
 */
describe("a unit that left the reference list, named in the next year's register", () => {
  it("is one row of the 2026 statistics under its own name, however it is written, and the notes say it is not in the 2026 list", () => {
    const { rows, notes } = byUnit(2026);
    assert.deepEqual(rows, ["Phòng Người có công: 3", "Văn phòng Sở: 1"]);
    assert.ok(
      notes.some((n) => /không còn .*danh mục năm 2026.*Phòng Người có công \(năm 2020–2025\)/.test(n)),
      notes.join("\n"),
    );
    assert.ok(!notes.some((n) => n.includes("giữ nguyên như đã ghi")), "not reported as unknown");
  });

  it("is its code in the years it exists", () => {
    assert.deepEqual(byUnit(2025).rows, ["Phòng Người có công: 3", "Văn phòng Sở: 1"]);
  });

  it("goes to the merged unit when the year's list names the old unit among the new one's aliases", () => {
    const merged: Unit = {
      code: "NCCBTXH",
      name: "Phòng Người có công và Bảo trợ xã hội",
      kind: "division",
      aliases: ["Phòng Người có công", "Phòng NCC", "NCC"],
      fromYear: 2026,
    };
    const { rows, notes } = byUnit(2026, [...DEFAULT_UNITS, merged]);
    assert.deepEqual(rows, ["Phòng Người có công và Bảo trợ xã hội: 3", "Văn phòng Sở: 1"]);
    assert.ok(!notes.some((n) => n.includes("không còn")), notes.join("\n"));
  });
});
