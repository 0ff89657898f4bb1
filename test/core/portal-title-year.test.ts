import { strict as assert } from "node:assert";
import { readWorkbook, type SheetGrid } from "../../core/layout";
import type { CellValue } from "../../core/parse/cell";

const register = (title: string): SheetGrid => ({
  name: "Danh sách hồ sơ",
  merges: [],
  rows: [
    ["BÁO CÁO CHI TIẾT HỒ SƠ"],
    [title],
    ["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"],
    ["000.00.21.H36-260105-0001", "05/01/2026", "12/01/2026", "09/01/2026", "Đã trả kết quả"],
  ] as CellValue[][],
});

describe("the plan year of a report exported from the one-stop portal (T12)", () => {
  it("is the year of 'Từ ngày 01/01/2026 đến ngày 31/03/2026' (the portal's title names no NĂM)", () => {
    const r = readWorkbook([register("Từ ngày 01/01/2026 đến ngày 31/03/2026")]);
    assert.equal(r.year, 2026);
    assert.match(r.mapping[0]!.notes[0]!.vi, /Năm kế hoạch: 2026, đọc từ "Từ ngày 01\/01\/2026/);
  });

  it("is not guessed from a period across two years (an official quarter, 15/12/2025 – 14/03/2026)", () => {
    assert.equal(readWorkbook([register("Từ ngày 15/12/2025 đến ngày 14/03/2026")]).year, undefined);
  });
});
