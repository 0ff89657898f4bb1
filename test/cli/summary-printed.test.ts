import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import { computeFileStats } from "../../cli/commands/stats";
import { writeSummarySheet } from "../../cli/xlsx/summary-sheet";
import { buildSummary, SUMMARY_SHEET, type SummaryModel } from "../../core/sync/summary-model";
import { tempDir } from "../helpers/tmp";

/** Units with the long names real ones have; "số 10" and "số 11" differ only at the end. */
const UNITS = Array.from(
  { length: 11 },
  (_, i) =>
    `Trung tâm Bảo trợ xã hội và Chăm sóc người cao tuổi, người khuyết tật, trẻ em số ${i + 1} tỉnh Hà Tĩnh`,
);
const SECTORS = [
  "Việc làm",
  "Người có công",
  "Bảo trợ xã hội",
  "Lao động - Tiền lương",
  "Giáo dục nghề nghiệp",
];
const FIELDS = [
  "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
  "CẢI CÁCH THỂ CHẾ",
  "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
  "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC",
  "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
  "CẢI CÁCH TÀI CHÍNH CÔNG",
  "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
  "THÔNG TIN, TUYÊN TRUYỀN CCHC",
];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
const day = (m: number, d: number) => new Date(Date.UTC(2022, m - 1, d));

/**
 * A department of 11 long-named units in 2022: 40 tasks (some overdue at 30/06) and 300 dossiers
 * (some overdue, some still processing), every unit owning tasks and dossiers. Deterministic.
 */
async function writeDepartment(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const plan = wb.addWorksheet("Kế hoạch 2022");
  plan.addRow(["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022"]);
  plan.addRow([
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời gian hoàn thành",
    "Tiến độ",
    "Ngày hoàn thành",
  ]);
  let n = 0;
  FIELDS.forEach((field, f) => {
    plan.addRow([ROMAN[f], field]);
    for (let k = 1; k <= 5; k++, n++) {
      const done = n % 3 === 0;
      plan.addRow([
        k,
        `Nhiệm vụ số ${n + 1}: rà soát, đánh giá và đề xuất phương án đơn giản hóa thủ tục hành chính được giao`,
        UNITS[n % UNITS.length],
        ["Quý I", "Quý II", "Quý III", "Thường xuyên", "Tháng 3"][n % 5],
        done ? "Đã hoàn thành" : "Đang thực hiện",
        done ? day(3, 1 + (n % 20)) : null,
      ]);
    }
  });
  const register = wb.addWorksheet("Sổ theo dõi hồ sơ");
  register.addRow(["SỔ THEO DÕI HỒ SƠ NĂM 2022"]);
  register.addRow([
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Lĩnh vực",
    "Cơ quan chủ trì giải quyết",
    "Hình thức nộp",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Trả kết quả",
    "Trạng thái",
  ]);
  for (let i = 0; i < 300; i++) {
    const received = day(1 + (i % 6), 1 + (i % 25));
    const due = new Date(received.getTime() + 10 * 86_400_000);
    const processing = i % 9 === 0;
    const result = processing ? null : new Date(received.getTime() + (i % 7 === 0 ? 14 : 5) * 86_400_000);
    register.addRow([
      i + 1,
      `000.25.40.H40-22${String(i).padStart(7, "0")}`,
      "Cấp giấy phép lao động",
      SECTORS[i % SECTORS.length],
      UNITS[i % UNITS.length],
      i % 3 === 0 ? "Trực tuyến" : "Trực tiếp",
      received,
      due,
      result,
      processing ? "Đang giải quyết" : "Đã giải quyết",
    ]);
  }
  await wb.xlsx.writeFile(file);
}

/** A word printed on a page, with its box (points, from the top left). */
interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/**
 * The summary alone, printed by LibreOffice: each page's text and words with their boxes
 * (pdftotext; a text clipped at its cell's edge still has its whole box), or undefined without them.
 */
function printPages(file: string, dir: string): { text: string; words: Word[] }[] | undefined {
  try {
    execFileSync("sh", ["-c", "command -v soffice && command -v pdftotext"], { stdio: "pipe" });
  } catch {
    return undefined;
  }
  execFileSync(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const pdf = path.join(dir, path.basename(file).replace(/\.xlsx$/, ".pdf"));
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const unescape = (w: string) =>
    w
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"');
  return html
    .split("<page ")
    .slice(1)
    .map((page, i) => ({
      text: text[i] ?? "",
      words: [
        ...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
      ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: unescape(m[5]!) })),
    }));
}

/** Text with its line breaks and runs of spaces made single spaces (a wrapped cell reads as one line). */
const flat = (s: string) => s.replace(/\s+/g, " ");

/**
 * What a leader sees on paper (T6): the summary of a department with long unit names, printed by
 * LibreOffice. A text cut at its cell's edge, or a table broken over two pages, is what they get
 * when the sheet's rows do not have the lines their texts need.
 */
describe("the summary sheet printed, with 11 long unit names (what a leader sees on paper)", function () {
  this.timeout(180_000);
  const tmp = tempDir("summary-printed");
  let model: SummaryModel;
  let pages: { text: string; words: Word[] }[] | undefined;

  before(async function () {
    const source = tmp.file("department.xlsx");
    await writeDepartment(source);
    const report = await computeFileStats({ file: source, asOf: "2022-06-30" });
    assert.deepEqual(report.errors, []);
    model = buildSummary(report, new Date("2022-06-30T03:00:00Z"));
    const wb = new ExcelJS.Workbook();
    writeSummarySheet(wb, model);
    const out = tmp.file("summary.xlsx");
    await wb.xlsx.writeFile(out);
    pages = printPages(out, tmp.dir);
    if (!pages) {
      console.log("      (LibreOffice or pdftotext missing: the printed checks are skipped)");
      this.skip();
    }
  });
  after(() => (process.env.KEEP_PRINT ? console.log(tmp.dir) : tmp.remove()));

  it("each warning names its unit in full, inside its cell (a unit's number is at the end of its name)", () => {
    // The warnings, with the rows that run over page 1's end (a table of their own on the next page).
    const warnings = {
      rows: model.tables.filter((t) => /^warnings(-\d+)?$/.test(t.id)).flatMap((t) => t.rows),
    };
    assert.ok(new Set(warnings.rows.map((r) => r[5])).size > 1, "the warnings name several units");
    // The warnings run from page 1 on; the detailed tables (which name units too) start a later page.
    const detail = pages!.findIndex((p) => p.text.includes("I. NHIỆM VỤ THEO KẾ HOẠCH"));
    const warningsTop = pages![0]!.words.find((w) => w.text === "CẢNH")!.yMin;
    let printed = 0;
    pages!.slice(0, detail).forEach((page, i) => {
      // The place column ("Kế hoạch 2022, dòng 13") starts right of the unit column.
      const placeLeft = Math.min(...page.words.filter((w) => w.text === "dòng").map((w) => w.xMin));
      // LibreOffice does not print the part of a text beyond its cell: a cut name has no last word.
      const ends = page.words.filter((w) => w.text === "Tĩnh" && (i > 0 || w.yMin > warningsTop));
      for (const w of ends) assert.ok(w.xMax < placeLeft, `"…Tĩnh" ends at ${w.xMax} pt, past ${placeLeft}`);
      printed += ends.length;
    });
    const shown = warnings.rows.filter((r) => String(r[5]).endsWith("Tĩnh")).length;
    assert.equal(printed, shown, "every warning's unit is printed to its last word");
  });

  it("warnings that run over page 1 go on under their title and header again, none cut in two (T6's open item)", () => {
    const pieces = model.tables.filter((t) => /^warnings(-\d+)?$/.test(t.id));
    assert.ok(pieces.length > 1, "25 two-line warnings do not fit page 1 under the figures");
    const rows = pieces.flatMap((t) => t.rows.map((r) => JSON.stringify(r)));
    assert.equal(rows.length, 25, "the summary's 25 warnings, all listed");
    assert.equal(new Set(rows).size, rows.length, "none listed twice");
    assert.ok(pieces.at(-1)!.note, "the '… và N mục khác' line is under the last piece");
    const first = pieces[0]!.header.flat().filter(Boolean)[0]!;
    pieces.slice(1).forEach((piece, i) => {
      const page = pages!.find((p) => flat(p.text).includes(flat(piece.title)));
      assert.ok(page, `"${piece.title}" is printed`);
      const text = flat(page.text);
      const at = text.indexOf(flat(piece.title));
      assert.ok(text.indexOf(flat(first), at) > at, `page of piece ${i + 2}: the header follows its title`);
      assert.ok(model.pageBreaksBefore.includes(piece.top), `piece ${i + 2} starts a page`);
    });
  });

  it("the report paragraph is printed whole, inside its box, above the warnings", () => {
    const words = pages![0]!.words;
    const warningsTop = words.find((w) => w.text === "CẢNH")!.yMin;
    const last = model.paragraph.split(" ").at(-1)!;
    const printed = words.filter((w) => w.text === last && w.yMax < warningsTop);
    assert.ok(printed.length > 0, `the paragraph's last word "${last}" is printed above the warnings`);
  });

  it("no detailed table is broken over two pages: its title and its total row are on one page", () => {
    for (const id of ["tasks-by-field", "tasks-by-unit", "dossiers-by-sector", "dossiers-by-unit"]) {
      const t = model.tables.find((x) => x.id === id)!;
      const page = pages!.findIndex((p) => p.text.includes(t.title));
      assert.ok(page >= 0, `${t.title} is printed`);
      const after = pages![page]!.text.slice(pages![page]!.text.indexOf(t.title));
      assert.match(after, /Tổng cộng/, `${t.title}: its rows go on to page ${page + 2}`);
    }
  });

  it("the summary is the first sheet printed and says its year, cut-off and dossier period", () => {
    const first = flat(pages![0]!.text);
    assert.ok(first.includes("TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH NĂM 2022"));
    assert.ok(first.includes("Số liệu tính đến ngày 30/06/2022; hồ sơ kỳ 01/01/2022 – 30/06/2022"));
    assert.equal(model.sheetName, SUMMARY_SHEET);
  });
});

/**
 * A staff member's sync names their unit beside every dossier figure (their read scope): with a
 * unit named in full ("Phòng Lao động - Thương binh và Xã hội thành phố"), the key figures' labels
 * take two lines. In a row of one line's height LibreOffice and Excel centre them over the row's
 * edges: the first line is cut by the block's top border (seen in /tmp/t6/r-so/p-1.png).
 */
describe("the summary for staff of a long-named unit: the key figures' labels get their lines", function () {
  this.timeout(60_000);
  const tmp = tempDir("summary-labels");
  after(() => tmp.remove());

  it("the label row of the dossier figures is two lines high; the department's stays one", async () => {
    const source = tmp.file("department.xlsx");
    await writeDepartment(source);
    const report = await computeFileStats({ file: source, asOf: "2022-06-30" });
    const heights = (m: SummaryModel) => {
      const wb = new ExcelJS.Workbook();
      writeSummarySheet(wb, m);
      const ws = wb.getWorksheet(SUMMARY_SHEET)!;
      return m.keyFigures.map((f) => ws.getRow(f.row).height);
    };
    const department = heights(buildSummary(report, new Date("2022-06-30T03:00:00Z")));
    assert.deepEqual(department, [20, 20, 20, 20, 20, 20]);
    report.dossiers.onlyUnit = { unit: "HTP", name: "Phòng Lao động - Thương binh và Xã hội thành phố" };
    const staff = heights(buildSummary(report, new Date("2022-06-30T03:00:00Z")));
    assert.deepEqual(staff.slice(0, 3), [20, 20, 20], "the task figures name no unit");
    for (const h of staff.slice(3)) assert.ok(h >= 30, `a two-line label's row is ${h} pt high`);
  });

  it("the subtitle that says whose dossiers they are gets its second line (Excel's font is wider)", async () => {
    const source = tmp.file("department.xlsx");
    await writeDepartment(source);
    const report = await computeFileStats({ file: source, asOf: "2022-06-30" });
    report.dossiers.onlyUnit = { unit: "HTP", name: "Phòng Lao động - Thương binh và Xã hội thành phố" };
    const model = buildSummary(report, new Date("2022-06-30T03:00:00Z"));
    assert.ok(model.subtitle.length > 230, `${model.subtitle.length} characters`);
    const wb = new ExcelJS.Workbook();
    writeSummarySheet(wb, model);
    assert.ok((wb.getWorksheet(SUMMARY_SHEET)!.getRow(2).height ?? 15) >= 30);
  });
});
