/**
 * Vietnamese text that is not Unicode. Two kinds reach us in workbooks:
 * - TCVN3 (ABC): typed with the old ".VnTime" fonts, still found in plans copied from year to year.
 *   Each letter is one character of the 0xA1–0xFF range ("Néi dung" is "Nội dung"); capitals with a
 *   tone use the same characters drawn by ".VnTimeH", so a cell in capitals is decoded in capitals.
 * - UTF-8 read as Windows-1252: a CSV exported in UTF-8 and opened without choosing UTF-8
 *   ("Mã hồ sơ" shows as "MÃ£ há»“ sÆ¡"). The screen shows the damage too: the user re-opens the file.
 */

/** TCVN3 (ABC) character → letter; checked against glibc's TCVN5712-1 (iconv) for 0xA1–0xFF. */
const TCVN3 = new Map<string, string>(
  Object.entries({
    "\u00b5": "à",
    "\u00b8": "á",
    "\u00b6": "ả",
    "\u00b7": "ã",
    "\u00b9": "ạ",
    "\u00a8": "ă",
    "\u00bb": "ằ",
    "\u00be": "ắ",
    "\u00bc": "ẳ",
    "\u00bd": "ẵ",
    "\u00c6": "ặ",
    "\u00a9": "â",
    "\u00c7": "ầ",
    "\u00ca": "ấ",
    "\u00c8": "ẩ",
    "\u00c9": "ẫ",
    "\u00cb": "ậ",
    "\u00ae": "đ",
    "\u00cc": "è",
    "\u00d0": "é",
    "\u00ce": "ẻ",
    "\u00cf": "ẽ",
    "\u00d1": "ẹ",
    "\u00aa": "ê",
    "\u00d2": "ề",
    "\u00d5": "ế",
    "\u00d3": "ể",
    "\u00d4": "ễ",
    "\u00d6": "ệ",
    "\u00d7": "ì",
    "\u00dd": "í",
    "\u00d8": "ỉ",
    "\u00dc": "ĩ",
    "\u00de": "ị",
    "\u00df": "ò",
    "\u00e3": "ó",
    "\u00e1": "ỏ",
    "\u00e2": "õ",
    "\u00e4": "ọ",
    "\u00ab": "ô",
    "\u00e5": "ồ",
    "\u00e8": "ố",
    "\u00e6": "ổ",
    "\u00e7": "ỗ",
    "\u00e9": "ộ",
    "\u00ac": "ơ",
    "\u00ea": "ờ",
    "\u00ed": "ớ",
    "\u00eb": "ở",
    "\u00ec": "ỡ",
    "\u00ee": "ợ",
    "\u00ef": "ù",
    "\u00f3": "ú",
    "\u00f1": "ủ",
    "\u00f2": "ũ",
    "\u00f4": "ụ",
    "\u00ad": "ư",
    "\u00f5": "ừ",
    "\u00f8": "ứ",
    "\u00f6": "ử",
    "\u00f7": "ữ",
    "\u00f9": "ự",
    "\u00fa": "ỳ",
    "\u00fd": "ý",
    "\u00fb": "ỷ",
    "\u00fc": "ỹ",
    "\u00fe": "ỵ",
    "\u00a1": "Ă",
    "\u00a2": "Â",
    "\u00a3": "Ê",
    "\u00a4": "Ô",
    "\u00a5": "Ơ",
    "\u00a6": "Ư",
    "\u00a7": "Đ",
  }),
);

/** Unicode text has letters past U+00FF (ơ, ư, đ, ạ …); TCVN3 and Windows-1252 text has none. */
// eslint-disable-next-line no-control-regex
const ONLY_LATIN1 = /^[\u0000-\u00ff]*$/;

/**
 * TCVN3 characters that are also Vietnamese letters in Unicode ("Tháng" is Unicode, "Th¸ng" TCVN3):
 * a text holding only these may be either, and is left as it is. A sync writes Unicode into a TCVN3
 * sheet ("Tháng 6/2026" in a pulled row): read as TCVN3, it would become "Thỏng 6/2026".
 */
const ALSO_UNICODE_LETTERS = new Set("àáâãèéêìíòóôõùúý");
/** The same as capitals: TCVN3 for "tiến" is "tiÕn", a capital inside a word, which Unicode never writes. */
const ALSO_UNICODE_CAPITALS = new Set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ");

/** A character that only TCVN3 writes here: not a Vietnamese letter of Unicode in its place. */
function onlyTcvn3(chars: string[], i: number): boolean {
  const ch = chars[i]!;
  if (!TCVN3.has(ch) || ALSO_UNICODE_LETTERS.has(ch)) return false;
  return !ALSO_UNICODE_CAPITALS.has(ch) || /[a-z]/.test(chars[i - 1] ?? "");
}

/**
 * The Unicode of a TCVN3 text, or undefined when the text is not surely TCVN3 (it holds Unicode
 * letters, or no TCVN3 character that is not also a Unicode Vietnamese letter).
 */
export function fromTcvn3(text: string): string | undefined {
  if (!ONLY_LATIN1.test(text)) return undefined;
  const chars = [...text];
  if (!chars.some((_, i) => onlyTcvn3(chars, i))) return undefined;
  let decoded = "";
  let changed = false;
  for (const ch of text) {
    const letter = TCVN3.get(ch);
    if (letter !== undefined) changed = true;
    decoded += letter ?? ch;
  }
  if (!changed) return undefined;
  // ".VnTimeH" draws every letter as a capital: a cell whose plain letters are all capitals is one.
  const ascii = text.replace(/[^A-Za-z]/g, "");
  return ascii.length >= 2 && ascii === ascii.toUpperCase() ? decoded.toUpperCase() : decoded;
}

/** Windows-1252's characters for the bytes 0x80–0x9F (where it differs from Latin-1). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function cp1252Byte(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  const high = CP1252_HIGH.indexOf(ch);
  if (high >= 0) return 0x80 + high;
  if (code < 0x100) return code;
  // LibreOffice shows a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) in the
  // private use area: "Đ" (C4 90) is read as "Ä\uF190".
  if (code >= 0xf180 && code <= 0xf19f) return code - 0xf100;
  if (code >= 0xf080 && code <= 0xf09f) return code - 0xf000;
  return undefined;
}

/** The text a UTF-8 file meant, when it was read as Windows-1252; undefined when it was not. */
export function fromUtf8ReadAsCp1252(text: string): string | undefined {
  if (!/[\u00c2-\u00f4]/.test(text)) return undefined;
  const bytes: number[] = [];
  for (const ch of text) {
    const b = cp1252Byte(ch);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  try {
    const decoded = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
    return decoded !== text ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * VNI-Windows ("VNI-Times" fonts, once common in the South): a letter is its base letter followed by
 * one or two mark characters ("Noäi dung" is "Nội dung", "Ñaõ hoaøn thaønh" is "Đã hoàn thành").
 * A mark is read only right after the vowel it can follow; "ñ", "ö", "ô", "æ", "ó", "ò", "î" stand alone.
 */
const VNI_AFTER: Record<string, Record<string, string>> = {
  a: {
    ù: "á",
    ø: "à",
    û: "ả",
    õ: "ã",
    ï: "ạ",
    ê: "ă",
    é: "ắ",
    è: "ằ",
    ú: "ẳ",
    ü: "ẵ",
    ë: "ặ",
    â: "â",
    á: "ấ",
    à: "ầ",
    å: "ẩ",
    ã: "ẫ",
    ä: "ậ",
  },
  e: { ù: "é", ø: "è", û: "ẻ", õ: "ẽ", ï: "ẹ", â: "ê", á: "ế", à: "ề", å: "ể", ã: "ễ", ä: "ệ" },
  o: { ù: "ó", ø: "ò", û: "ỏ", õ: "õ", ï: "ọ", â: "ô", á: "ố", à: "ồ", å: "ổ", ã: "ỗ", ä: "ộ" },
  ô: { ù: "ớ", ø: "ờ", û: "ở", õ: "ỡ", ï: "ợ" },
  u: { ù: "ú", ø: "ù", û: "ủ", õ: "ũ", ï: "ụ" },
  ö: { ù: "ứ", ø: "ừ", û: "ử", õ: "ữ", ï: "ự" },
  y: { ù: "ý", ø: "ỳ", û: "ỷ", õ: "ỹ" },
};
const VNI_ALONE: Record<string, string> = { ñ: "đ", ô: "ơ", ö: "ư", æ: "ỉ", ó: "ĩ", ò: "ị", î: "ỵ" };
/**
 * What no Vietnamese word holds in Unicode, so marks a text as VNI: "ñ", "ö", "ï", "û", "ø", "å", "ä",
 * "ë", "ü", "æ", "î", and pairs such as "aù" (VNI "á"), "yù" ("Quyù": "Quý"), "eâ" ("ê"), "aê" ("ă").
 * Pairs Unicode writes ("oà" in "hoàn", "oá" in "hoá", "uâ" in "tuân") are not taken as marks.
 */
const VNI_ONLY = /[ñöïûøåäëüæî]|[aeouyô][ùõ]|[AEOUYÔ][ÙÕ]|[aeo]â|[AEO]Â|a[êéèú]|A[ÊÉÈÚ]|[ae][áàã]|[AE][ÁÀÃ]/i;

/** The Unicode of a VNI-Windows text, or undefined when it is not surely VNI. */
export function fromVni(text: string): string | undefined {
  if (!ONLY_LATIN1.test(text) || !VNI_ONLY.test(text)) return undefined;
  let out = "";
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const alone = VNI_ALONE[lower];
    const mark = chars[i + 1];
    const letter = mark === undefined ? undefined : VNI_AFTER[lower]?.[mark.toLowerCase()];
    // A mark is in the case of its letter: "AØ" is "À", "aø" "à", never "Aø".
    if (letter !== undefined && (mark !== mark!.toLowerCase()) === upper) {
      out += upper ? letter.toUpperCase() : letter;
      i++;
    } else out += alone !== undefined ? (upper ? alone.toUpperCase() : alone) : ch;
  }
  return out !== text ? out : undefined;
}
