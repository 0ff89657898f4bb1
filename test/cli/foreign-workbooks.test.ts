import { strict as assert } from "node:assert";
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import type { StatsReport } from "../../core/stats/report";
import { loadWorkbook } from "../../cli/xlsx/workbook-file";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";

/** Workbooks written by openpyxl and LibreOffice (test/fixtures/make-foreign-workbooks.py). */
const FIXTURES = path.resolve(__dirname, "../fixtures/foreign");
const fixture = (name: string) => path.join(FIXTURES, name);
const ALL = [
  "openpyxl-notes.xlsx",
  "openpyxl-notes-chart.xlsx",
  "libreoffice-notes.xlsx",
  "libreoffice-chart.xlsx",
  "sdk-prefixed.xlsx",
];

describe("workbooks written by other programs (issue 7, defect 7)", function () {
  this.timeout(60_000);
  const tmp = tempDir("foreign");
  let s: TestServer;
  let token: string;
  before(async () => {
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
  });
  after(async () => {
    await s?.stop();
    tmp.remove();
  });

  for (const name of ALL)
    it(`cchc stats reads ${name} (notes, drawings, validation, merged cells): 2/5 tasks, 4 dossiers`, async () => {
      const r = await cli(["stats", fixture(name), "--as-of", "2021-03-31", "--json"]);
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(r.out) as StatsReport;
      assert.equal(report.year, 2021);
      assert.equal(report.tasks.total, 5);
      assert.equal(report.tasks.done, 2);
      assert.equal(report.dossiers.received.total, 4);
      assert.equal(report.dossiers.resolved.ahead, 2);
      assert.equal(report.dossiers.processing.withinDeadline, 1);
      assert.deepEqual(report.errors, []);
    });

  it("reads the users' own cell notes of an openpyxl workbook", async () => {
    const wb = await loadWorkbook(fixture("openpyxl-notes.xlsx"));
    const note = wb.getWorksheet("Kế hoạch")!.getCell("B5").note;
    const text = typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? "");
    assert.match(text, /đã trình ký 14\/01/);
  });

  for (const name of ["openpyxl-notes.xlsx", "libreoffice-notes.xlsx", "sdk-prefixed.xlsx"])
    it(`cchc sync adopts ${name}, keeps its notes and validations, and syncs it again`, async () => {
      // A server of its own: rows pulled from another test's records would move the validations.
      await s.stop();
      s = await startTestServer();
      token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
      const file = tmp.file(`sync-${name}`);
      copyFileSync(fixture(name), file);
      const first = await cli(["sync", file, "--server", s.url, "--token", token]);
      assert.equal(first.code, 0, first.err + first.out);
      assert.match(first.out, /pushed: 9\b/);
      const wb = await loadWorkbook(file);
      const plan = wb.getWorksheet("Kế hoạch")!;
      const note = plan.getCell("E6").note;
      const text = typeof note === "string" ? note : (note?.texts?.map((t) => t.text).join("") ?? "");
      assert.match(text, /Chờ số liệu/, "the user's note is kept");
      assert.equal(plan.getCell("E7").dataValidation?.type, "list", "the status list is kept");
      const again = await cli(["sync", file, "--server", s.url, "--token", token]);
      assert.equal(again.code, 0, again.err);
      assert.match(again.out, /pushed: 0\b/);
    });

  it("refuses to sync a workbook with a chart (exit 2), says the add-in keeps it, and leaves it untouched", async () => {
    for (const name of ["openpyxl-notes-chart.xlsx", "libreoffice-chart.xlsx"]) {
      const file = tmp.file(`chart-${name}`);
      copyFileSync(fixture(name), file);
      const before = readFileSync(file);
      const r = await cli(["sync", file, "--server", s.url, "--token", token]);
      assert.equal(r.code, 2, r.out);
      assert.match(r.err, /charts/);
      assert.match(r.err, /Excel add-in/);
      assert.match(r.err, /biểu đồ/);
      assert.ok(readFileSync(file).equals(before), "the file is byte for byte as it was");
    }
  });

  it("reads a workbook whose worksheets are not named sheetN.xml", async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture("libreoffice-notes.xlsx")));
    for (const [from, to] of [
      ["xl/worksheets/sheet1.xml", "xl/worksheets/ke-hoach.xml"],
      ["xl/worksheets/_rels/sheet1.xml.rels", "xl/worksheets/_rels/ke-hoach.xml.rels"],
    ] as const) {
      zip.file(to, await zip.file(from)!.async("nodebuffer"));
      zip.remove(from);
    }
    for (const part of ["xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
      zip.file(part, (await zip.file(part)!.async("string")).replace("sheet1.xml", "ke-hoach.xml"));
    const file = tmp.file("renamed-sheet.xlsx");
    require("node:fs").writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    const r = await cli(["stats", file, "--as-of", "2021-03-31", "--json"]);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as StatsReport).tasks.total, 5);
  });

  it("still calls a truly broken package corrupt", async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture("openpyxl-notes.xlsx")));
    zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c r=");
    const file = tmp.file("broken.xlsx");
    require("node:fs").writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    const r = await cli(["stats", file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /corrupt or unreadable/);
  });
});
