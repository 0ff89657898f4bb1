import { strict as assert } from "node:assert";
import fc from "fast-check";
import { readWorkbook } from "../../core/layout";
import type { CellValue } from "../../core/parse";
import { FULL_REGISTER_HEADER } from "../helpers/register";

const HEADER = [...FULL_REGISTER_HEADER];
const d = (day: number) => new Date(Date.UTC(2021, 0, day));
const dossier = (i: number, note: string): CellValue[] => [
  i + 1,
  `000.25.40.H40-${i}`,
  "Cấp giấy phép",
  "Việc làm",
  "Phòng Lao động - Việc làm",
  "Trực tiếp",
  d(4),
  d(14),
  d(12),
  "Đã giải quyết",
  note,
];
const read = (rows: CellValue[][]) => readWorkbook([{ name: "Sổ hồ sơ 2021", rows, merges: [] }], {});

describe("a register's first dossier is data, not a second header row", () => {
  it("a first row whose note starts “Hồ sơ …” is still read: no dossier lost, notes not taken for applicants' names", () => {
    const r = read([HEADER, dossier(0, "Hồ sơ 0: bổ sung ngày 05/01"), dossier(1, "")]);
    assert.deepEqual(
      r.dossiers.map((x) => x.code),
      ["000.25.40.H40-0", "000.25.40.H40-1"],
    );
    const columns = r.mapping.find((m) => m.kind === "dossiers")!.columns!;
    assert.equal(columns.find((c) => c.column === "K")!.field, "notes");
    assert.equal(columns.find((c) => c.column === "A")!.field, "stt");
  });

  it("whatever the first row's texts name, a row holding numbers or dates is never a header: every dossier is read (property)", () => {
    const words = fc.constantFrom(
      "Hồ sơ",
      "chủ hồ sơ",
      "Họ tên",
      "Địa chỉ",
      "Số điện thoại",
      "Ký nhận",
      "Ngày",
      "Ghi chú",
      "Số lượng",
    );
    fc.assert(
      fc.property(
        fc.array(words, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(2, 3, 10),
        fc.boolean(),
        (ws, col, serials) => {
          const first = dossier(0, "");
          first[col] = ws.join(" ");
          const rows = [HEADER, first, dossier(1, "")];
          // Excel gives dates as serial numbers, a file as dates: both are data.
          if (serials)
            for (const r of rows.slice(1))
              for (const c of [6, 7, 8]) r[c] = 44196 + (r[c] as Date).getUTCDate();
          const r = read(rows);
          assert.deepEqual(
            r.dossiers.map((x) => x.code),
            ["000.25.40.H40-0", "000.25.40.H40-1"],
            `first row's text: ${first[col] as string}`,
          );
        },
      ),
    );
  });
});

describe("a header “Ghi chú hồ sơ” (notes on the dossier)", () => {
  // Found by T3: matchLabel takes the longest phrase found in the label, and "ghi chu ho so" holds
  // "chu ho so" (chủ hồ sơ, the applicant), longer than "ghi chu": the notes column was read as the
  // applicant's name, personal data that is never sent. The notes now name that header whole.
  it("is read as the notes, not as the applicant's name", () => {
    const header = [...HEADER.slice(0, 10), "Ghi chú hồ sơ"];
    const r = read([header, dossier(0, "x")]);
    const columns = r.mapping.find((m) => m.kind === "dossiers")!.columns!;
    assert.equal(columns.find((c) => c.column === "K")!.field, "notes");
  });
});

describe("a register's two-row header copied without its merges (values only)", () => {
  it("keeps the sub-header row that holds the id column's header, so the rows keep their ids", () => {
    const top = [...HEADER.slice(0, 8), "Trả kết quả", "", "Trạng thái", "Ghi chú", ""];
    const sub = ["", "", "", "", "", "", "", "", "Ngày, tháng, năm", "Ký nhận", "", "", "cchc_id"];
    const row = (i: number): CellValue[] => {
      const r = dossier(i, "");
      return [...r.slice(0, 8), r[8]!, null, r[9]!, r[10]!, `hs:000.25.40.H40-${i}`];
    };
    const r = read([["SỔ THEO DÕI HỒ SƠ"], top, sub, row(0), row(1)]);
    const columns = r.mapping.find((m) => m.kind === "dossiers")!.columns!;
    assert.equal(columns.find((c) => c.column === "M")?.field, "recordId");
    assert.deepEqual(
      r.dossiers.map((x) => x.syncId),
      ["hs:000.25.40.H40-0", "hs:000.25.40.H40-1"],
    );
  });
});
