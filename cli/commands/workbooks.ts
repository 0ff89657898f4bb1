import { promises as fs } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { todayIso } from "../../core/dates";
import { HttpTransport } from "../../core/sync";
import { buildDemoWorkbook, buildTrackingWorkbook } from "../xlsx/tracking-workbook";
import { WorkbookFileError } from "../xlsx/workbook-file";
import { UsageError, type CommandIO } from "./io";
import { requestTimeoutMs } from "./timeout";
import { TOKEN_HELP } from "./token";

async function writeWorkbook(wb: ExcelJS.Workbook, out: string): Promise<void> {
  if (!out.toLowerCase().endsWith(".xlsx"))
    throw new UsageError({
      vi: `Tên tệp phải có đuôi .xlsx: "${out}".`,
      en: `The file name must end in .xlsx: "${out}".`,
    });
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  // Write beside, then rename: a reader never sees half a workbook.
  const tmp = `${out}.${process.pid}.tmp`;
  await wb.xlsx.writeFile(tmp);
  await fs.rename(tmp, out);
}

/**
 * A blank tracking workbook. With a server (and a token), its "Danh mục" lists and drop-downs hold
 * the year's units and fields as stored there, not the shipped defaults: a unit the admin added
 * could not be chosen in a lead-unit cell otherwise (the drop-down refuses other values).
 */
export async function templateCommand(
  out: string,
  year: string | undefined,
  io: CommandIO,
  server?: { url: string; token: string | undefined },
): Promise<number> {
  const y = year === undefined ? Number(todayIso().slice(0, 4)) : Number(year);
  if (!Number.isInteger(y) || y < 2000 || y > 2100)
    throw new UsageError({ vi: `--year không hợp lệ: "${year}".`, en: `Invalid --year "${year}".` });
  // Never over a workbook: staff may type the name of the one they keep (nothing would be left of it).
  const exists = await fs.stat(out).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new WorkbookFileError({
      vi: `Tệp "${out}" đã có; "cchc template" chỉ tạo sổ mới và không ghi đè. Hãy chọn tên khác (sổ đang dùng thì đồng bộ bằng "cchc sync"). Tệp không bị thay đổi.`,
      en: `"${out}" already exists; "cchc template" only creates a new workbook and never overwrites one. Choose another name (a workbook in use is synced with "cchc sync"). The file was not changed.`,
    });
  let lists = {};
  if (server) {
    if (!server.token) throw new UsageError(TOKEN_HELP);
    const transport = new HttpTransport(server.url, server.token, undefined, requestTimeoutMs());
    const units = await transport.reference("units", y);
    const fields = await transport.reference("fields", y);
    lists = { ...(units && { units }), ...(fields && { fields }) };
  }
  await writeWorkbook(buildTrackingWorkbook({ year: y, ...lists }), out);
  io.out(`Đã tạo sổ theo dõi trống ${out} (năm ${y}). / Wrote a blank tracking workbook ${out} (year ${y}).`);
  if (server)
    io.out(
      `Danh sách đơn vị và lĩnh vực năm ${y} lấy từ máy chủ. / The year's units and fields come from the server.`,
    );
  return 0;
}

export async function demoWorkbookCommand(out: string, io: CommandIO): Promise<number> {
  await writeWorkbook(buildDemoWorkbook(), out);
  io.out(
    `Đã tạo sổ mẫu quý I/2021 ${out}: thử "npx cchc stats ${out} --as-of 2021-03-31". / Wrote the Q1/2021 demo workbook ${out}.`,
  );
  return 0;
}
