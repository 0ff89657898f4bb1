import { strict as assert } from "node:assert";
import fc from "fast-check";
import { fromTcvn3, fromUtf8ReadAsCp1252 } from "../../core/parse/legacy-text";

/** Unicode → TCVN3 (ABC) as .VnTime types it; the inverse of the reader's table (iconv TCVN5712-1). */
const LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ";
const toTcvn3 = (text: string) =>
  [...text].map((ch) => (LETTERS.includes(ch) ? CODES[LETTERS.indexOf(ch)] : ch)).join("");

/** What a Windows-1252 reading of UTF-8 bytes shows (the bytes 0x80–0x9F as Windows-1252 has them). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const asCp1252 = (text: string) =>
  [...new TextEncoder().encode(text)]
    .map((b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b)))
    .join("");

const vietnameseText = fc
  .array(fc.constantFrom(...(LETTERS + "abcdeghiklmnopqrstuvxy ").split("")), { minLength: 1, maxLength: 30 })
  .map((cs) => cs.join(""));

describe("Vietnamese text that is not Unicode (T12)", () => {
  it("decodes any lower-case TCVN3 text that holds a letter only TCVN3 writes so (property)", () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        const tcvn3 = toTcvn3(text);
        const decoded = fromTcvn3(tcvn3);
        // Texts whose TCVN3 characters are all also Unicode letters ("Mét") are left as they are.
        if (decoded !== undefined) assert.equal(decoded, text);
        // ư, đ, ă, ơ, ạ are "\u00ad", "®", "¨", "¬", "¹": never a Vietnamese letter of Unicode.
        if (/[ưđăơạ]/.test(text)) assert.notEqual(decoded, undefined, tcvn3);
      }),
    );
  });

  it("never changes Unicode text (property)", () => {
    fc.assert(
      fc.property(vietnameseText, (text) => assert.equal(fromTcvn3(text.normalize("NFC")), undefined)),
    );
  });

  it("reads capitals typed with .VnTimeH as capitals", () => {
    assert.equal(fromTcvn3("KÕ HO¹CH C¶I C¸CH HµNH CHÝNH N¡M 2026"), "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026");
    assert.equal(fromTcvn3("§· hoµn thµnh"), "Đã hoàn thành");
    assert.equal(fromTcvn3("TiÕn"), "Tiến");
    assert.equal(fromTcvn3("TÊN ÔNG"), undefined);
  });

  it("recovers UTF-8 read as Windows-1252, and leaves real Windows-1252 text alone (property)", () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        const garbled = asCp1252(text);
        assert.equal(fromUtf8ReadAsCp1252(garbled), garbled === text ? undefined : text);
      }),
    );
    assert.equal(fromUtf8ReadAsCp1252("Café"), undefined);
    assert.equal(fromUtf8ReadAsCp1252("Ä\uf190Ã£ giáº£i quyáº¿t"), "Đã giải quyết");
  });
});
