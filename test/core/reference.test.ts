import { strict as assert } from "node:assert";
import { DEFAULT_FIELDS } from "../../core/reference/fields";
import { matchField, matchUnit } from "../../core/reference/match";
import { DEFAULT_UNITS, unitsForYear } from "../../core/reference/units";

const field = (text: string) => matchField(text, DEFAULT_FIELDS)?.field.number;

describe("reference data", () => {
  it("matches fields by number, roman numeral, code, name and other names", () => {
    assert.equal(field("3"), 3);
    assert.equal(field("VII"), 7);
    assert.equal(field("TTHC"), 3);
    assert.equal(field("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"), 1);
    assert.equal(field("Công tác chỉ đạo, điều hành cải cách hành chính"), 1);
    assert.equal(field("cai cach the che"), 2);
    assert.equal(field("Xây dựng và tổ chức thực hiện văn bản QPPL"), 2);
    assert.equal(field("IV - Cải cách tổ chức, bộ máy"), 4);
    assert.equal(field("Xây dựng nâng cao chất lượng đội ngũ, công chức, viên chức"), 5);
    assert.equal(field("Đổi mới cơ chế tài chính"), 6);
    assert.equal(field("Hiện đại hóa hành chính"), 7);
    assert.equal(field("Lĩnh vực 8: Công tác thông tin, tuyên truyền"), 8);
  });

  it("does not force a field that is not there", () => {
    assert.equal(field("Kiểm tra CCHC"), undefined);
    assert.equal(field("Nhiệm vụ khác"), undefined);
  });

  it("matches units by code or name, forgiving case and diacritics, never fuzzily", () => {
    assert.equal(matchUnit("VP", DEFAULT_UNITS)?.code, "VP");
    assert.equal(matchUnit("van phong so", DEFAULT_UNITS)?.code, "VP");
    assert.equal(matchUnit("Phòng Lao động - Thương binh và Xã hội huyện A", DEFAULT_UNITS)?.code, "HA");
    assert.equal(matchUnit("Phòng LĐTBXH huyện B", DEFAULT_UNITS)?.code, "HB");
    assert.equal(matchUnit("P. Kế hoạch - Tài chính", DEFAULT_UNITS)?.code, "KHTC");
    assert.equal(matchUnit("Phòng LĐ-TB&XH huyện D", DEFAULT_UNITS), undefined);
  });

  it("keeps units per plan year: district offices end with 2025", () => {
    assert.ok(unitsForYear(2021).some((u) => u.kind === "district"));
    assert.ok(!unitsForYear(2026).some((u) => u.kind === "district"));
    assert.equal(unitsForYear(2021).length, 11);
  });
});
