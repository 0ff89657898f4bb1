import { fingerprint } from "./record-data";
import { SyncSetupError } from "./sync-errors";

/**
 * The hidden sheet that carries a workbook's sync state, as both adapters write it: column A holds
 * a header cell (format version, chunk count, length, checksum) then the state text in chunks
 * under Excel's 32,767-character cell limit. A damaged state is detected, never half parsed.
 */
export const STATE_SHEET = "_cchc_state";
export const STATE_SHEET_VISIBILITY = "veryHidden" as const;
export const STATE_FORMAT = 2;

const HEADER = "cchc-state";
const CHUNK = 30_000;

/** The state sheet cannot be read: the workbook is left as it is. */
export class DamagedStateError extends SyncSetupError {
  constructor(readonly detail: string) {
    super({
      vi: `Trang trạng thái đồng bộ ẩn "${STATE_SHEET}" bị hỏng (${detail}); sổ tính chưa bị thay đổi. Hãy đồng bộ lại và đặt lại trạng thái: các dòng được nối lại với bản ghi theo mã, không đẩy bản ghi trùng.`,
      en: `The hidden sync state sheet "${STATE_SHEET}" is damaged (${detail}); the workbook was not changed. Sync again resetting the state: rows are re-linked to their records by id, nothing is pushed twice.`,
    });
    this.name = "DamagedStateError";
  }
}

/** The state text → the cells of column A, top-down. */
export function encodeStateCells(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) chunks.push(text.slice(i, i + CHUNK));
  return [
    `${HEADER};v=${STATE_FORMAT};chunks=${chunks.length};length=${text.length};sum=${fingerprint(text)}`,
    ...chunks,
  ];
}

/**
 * Column A of the state sheet as read → the state text ("" when there is none). Also reads the
 * first format (the JSON text split over cells, no header), whose damage the JSON parse reports.
 */
export function decodeStateCells(cells: string[]): string {
  const first = cells[0] ?? "";
  if (!first.startsWith(HEADER)) return cells.join("");
  const fields = new Map(
    first
      .split(";")
      .slice(1)
      .map((kv) => kv.split("=", 2) as [string, string]),
  );
  const version = Number(fields.get("v"));
  const count = Number(fields.get("chunks"));
  const length = Number(fields.get("length"));
  if (version !== STATE_FORMAT)
    throw new DamagedStateError(`unknown format ${fields.get("v") ?? "?"} / định dạng không rõ`);
  if (!Number.isInteger(count) || !Number.isInteger(length) || !fields.get("sum"))
    throw new DamagedStateError("bad header / tiêu đề hỏng");
  const text = cells.slice(1, 1 + count).join("");
  if (cells.length < 1 + count || text.length !== length)
    throw new DamagedStateError("missing part / thiếu phần");
  if (fingerprint(text) !== fields.get("sum"))
    throw new DamagedStateError("checksum mismatch / sai tổng kiểm");
  return text;
}
