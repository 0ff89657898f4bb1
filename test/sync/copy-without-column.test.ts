import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { serverWithCoordinator } from "../helpers/server";
import { FULL_REGISTER_HEADER, REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";

const SHEET = "Kế hoạch CCHC 2021";
const TITLE: CellValue[] = ["KẾ HOẠCH CCHC NĂM 2021"];
const FULL: CellValue[] = [
  "STT",
  "Nội dung nhiệm vụ",
  "Đơn vị chủ trì",
  "Thời gian hoàn thành",
  "Tiến độ",
  "Ngày hoàn thành",
  "Sản phẩm",
  "Ghi chú",
];
const SECTION: CellValue[] = ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"];
const day = (m: number, d: number) => new Date(Date.UTC(2021, m - 1, d));

/**
 * Found by hand (/work/notes/t4-findings.md, E16): departments' plans differ in columns. A colleague's
 * plan without "Ngày hoàn thành", "Sản phẩm" and "Ghi chú" pulled a task done on 15/03/2021; its next
 * sync (nothing edited) pushed the task without them, and the owner's next sync cleared the owner's
 * completion date, output and notes. The same for a register without result date, channel or notes.
 */
describe("a colleague's copy whose plan or register has fewer columns", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);
  const rowOf = (port: MemoryPort, sheet: string, col: number, text: string) =>
    port.rows(sheet).find((r) => r[col] === text)!;

  it("pushes nothing of what it cannot show, and the owner's cells are not cleared", async () => {
    const task = [1, "Ban hành kế hoạch", "VP", "Quý I", "Hoàn thành", day(3, 15), "Kế hoạch", "đã ký"];
    const owner = new MemoryPort([{ name: SHEET, rows: [TITLE, FULL, SECTION, [...task]] }]);
    assert.equal((await sync(owner)).pushed, 1);
    for (const header of [FULL.slice(0, 5), FULL.slice(0, 4)]) {
      // without completion date, output and notes; then without the status column too
      const copy = new MemoryPort([{ name: SHEET, rows: [TITLE, header, SECTION] }]);
      assert.equal((await sync(copy)).pulled, 1);
      assert.equal((await sync(copy)).pushed, 0, `${header.length} columns: the copy pushed`);
    }
    assert.equal((await sync(owner)).pulled, 0);
    assert.deepEqual(rowOf(owner, SHEET, 1, "Ban hành kế hoạch").slice(0, 8), task);
  });

  it("still sends what it changes in the columns it has, and the rest stays", async () => {
    const task = [2, "Rà soát văn bản", "VP", "Quý II", "Đang thực hiện", null, "Báo cáo", "ưu tiên"];
    const owner = new MemoryPort([{ name: SHEET, rows: [TITLE, FULL, SECTION, [...task]] }]);
    await sync(owner);
    const copy = new MemoryPort([{ name: SHEET, rows: [TITLE, FULL.slice(0, 5), SECTION] }]);
    await sync(copy);
    const row = copy.rows(SHEET).findIndex((r) => r[1] === "Rà soát văn bản");
    copy.rows(SHEET)[row]![3] = "Quý III";
    assert.equal((await sync(copy)).pushed, 1);
    await sync(owner);
    assert.deepEqual(rowOf(owner, SHEET, 1, "Rà soát văn bản").slice(0, 8), [
      2,
      "Rà soát văn bản",
      "VP",
      "Quý III",
      "Đang thực hiện",
      null,
      "Báo cáo",
      "ưu tiên",
    ]);
  });

  it("sends the removal the user asked for: a column corrected to “not read” (--map) no longer holds its field", async () => {
    const task = [3, "Kiểm tra CCHC", "VP", "Quý III", "Hoàn thành", day(3, 20), "Báo cáo", null];
    const owner = new MemoryPort([{ name: SHEET, rows: [TITLE, FULL, SECTION, [...task]] }]);
    await sync(owner);
    // "Ngày hoàn thành" (F) is not the completion date in this workbook, the user says.
    const corrected = await new SyncEngine(owner, new HttpTransport(suite.server.url, suite.token), {
      asOf: "2021-03-31",
      mappingOverrides: { sheets: { [SHEET]: { columns: { F: "none" } } } },
    }).run();
    assert.ok(
      corrected.pushed >= 1,
      "the removal is sent (with those of the tasks pulled from the tests above)",
    );
    const copy = new MemoryPort([{ name: SHEET, rows: [TITLE, FULL, SECTION] }]);
    await sync(copy);
    assert.equal(rowOf(copy, SHEET, 1, "Kiểm tra CCHC")[5], null, "the server's task has no completion date");
  });

  it("(a register) keeps the result date, channel, status and notes it has no column for", async () => {
    const dossier = [
      1,
      "CW-1",
      "Cấp giấy phép",
      "Việc làm",
      "VP",
      "Trực tuyến",
      day(1, 4),
      day(1, 11),
      day(1, 8),
      "Đã giải quyết",
      "trả sớm",
    ];
    const owner = new MemoryPort([
      {
        name: REGISTER_SHEET,
        rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...FULL_REGISTER_HEADER], [...dossier]],
      },
    ]);
    assert.equal((await sync(owner)).pushed, 1);
    const copy = new MemoryPort([
      { name: REGISTER_SHEET, rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...REGISTER_HEADER]] },
    ]);
    await sync(copy);
    assert.ok(rowOf(copy, REGISTER_SHEET, 1, "CW-1"), "the copy has the dossier");
    assert.equal((await sync(copy)).pushed, 0);
    assert.equal((await sync(owner)).pulled, 0);
    assert.deepEqual(rowOf(owner, REGISTER_SHEET, 1, "CW-1").slice(0, 11), dossier);
  });
});
