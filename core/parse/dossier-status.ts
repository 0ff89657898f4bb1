import { fold } from "../text/normalize";
import { DOSSIER_STATUS_RULES, matchWord, NOTE_OUTCOME_RULES, type DossierStatus } from "./words";

export type { DossierStatus } from "./words";

/** A dossier status cell (đang giải quyết, đã giải quyết, trả lại, rút hồ sơ, chờ bổ sung, or English), by words.ts. */
export function parseDossierStatus(text: string): DossierStatus | "blank" | undefined {
  if (text.trim() === "") return "blank";
  const folded = fold(text);
  // "Quá hạn", "Đúng hạn", "Trong hạn" alone say how timely, not whether resolved: the result date
  // decides, as for a blank cell (the dates then say ahead, on time or overdue).
  if (TIMELINESS_ONLY.test(folded)) return "blank";
  return matchWord(DOSSIER_STATUS_RULES, folded);
}

const TIMELINESS_ONLY =
  /^(qua han|tre han|cham|dung han|truoc han|som han|trong han|con han|chua den han|chua qua han|dung hen|dung tien do)$/;

/** A note such as "Trả lại hồ sơ do thiếu giấy tờ" or "Công dân rút hồ sơ" marks the outcome. */
export function statusFromNote(text: string): "returned" | "withdrawn" | undefined {
  return matchWord(NOTE_OUTCOME_RULES, fold(text));
}

/**
 * What a blank status cell says: the outcome a note names ("Trả lại hồ sơ…"), else resolved with a
 * result date, else still processing.
 */
export function dossierStatusWhenBlank(notes: unknown, resultOn: unknown): DossierStatus {
  return (
    (typeof notes === "string" ? statusFromNote(notes) : undefined) ?? (resultOn ? "resolved" : "processing")
  );
}
