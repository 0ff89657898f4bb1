/**
 * Rows the server would refuse as a whole request (a unit name too long, text with a lone surrogate
 * or a control character, a record over the size limit): each becomes a row error naming its cell,
 * and waits, instead of refusing the whole sync.
 */
import type { WorkbookRead } from "../layout/read-workbook";
import type { Message, RowError } from "../model/records";
import { LIMITS, UNIT_MAX_LENGTH } from "../schemas/sync-wire";
import { FAULT_MESSAGES, findBadText } from "../text/safe-text";
import type { RecordKind } from "./protocol";
import { unitOf, type RecordData } from "./record-data";

type Source = { sheet: string; row: number };

/**
 * A row the server would refuse as a whole request: text with a lone surrogate or a control
 * character (such as the line break Word pastes as U+000B), or a record over the server's size
 * limit. A row error naming its cell, instead of a refused sync.
 */
export function unsendableText(
  read: WorkbookRead,
  kind: RecordKind,
  data: RecordData,
  source: Source,
): RowError | undefined {
  return unitTooLong(read, kind, data, source) ?? badOrTooLong(read, kind, data, source);
}

/** A unit the reference list does not know is sent as written: the server refuses the whole request. */
function unitTooLong(read: WorkbookRead, kind: RecordKind, data: RecordData, source: Source) {
  const unit = unitOf(kind, data);
  if (unit.length <= UNIT_MAX_LENGTH) return undefined;
  return rowError(read, source, kind === "task" ? "leadUnit" : "unit", {
    vi: `Tên đơn vị dài ${unit.length} ký tự, quá ${UNIT_MAX_LENGTH} ký tự máy chủ nhận: hãy ghi mã đơn vị (trang Danh mục) hoặc tên trong danh mục. ${kind === "task" ? "Nhiệm vụ" : "Hồ sơ"} này chưa được đồng bộ.`,
    en: `The unit's name is ${unit.length} characters long, over the ${UNIT_MAX_LENGTH} the server takes: write the unit's code (the Danh mục sheet) or its listed name. This ${kind} was not synced.`,
  });
}

/** Text the server refuses, named at its field; a record too large, named at its longest field. */
function badOrTooLong(read: WorkbookRead, kind: RecordKind, data: RecordData, source: Source) {
  const bad = findBadText(data);
  const size = JSON.stringify(data).length;
  if (!bad && size <= LIMITS.maxDataChars) return undefined;
  const longest = Object.keys(data).reduce((a, b) =>
    JSON.stringify(data[a] ?? "").length >= JSON.stringify(data[b] ?? "").length ? a : b,
  );
  const field = bad ? (bad.pointer.split("/")[1] ?? "") : longest;
  const what = bad
    ? {
        vi: `${FAULT_MESSAGES[bad.fault].vi} Thường do dán từ Word hay hệ thống khác: hãy gõ lại nội dung ô.`,
        en: `${FAULT_MESSAGES[bad.fault].en} Usually pasted from Word or another system: retype the cell's text.`,
      }
    : {
        vi: `Dòng dài ${size} ký tự, quá ${LIMITS.maxDataChars} ký tự máy chủ lưu được cho một bản ghi: hãy rút gọn ô này.`,
        en: `The row holds ${size} characters, over the ${LIMITS.maxDataChars} the server keeps for one record: shorten this cell.`,
      };
  return rowError(read, source, field, {
    vi: `${what.vi} ${kind === "task" ? "Nhiệm vụ" : "Hồ sơ"} này chưa được đồng bộ.`,
    en: `${what.en} This ${kind} was not synced.`,
  });
}

/** The error of a row, at the column its sheet shows `field` in (none when it has no such column). */
function rowError(read: WorkbookRead, source: Source, field: string, message: Message): RowError {
  const column =
    read.mapping.find((m) => m.sheet === source.sheet)?.columns?.find((c) => c.field === field)?.column ??
    null;
  return { sheet: source.sheet, row: source.row, column, message };
}
