import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { parseDeadlineText } from "../../core/parse/deadline";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = "Kế hoạch CCHC 2021";
const TITLE: CellValue[] = ["KẾ HOẠCH CCHC NĂM 2021"];
const HEADER: CellValue[] = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"];
const SECTION: CellValue[] = ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"];

/**
 * Found by hand (/work/notes/t4-findings.md, E11): a deadline written "Trước Quý II/2021" (or "Chậm
 * nhất tháng 6/2021", "Trước 30/6") was kept as the folded rest of the text, "quy ii/2021": a
 * colleague's copy showed that, lower case and without diacritics, in place of what the owner wrote.
 */
describe("a deadline written with “Trước …” / “Chậm nhất …”", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("reaches a colleague's copy as written, and neither copy pushes anything back", async () => {
    const texts = ["Trước Quý II/2021", "Chậm nhất tháng 6/2021", "Trước 30/6"];
    const owner = new MemoryPort([
      {
        name: SHEET,
        rows: [TITLE, HEADER, SECTION, ...texts.map((t, i) => [i + 1, `Nhiệm vụ ${i}`, "VP", t, null])],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 3);
    const copy = new MemoryPort([{ name: SHEET, rows: [TITLE, HEADER, SECTION] }]);
    await sync(copy);
    const rows = copy.rows(SHEET);
    assert.deepEqual(
      texts.map((_, i) => rows.find((r) => r[1] === `Nhiệm vụ ${i}`)?.[3]),
      texts,
    );
    assert.equal((await sync(copy)).pushed, 0);
    assert.equal((await sync(owner)).pushed, 0);
  });

  it("keeps the cell's text for any deadline after such a word, with the date of what follows", () => {
    const prefixes = ["Trước", "Trước ngày", "Chậm nhất", "Hạn chót", "Hoàn thành trước"];
    const inner = ["Quý II/2021", "Tháng 6/2021", "30/6/2021", "30/6", "6 tháng đầu năm"];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.constantFrom(...inner), (p, d) => {
        const reading = parseDeadlineText(`${p} ${d}`, 2021);
        const plain = parseDeadlineText(d, 2021);
        assert.ok(reading.ok && plain.ok);
        assert.equal(reading.deadline.text, `${p} ${d}`);
        assert.equal(reading.deadline.due, plain.deadline.due);
      }),
    );
  });
});
