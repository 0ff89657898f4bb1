import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { CellValue } from "../../core/parse/cell";
import { relinkDetachedIds, type IdentifiedRow, type KnownRecords } from "../../core/sync/detached-ids";
import { SyncSetupError } from "../../core/sync/sync-errors";
import { HttpTransport } from "../../core/sync/transport";
import { engineAsCoordinator } from "../helpers/sync";
import { MemoryPort } from "../helpers/fake-sync";
import { REGISTER_HEADER, REGISTER_SHEET } from "../helpers/register";
import { serverWithCoordinator } from "../helpers/server";

const SHEET = REGISTER_SHEET;
const day = (d: number) => new Date(Date.UTC(2021, 2, d));
const dossier = (n: number): CellValue[] => [
  n,
  `HS-${n}`,
  `Thủ tục ${n}`,
  "Việc làm",
  "VP",
  day(n),
  day(n + 7),
];
const WIDTH = REGISTER_HEADER.length;

/**
 * Sorts the first `order.length` rows under the header by `order`, in the visible columns only:
 * the hidden id column (after them) stays. (Rows pulled from the other tests' records follow them.)
 */
function sortVisibleOnly(port: MemoryPort, order: number[]): void {
  const rows = port.rows(SHEET);
  const body = rows.slice(2, 2 + order.length);
  const visible = order.map((i) => body[i]!.slice(0, WIDTH));
  body.forEach((r, i) => r.splice(0, WIDTH, ...visible[i]!));
}

const codesAndIds = (port: MemoryPort) =>
  port
    .rows(SHEET)
    .slice(2)
    .map((r) => [r[1], r[WIDTH]]);

/**
 * A register that is an Excel Table (or has an autofilter) ending before the hidden id column the
 * sync added: sorting it with its filter buttons sorts only the visible columns, and each id stays
 * on the row where it was. The next sync pushed every moved row as an edit of another record.
 */
describe("a register sorted without its hidden id column", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("re-links each row to the record it holds, pushes nothing, and says so", async () => {
    const port = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
          [...REGISTER_HEADER],
          dossier(1),
          dossier(2),
          dossier(3),
          dossier(4),
        ],
      },
    ]);
    await sync(port);
    const linked = new Map(codesAndIds(port).map(([code, id]) => [code, id]));
    sortVisibleOnly(port, [3, 2, 1, 0]); // newest first
    const report = await sync(port);
    assert.equal(report.pushed, 0, "no record was changed");
    assert.match(report.notices.map((n) => n.en).join("\n"), /4 rows had hidden ids .* re-linked/);
    for (const [code, id] of codesAndIds(port)) assert.equal(id, linked.get(code), `row of ${String(code)}`);
    const stats = await new HttpTransport(suite.server.url, suite.token).stats({
      year: 2021,
      asOf: "2021-03-31",
    });
    assert.equal(stats.dossiers.received.total, 4);
  });

  it("a row also edited after the sort keeps its record and pushes only that edit", async () => {
    const port = new MemoryPort([
      {
        name: SHEET,
        rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...REGISTER_HEADER], dossier(5), dossier(6), dossier(7)],
      },
    ]);
    await sync(port);
    const linked = new Map(codesAndIds(port).map(([code, id]) => [code, id]));
    sortVisibleOnly(port, [2, 0, 1]);
    port.rows(SHEET)[3]![2] = "Thủ tục 5 (sửa)"; // HS-5, now on the second row, edited
    const report = await sync(port);
    assert.equal(report.pushed, 1);
    for (const [code, id] of codesAndIds(port)) assert.equal(id, linked.get(code), `row of ${String(code)}`);
  });

  it("sorted, then a column cleared: each row keeps its record and pushes only the cleared cell (T10)", async () => {
    const port = new MemoryPort([
      {
        name: SHEET,
        rows: [["SỔ THEO DÕI HỒ SƠ - NĂM 2021"], [...REGISTER_HEADER], dossier(12), dossier(13), dossier(14)],
      },
    ]);
    await sync(port);
    const linked = new Map(codesAndIds(port).map(([code, id]) => [code, id]));
    sortVisibleOnly(port, [1, 2, 0]);
    for (const r of port.rows(SHEET).slice(2, 5)) r[3] = null; // "Lĩnh vực" cleared
    const report = await sync(port);
    assert.deepEqual(report.errors, []);
    for (const [code, id] of codesAndIds(port)) assert.equal(id, linked.get(code), `row of ${String(code)}`);
    assert.equal(report.pushed, 3, "the three cleared cells, each on its own record");
  });

  it("rows that cannot be told apart stop the sync before anything is written", async () => {
    const port = new MemoryPort([
      {
        name: SHEET,
        rows: [
          ["SỔ THEO DÕI HỒ SƠ - NĂM 2021"],
          [...REGISTER_HEADER],
          dossier(8),
          dossier(9),
          dossier(10),
          dossier(11),
        ],
      },
    ]);
    await sync(port);
    sortVisibleOnly(port, [3, 2, 1, 0]);
    port.rows(SHEET)[2]![2] = "sửa 1";
    port.rows(SHEET)[3]![2] = "sửa 2";
    const writes = port.writes.length;
    await assert.rejects(
      sync(port),
      (e: unknown) => e instanceof SyncSetupError && /cchc_id/.test(e.message),
    );
    assert.equal(port.writes.length, writes, "nothing was written");
  });
});

describe("relinkDetachedIds", () => {
  it("undoes any permutation of rows and section headings: each record row gets its record's id, each stray id a row", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (records, headings, seed) => {
          // Slots in the original order: a heading first, the records after (ids on record slots only).
          const slots = [
            ...Array.from({ length: headings }, (_, h) => ({ heading: h })),
            ...Array.from({ length: records }, (_, i) => ({ record: i })),
          ];
          const order = slots.map((_, i) => i);
          for (let i = order.length - 1, x = seed; i > 0; i--) {
            x = (x * 1103515245 + 12345) | 0;
            const j = Math.abs(x) % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const known: KnownRecords = {};
          const data = (i: number) => ({ content: `Nhiệm vụ ${i}`, leadUnit: "VP" });
          for (let i = 0; i < records; i++) known[`t${i}`] = { kind: "task", base: data(i) };
          const idAt = (slot: number) => {
            const s = slots[slot]!;
            return "record" in s ? `t${s.record}` : undefined;
          };
          const rows: IdentifiedRow[] = [];
          const stray: string[] = [];
          order.forEach((from, at) => {
            const s = slots[from]!;
            if ("record" in s)
              rows.push({ kind: "task", syncId: idAt(at), data: data(s.record), sheet: "S", row: at + 3 });
            else if (idAt(at)) stray.push(idAt(at)!);
          });
          const r = relinkDetachedIds(rows, known, stray);
          const ids = rows.map((row, i) =>
            r.kind === "relinked" ? (r.ids.get(i) ?? row.syncId) : row.syncId,
          );
          rows.forEach((row, i) => assert.equal(ids[i], `t${/\d+$/.exec(row.data.content as string)![0]}`));
          if (r.kind === "relinked") assert.deepEqual([...r.unstrayed].sort(), [...stray].sort());
          else assert.deepEqual(stray, []);
        },
      ),
    );
  });

  it("undoes any permutation of unedited rows, and leaves rows in place alone", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            ),
          ),
        ([n, order]) => {
          const known: KnownRecords = {};
          const data = (i: number) => ({ code: `C${i}`, procedure: `P${i}` });
          for (let i = 0; i < n; i++) known[`id${i}`] = { kind: "dossier", base: data(i) };
          const rows: IdentifiedRow[] = order.map((from, i) => ({
            kind: "dossier",
            syncId: `id${i}`,
            data: data(from),
            sheet: "S",
            row: i + 3,
          }));
          const r = relinkDetachedIds(rows, known);
          const moved = order.filter((from, i) => from !== i).length;
          if (moved === 0) return assert.equal(r.kind, "none");
          assert.equal(r.kind, "relinked");
          if (r.kind !== "relinked") return;
          assert.equal(r.ids.size, moved);
          for (const [i, id] of r.ids) assert.equal(id, `id${order[i]}`);
        },
      ),
    );
  });
});

const PLAN = "Kế hoạch";
const PLAN_WIDTH = 5;
const planRows = (): CellValue[][] => [
  ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021"],
  ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ"],
  ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", null, null, null],
  [1, "Ban hành kế hoạch CCHC", "Văn phòng", "Quý I", "Đã hoàn thành"],
  [2, "Kiểm tra CCHC", "Thanh tra", "Quý IV", "Chưa thực hiện"],
  ["II", "CẢI CÁCH THỂ CHẾ", null, null, null],
  [3, "Rà soát văn bản", "Pháp chế", "Quý II", "Đang thực hiện"],
  [4, "Kiểm tra văn bản", "Pháp chế", "Quý III", "Chưa thực hiện"],
];

/** Sorts the plan's rows under the header by "Tiến độ" (blanks last, as Excel does), visible columns only. */
function sortPlanByStatus(port: MemoryPort): void {
  const body = port.rows(PLAN).slice(2);
  const visible = body.map((r) => r.slice(0, PLAN_WIDTH));
  const status = (r: CellValue[]) => (typeof r[4] === "string" ? r[4] : "\uffff");
  visible.sort((a, b) => status(a).localeCompare(status(b), "vi"));
  body.forEach((r, i) => r.splice(0, PLAN_WIDTH, ...visible[i]!));
}

const idsByContent = (port: MemoryPort) =>
  new Map(
    port
      .rows(PLAN)
      .slice(2)
      .filter((r) => typeof r[0] === "number")
      .map((r) => [r[1], r[PLAN_WIDTH]]),
  );

/**
 * A plan with section rows ("I. …") sorted by status with its filter buttons, the id column left
 * out: the section rows (blank status) go to the bottom, taking ids with them, and tasks land on
 * rows that had none. Those tasks became new records (the server then held them twice) and the
 * section rows stopped the sync as "a synced task reading as a heading" (T10).
 */
describe("a plan with section rows sorted without its hidden id column", function () {
  this.timeout(60_000);
  const suite = serverWithCoordinator();
  const sync = engineAsCoordinator(suite);

  it("each task keeps its record, the section rows lose the ids, and nothing is duplicated", async () => {
    const port = new MemoryPort([{ name: PLAN, rows: planRows() }]);
    await sync(port);
    const linked = idsByContent(port);
    assert.equal(linked.size, 4);
    sortPlanByStatus(port);
    const report = await sync(port);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(idsByContent(port), linked, "each task row has its record's id");
    for (const r of port.rows(PLAN).slice(2))
      if (typeof r[0] === "string") assert.ok(!r[PLAN_WIDTH], `section ${String(r[0])} holds no id`);
    const stats = await new HttpTransport(suite.server.url, suite.token).stats({
      year: 2021,
      asOf: "2021-03-31",
    });
    assert.equal(stats.tasks.total, 4, "no task twice");
  });
});
