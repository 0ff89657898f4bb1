import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { fingerprint } from "./record-data";
import { SyncSetupError } from "./sync-errors";

/**
 * The hidden sheet that carries a workbook's sync state, as both adapters write it: column A holds
 * a header cell (format version, chunk count, length, checksum) then the state text in chunks
 * under Excel's 32,767-character cell limit. A damaged state is detected, never half parsed.
 *
 * Format 3 stores the state text deflated and in base64: it holds every record's last synced
 * values (3.2 MB for 10,000 dossiers, 0.23 MB packed), which every sync reads and writes, through
 * exceljs's XML in the file adapter and through Office.js requests (5 MB each on the web) in the
 * add-in. Format 2 (the text as it is) is still read.
 */
export const STATE_SHEET = "_cchc_state";
export const STATE_SHEET_VISIBILITY = "veryHidden" as const;
export const STATE_FORMAT = 3;
const PLAIN_FORMAT = 2;

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

/** Bytes → base64 (btoa takes a string of byte-sized characters; built in blocks). */
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether the state cells are in this version's format (an older one is rewritten at the next sync). */
export const isCurrentStateFormat = (cells: readonly string[] | undefined): boolean =>
  cells?.[0]?.startsWith(`${HEADER};v=${STATE_FORMAT};`) === true;

/** The state text → the cells of column A, top-down; `sum` is the checksum of the text itself. */
export function encodeStateCells(text: string): string[] {
  const packed = text === "" ? "" : toBase64(deflateSync(strToU8(text), { level: 6 }));
  const chunks: string[] = [];
  for (let i = 0; i < packed.length; i += CHUNK) chunks.push(packed.slice(i, i + CHUNK));
  return [
    `${HEADER};v=${STATE_FORMAT};chunks=${chunks.length};length=${packed.length};sum=${fingerprint(text)}`,
    ...chunks,
  ];
}

/** Format 3's cells → the state text; a text that does not unpack is damage. */
function unpack(packed: string): string {
  if (packed === "") return "";
  try {
    return strFromU8(inflateSync(fromBase64(packed)));
  } catch {
    throw new DamagedStateError("cannot unpack / không giải nén được");
  }
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
  if (version !== STATE_FORMAT && version !== PLAIN_FORMAT)
    throw new DamagedStateError(`unknown format ${fields.get("v") ?? "?"} / định dạng không rõ`);
  if (!Number.isInteger(count) || !Number.isInteger(length) || !fields.get("sum"))
    throw new DamagedStateError("bad header / tiêu đề hỏng");
  const stored = cells.slice(1, 1 + count).join("");
  if (cells.length < 1 + count || stored.length !== length)
    throw new DamagedStateError("missing part / thiếu phần");
  const text = version === PLAIN_FORMAT ? stored : unpack(stored);
  if (fingerprint(text) !== fields.get("sum"))
    throw new DamagedStateError("checksum mismatch / sai tổng kiểm");
  return text;
}
