import type { Message } from "../model/records";
import type { CellValue } from "../parse/cell";
import { fromTcvn3, fromUtf8ReadAsCp1252, fromVni } from "../parse/legacy-text";
import { detectHeader } from "./detect-header";
import type { SheetGrid } from "./grid";

export type LegacyEncoding = "tcvn3" | "vni" | "utf8-as-cp1252";

function decodeGrid(grid: SheetGrid, decode: (text: string) => string | undefined, rows: number): SheetGrid {
  const decodeCell = (v: CellValue): CellValue => (typeof v === "string" ? (decode(v) ?? v) : v);
  return { ...grid, rows: grid.rows.slice(0, rows).map((row) => row.map(decodeCell)) };
}

/**
 * A sheet whose header is recognised only once its text is decoded from TCVN3 (.VnTime fonts), VNI
 * (VNI-Times fonts) or from UTF-8 read as Windows-1252 (a CSV opened without choosing UTF-8). Only for sheets with no
 * header as they are: the top rows are tried first, the whole sheet is decoded when they name one.
 */
export function legacySheet(grid: SheetGrid): { encoding: LegacyEncoding; grid: SheetGrid } | undefined {
  const decoders: [LegacyEncoding, (text: string) => string | undefined][] = [
    ["tcvn3", fromTcvn3],
    ["vni", fromVni],
    ["utf8-as-cp1252", fromUtf8ReadAsCp1252],
  ];
  for (const [encoding, decode] of decoders) {
    if (!detectHeader(decodeGrid(grid, decode, 42))) continue;
    return { encoding, grid: decodeGrid(grid, decode, grid.rows.length) };
  }
  return undefined;
}

export const LEGACY_MESSAGES = {
  tcvn3: (sheet: string): Message => ({
    vi: `Trang "${sheet}" được gõ bằng bảng mã TCVN3 (phông .VnTime): đã đọc sau khi chuyển sang Unicode. Chữ trong sổ tính không bị thay đổi; nên chuyển mã cả trang sang Unicode (Unikey: Công cụ chuyển mã).`,
    en: `Sheet "${sheet}" is typed in TCVN3 (.VnTime fonts): it was read after converting to Unicode. The workbook's text is not changed; converting the sheet to Unicode (Unikey's converter) is advised.`,
  }),
  vni: (sheet: string): Message => ({
    vi: `Trang "${sheet}" được gõ bằng bảng mã VNI (phông VNI-Times): đã đọc sau khi chuyển sang Unicode những ô chắc chắn là VNI; ô nào còn báo lỗi thì chuyển mã cả trang sang Unicode (Unikey: Công cụ chuyển mã). Chữ trong sổ tính không bị thay đổi.`,
    en: `Sheet "${sheet}" is typed in VNI (VNI-Times fonts): the cells that are surely VNI were read after converting to Unicode; where a cell is still reported, convert the sheet to Unicode (Unikey's converter). The workbook's text is not changed.`,
  }),
  "utf8-as-cp1252": (sheet: string): Message => ({
    vi: `Trang "${sheet}" bị lỗi phông: tệp CSV mã UTF-8 đã được mở theo bảng mã Windows-1252 ("Mã hồ sơ" thành "MÃ£ há»“ sÆ¡"). Hãy mở lại tệp CSV và chọn bộ ký tự UTF-8 (Unicode); trang này không được đọc.`,
    en: `Sheet "${sheet}" is garbled: a UTF-8 CSV file was opened as Windows-1252 ("Mã hồ sơ" shows as "MÃ£ há»“ sÆ¡"). Open the CSV file again choosing the UTF-8 (Unicode) character set; this sheet was not read.`,
  }),
};
