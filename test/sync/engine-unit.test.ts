import { strict as assert } from "node:assert";
import type { CellValue } from "../../core/parse/cell";
import { DamagedStateError, SyncEngine, type SyncOptions } from "../../core/sync/engine";
import { MemoryPort, MemoryServer, MemoryTransport } from "../helpers/fake-sync";

const SHEET = "Kế hoạch";
const ID = 6;
const STATUS = 4;
const NOTES = 5;
const task = (stt: number, content: string, status = "Chưa thực hiện"): CellValue[] => [
  stt,
  content,
  "Văn phòng Sở",
  "Quý II",
  status,
  null,
];
const SECTION_I: CellValue[] = ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"];
const SECTION_II: CellValue[] = ["II", "CẢI CÁCH THỂ CHẾ"];

function planSheet(tasks: { I: string[]; II: string[] }): MemoryPort {
  return new MemoryPort([
    {
      name: SHEET,
      rows: [
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
        ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Ghi chú"],
        SECTION_I,
        ...tasks.I.map((t, i) => task(i + 1, t)),
        SECTION_II,
        ...tasks.II.map((t, i) => task(i + 1, t)),
      ],
    },
  ]);
}

const rowOf = (port: MemoryPort, content: string) => port.rows(SHEET).findIndex((r) => r[1] === content);
const cellOf = (port: MemoryPort, content: string, col: number) =>
  port.rows(SHEET)[rowOf(port, content)]?.[col];
const setCell = (port: MemoryPort, content: string, col: number, value: CellValue) =>
  (port.rows(SHEET)[rowOf(port, content)]![col] = value);
const removeRow = (port: MemoryPort, content: string) => port.rows(SHEET).splice(rowOf(port, content), 1);

describe("sync engine on an in-memory workbook and server: each record decision (issue 9)", () => {
  let server: MemoryServer;
  let A: MemoryPort;
  let B: MemoryPort;
  const sync = (port: MemoryPort, options: SyncOptions = {}) =>
    new SyncEngine(port, new MemoryTransport(server), {
      asOf: "2021-03-31",
      now: new Date("2021-03-31T03:00:00Z"),
      ...options,
    }).run();

  beforeEach(async () => {
    server = new MemoryServer();
    A = planSheet({ I: ["Một", "Hai"], II: ["Ba"] });
    const first = await sync(A);
    assert.equal(first.pushed, 3);
    B = A.copy();
  });

  it("adopts rows under a cchc_id header; a second sync pushes nothing and writes no cell", async () => {
    assert.equal(A.rows(SHEET)[1]![ID], "cchc_id");
    for (const t of ["Một", "Hai", "Ba"]) assert.match(String(cellOf(A, t, ID)), /^[0-9a-f-]{36}$/);
    const again = await sync(A);
    assert.equal(again.pushed, 0);
    assert.equal(again.cellsWritten, 0);
  });

  it("a row unchanged here takes the server's edit", async () => {
    setCell(A, "Một", NOTES, "ghi chú A");
    assert.equal((await sync(A)).pushed, 1);
    const b = await sync(B);
    assert.equal(b.pulled, 1);
    assert.equal(b.pushed, 0);
    assert.equal(cellOf(B, "Một", NOTES), "ghi chú A");
  });

  it("different fields edited on both sides merge; the merged record reaches both", async () => {
    setCell(A, "Hai", NOTES, "ghi chú A");
    setCell(B, "Hai", STATUS, "Đã hoàn thành");
    await sync(A);
    const b = await sync(B);
    assert.equal(b.merged, 1);
    assert.equal(cellOf(B, "Hai", NOTES), "ghi chú A");
    await sync(A);
    assert.equal(cellOf(A, "Hai", STATUS), "Đã hoàn thành");
  });

  it("the same field edited on both sides is a conflict: mine stays until --prefer", async () => {
    setCell(A, "Hai", NOTES, "A nói");
    setCell(B, "Hai", NOTES, "B nói");
    await sync(A);
    const b = await sync(B);
    assert.equal(b.conflicts.length, 1);
    assert.equal(b.conflicts[0]!.field, "notes");
    assert.equal(cellOf(B, "Hai", NOTES), "B nói");
    assert.equal((await sync(B, { prefer: "theirs" })).conflicts.length, 0);
    assert.equal(cellOf(B, "Hai", NOTES), "A nói");
  });

  it("deleted on the server and unchanged here: the row goes", async () => {
    removeRow(A, "Ba");
    assert.equal((await sync(A)).pushed, 1);
    const b = await sync(B);
    assert.equal(b.deleted, 1);
    assert.equal(rowOf(B, "Ba"), -1);
  });

  it("deleted on the server but edited here: a conflict; --prefer mine brings it back", async () => {
    removeRow(A, "Ba");
    await sync(A);
    setCell(B, "Ba", NOTES, "vẫn làm");
    const b = await sync(B);
    assert.deepEqual(
      b.conflicts.map((c) => c.field),
      ["deleted"],
    );
    assert.ok(rowOf(B, "Ba") > 0, "the row stays");
    await sync(B, { prefer: "mine" });
    assert.equal(server.live().length, 3);
  });

  it("deleted here but edited on the server: the row comes back, with a conflict", async () => {
    setCell(A, "Ba", NOTES, "sửa ở A");
    await sync(A);
    removeRow(B, "Ba");
    const b = await sync(B);
    assert.equal(b.inserted, 1);
    assert.deepEqual(
      b.conflicts.map((c) => c.field),
      ["deleted"],
    );
    assert.equal(cellOf(B, "Ba", NOTES), "sửa ở A");
  });

  it("a new task lands in its section, even when that section's last row goes in the same pull", async () => {
    removeRow(A, "Hai");
    A.rows(SHEET).splice(rowOf(A, "Một") + 1, 0, task(2, "Bốn"), task(3, "Năm"));
    assert.equal((await sync(A)).pushed, 3);
    const b = await sync(B);
    assert.equal(b.inserted, 2);
    assert.equal(b.deleted, 1);
    const order = B.rows(SHEET).map((r) => r[1]);
    assert.deepEqual(order.slice(2, 7), [SECTION_I[1], "Một", "Bốn", "Năm", SECTION_II[1]]);
    assert.equal((await sync(B)).pushed, 0, "read back in section I: nothing to push");
  });

  it("a blank copy receives every record with its id under a cchc_id header, and pushes nothing twice", async () => {
    const blank = planSheet({ I: [], II: [] });
    const first = await sync(blank);
    assert.equal(first.inserted, 3);
    assert.equal(first.pushed, 0);
    assert.equal(blank.rows(SHEET)[1]![ID], "cchc_id");
    assert.deepEqual(
      blank.rows(SHEET).map((r) => r[1]),
      A.rows(SHEET).map((r) => r[1]),
    );
    const again = await sync(blank);
    assert.equal(again.pushed + again.inserted + again.deleted, 0);
  });

  it("a row whose id was lost, holding its record's synced values, gets that id back", async () => {
    const id = cellOf(A, "Một", ID);
    setCell(A, "Một", ID, null);
    const res = await sync(A);
    assert.equal(res.pushed, 0);
    assert.equal(cellOf(A, "Một", ID), id);
  });

  it("rows with ids but no state are linked to the server's records, never created", async () => {
    const lost = new MemoryPort(A.copy().sheets); // the state sheet is gone
    const before = JSON.stringify([...server.records.values()]);
    const res = await sync(lost);
    assert.equal(res.pushed, 0);
    assert.equal(res.conflicts.length, 0);
    assert.equal(res.inserted + res.deleted, 0);
    assert.equal(JSON.stringify([...server.records.values()]), before);
    assert.equal((await sync(lost)).pushed, 0);
  });

  it("a row with no base that differs from the server is a conflict per field, not a guess", async () => {
    setCell(A, "Một", NOTES, "trên máy chủ");
    removeRow(A, "Ba");
    await sync(A);
    const lost = new MemoryPort(B.copy().sheets);
    setCell(lost, "Hai", STATUS, "Đã hoàn thành");
    const res = await sync(lost);
    assert.deepEqual(res.conflicts.map((c) => c.field).sort(), ["deleted", "notes", "status", "statusText"]);
    assert.equal(cellOf(lost, "Một", NOTES), null, "mine stays until chosen");
    assert.equal(server.live().length, 2, "nothing created");
    await sync(lost, { prefer: "theirs" });
    assert.equal(cellOf(lost, "Một", NOTES), "trên máy chủ");
    assert.equal(rowOf(lost, "Ba"), -1);
    assert.equal(server.live().find((r) => r.data.content === "Hai")?.data.status, "not-started");
  });

  it("a damaged state stops before any write; resetting it re-links by id", async () => {
    const damaged = A.copy();
    const packed = damaged.stateCells![1]!; // the state text deflated, in base64: one character changed
    damaged.stateCells = [
      damaged.stateCells![0]!,
      packed.slice(0, 40) + (packed[40] === "A" ? "B" : "A") + packed.slice(41),
    ];
    await assert.rejects(sync(damaged), DamagedStateError);
    assert.equal(damaged.writes.length, 0);
    const res = await sync(damaged, { resetState: true });
    assert.equal(res.pushed, 0);
    assert.equal(res.conflicts.length, 0);
    assert.equal((await sync(damaged)).pushed, 0);
  });

  it("a row with no base naming another unit: a conflict; --prefer mine moves the record, never copies it", async () => {
    const lost = new MemoryPort(A.copy().sheets);
    setCell(lost, "Ba", 2, "Phòng Người có công");
    const res = await sync(lost);
    assert.ok(res.conflicts.some((c) => c.field === "leadUnit"));
    assert.equal(server.live().length, 3);
    await sync(lost, { prefer: "mine" });
    const ba = server.live().filter((r) => r.data.content === "Ba");
    assert.equal(ba.length, 1, "one live copy");
    assert.equal(ba[0]!.unit, "NCC");
    assert.equal((await sync(lost)).pushed, 0);
  });
});
