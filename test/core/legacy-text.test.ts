import { strict as assert } from "node:assert";
import fc from "fast-check";
import { fromTcvn3, fromUtf8ReadAsCp1252, fromVni } from "../../core/parse/legacy-text";

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

/** Unicode → VNI-Windows, as "VNI-Times" types it (the fixture script's rule, make-portal-workbooks.py). */
const VNI_TONES: Record<string, [plain: string, hat: string, breve: string]> = {
  "\u0301": ["ù", "á", "é"],
  "\u0300": ["ø", "à", "è"],
  "\u0309": ["û", "å", "ú"],
  "\u0303": ["õ", "ã", "ü"],
  "\u0323": ["ï", "ä", "ë"],
};
const VNI_ALONE: Record<string, string> = {
  đ: "ñ",
  ơ: "ô",
  ư: "ö",
  ỉ: "æ",
  ĩ: "ó",
  ị: "ò",
  ỵ: "î",
  í: "í",
  ì: "ì",
};
function vniLetter(ch: string): string {
  const low = ch.toLowerCase();
  let out: string;
  if (VNI_ALONE[low] !== undefined) out = VNI_ALONE[low];
  else {
    const [base, ...marks] = [...low.normalize("NFD")];
    const tone = marks.find((m) => VNI_TONES[m] !== undefined);
    const t = tone === undefined ? undefined : VNI_TONES[tone]!;
    if (marks.includes("\u031b")) out = (base === "o" ? "ô" : "ö") + (t?.[0] ?? "");
    else if (marks.includes("\u0302")) out = base + (t?.[1] ?? "â");
    else if (marks.includes("\u0306")) out = base + (t?.[2] ?? "ê");
    else out = base + (t?.[0] ?? "");
  }
  return ch === low ? out : out.toUpperCase();
}
const toVni = (text: string) => [...text].map((ch) => (ch.charCodeAt(0) > 127 ? vniLetter(ch) : ch)).join("");

/** Letters whose VNI form no Unicode text holds ("ạ" = "aï", "đ" = "ñ", "á" = "aù"). */
const SURE = /[ạặậẹệọộợụựỵảẳẩẻểỏổởủửỷỉđưàèòùỳầềằờừãõũẽễẵữỹẫáéóúýấếắứâêôăớỡ]/i;

/** Words of the domain, in Unicode: none may read as VNI (a pulled row written into a VNI sheet). */
const WORDS =
  "Đã hoàn thành Hoàn thành Tháng Quý Hòa hoá tuân màu quá Thường xuyên Chưa thực hiện Đang thực hiện Văn phòng Sở Phòng Người có công Cải cách thủ tục hành chính Trực tuyến Trực tiếp Bưu chính Rút hồ sơ Trả lại Chờ bổ sung Công bố danh mục Tuyên truyền Báo cáo năm Kiểm tra Hướng dẫn Tài chính công Chính quyền số Thể chế Lao động Việc làm Bảo trợ xã hội Điều dưỡng Trung tâm Dịch vụ Kế hoạch Tổ chức bộ máy Công vụ Thông tin".split(
    " ",
  );

describe("VNI-Windows text (T12)", () => {
  it("decodes any text of the domain's words typed in VNI, capitals too (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (words, caps) => {
          const text = caps ? words.join(" ").toUpperCase() : words.join(" ");
          const vni = toVni(text);
          const decoded = fromVni(vni);
          if (decoded !== undefined) assert.equal(decoded, text, vni);
          // A letter whose VNI form is a sure sign (not "ố" = "oá", as in Unicode "hoá") decodes the text.
          if (SURE.test(text)) assert.equal(decoded, text, vni);
        },
      ),
    );
    assert.equal(fromVni("Noäi dung nhieäm vuï"), "Nội dung nhiệm vụ");
    assert.equal(fromVni("Quyù IV/2026"), "Quý IV/2026");
    assert.equal(fromVni("Thaùng 6/2026"), "Tháng 6/2026");
  });

  it("never changes the domain's words written in Unicode (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }), (words) =>
        assert.equal(fromVni(words.join(" ")), undefined),
      ),
    );
  });
});
