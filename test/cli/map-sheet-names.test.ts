import { strict as assert } from "node:assert";
import { copyFileSync } from "node:fs";
import path from "node:path";
import type { StatsReport } from "../../core/stats/report";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** A register whose sheet name is stored NFD, made by openpyxl (make-portal-workbooks.py). */
const FIXTURE = path.resolve(__dirname, "../fixtures/foreign/nfd-sheet-name.xlsx");

describe("corrections naming a sheet (T12)", function () {
  this.timeout(60_000);
  const tmp = tempDir("t12-map");
  after(() => tmp.remove());
  const copy = (name: string) => {
    const file = tmp.file(name);
    copyFileSync(FIXTURE, file);
    return file;
  };
  const stats = async (file: string, ...extra: string[]) => {
    const r = await cli(["stats", file, "--as-of", "2026-03-31", "--json", ...extra]);
    assert.equal(r.code, 0, r.err);
    return { report: JSON.parse(r.out) as StatsReport, err: r.err };
  };

  it("reads 'Ngày dự kiến trả' as the appointment date", async () => {
    const { report } = await stats(copy("a.xlsx"));
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.dossiers.processing, { total: 1, withinDeadline: 0, overdue: 1 });
  });

  it("says that a row whose 'Số lượng hồ sơ' is '03 bộ' is counted as one dossier", async () => {
    const { report } = await stats(copy("q.xlsx"));
    const notes = report.mapping.find((m) => m.kind === "dossiers")!.notes.map((n) => n.vi);
    assert.ok(
      notes.includes(
        "1 dòng ghi số lượng hồ sơ lớn hơn 1 (thêm 2 bộ): mỗi dòng được tính là một hồ sơ; để thống kê đủ, ghi mỗi hồ sơ một dòng.",
      ),
      notes.join("\n"),
    );
    assert.equal(report.dossiers.received.total, 2);
  });

  it("applies a correction typed in NFC to a sheet whose name the file holds in NFD, or in other capitals", async () => {
    const file = copy("b.xlsx");
    // "Sổ hồ sơ 2026" as typed on the command line (NFC); the column is read as the due date anyway,
    // so the correction sets it to none: the register then has no due date, and says so per row.
    const { report } = await stats(file, "--map", "Sổ hồ sơ 2026!D=none");
    const sheet = report.mapping.find((m) => m.kind === "dossiers")!;
    assert.equal(sheet.columns!.find((c) => c.column === "D")!.field, "ignored");
    assert.equal(report.errors.length, 2, JSON.stringify(report.errors));
    const upper = await stats(copy("c.xlsx"), "--map", "SỔ HỒ SƠ 2026!D=none");
    assert.equal(
      upper.report.mapping.find((m) => m.kind === "dossiers")!.columns!.find((c) => c.column === "D")!.field,
      "ignored",
    );
  });

  it("reports a correction for a sheet the workbook does not have, naming it and the workbook's sheets", async () => {
    const { report } = await stats(copy("d.xlsx"), "--map", "Sổ hồ sơ!D=dueOn");
    assert.equal(report.errors.length, 1);
    const [e] = report.errors;
    assert.equal(e!.sheet, "Sổ hồ sơ");
    assert.equal(e!.row, null);
    assert.match(e!.message.vi, /không có trang này.*Sổ hồ sơ 2026/);
    assert.match(e!.message.en, /no such sheet.*--map "Sổ hồ sơ!D=auto"/);
  });

  it("removes a saved correction with 'Sheet!D=auto', and undoes 'Sheet=ignore' with 'Sheet=sync'", async () => {
    const file = copy("e.xlsx");
    await stats(file, "--map", "Nope!D=dueOn");
    assert.equal((await stats(file)).report.errors.length, 1, "the saved correction is still reported");
    const removed = await stats(file, "--map", "Nope!D=auto");
    assert.deepEqual(removed.report.errors, []);
    assert.deepEqual((await stats(file)).report.errors, [], "and stays removed");

    const sheet = "Sổ hồ sơ 2026";
    assert.equal((await stats(file, "--map", `${sheet}=ignore`)).report.dossiers.received.total, 0);
    assert.equal((await stats(file, "--map", `${sheet}=sync`)).report.dossiers.received.total, 2);
    assert.equal((await stats(file)).report.dossiers.received.total, 2);
  });
});
