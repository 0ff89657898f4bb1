/**
 * A 5,000-row register synced from Excel (the Excel adapter on the fake Excel API, which refuses
 * any request or response over 5 MB as Excel on the web does): the context.sync round trips stay
 * bounded by the data's size in blocks, not by its rows.
 */
import { strict as assert } from "node:assert";
import { ExcelPort } from "../../addin/excel";
import { SyncEngine } from "../../core/sync/engine";
import { HttpTransport } from "../../core/sync/transport";
import { serverWithCoordinator } from "../helpers/server";
import { FULL_REGISTER_HEADER } from "../helpers/register";
import { FakeExcel, PAYLOAD_LIMIT } from "./fake-excel/fake-excel";
import { FakeWorkbook, type Raw, type SheetSeed } from "./fake-excel/model";

const ROWS = 5_000;
const SHEET = "Sổ hồ sơ 2021";
const HEADER = [...FULL_REGISTER_HEADER];
/** 2021-01-04 as Excel's serial number. */
const JAN4 = 44200;

function register(
  rows: number,
  note = (i: number) => `Ghi chú số ${i}: hồ sơ đầy đủ, trả kết quả qua bưu điện`,
): SheetSeed {
  const row = (i: number): Raw[] => [
    i + 1,
    `000.25.40.H40-2101-${String(i).padStart(5, "0")}`,
    "Cấp giấy phép hoạt động giới thiệu việc làm cho doanh nghiệp",
    "Việc làm",
    "Phòng Lao động - Việc làm",
    i % 3 === 0 ? "Trực tuyến" : "Trực tiếp",
    JAN4 + (i % 200),
    JAN4 + (i % 200) + 10,
    JAN4 + (i % 200) + 8,
    "Đã giải quyết",
    note(i),
  ];
  return { name: SHEET, rows: [HEADER, ...Array.from({ length: rows }, (_, i) => row(i))] };
}

describe(`a ${ROWS.toLocaleString("en")}-row register synced from Excel: bounded round trips, each under 5 MB`, function () {
  this.timeout(300_000);
  const suite = serverWithCoordinator();
  const sync = (excel: FakeExcel) =>
    new SyncEngine(
      new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported }),
      new HttpTransport(suite.server.url, suite.token),
      { asOf: "2021-06-30" },
    ).run();

  it("pushes 5,000 rows, then a colleague's empty register pulls them, then a sync with nothing to do", async () => {
    const a = new FakeExcel(FakeWorkbook.from([register(ROWS)]));
    const first = await sync(a);
    assert.deepEqual(first.errors, []);
    assert.equal(first.pushed, ROWS);
    const pushSyncs = a.syncs;
    console.log(
      `      first sync (push ${ROWS}): ${pushSyncs} context.sync, max request ${a.maxRequest()} B, max response ${a.maxResponse()} B`,
    );
    assert.ok(a.maxRequest() < PAYLOAD_LIMIT && a.maxResponse() < PAYLOAD_LIMIT);

    const b = new FakeExcel(FakeWorkbook.from([register(0)]));
    const pull = await sync(b);
    assert.equal(pull.inserted, ROWS);
    console.log(
      `      colleague's pull (${ROWS} new rows): ${b.syncs} context.sync, max request ${b.maxRequest()} B, max response ${b.maxResponse()} B`,
    );
    assert.ok(b.maxRequest() < PAYLOAD_LIMIT && b.maxResponse() < PAYLOAD_LIMIT);
    assert.equal(
      b.workbook.get(SHEET).value(ROWS, 1),
      `000.25.40.H40-2101-${String(ROWS - 1).padStart(5, "0")}`,
    );

    a.resetCounters();
    const again = await sync(a);
    assert.equal(again.pushed + again.pulled + again.cellsWritten, 0);
    console.log(`      no-change sync: ${a.syncs} context.sync`);
    assert.ok(pushSyncs <= 12 && b.syncs <= 10 && a.syncs <= 6, `${pushSyncs} / ${b.syncs} / ${a.syncs}`);
  });

  it("a pull of 5,000 rows with 1,500-character notes (about 10 MB of text) is written in requests under 5 MB, and so is their rewrite", async () => {
    const long = (i: number) =>
      `Hồ sơ ${i}: ${"bổ sung giấy tờ theo hướng dẫn, ".repeat(48)}`.slice(0, 1500).trimEnd();
    const code = (i: number) => `LONG-${i}`;
    const seed = register(ROWS, long);
    seed.name = "Sổ hồ sơ dài 2021";
    for (let i = 0; i < ROWS; i++) seed.rows![i + 1]![1] = code(i);
    const a = new FakeExcel(FakeWorkbook.from([seed]));
    const first = await sync(a);
    assert.deepEqual(first.errors, []);
    assert.equal(first.pushed, ROWS);
    const empty = register(0);
    empty.name = "Sổ hồ sơ dài 2021";
    const b = new FakeExcel(FakeWorkbook.from([empty]));
    const pull = await sync(b);
    assert.ok(pull.inserted >= ROWS, `${pull.inserted}`);
    const big = b.batches.filter((x) => x.request > 1_000_000).length;
    console.log(
      `      pull of ${ROWS} long rows: ${b.syncs} context.sync, ${big} over 1 MB, max request ${b.maxRequest()} B`,
    );
    assert.ok(big >= 2, "the write is split into several requests");
    assert.ok(b.maxRequest() < PAYLOAD_LIMIT);
    const sheet = b.workbook.get("Sổ hồ sơ dài 2021");
    const last = sheet.rows.findIndex((r) => r?.[1]?.v === code(ROWS - 1));
    assert.ok(sheet.value(last, 10) === long(ROWS - 1), "the last row's note arrived whole");

    // A colleague then rewrites every note: B's pull writes one column of 5,000 long cells.
    const rewritten = (i: number) => `Đã bổ sung (${i}) — ${long(i)}`.slice(0, 1500).trimEnd();
    const aSheet = a.workbook.get("Sổ hồ sơ dài 2021");
    for (let i = 0; i < ROWS; i++) aSheet.at(i + 1, 10).v = rewritten(i);
    assert.equal((await sync(a)).pushed, ROWS);
    b.resetCounters();
    const update = await sync(b);
    assert.equal(update.pulled, ROWS);
    console.log(
      `      pull of ${ROWS} rewritten long notes: ${b.syncs} context.sync, max request ${b.maxRequest()} B`,
    );
    assert.ok(b.maxRequest() < PAYLOAD_LIMIT);
    assert.ok(sheet.value(last, 10) === rewritten(ROWS - 1), "the last row's new note arrived whole");
  });
});
