/**
 * What the file adapter's checks before exceljs cost (docs/reliability.md, issue 12): the measuring
 * pass of cli/xlsx/package-limits.ts (limits, shared-string indices, formulas computed to "") beside
 * exceljs's own load, on dossier registers of 10,000 and 100,000 rows written by exceljs.
 * Run: `node --import tsx bench/file-checks.bench.ts`. Each file is measured in a fresh process, as
 * a command line meets it (after building a register in-process the same pass took 2.5× longer);
 * the pass is the median of 3; `loadWorkbookMs` (the whole load, that pass included) once.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { checkPackageLimits } from "../cli/xlsx/package-limits";
import { loadWorkbook } from "../cli/xlsx/workbook-file";
import { tempDir } from "../test/helpers/tmp";

async function register(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sổ theo dõi");
  ws.addRow([
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Đơn vị",
    "Kênh",
    "Nhận",
    "Hẹn trả",
    "Trả",
    "Trạng thái",
    "Ghi chú",
  ]);
  for (let i = 1; i <= rows; i++)
    ws.addRow([
      i,
      `HS-${i}`,
      `Thủ tục ${i % 50}`,
      `Phòng ${i % 7}`,
      i % 2 ? "Trực tuyến" : "Trực tiếp",
      new Date(Date.UTC(2021, 0, 1 + (i % 300))),
      new Date(Date.UTC(2021, 1, 1 + (i % 300))),
      null,
      "Đã giải quyết",
      `ghi chú ${i % 13}`,
    ]);
  await wb.xlsx.writeFile(file);
}

/** One file, in this (fresh) process: the pass three times, then exceljs's load once. */
async function measure(file: string, rows: number): Promise<void> {
  const bytes = readFileSync(file);
  const pass: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    checkPackageLimits(bytes);
    pass.push(performance.now() - t);
  }
  const t = performance.now();
  await loadWorkbook(file);
  const load = performance.now() - t;
  const median = pass.sort((a, b) => a - b)[1]!;
  console.log(
    JSON.stringify({
      rows,
      fileBytes: bytes.length,
      checksMs: Math.round(median),
      loadWorkbookMs: Math.round(load),
    }),
  );
}

async function main(): Promise<void> {
  const [mode, file, rows] = process.argv.slice(2);
  if (mode === "measure") return measure(file!, Number(rows));
  const tmp = tempDir("file-checks");
  try {
    for (const n of [10_000, 100_000]) {
      const path = tmp.file(`register-${n}.xlsx`);
      await register(path, n);
      const args = ["--import", "tsx", process.argv[1]!, "measure", path, String(n)];
      process.stdout.write(execFileSync(process.execPath, args, { encoding: "utf8" }));
    }
  } finally {
    tmp.remove();
  }
}

void main();
