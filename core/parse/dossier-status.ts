import { fold } from "../text/normalize";

export type DossierStatus = "processing" | "resolved" | "returned" | "withdrawn" | "awaiting-supplement";

/**
 * Dossier status words (đang giải quyết, đã giải quyết, trả lại, rút hồ sơ, chờ bổ sung) and their
 * English names. "Chờ bổ sung" (waiting for the applicant to complete the file) is still being
 * processed in the official form's terms.
 */
const RULES: [RegExp, DossierStatus][] = [
  [/^(da )?rut( ho so)?\b|^(cong dan|nguoi nop|to chuc|ca nhan) (xin )?rut\b|^withdrawn?$/, "withdrawn"],
  [/^(da )?tra lai( ho so)?\b|^(ho so )?khong du dieu kien\b|^tu choi\b|^returned?$|^rejected$/, "returned"],
  [/^(cho|dang cho|yeu cau) bo sung\b|^awaiting supplement|^pending supplement/, "awaiting-supplement"],
  [
    /^(dang (giai quyet|xu ly|thu ly|tham dinh)|chua giai quyet|chua tra( ket qua)?|tiep nhan|da tiep nhan|moi tiep nhan)\b|^(processing|in progress|received|pending)$/,
    "processing",
  ],
  [
    /^((da )?(giai quyet|tra ket qua|hoan thanh|co ket qua|xong))\b|^(resolved|done|completed?|finished)$/,
    "resolved",
  ],
];

export function parseDossierStatus(text: string): DossierStatus | "blank" | undefined {
  const folded = fold(text);
  if (text.trim() === "") return "blank";
  for (const [re, status] of RULES) if (re.test(folded)) return status;
  return undefined;
}

/** A note such as "Trả lại hồ sơ do thiếu giấy tờ" or "Công dân rút hồ sơ" marks the outcome. */
export function statusFromNote(text: string): "returned" | "withdrawn" | undefined {
  const folded = fold(text);
  if (/\brut ho so\b|\bxin rut\b|\bwithdrawn\b/.test(folded)) return "withdrawn";
  if (/\btra lai ho so\b|^tra lai\b|\breturned\b/.test(folded)) return "returned";
  return undefined;
}
